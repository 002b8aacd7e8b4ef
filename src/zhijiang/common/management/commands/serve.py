"""``zhijiang serve``: the site through a production WSGI server.

With several worker processes (production on Linux): gunicorn, pre-forked workers of a few
threads each, and one background-task worker process beside them (not one per web worker).
With one (development, ``make run``; or where gunicorn cannot run): waitress in this process,
with the task worker in a thread. Static files are collected before any application loads.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from typing import Any

from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import connections
from django.utils import timezone

from zhijiang.common.tasks_recovery import tasks_requeue_interrupted


class Command(BaseCommand):
    help = "Serve the site: gunicorn with several workers, or waitress with one."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
        parser.add_argument("--port", type=int, default=8000, help="port to listen on")
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="server processes (default: WEB_WORKERS; 1 runs waitress in this process)",
        )
        parser.add_argument(
            "--threads", type=int, default=None, help="threads per process (default: WEB_THREADS)"
        )
        parser.add_argument(
            "--no-worker",
            action="store_false",
            dest="worker",
            help="do not run background tasks beside the site (run `zhijiang db_worker` instead)",
        )

    def handle(
        self,
        *args: Any,
        host: str,
        port: int,
        workers: int | None,
        threads: int | None,
        worker: bool = True,
        **options: Any,
    ) -> None:
        workers = max(1, workers or settings.WEB_WORKERS)
        threads = max(1, threads or settings.WEB_THREADS)
        if worker and settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend":
            # This server runs the only task worker: a task still marked RUNNING was cut off
            # when the last one stopped, and goes back on the queue (tasks are safe to rerun).
            requeued = tasks_requeue_interrupted(started_before=timezone.now())
            if requeued:
                self.stdout.write(f"{requeued} interrupted background task(s) queued again.")
        multi_process = workers > 1 and _gunicorn_runs_here()
        application = None if multi_process else prepared_application()
        self.stdout.write(f"Serving 智匠 Zhijiang at http://{host}:{port}/ (Ctrl-C to stop)")
        self.stdout.write(
            f"QR codes, PDFs and certificates link to {settings.PUBLIC_URL}/ "
            "(set PUBLIC_URL to change it)."
        )
        if application is None:
            prepare_static()  # here, before the workers fork and load the application
            self.stdout.write(f"{workers} server processes of {threads} threads (gunicorn).")
            _serve_with_gunicorn(
                bind=_bind_address(host, port), workers=workers, threads=threads, tasks=worker
            )
            return
        if worker and _start_task_worker():
            self.stdout.write(
                "Background tasks (the matching index, the nightly push when queued) run in this "
                "process; use --no-worker and `zhijiang db_worker` to run them apart."
            )
        import waitress

        waitress.serve(application, host=host, port=port, threads=threads, ident="zhijiang")


def prepare_static() -> None:
    """Collect the static files when they are served from STATIC_ROOT (production). It must run
    before the application loads: WhiteNoise lists STATIC_ROOT once, when it starts, and a file
    collected afterwards answers 404 until the next restart."""
    if settings.STATIC_ROOT:
        call_command("collectstatic", interactive=False, verbosity=0)


def prepared_application() -> WSGIHandler:
    """The WSGI application, loaded after its static files are in place."""
    prepare_static()
    from django.core.wsgi import get_wsgi_application

    return get_wsgi_application()


def _gunicorn_runs_here() -> bool:
    try:
        import gunicorn.app.base  # noqa: F401 - POSIX only: needs fcntl
    except ImportError:
        return False
    return True


def _bind_address(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def _serve_with_gunicorn(*, bind: str, workers: int, threads: int, tasks: bool) -> None:
    """Pre-forked gunicorn workers; the optional task worker is a child process that ends with
    the server."""
    from gunicorn.app.base import BaseApplication

    connections.close_all()  # nothing of this process's database connections crosses a fork
    task_process = _start_task_process() if tasks else None

    def stop_tasks(_arbiter: Any) -> None:
        if task_process is not None and task_process.poll() is None:
            task_process.send_signal(signal.SIGTERM)
            try:
                task_process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                task_process.kill()

    options = {
        "bind": [bind],
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread",
        "timeout": 60,
        "graceful_timeout": 20,
        "keepalive": 5,
        "accesslog": None,  # Django logs what went wrong, through the redacting handler
        "errorlog": "-",
        "proc_name": "zhijiang",
        "on_exit": stop_tasks,
    }

    class Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> WSGIHandler:
            from django.core.wsgi import get_wsgi_application

            return get_wsgi_application()

    Server().run()


def _start_task_process() -> subprocess.Popen[bytes] | None:
    """One ``zhijiang db_worker`` beside the web workers, or None when the queue is not the
    database one (the immediate backend runs tasks at once)."""
    if settings.TASKS["default"]["BACKEND"] != "django_tasks_db.DatabaseBackend":
        return None
    command = [sys.executable, "-m", "zhijiang.cli", "db_worker", "--no-reload"]
    return subprocess.Popen(command, env=os.environ.copy())  # noqa: S603 - our own command


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
