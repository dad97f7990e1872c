"""Words of the demo tasks: who leads what, the contents of tasks by field (lĩnh vực), reports and decisions.

All texts are demo values written for a provincial People's Committee; names of agencies are those of
``directory.csv``. Field names are those the tasks app seeds (migration ``tasks.0002_default_fields``).
"""

from __future__ import annotations

# fields (lĩnh vực) -------------------------------------------------------------------------------------------
TH = "Tổng hợp"
TC = "Kinh tế – Tài chính, ngân sách"
KHDT = "Kế hoạch – Đầu tư"
TNMT = "Tài nguyên – Môi trường, đất đai"
XDGT = "Xây dựng – Giao thông"
NN = "Nông nghiệp – Nông thôn mới"
CT = "Công thương"
VH = "Văn hóa – Thể thao – Du lịch"
GD = "Giáo dục – Đào tạo"
YT = "Y tế"
LDXH = "Lao động – Xã hội"
NC = "Nội chính – Quốc phòng – An ninh"
TP = "Tư pháp"
NV = "Nội vụ"
CCHC = "Cải cách hành chính"
KHCN = "Khoa học – Công nghệ, chuyển đổi số"
TD = "Tiếp công dân, khiếu nại, tố cáo"

#: The unit of the Văn phòng that follows each field (its specialists follow the tasks; its leader in charge
#: assigns them, see ``people.AGENCY_LEADER_FIELDS``).
FIELD_UNIT: dict[str, str] = {
    TH: "TH",
    TC: "KT",
    KHDT: "KT",
    TNMT: "KTN",
    XDGT: "KTN",
    NN: "KTN",
    CT: "KT",
    VH: "VX",
    GD: "VX",
    YT: "VX",
    LDXH: "VX",
    NC: "NC",
    TP: "NC",
    NV: "TH",
    CCHC: "HCC",
    KHCN: "TH",
    TD: "NC",
}
#: The fields of the documents a unit of the Văn phòng handles (for tasks from incoming documents).
UNIT_FIELDS: dict[str, tuple[str, ...]] = {
    "TH": (TH, NV, KHCN),
    "KT": (TC, KHDT, CT),
    "KTN": (TNMT, XDGT, NN),
    "VX": (VH, GD, YT, LDXH),
    "NC": (NC, TP, TD),
    "HCTC": (NV,),
    "HCC": (CCHC,),
}

# leads ----------------------------------------------------------------------------------------------------------
#: Outside agencies of the directory that lead tasks: name -> (weight, fields).
AGENCY_LEADS: dict[str, tuple[int, tuple[str, ...]]] = {
    "Sở Tài chính": (10, (TC, KHDT)),
    "Sở Kế hoạch và Đầu tư": (9, (KHDT, TH)),
    "Sở Tài nguyên và Môi trường": (8, (TNMT,)),
    "Sở Xây dựng": (7, (XDGT,)),
    "Sở Giao thông vận tải": (5, (XDGT,)),
    "Sở Nông nghiệp và Phát triển nông thôn": (7, (NN,)),
    "Sở Công Thương": (5, (CT,)),
    "Sở Nội vụ": (6, (NV, CCHC)),
    "Sở Tư pháp": (3, (TP,)),
    "Sở Giáo dục và Đào tạo": (5, (GD,)),
    "Sở Y tế": (5, (YT,)),
    "Sở Lao động - Thương binh và Xã hội": (4, (LDXH,)),
    "Sở Văn hóa, Thể thao và Du lịch": (4, (VH,)),
    "Sở Thông tin và Truyền thông": (4, (KHCN,)),
    "Sở Khoa học và Công nghệ": (2, (KHCN,)),
    "Thanh tra tỉnh": (3, (TD,)),
    "Công an tỉnh": (4, (NC,)),
    "Bộ Chỉ huy Quân sự tỉnh": (2, (NC,)),
    "Ban Quản lý Khu kinh tế tỉnh": (3, (KHDT, CT)),
}
#: Units of the Văn phòng that lead some tasks themselves: abbreviation -> (weight, fields).
UNIT_LEADS: dict[str, tuple[int, tuple[str, ...]]] = {
    "TH": (4, (TH,)),
    "KT": (1, (TC,)),
    "KTN": (1, (TNMT,)),
    "VX": (1, (VH,)),
    "NC": (2, (TD, NC)),
    "HCTC": (1, (NV,)),
    "HCC": (2, (CCHC,)),
}
#: People's Committees of communes and wards (directory names start with this) lead local tasks.
LOCAL_PREFIX = "Ủy ban nhân dân "
LOCAL_WEIGHT = 1.6  # each commune or ward

