"""``zhijiang serve``: the site through waitress, a production WSGI server."""

from __future__ import annotations

import threading
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Serve the site with waitress (static files through WhiteNoise)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
        parser.add_argument("--port", type=int, default=8000, help="port to listen on")
        parser.add_argument("--threads", type=int, default=8, help="worker threads")
        parser.add_argument(
            "--no-worker",
            action="store_false",
            dest="worker",
            help="do not run background tasks in this process (run `zhijiang db_worker` instead)",
        )

    def handle(
        self, *args: Any, host: str, port: int, threads: int, worker: bool = True, **options: Any
    ) -> None:
        import waitress

        from zhijiang.wsgi import application

        if settings.PRODUCTION:
            call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write(f"Serving 智匠 Zhijiang at http://{host}:{port}/ (Ctrl-C to stop)")
        self.stdout.write(
            f"QR codes, PDFs and certificates link to {settings.PUBLIC_URL}/ "
            "(set PUBLIC_URL to change it)."
        )
        if worker and _start_task_worker():
            self.stdout.write(
                "Background tasks (the matching index, the nightly push when queued) run in this "
                "process; use --no-worker and `zhijiang db_worker` to run them apart."
            )
        waitress.serve(application, host=host, port=port, threads=threads, ident="zhijiang")


def _start_task_worker() -> bool:
    """Run the database task queue's worker in a daemon thread beside the site, so that a
    single ``zhijiang serve`` (``make run``) needs no second process; False when the queue is
    not the database one (the immediate backend runs tasks at once)."""
    if settings.TASKS["default"]["BACKEND"] != "django_tasks_db.DatabaseBackend":
        return False
    from django.utils.crypto import get_random_string
    from django_tasks_db.management.commands.db_worker import Worker

    runner = Worker(
        queue_names=["default"],
        interval=1.0,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=f"serve-{get_random_string(12)}",
        excluded_queue_names=[],
    )
    threading.Thread(target=runner.run, name="zhijiang-tasks", daemon=True).start()
    return True
