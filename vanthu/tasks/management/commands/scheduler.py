"""Queue the daily task job (reminders) once a day at VANTHU_REMINDER_TIME; started by `vanthu serve`.

Several schedulers (one per machine) may run: the job itself never sends the same reminder twice.
"""

from __future__ import annotations

import signal
import time
from datetime import datetime, timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from vanthu.tasks.jobs import daily_task_jobs


def _slot_today(now: datetime, at: str) -> datetime:
    """Today's moment at ``at`` (HH:MM); ValueError for anything else."""
    hour, minute = (int(x) for x in at.split(":"))
    return now.replace(hour=hour, minute=minute, second=0, microsecond=0)


def next_run(now: datetime, at: str) -> datetime:
    """The next local moment at ``at`` (HH:MM) strictly after ``now``."""
    candidate = _slot_today(now, at)
    return candidate if candidate > now else candidate + timedelta(days=1)


class Command(BaseCommand):
    help = "Hằng ngày đưa việc gửi nhắc việc, đôn đốc nhiệm vụ vào hàng đợi (theo VANTHU_REMINDER_TIME)."

    def add_arguments(self, parser):
        parser.add_argument("--at", default=settings.VANTHU_REMINDER_TIME, help="Giờ chạy hằng ngày (HH:MM).")

    def handle(self, *args, at: str, **options):
        now = timezone.localtime()
        try:
            slot = _slot_today(now, at)
        except ValueError as error:
            raise CommandError(f"Giờ không hợp lệ: {at} (dạng HH:MM)") from error
        stopping = False

        def stop(*_args):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        if now >= slot:
            # started after today's time: today's run may not have happened (idempotent if it has)
            daily_task_jobs.enqueue(now.date().isoformat())
        due = next_run(now, at)
        self.stdout.write(f"Lịch nhắc việc: hằng ngày lúc {at}; lần tới {due:%d/%m/%Y %H:%M}.")
        while not stopping:
            now = timezone.localtime()
            if now >= due:
                daily_task_jobs.enqueue(now.date().isoformat())
                due = next_run(now, at)
            time.sleep(min(30.0, max(1.0, (due - now).total_seconds())))