#: Leads that keep missing their deadlines, and leads a little behind; every other lead is mostly on time.
LAGGING = ("Sở Tài nguyên và Môi trường", "Sở Xây dựng")
BEHIND = ("Sở Giao thông vận tải", "Ủy ban nhân dân xã Hương Khê")

# contents -------------------------------------------------------------------------------------------------------
#: What a provincial department (or a unit of the Văn phòng) is asked to do, by field.
FIELD_TASKS: dict[str, tuple[str, ...]] = {
    TH: (
        "Tổng hợp, xây dựng báo cáo tình hình kinh tế – xã hội tháng {month}, chuẩn bị nội dung phiên họp "
        "thường kỳ UBND tỉnh",
        "Rà soát kết quả thực hiện các chỉ tiêu chủ yếu của Nghị quyết HĐND tỉnh về kế hoạch phát triển kinh tế "
        "– xã hội năm {year}, đề xuất giải pháp đối với các chỉ tiêu đạt thấp",
        "Chuẩn bị nội dung, tài liệu làm việc của Đoàn công tác Chính phủ với tỉnh",
        "Tổng hợp ý kiến các sở, ngành về dự thảo văn bản của bộ, ngành trung ương, tham mưu văn bản góp ý "
        "của UBND tỉnh",
        "Tổng hợp tình hình thực hiện nhiệm vụ UBND tỉnh giao còn quá hạn, báo cáo tại phiên họp UBND tỉnh",
        "Xây dựng chương trình công tác tháng {month} của UBND tỉnh",
        "Tham mưu báo cáo trả lời ý kiến, kiến nghị của cử tri gửi tới kỳ họp HĐND tỉnh",
        "Chuẩn bị nội dung Hội nghị trực tuyến của Chính phủ với các địa phương",
        "Tổng hợp kết quả thực hiện các chương trình, đề án trọng điểm của tỉnh, đề xuất điều chỉnh",
    ),
    TC: (
        "Rà soát, đề xuất phương án xử lý các khoản chi chuyển nguồn ngân sách năm {prev} sang năm {year}",
        "Tham mưu điều hành dự toán ngân sách, bảo đảm nguồn chi cho các nhiệm vụ cấp bách phát sinh",
        "Thẩm định phương án sắp xếp lại, xử lý nhà, đất thuộc sở hữu nhà nước của các cơ quan, đơn vị "
        "sau sắp xếp tổ chức bộ máy",
        "Rà soát tình hình nợ đọng xây dựng cơ bản, đề xuất phương án xử lý dứt điểm",
        "Tham mưu phân bổ kinh phí hỗ trợ các địa phương khắc phục hậu quả mưa lũ",
        "Kiểm tra công tác quản lý, sử dụng tài sản công tại các đơn vị sự nghiệp công lập",
        "Xây dựng phương án giao quyền tự chủ tài chính cho các đơn vị sự nghiệp công lập giai đoạn 2026–2030",
        "Đề xuất các giải pháp tăng thu, chống thất thu ngân sách nhà nước năm {year}",
        "Tổng hợp nhu cầu kinh phí thực hiện cải cách chính sách tiền lương, đề xuất nguồn bảo đảm",
        "Thẩm định, trình phê duyệt dự toán mua sắm tài sản, trang thiết bị cho các cơ quan sau hợp nhất",
        "Hướng dẫn các xã, phường quyết toán ngân sách năm {prev}",
    ),
    KHDT: (
        "Rà soát, đề xuất điều chỉnh kế hoạch đầu tư công năm {year} đối với các dự án chậm giải ngân",
        "Tổng hợp khó khăn, vướng mắc của doanh nghiệp, nhà đầu tư; đề xuất giải pháp tháo gỡ",
        "Thẩm định hồ sơ đề nghị chấp thuận chủ trương đầu tư các dự án ngoài ngân sách",
        "Chuẩn bị nội dung Hội nghị gặp mặt doanh nghiệp, nhà đầu tư năm {year}",
        "Rà soát các dự án chậm tiến độ, đề xuất chấm dứt hoạt động đối với các dự án vi phạm",
        "Xây dựng kế hoạch cải thiện Chỉ số năng lực cạnh tranh cấp tỉnh (PCI) năm {year}",
        "Đôn đốc nhà đầu tư hoàn thiện thủ tục đầu tư các dự án trong Khu kinh tế Vũng Áng",
        "Đề xuất danh mục dự án kêu gọi đầu tư năm {year}",
        "Theo dõi, báo cáo tình hình giải ngân vốn các chương trình mục tiêu quốc gia",
    ),
    TNMT: (
        "Rà soát, tham mưu điều chỉnh Bảng giá đất cho phù hợp với thực tế thị trường",
        "Giải quyết dứt điểm vướng mắc về đất đai trong giải phóng mặt bằng dự án đường ven biển",
        "Kiểm tra, xử lý tình trạng khai thác khoáng sản trái phép",
        "Hướng dẫn các xã, phường cấp giấy chứng nhận quyền sử dụng đất sau sắp xếp địa giới hành chính",
        "Kiểm tra, xử lý phản ánh về ô nhiễm môi trường tại các cụm công nghiệp",
        "Xây dựng kế hoạch sử dụng đất năm {next} cấp tỉnh",
        "Kiểm tra việc chấp hành pháp luật về bảo vệ môi trường của các cơ sở sản xuất",
        "Rà soát các dự án chậm đưa đất vào sử dụng, đề xuất xử lý theo quy định",
        "Tổng hợp tình hình thu gom, xử lý chất thải rắn sinh hoạt, đề xuất giải pháp",
        "Xác định giá đất cụ thể để tính tiền bồi thường các dự án trọng điểm",
        "Cập nhật, chỉnh lý cơ sở dữ liệu đất đai sau sắp xếp đơn vị hành chính",
    ),
    XDGT: (
        "Rà soát, đề xuất giải pháp bảo đảm nguồn vật liệu xây dựng thông thường cho các dự án trọng điểm",
        "Kiểm tra chất lượng các công trình trường học, trạm y tế mới xây dựng",
        "Rà soát, tham mưu điều chỉnh quy hoạch chung các đô thị sau sắp xếp đơn vị hành chính",
        "Đẩy nhanh tiến độ các dự án nhà ở xã hội, báo cáo kết quả",
        "Kiểm tra, xử lý các công trình xây dựng không phép, sai phép",
        "Khắc phục các điểm đen, điểm tiềm ẩn tai nạn giao thông trên các tuyến quốc lộ, đường tỉnh",
        "Sửa chữa hư hỏng mặt đường các tuyến đường tỉnh sau mưa lũ",
        "Tham mưu phương án tổ chức giao thông khu vực trung tâm hành chính tỉnh",
        "Thẩm định hồ sơ thiết kế các công trình giao thông sử dụng vốn ngân sách tỉnh",
        "Kiểm tra tình trạng xe quá tải trọng lưu thông trên các tuyến đường",
    ),
    NN: (
        "Chỉ đạo sản xuất vụ Xuân, vụ Hè Thu bảo đảm khung thời vụ",
        "Triển khai các biện pháp phòng, chống bệnh dịch tả lợn châu Phi",
        "Kiểm tra, đánh giá mức độ đạt chuẩn nông thôn mới nâng cao của các xã đăng ký năm {year}",
        "Kiểm tra an toàn hồ đập, công trình thủy lợi trước mùa mưa bão",
        "Tham mưu giải pháp chống khai thác hải sản bất hợp pháp, không báo cáo và không theo quy định (IUU)",
        "Tổ chức đánh giá, phân hạng sản phẩm OCOP năm {year}",
        "Tăng cường quản lý, bảo vệ rừng và phòng cháy, chữa cháy rừng mùa khô",
        "Xây dựng phương án ứng phó với hạn hán, thiếu nước cho sản xuất",
        "Rà soát, đề xuất hỗ trợ các hộ nuôi trồng thủy sản bị thiệt hại do thiên tai",
    ),
    CT: (
        "Bảo đảm cung ứng hàng hóa thiết yếu, bình ổn giá dịp Tết Nguyên đán",
        "Kiểm tra hoạt động kinh doanh xăng dầu",
        "Đề xuất giải pháp thu hút đầu tư hạ tầng các cụm công nghiệp",
        "Đôn đốc tiến độ các dự án điện gió, điện mặt trời",
        "Tổ chức kết nối tiêu thụ nông sản, sản phẩm OCOP của tỉnh",
        "Tăng cường chống buôn lậu, gian lận thương mại và hàng giả",
        "Theo dõi tình hình cung ứng điện cho sản xuất và sinh hoạt mùa nắng nóng",
    ),
    VH: (
        "Xây dựng kế hoạch tổ chức các hoạt động kỷ niệm ngày thành lập tỉnh",
        "Chuẩn bị tổ chức Đại hội Thể dục thể thao tỉnh",
        "Tu bổ, tôn tạo Khu di tích lịch sử Ngã ba Đồng Lộc",
        "Tham mưu chương trình kích cầu du lịch nội địa năm {year}",
        "Kiểm tra hoạt động kinh doanh dịch vụ du lịch tại các khu du lịch biển mùa hè",
        "Tổ chức các hoạt động văn hóa, thể thao mừng Đảng, mừng Xuân",
        "Kiểm tra công tác quản lý lễ hội trên địa bàn tỉnh",
    ),
    GD: (
        "Chuẩn bị các điều kiện tổ chức Kỳ thi tốt nghiệp trung học phổ thông năm {year}",
        "Rà soát tình hình thiếu giáo viên, đề xuất phương án tuyển dụng",
        "Kiểm tra việc thu, chi đầu năm học tại các cơ sở giáo dục",
        "Đánh giá kết quả thực hiện Chương trình giáo dục phổ thông 2018",
        "Rà soát cơ sở vật chất trường học, đề xuất đầu tư phòng học bộ môn",
        "Bảo đảm an toàn trường học, phòng chống đuối nước cho học sinh dịp hè",
    ),
    YT: (
        "Bảo đảm thuốc, vật tư y tế cho các cơ sở khám bệnh, chữa bệnh",
        "Triển khai tiêm chủng mở rộng, phòng chống dịch sởi",
        "Kiểm tra an toàn thực phẩm dịp Tết Nguyên đán và mùa lễ hội",
        "Tham mưu kiện toàn mạng lưới y tế cơ sở sau sắp xếp đơn vị hành chính",
        "Đẩy mạnh triển khai bệnh án điện tử tại các bệnh viện",
        "Xử lý phản ánh của người dân về chất lượng khám, chữa bệnh tại bệnh viện tuyến tỉnh",
    ),
    LDXH: (
        "Rà soát, tổng hợp danh sách hộ nghèo, hộ cận nghèo năm {year}",
        "Tổ chức thăm, tặng quà gia đình chính sách dịp Tết Nguyên đán",
        "Đẩy nhanh hỗ trợ xóa nhà tạm, nhà dột nát cho hộ nghèo",
        "Kiểm tra việc thực hiện chính sách bảo hiểm xã hội, bảo hiểm thất nghiệp tại các doanh nghiệp",
        "Tổ chức phiên giao dịch việc làm cho người lao động",
        "Tổ chức các hoạt động tri ân nhân kỷ niệm Ngày Thương binh – Liệt sĩ 27/7",
    ),
    NC: (
        "Bảo đảm an ninh, trật tự dịp Tết Nguyên đán và các ngày lễ lớn",
        "Tổ chức tuyển chọn, gọi công dân nhập ngũ năm {next}",
        "Triển khai đợt cao điểm bảo đảm trật tự, an toàn giao thông",
        "Rà soát phương án phòng cháy, chữa cháy tại các chợ, trung tâm thương mại",
        "Đẩy mạnh thu thập, làm sạch dữ liệu dân cư phục vụ Đề án 06",
        "Xây dựng kế hoạch diễn tập phòng thủ dân sự",
        "Tăng cường phòng ngừa, đấu tranh với tội phạm lừa đảo trên không gian mạng",
    ),
    TP: (
        "Thẩm định dự thảo quyết định quy phạm pháp luật của UBND tỉnh",
        "Rà soát, hệ thống hóa văn bản quy phạm pháp luật của HĐND, UBND tỉnh sau sắp xếp",
        "Theo dõi tình hình thi hành pháp luật về xử lý vi phạm hành chính năm {year}",
        "Tổ chức các hoạt động hưởng ứng Ngày Pháp luật Việt Nam",
        "Tham mưu UBND tỉnh tham gia tố tụng các vụ án hành chính",
    ),
    NV: (
        "Tham mưu kiện toàn tổ chức bộ máy các cơ quan chuyên môn thuộc UBND tỉnh",
        "Rà soát vị trí việc làm, cơ cấu ngạch công chức các sở, ngành",
        "Tổ chức thi nâng ngạch công chức năm {year}",
        "Thẩm định hồ sơ đề nghị khen thưởng các tập thể, cá nhân có thành tích xuất sắc",
        "Hướng dẫn đánh giá, xếp loại chất lượng cán bộ, công chức, viên chức năm {year}",
        "Giải quyết chế độ, chính sách cho cán bộ, công chức dôi dư sau sắp xếp",
        "Rà soát, bố trí trụ sở làm việc của các cơ quan sau sắp xếp",
    ),
    CCHC: (
        "Rà soát, đề xuất cắt giảm, đơn giản hóa thủ tục hành chính",
        "Nâng tỷ lệ hồ sơ thủ tục hành chính được giải quyết trực tuyến toàn trình",
        "Xử lý dứt điểm các hồ sơ thủ tục hành chính trễ hạn",
        "Kiểm tra công tác cải cách hành chính tại các sở, ngành, địa phương",
        "Đẩy mạnh số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
    ),
    KHCN: (
        "Mở rộng hệ thống họp trực tuyến, văn phòng điện tử tới cấp xã",
        "Bảo đảm an toàn, an ninh thông tin cho các hệ thống thông tin của tỉnh",
        "Tổ chức đánh giá, nghiệm thu các nhiệm vụ khoa học và công nghệ cấp tỉnh",
        "Xây dựng kho dữ liệu dùng chung của tỉnh",
        "Tham mưu phát triển hệ sinh thái khởi nghiệp đổi mới sáng tạo",
        "Kết nối, chia sẻ dữ liệu giữa các hệ thống thông tin với cơ sở dữ liệu quốc gia",
    ),
    TD: (
        "Giải quyết đơn khiếu nại của công dân về bồi thường, hỗ trợ giải phóng mặt bằng",
        "Thanh tra việc quản lý, sử dụng đất đai tại một số xã, phường",
        "Rà soát các vụ việc khiếu nại đông người, phức tạp, kéo dài",
        "Xác minh nội dung đơn tố cáo, báo cáo kết quả",
        "Chuẩn bị nội dung tiếp công dân định kỳ của Chủ tịch UBND tỉnh",
    ),
}

