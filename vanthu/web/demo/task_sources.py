"""Where demo tasks come from: incoming documents, meetings (thông báo kết luận), plans (kế hoạch), recurring
reports and ad hoc orders — the words of each source. Demo values written for a provincial People's Committee.
"""

from __future__ import annotations

from .task_texts import CCHC, CT, GD, KHCN, KHDT, LDXH, NC, NN, NV, TC, TD, TH, TNMT, TP, VH, XDGT, YT

#: How a task taken from an incoming document opens (the document's abstract follows).
INCOMING_OPENINGS = (
    "Nghiên cứu, tham mưu UBND tỉnh triển khai thực hiện nội dung văn bản: ",
    "Chủ trì, tham mưu UBND tỉnh văn bản chỉ đạo thực hiện: ",
    "Nghiên cứu, đề xuất UBND tỉnh phương án xử lý: ",
    "Chủ trì, phối hợp với các cơ quan liên quan thực hiện: ",
)
INCOMING_SECOND = "Rà soát tình hình thực hiện trong phạm vi quản lý, báo cáo UBND tỉnh về nội dung: "
#: A department's own proposal, sent back to it once the leader has decided.
INCOMING_OWN = (
    "Tiếp thu ý kiến các cơ quan liên quan, hoàn thiện nội dung trình UBND tỉnh: ",
    "Hoàn thiện hồ sơ, báo cáo UBND tỉnh xem xét đề xuất: ",
    "Tổ chức thực hiện theo đề xuất đã được UBND tỉnh thống nhất: ",
)
#: Another agency's proposal or request, given to the department that appraises it.
INCOMING_REVIEW = (
    "Thẩm định, tham gia ý kiến đối với đề xuất của {sender}: ",
    "Chủ trì kiểm tra, đề xuất UBND tỉnh xử lý kiến nghị của {sender}: ",
)
#: The field of the documents of a ministry.
SENDER_FIELDS = {
    "Bộ Y tế": YT,
    "Bộ Nội vụ": NV,
    "Bộ Kế hoạch và Đầu tư": KHDT,
    "Bộ Tài chính": TC,
    "Bộ Giáo dục và Đào tạo": GD,
    "Bộ Lao động - Thương binh và Xã hội": LDXH,
    "Bộ Tài nguyên và Môi trường": TNMT,
}

#: Meetings whose conclusions (thông báo kết luận) give tasks: (subject, fields of its tasks).
MEETINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("phiên họp UBND tỉnh thường kỳ tháng {month}", (TH, TC, KHDT, NV, CCHC)),
    ("cuộc họp nghe báo cáo tiến độ giải phóng mặt bằng các dự án trọng điểm", (TNMT, XDGT, KHDT)),
    ("cuộc họp về tình hình giải ngân vốn đầu tư công năm {year}", (KHDT, TC, XDGT)),
    ("cuộc họp về công tác chuẩn bị Kỳ thi tốt nghiệp trung học phổ thông năm {year}", (GD, YT, NC)),
    ("buổi kiểm tra tình hình sản xuất nông nghiệp và công tác phòng, chống thiên tai", (NN, TNMT, XDGT)),
    ("buổi làm việc với các nhà đầu tư tại Khu kinh tế Vũng Áng", (KHDT, CT, TNMT)),
    ("cuộc họp về công tác cải cách hành chính, chuyển đổi số", (CCHC, KHCN, NV)),
    ("buổi tiếp công dân định kỳ tháng {month}", (TD, TNMT)),
    ("cuộc họp về công tác bảo đảm an ninh, trật tự và an toàn giao thông", (NC, XDGT)),
    ("cuộc họp về phát triển du lịch và tổ chức các sự kiện văn hóa năm {year}", (VH, CT)),
    ("cuộc họp về công tác y tế, phòng, chống dịch bệnh", (YT, LDXH)),
    ("cuộc họp về tình hình thu, chi ngân sách và các giải pháp tăng thu", (TC, KHDT, TNMT)),
    ("buổi kiểm tra công tác xây dựng nông thôn mới", (NN, LDXH, XDGT)),
)

