from django.core.management.base import BaseCommand, CommandError

from vanthu.search.services import check


class Command(BaseCommand):
    help = "Kiểm tra chỉ mục tìm kiếm có khớp với cơ sở dữ liệu không (thiếu, cũ, thừa, lệch quyền xem)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-viewers", action="store_true", help="Không so quyền xem (nhanh hơn trên cơ sở dữ liệu lớn)."
        )

    def handle(self, *args, **options):
        drift = check(viewers=not options["no_viewers"])
        for label, keys in (
            ("Thiếu", drift.missing),
            ("Cũ", drift.stale),
            ("Thừa", drift.extra),
            ("Lệch quyền xem", drift.viewers),
        ):
            self.stdout.write(f"{label}: {len(keys)}" + (f" ({', '.join(keys[:10])}…)" if keys else ""))
        if not drift.clean:
            raise CommandError("Chỉ mục lệch với dữ liệu: chạy `vanthu reindex`.")
        self.stdout.write("Chỉ mục khớp với dữ liệu.")