#: What a commune or ward is asked to do: (field, content).
LOCAL_TASKS: tuple[tuple[str, str], ...] = (
    (NN, "Hoàn thiện hồ sơ đề nghị xét công nhận đạt chuẩn nông thôn mới nâng cao"),
    (TNMT, "Hoàn thành bàn giao mặt bằng dự án đường bộ cao tốc Bắc – Nam đoạn qua địa bàn"),
    (TNMT, "Kiểm tra, xử lý dứt điểm các trường hợp lấn chiếm, sử dụng đất trái phép"),
    (TD, "Giải quyết kiến nghị của công dân về việc cấp giấy chứng nhận quyền sử dụng đất"),
    (NN, "Khắc phục hậu quả mưa lũ, sớm ổn định đời sống nhân dân"),
    (TNMT, "Xử lý tình trạng ô nhiễm môi trường tại khu dân cư, báo cáo kết quả"),
    (NV, "Báo cáo tình hình hoạt động của chính quyền địa phương sau sắp xếp"),
    (KHDT, "Đẩy nhanh tiến độ giải ngân vốn đầu tư công được giao"),
    (LDXH, "Hoàn thành xóa nhà tạm, nhà dột nát cho hộ nghèo trên địa bàn"),
    (CCHC, "Chấn chỉnh tình trạng hồ sơ thủ tục hành chính trễ hạn tại bộ phận một cửa"),
    (XDGT, "Kiểm tra, xử lý công trình xây dựng sai phép trên địa bàn"),
    (TC, "Rà soát, báo cáo tình hình quản lý, sử dụng trụ sở dôi dư sau sắp xếp"),
)

