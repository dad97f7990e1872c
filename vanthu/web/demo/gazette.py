"""Demo documents that carry a real PDF: the Official Gazette copies in ``data/gazette/`` of the shared directory.

Each PDF is a central-government document (Nghị định, Thông tư…). In the demo a provincial department sends it
on to UBND tỉnh with a công văn asking to implement it ("Triển khai thực hiện …"), or, for an older one, with a
report on its implementation; the Gazette copy is the attachment. Number, date, issuer and abstract of each
PDF were read from its first page (the date of 372/QĐ-BTC is left blank in the original).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class GazetteDoc:
    file: str
    type_name: str
    code: str  # số, ký hiệu of the attached document
    issued: date | None
    issuer: str
    abstract: str  # of the attached document, lower-case first letter
    pages: int
    sender: str  # abbreviation of the provincial department that forwards it
    unit: str  # unit of the Văn phòng that handles it


_BLD = "Bộ Lao động - Thương binh và Xã hội"
_CP = "Chính phủ"
_BTC = "Bộ Tài chính"
_BKH = "Bộ Kế hoạch và Đầu tư"

GAZETTE: tuple[GazetteDoc, ...] = (
    GazetteDoc("thong-tu-so-03-2023-tt-bldtbxh-39601.pdf", "Thông tư", "03/2023/TT-BLĐTBXH", date(2023, 5, 31), _BLD, "sửa đổi, bổ sung một số điều của Thông tư số 17/2022/TT-BLĐTBXH hướng dẫn thực hiện một số nội dung về giáo dục nghề nghiệp và giải quyết việc làm cho người lao động tại các tiểu dự án thuộc 03 chương trình mục tiêu quốc gia giai đoạn 2021 - 2025", 4, "SLĐTBXH", "VX"),
    GazetteDoc("quyet-dinh-so-798-qd-ttg-469485.pdf", "Quyết định", "798/QĐ-TTg", date(2026, 5, 5), "Thủ tướng Chính phủ", "kiện toàn Ban Chỉ đạo Trung ương về cải cách chính sách tiền lương, bảo hiểm xã hội và ưu đãi người có công", 4, "SNV", "NC"),
    GazetteDoc("thong-tu-so-18-2022-tt-bldtbxh-37982.pdf", "Thông tư", "18/2022/TT-BLĐTBXH", date(2022, 9, 30), _BLD, "bãi bỏ văn bản quy phạm pháp luật do Bộ trưởng Bộ Lao động - Thương binh và Xã hội ban hành, liên tịch ban hành", 8, "SLĐTBXH", "VX"),
    GazetteDoc("thong-tu-so-39-2026-tt-btc-469256.pdf", "Thông tư", "39/2026/TT-BTC", date(2026, 3, 31), _BTC, "quy định mức thu, chế độ thu, nộp phí, lệ phí áp dụng tại cảng, bến thủy nội địa", 6, "STC", "KT"),
    GazetteDoc("thong-tu-so-06-2021-tt-bldtbxh-34037.pdf", "Thông tư", "06/2021/TT-BLĐTBXH", date(2021, 7, 7), _BLD, "sửa đổi, bổ sung một số điều của Thông tư số 59/2015/TT-BLĐTBXH quy định chi tiết và hướng dẫn thi hành một số điều của Luật Bảo hiểm xã hội về bảo hiểm xã hội bắt buộc", 18, "SLĐTBXH", "VX"),
    GazetteDoc("nghi-dinh-so-155-2026-nd-cp-469547.pdf", "Nghị định", "155/2026/NĐ-CP", date(2026, 5, 15), _CP, "sửa đổi, bổ sung một số điều của Nghị định số 124/2020/NĐ-CP quy định chi tiết một số điều và biện pháp thi hành Luật Khiếu nại", 23, "TTT", "NC"),
    GazetteDoc("nghi-dinh-so-125-2026-nd-cp-469327.pdf", "Nghị định", "125/2026/NĐ-CP", date(2026, 4, 6), _CP, "quy định về hoạt động khoa học, công nghệ và đổi mới sáng tạo trong cơ sở giáo dục đại học", 31, "SKHCN", "VX"),
    GazetteDoc("thong-tu-so-33-2026-tt-btc-469255.pdf", "Thông tư", "33/2026/TT-BTC", date(2026, 3, 30), _BTC, "quy định về chế độ tài chính của Bảo hiểm tiền gửi Việt Nam", 18, "STC", "KT"),
    GazetteDoc("nghi-dinh-so-129-2026-nd-cp-469329.pdf", "Nghị định", "129/2026/NĐ-CP", date(2026, 4, 6), _CP, "quy định về quản lý, sử dụng ngân sách nhà nước đối với một số hoạt động đối ngoại", 13, "STC", "KT"),
    GazetteDoc("thong-tu-so-18-2021-tt-bldtbxh-36338.pdf", "Thông tư", "18/2021/TT-BLĐTBXH", date(2021, 12, 15), _BLD, "quy định về thời giờ làm việc, thời giờ nghỉ ngơi đối với người lao động làm các công việc sản xuất có tính thời vụ, công việc gia công theo đơn đặt hàng", 14, "SLĐTBXH", "VX"),
    GazetteDoc("thong-tu-so-02-2026-tt-btc-468745.pdf", "Thông tư", "02/2026/TT-BTC", date(2026, 1, 1), _BTC, "bãi bỏ Thông tư liên tịch số 72/2011/TTLT-BTC-BGTVT hướng dẫn cơ chế quản lý tài chính đào tạo lái xe cơ giới đường bộ", 2, "STC", "KT"),
    GazetteDoc("thong-tu-so-30-2022-tt-bldtbxh-38457.pdf", "Thông tư", "30/2022/TT-BLĐTBXH", date(2022, 12, 28), _BLD, "quy định mã số và tiêu chuẩn chức danh nghề nghiệp viên chức chuyên ngành kiểm định kỹ thuật an toàn lao động", 10, "SNV", "NC"),
    GazetteDoc("thong-tu-so-05-2024-tt-bkhdt-41800.pdf", "Thông tư", "05/2024/TT-BKHĐT", date(2024, 4, 19), _BKH, "quy định về quản lý và sử dụng các chi phí trong lựa chọn nhà thầu, nhà đầu tư trên Hệ thống mạng đấu thầu quốc gia", 10, "SKHĐT", "KT"),
    GazetteDoc("nghi-dinh-so-212-2025-nd-cp-45740.pdf", "Nghị định", "212/2025/NĐ-CP", date(2025, 7, 25), _CP, "quy định chi tiết hoạt động đầu tư từ quỹ bảo hiểm xã hội, bảo hiểm y tế, bảo hiểm thất nghiệp", 28, "STC", "KT"),
    GazetteDoc("thong-tu-so-18-2022-tt-bkhdt-37689.pdf", "Thông tư", "18/2022/TT-BKHĐT", date(2022, 8, 8), _BKH, "quy định danh mục và thời hạn định kỳ chuyển đổi vị trí công tác đối với công chức, viên chức trực tiếp tiếp xúc và giải quyết công việc thuộc lĩnh vực đầu tư ở địa phương", 3, "SNV", "NC"),
    GazetteDoc("thong-tu-so-15-2022-tt-bldtbxh-37777.pdf", "Thông tư", "15/2022/TT-BLĐTBXH", date(2022, 8, 30), _BLD, "ban hành Quy chế quản lý, cấp phát Chứng chỉ giáo dục quốc phòng và an ninh cho sinh viên các trường cao đẳng", 13, "SLĐTBXH", "VX"),
    GazetteDoc("thong-tu-so-35-2021-tt-bldtbxh-36500.pdf", "Thông tư", "35/2021/TT-BLĐTBXH", date(2021, 12, 30), _BLD, "quy định tiêu chí và quy trình đánh giá, công nhận trường cao đẳng chất lượng cao", 11, "SLĐTBXH", "VX"),
    GazetteDoc("thong-tu-so-01-2023-tt-bldtbxh-38752.pdf", "Thông tư", "01/2023/TT-BLĐTBXH", date(2023, 1, 3), _BLD, "quy định mức điều chỉnh tiền lương và thu nhập tháng đã đóng bảo hiểm xã hội", 3, "SLĐTBXH", "VX"),
    GazetteDoc("quyet-dinh-so-372-qd-btc-469041.pdf", "Quyết định", "372/QĐ-BTC", None, _BTC, "đính chính Thông tư số 138/2025/TT-BTC và Thông tư số 139/2025/TT-BTC của Bộ trưởng Bộ Tài chính về giám sát giao dịch chứng khoán và lộ trình sắp xếp lại thị trường giao dịch chứng khoán", 3, "STC", "KT"),
    GazetteDoc("thong-tu-so-09-2021-tt-bldtbxh-34325.pdf", "Thông tư", "09/2021/TT-BLĐTBXH", date(2021, 9, 7), _BLD, "sửa đổi, bổ sung một số điều của Thông tư số 08/2020/TT-BLĐTBXH hướng dẫn về bảo vệ việc làm của người tố cáo là người làm việc theo hợp đồng lao động", 2, "SLĐTBXH", "NC"),
    GazetteDoc("thong-tu-so-28-2024-tt-bkhdt-44112.pdf", "Thông tư", "28/2024/TT-BKHĐT", date(2024, 12, 31), _BKH, "hướng dẫn một số nội dung về giám định tư pháp trong lĩnh vực kế hoạch và đầu tư", 24, "STP", "NC"),
    GazetteDoc("nghi-dinh-so-159-2026-nd-cp-469558.pdf", "Nghị định", "159/2026/NĐ-CP", date(2026, 5, 15), _CP, "quy định về giảng viên đồng cơ hữu trong các cơ sở giáo dục nghề nghiệp, cơ sở giáo dục đại học công lập", 10, "SGDĐT", "VX"),
    GazetteDoc("nghi-quyet-so-26-2026-nq-cp-469479.pdf", "Nghị quyết", "26/2026/NQ-CP", date(2026, 5, 6), _CP, "cơ chế, chính sách đặc thù nhằm tháo gỡ khó khăn trong tổ chức lấy mẫu, giám định và xác định danh tính hài cốt liệt sĩ còn thiếu thông tin bằng phương pháp giám định ADN", 5, "SLĐTBXH", "VX"),
    GazetteDoc("thong-tu-so-56-2026-tt-btc-469555.pdf", "Thông tư", "56/2026/TT-BTC", date(2026, 5, 15), _BTC, "sửa đổi, bổ sung một số điều của Thông tư số 52/2025/TT-BTC quy định mức thu, miễn, chế độ thu, nộp, quản lý và sử dụng phí quyền hoạt động viễn thông, lệ phí cấp giấy phép kinh doanh dịch vụ viễn thông", 4, "STC", "KT"),
    GazetteDoc("nghi-quyet-so-175-nq-cp-40286.pdf", "Nghị quyết", "175/NQ-CP", date(2023, 10, 30), _CP, "phê duyệt Đề án Trung tâm dữ liệu quốc gia", 46, "STTTT", "TH"),
    GazetteDoc("thong-tu-so-21-2026-tt-btc-469148.pdf", "Thông tư", "21/2026/TT-BTC", date(2026, 3, 17), _BTC, "sửa đổi, bổ sung một số điều của Thông tư số 80/2021/TT-BTC hướng dẫn thi hành một số điều của Luật Quản lý thuế và Nghị định số 126/2020/NĐ-CP", 8, "STC", "KT"),
    GazetteDoc("nghi-dinh-so-147-2026-nd-cp-469496.pdf", "Nghị định", "147/2026/NĐ-CP", date(2026, 5, 7), _CP, "hướng dẫn thực hiện cơ chế, chính sách đặc thù tháo gỡ khó khăn, vướng mắc cho các dự án tồn đọng, kéo dài quy định tại Nghị quyết số 29/2026/QH16 của Quốc hội", 11, "STNMT", "KTN"),
    GazetteDoc("thong-tu-so-01-2024-tt-bldtbxh-41332.pdf", "Thông tư", "01/2024/TT-BLĐTBXH", date(2024, 2, 19), _BLD, "quy định quy trình xây dựng, thẩm định và ban hành chương trình đào tạo; biên soạn, lựa chọn, thẩm định, duyệt và sử dụng giáo trình trình độ trung cấp, trình độ cao đẳng", 20, "SLĐTBXH", "VX"),
    GazetteDoc("nghi-quyet-so-141-nq-cp-469678.pdf", "Nghị quyết", "141/NQ-CP", date(2026, 6, 1), _CP, "chính sách của Luật sửa đổi, bổ sung một số điều của Luật Thương mại, Luật Cạnh tranh, Luật Quản lý ngoại thương, Luật Bảo vệ quyền lợi người tiêu dùng", 3, "SCT", "KT"),
    GazetteDoc("thong-tu-so-04-2024-tt-bldtbxh-41844.pdf", "Thông tư", "04/2024/TT-BLĐTBXH", date(2024, 5, 6), _BLD, "quy định Hệ thống chỉ tiêu thống kê ngành Lao động - Thương binh và Xã hội", 58, "SLĐTBXH", "VX"),
)  # fmt: skip


def covering_letter(item: GazetteDoc, received: date) -> tuple[str, str]:
    """(type abbreviation, or "" for a công văn; abstract) of the department's covering document."""
    when = f" ngày {item.issued:%d/%m/%Y}" if item.issued else ""
    cited = f"{item.type_name} số {item.code}{when} của {item.issuer} {item.abstract}"
    if item.issued is None or item.issued.year >= received.year - 1:
        return "", f"Triển khai thực hiện {cited}"[:500]
    return "BC", f"Kết quả thực hiện {cited}"[:500]
