"""Run the daily task job now: recurring occurrences and reminders (đôn đốc). Safe to run twice a day."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from vanthu.tasks.jobs import daily_task_jobs, run_daily


class Command(BaseCommand):
    help = "Gửi nhắc việc, đôn đốc nhiệm vụ đến hạn và quá hạn (chạy lại trong ngày không gửi trùng)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Ngày chạy, dạng yyyy-mm-dd (mặc định: hôm nay).")
        parser.add_argument(
            "--enqueue", action="store_true", help="Đưa vào hàng đợi cho tiến trình nền thay vì chạy ngay."
        )

    def handle(self, *args, enqueue: bool = False, **options):
        text, day = options.get("date"), None
        if text:
            try:
                day = date.fromisoformat(text)
            except ValueError as error:
                raise CommandError(f"Ngày không hợp lệ: {text} (dạng yyyy-mm-dd)") from error
        if enqueue:
            result = daily_task_jobs.enqueue(day.isoformat() if day else None)
            self.stdout.write(f"Đã đưa vào hàng đợi: {result.id}")
            return
        summary = run_daily(day)
        self.stdout.write(
            "Ngày {day}: {occurrences} kỳ nhiệm vụ định kỳ mới; nhắc trước hạn {due_soon}, nhắc quá hạn "
            "{overdue} nhiệm vụ; {people} người nhận; {agencies} cơ quan, {skipped_day_off} cơ quan nghỉ.".format(
                **summary
            )
        )
