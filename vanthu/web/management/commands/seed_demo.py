"""``manage.py seed_demo``: build the demo office on an empty database and print the demo logins."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from vanthu.incoming.states import DocState
from vanthu.web.demo import DEFAULT_COUNT, build_demo, format_logins


class Command(BaseCommand):
    help = (
        "Tạo dữ liệu mẫu: UBND tỉnh Hà Tĩnh và UBND xã Thạch Hà, cán bộ, danh bạ cơ quan, văn bản đến đã xử lý "
        "qua các bước. Nếu dữ liệu mẫu đã có thì chỉ in danh sách tài khoản."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--count",
            type=int,
            default=DEFAULT_COUNT,
            help=f"Số văn bản đến của UBND tỉnh (mặc định {DEFAULT_COUNT}; xã nhận khoảng 1/20 số này).",
        )

    def handle(self, count: int, **options):
        if count < 20:
            raise CommandError("--count phải từ 20 trở lên.")
        result = build_demo(count)
        for warning in result.warnings:
            self.stderr.write(warning)
        if result.created:
            self.stdout.write(self.style.SUCCESS(f"Đã tạo dữ liệu mẫu trong {result.seconds:.1f} giây."))
        else:
            self.stdout.write("Dữ liệu mẫu đã có, không tạo thêm.")
        for agency, row in result.counts.items():
            states = ", ".join(f"{DocState(s).label.lower()}: {row[s]}" for s in DocState.values)
            self.stdout.write(
                f"{agency}: {sum(row[s] for s in DocState.values)} văn bản đến ({states}); quá hạn: "
                f"{row['overdue']}, khẩn: {row['urgent']}, mật: {row['secret']}."
            )
        if result.tasks:
            t = result.tasks
            self.stdout.write(
                f"Nhiệm vụ của UBND tỉnh: {t['total']} (hoàn thành đúng hạn: {t['on_time']}, hoàn thành quá hạn: "
                f"{t['late']}, trong hạn: {t['within']}, quá hạn: {t['overdue']}, không có thời hạn: {t['none']}); "
                f"đã thu hồi: {t['cancelled']}; chương trình công tác năm: {t['programme']} nội dung."
            )
        if result.outgoing:
            o = dict(result.outgoing)
            drafts = o.pop("drafts", 0)
            books = ", ".join(f"{name}: {n}" for name, n in o.items())
            self.stdout.write(
                f"Văn bản đi của UBND tỉnh đã cấp số ({books}); dự thảo đang xử lý: {drafts}"
                + (f" (tạo trong {result.outgoing_seconds:.1f} giây)." if result.created else ".")
            )
        if result.search:
            self.stdout.write(f"Chỉ mục tìm kiếm: {result.search} mục (văn bản đến, văn bản đi, nhiệm vụ).")
        if not result.logins:
            self.stderr.write("Cơ quan mẫu đã có trong cơ sở dữ liệu nhưng không có tài khoản mẫu nào.")
            return
        self.stdout.write("\nTài khoản dùng thử (mật khẩu ban đầu):\n")
        self.stdout.write(format_logins(result.logins))