#: Plans (kế hoạch): (title, [(field, item content), …]); the lead of each item is chosen by its field.
PLANS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "Kế hoạch thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới năm {year}",
        (
            (NN, "Hướng dẫn các xã xây dựng kế hoạch và tổ chức thực hiện các tiêu chí nông thôn mới"),
            (TC, "Phân bổ, hướng dẫn sử dụng kinh phí sự nghiệp thực hiện Chương trình"),
            (KHDT, "Tham mưu phân bổ vốn đầu tư phát triển thực hiện Chương trình"),
            (XDGT, "Hướng dẫn tiêu chí giao thông nông thôn, đôn đốc các công trình đường giao thông"),
            (VH, "Hướng dẫn xây dựng thiết chế văn hóa, thể thao cơ sở"),
            (NN, "Tổ chức kiểm tra, đánh giá kết quả thực hiện Chương trình năm {year}"),
        ),
    ),
    (
        "Kế hoạch cải cách hành chính năm {year}",
        (
            (CCHC, "Cải cách thủ tục hành chính, nâng cao chất lượng phục vụ người dân, doanh nghiệp"),
            (NV, "Cải cách tổ chức bộ máy hành chính nhà nước"),
            (NV, "Xây dựng, nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức"),
            (TC, "Cải cách tài chính công"),
            (KHCN, "Xây dựng, phát triển chính quyền điện tử, chính quyền số"),
            (TP, "Cải cách thể chế, rà soát văn bản quy phạm pháp luật"),
            (CCHC, "Tổ chức khảo sát mức độ hài lòng của người dân, tổ chức"),
        ),
    ),
    (
        "Kế hoạch chuyển đổi số tỉnh Hà Tĩnh năm {year}",
        (
            (KHCN, "Hoàn thiện hạ tầng số, bảo đảm kết nối tới cấp xã"),
            (NC, "Triển khai các ứng dụng dữ liệu dân cư, định danh điện tử"),
            (YT, "Triển khai hồ sơ sức khỏe điện tử, bệnh án điện tử"),
            (GD, "Chuyển đổi số trong giáo dục, triển khai học bạ số"),
            (CCHC, "Nâng cao chất lượng dịch vụ công trực tuyến"),
            (TNMT, "Xây dựng, cập nhật cơ sở dữ liệu đất đai"),
            (KHCN, "Bảo đảm an toàn thông tin mạng"),
        ),
    ),
    (
        "Kế hoạch triển khai các nhiệm vụ, giải pháp chủ yếu thực hiện kế hoạch phát triển kinh tế – xã hội và "
        "dự toán ngân sách nhà nước năm {year}",
        (
            (KHDT, "Đẩy nhanh giải ngân vốn đầu tư công, phấn đấu giải ngân trên 95% kế hoạch vốn"),
            (TC, "Tăng cường quản lý thu, tiết kiệm chi thường xuyên"),
            (CT, "Phát triển công nghiệp, thương mại, mở rộng thị trường tiêu thụ"),
            (NN, "Cơ cấu lại ngành nông nghiệp gắn với xây dựng nông thôn mới"),
            (VH, "Phát triển du lịch, phấn đấu tăng lượng khách so với năm trước"),
            (LDXH, "Thực hiện tốt chính sách an sinh xã hội, giảm nghèo bền vững"),
            (TNMT, "Tháo gỡ vướng mắc về đất đai cho các dự án đầu tư"),
            (NC, "Bảo đảm quốc phòng, an ninh, trật tự an toàn xã hội"),
        ),
    ),
    (
        "Kế hoạch phòng, chống thiên tai và tìm kiếm cứu nạn năm {year}",
        (
            (NN, "Kiểm tra, xử lý các trọng điểm đê điều, hồ đập xung yếu trước mùa mưa bão"),
            (XDGT, "Chuẩn bị phương tiện, vật tư bảo đảm giao thông thông suốt khi có thiên tai"),
            (NC, "Bố trí lực lượng, phương tiện sẵn sàng tìm kiếm cứu nạn"),
            (YT, "Chuẩn bị cơ số thuốc, phương án cấp cứu người bị nạn"),
            (CT, "Dự trữ hàng hóa thiết yếu tại các vùng thường bị chia cắt"),
        ),
    ),
    (
        "Kế hoạch thực hiện Đề án 06 về phát triển ứng dụng dữ liệu dân cư năm {year}",
        (
            (NC, "Hoàn thành thu thập, cập nhật dữ liệu dân cư đúng, đủ, sạch, sống"),
            (CCHC, "Tích hợp dịch vụ công thiết yếu trên Cổng dịch vụ công quốc gia"),
            (LDXH, "Chi trả an sinh xã hội không dùng tiền mặt"),
            (YT, "Sử dụng căn cước công dân thay thẻ bảo hiểm y tế khi khám, chữa bệnh"),
            (KHCN, "Kết nối cơ sở dữ liệu chuyên ngành với cơ sở dữ liệu quốc gia về dân cư"),
        ),
    ),
    (
        "Kế hoạch bảo đảm trật tự, an toàn giao thông năm {year}",
        (
            (NC, "Tăng cường tuần tra, kiểm soát, xử lý vi phạm về nồng độ cồn, tốc độ"),
            (XDGT, "Khắc phục điểm đen, điểm tiềm ẩn tai nạn giao thông"),
            (GD, "Tuyên truyền, giáo dục an toàn giao thông trong trường học"),
            (KHCN, "Tuyên truyền về an toàn giao thông trên các phương tiện thông tin đại chúng"),
        ),
    ),
    (
        "Kế hoạch tổ chức các hoạt động mừng Đảng, mừng Xuân và Tết Nguyên đán",
        (
            (VH, "Tổ chức các hoạt động văn hóa, văn nghệ, thể thao mừng Đảng, mừng Xuân"),
            (LDXH, "Thăm, tặng quà các gia đình chính sách, hộ nghèo"),
            (CT, "Bảo đảm cung ứng hàng hóa, bình ổn thị trường dịp Tết"),
            (NC, "Bảo đảm an ninh, trật tự, phòng chống cháy nổ dịp Tết"),
            (YT, "Bảo đảm an toàn thực phẩm, trực cấp cứu dịp Tết"),
            (XDGT, "Bảo đảm giao thông vận tải phục vụ nhân dân đi lại dịp Tết"),
        ),
    ),
    (
        "Kế hoạch thu hút đầu tư và cải thiện môi trường kinh doanh năm {year}",
        (
            (KHDT, "Tổ chức xúc tiến đầu tư theo chuyên đề, ngành hàng"),
            (KHDT, "Đối thoại định kỳ với doanh nghiệp, nhà đầu tư"),
            (TNMT, "Bảo đảm quỹ đất sạch cho các dự án thu hút đầu tư"),
            (CCHC, "Rút ngắn thời gian giải quyết thủ tục đầu tư, đất đai, xây dựng"),
            (TP, "Nâng cao chỉ số chi phí không chính thức và tính minh bạch"),
        ),
    ),
    (
        "Kế hoạch phòng, chống tham nhũng, tiêu cực năm {year}",
        (
            (TD, "Thanh tra việc thực hiện pháp luật về phòng, chống tham nhũng tại một số cơ quan"),
            (NV, "Chuyển đổi vị trí công tác đối với cán bộ, công chức theo quy định"),
            (TC, "Công khai, minh bạch trong quản lý tài chính công, tài sản công"),
            (TP, "Tuyên truyền, phổ biến pháp luật về phòng, chống tham nhũng"),
        ),
    ),
    (
        "Kế hoạch phát triển du lịch năm {year}",
        (
            (VH, "Tổ chức chương trình khai trương mùa du lịch biển"),
            (VH, "Quảng bá, xúc tiến du lịch tại các thị trường trọng điểm"),
            (XDGT, "Nâng cấp hạ tầng giao thông kết nối các khu, điểm du lịch"),
            (TNMT, "Bảo vệ cảnh quan, môi trường các bãi biển"),
            (NC, "Bảo đảm an ninh, trật tự tại các khu du lịch"),
        ),
    ),
    (
        "Kế hoạch thực hiện chính sách giảm nghèo bền vững năm {year}",
        (
            (LDXH, "Rà soát, xác định hộ nghèo, hộ cận nghèo"),
            (NN, "Hỗ trợ phát triển sản xuất, đa dạng hóa sinh kế cho hộ nghèo"),
            (LDXH, "Hỗ trợ đào tạo nghề, giải quyết việc làm cho lao động thuộc hộ nghèo"),
            (XDGT, "Hỗ trợ nhà ở cho hộ nghèo, hộ cận nghèo"),
            (YT, "Hỗ trợ bảo hiểm y tế cho người thuộc hộ nghèo, cận nghèo"),
        ),
    ),
)

