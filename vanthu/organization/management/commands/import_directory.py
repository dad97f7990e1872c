from django.core.management.base import BaseCommand, CommandError

from vanthu.organization.services import import_directory_csv


class Command(BaseCommand):
    help = "Nhập danh bạ cơ quan từ tệp CSV (cột: ten, viet_tat, ma_dinh_danh, email, dia_chi, ma_cap_tren)."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, path, **options):
        try:
            with open(path, "rb") as fh:
                result = import_directory_csv(fh.read())
        except OSError as exc:
            raise CommandError(f"Không đọc được tệp {path}: {exc}") from exc
        for error in result.errors:
            self.stderr.write(error)
        self.stdout.write(f"Đã thêm {result.created}, cập nhật {result.updated} cơ quan.")
