import time

from django.core.management.base import BaseCommand

from vanthu.search.services import reindex_all


class Command(BaseCommand):
    help = "Xây dựng lại toàn bộ chỉ mục tìm kiếm (văn bản đến, văn bản đi, nhiệm vụ)."

    def handle(self, *args, **options):
        started = time.monotonic()
        n = reindex_all()
        self.stdout.write(f"Đã lập chỉ mục {n} mục trong {time.monotonic() - started:.1f} giây.")