#: Recurring reports (báo cáo định kỳ): (lead name, field, content, recurrence, day of the month).
RECURRING: tuple[tuple[str, str, str, str, int], ...] = (
    ("Sở Tài chính", TC, "Báo cáo tình hình thu, chi ngân sách nhà nước hằng tháng", "monthly", 20),
    ("Sở Kế hoạch và Đầu tư", KHDT, "Báo cáo tiến độ giải ngân vốn đầu tư công hằng tháng", "monthly", 22),
    (
        "Sở Công Thương",
        CT,
        "Báo cáo tình hình thị trường, giá cả hàng hóa thiết yếu hằng tháng",
        "monthly",
        18,
    ),
    (
        "Sở Nông nghiệp và Phát triển nông thôn",
        NN,
        "Báo cáo tình hình sản xuất nông nghiệp hằng tháng",
        "monthly",
        20,
    ),
    (
        "Công an tỉnh",
        NC,
        "Báo cáo tình hình an ninh chính trị, trật tự an toàn xã hội hằng tháng",
        "monthly",
        25,
    ),
    ("Sở Nội vụ", CCHC, "Báo cáo kết quả thực hiện nhiệm vụ cải cách hành chính hằng quý", "quarterly", 15),
)

RECURRING_ABSTRACT = "V/v thực hiện chế độ báo cáo định kỳ phục vụ chỉ đạo, điều hành của UBND tỉnh"

#: Where a leader gives a task without a document (giao trực tiếp).
ADHOC_OCCASIONS = (
    "Chỉ đạo tại buổi kiểm tra thực địa",
    "Chỉ đạo tại buổi giao ban lãnh đạo UBND tỉnh",
    "Chỉ đạo qua điện thoại",
    "Chỉ đạo tại buổi làm việc với địa phương",
    "",
)