#: How the leader's words open (empty: the content as is) and close.
OPENINGS = ("", "", "Chủ trì, phối hợp với các cơ quan liên quan ", "Khẩn trương ", "Tập trung ")
CLOSINGS = (
    "",
    "; báo cáo kết quả về UBND tỉnh",
    "; báo cáo UBND tỉnh (qua Văn phòng UBND tỉnh)",
    ", tham mưu UBND tỉnh xem xét, quyết định",
    "; đề xuất UBND tỉnh những nội dung vượt thẩm quyền",
)

# reports and decisions -----------------------------------------------------------------------------------------
PROGRESS_NOTES = (
    (20, "Đã xây dựng kế hoạch triển khai, phân công bộ phận chủ trì thực hiện."),
    (30, "Đã tổ chức làm việc với các cơ quan phối hợp, thống nhất phương án thực hiện."),
    (40, "Đang tổng hợp số liệu, rà soát hồ sơ; dự kiến hoàn thành đúng thời hạn."),
    (50, "Đã hoàn thành dự thảo, đang lấy ý kiến các sở, ngành và địa phương liên quan."),
    (60, "Đã tổ chức kiểm tra thực tế; đang hoàn thiện báo cáo kết quả."),
    (70, "Đã tiếp thu ý kiến góp ý, hoàn thiện dự thảo trình lãnh đạo cơ quan."),
    (80, "Đã trình lãnh đạo cơ quan cho ý kiến; dự kiến báo cáo UBND tỉnh trong tuần tới."),
    (90, "Đang hoàn thiện hồ sơ theo ý kiến của lãnh đạo, chuẩn bị báo cáo UBND tỉnh."),
)
LATE_PROGRESS_NOTES = (
    "Nội dung phức tạp, liên quan nhiều cơ quan; đang tiếp tục phối hợp xử lý.",
    "Còn vướng mắc về hồ sơ pháp lý, đang xin ý kiến các bộ, ngành trung ương.",
    "Đang chờ số liệu của các địa phương để tổng hợp.",
)
RESULTS = (
    "Đã hoàn thành, có báo cáo kết quả gửi UBND tỉnh.",
    "Đã tham mưu UBND tỉnh ban hành văn bản chỉ đạo thực hiện.",
    "Đã tổ chức thực hiện xong; kết quả được báo cáo tại văn bản kèm theo.",
    "Đã hoàn thành, trình UBND tỉnh xem xét, quyết định.",
    "Đã tổ chức kiểm tra, xử lý xong; báo cáo kết quả gửi UBND tỉnh.",
)
EXTENSION_REASONS = (
    "Nội dung liên quan nhiều cơ quan, cần thêm thời gian tổng hợp ý kiến.",
    "Đang chờ hướng dẫn của bộ, ngành trung ương.",
    "Hồ sơ cần bổ sung, hoàn thiện theo ý kiến thẩm định.",
    "Khối lượng công việc lớn, thời tiết mưa lũ ảnh hưởng đến tiến độ kiểm tra thực địa.",
)
APPROVAL_NOTES = ("", "Đồng ý; đề nghị hoàn thành đúng thời hạn đã gia hạn.", "Đồng ý, không gia hạn thêm.")
REFUSAL_NOTES = (
    "Không đồng ý gia hạn; đề nghị tập trung hoàn thành ngay.",
    "Nhiệm vụ cấp bách, không gia hạn; báo cáo kết quả trong tuần.",
)
REMINDER_NOTES = (
    "Nhiệm vụ đã quá hạn, đề nghị khẩn trương hoàn thành, báo cáo UBND tỉnh.",
    "Đề nghị báo cáo ngay tiến độ thực hiện và nguyên nhân chậm trễ.",
    "Yêu cầu hoàn thành trước phiên họp UBND tỉnh tháng này.",
)
CANCEL_REASONS = (
    "Nội dung đã được giao tại văn bản khác, tránh trùng lặp.",
    "Chủ trương thay đổi, không tiếp tục thực hiện.",
    "Giao trùng nhiệm vụ; thu hồi để theo dõi tại nhiệm vụ đã giao trước.",
)
REOPEN_REASONS = (
    "Báo cáo chưa đầy đủ số liệu; đề nghị bổ sung và báo cáo lại.",
    "Kết quả chưa đạt yêu cầu; đề nghị tiếp tục thực hiện.",
)
