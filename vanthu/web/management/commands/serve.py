"""Start the web server and the background worker together (the embedded default's one command)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Chạy máy chủ web (gunicorn), tiến trình xử lý nền (db_worker) và lịch nhắc việc cùng lúc."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("VANTHU_HOST", "127.0.0.1"))
        parser.add_argument("--port", default=os.environ.get("VANTHU_PORT", "8000"))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("VANTHU_WEB_WORKERS", "2")))
        parser.add_argument("--threads", type=int, default=int(os.environ.get("VANTHU_WEB_THREADS", "4")))
        parser.add_argument("--no-worker", action="store_true", help="Không chạy tiến trình xử lý nền.")

    def handle(self, host, port, workers, threads, no_worker, **options):
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "vanthu.settings"),
        }
        procs: list[subprocess.Popen] = []
        if not no_worker:
            procs.append(subprocess.Popen([sys.executable, "-m", "vanthu.cli", "db_worker"], env=env))
            # queues the daily reminder job (đôn đốc) at VANTHU_REMINDER_TIME
            procs.append(subprocess.Popen([sys.executable, "-m", "vanthu.cli", "scheduler"], env=env))
        procs.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "vanthu.wsgi:application",
                    "--bind",
                    f"{host}:{port}",
                    "--workers",
                    str(workers),
                    "--threads",
                    str(threads),
                    "--access-logfile",
                    "-",
                    "--timeout",
                    "120",
                ],
                env=env,
            )
        )
        self.stdout.write(f"vanthu đang chạy tại http://{host}:{port}/ (Ctrl+C để dừng)")

        def stop(*_args):
            for p in procs:
                if p.poll() is None:
                    p.terminate()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        try:
            while all(p.poll() is None for p in procs):
                time.sleep(0.5)
        finally:
            stop()
            for p in procs:
                try:
                    p.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    p.kill()
