"""``scrutiny serve``: the production web server (gunicorn), settings from the environment."""

from __future__ import annotations

import os
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


def default_workers() -> int:
    # Pages are quick (nothing slow runs in a request), so a few processes with a handful
    # of threads each keep every core busy without holding much memory.
    return max(2, min(os.cpu_count() or 1, 8))


class Command(BaseCommand):
    help = "Serve Scrutiny with gunicorn (collects static files first)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--bind",
            default=os.environ.get("SCRUTINY_BIND", "127.0.0.1:8000"),
            help="address:port to listen on (default SCRUTINY_BIND or 127.0.0.1:8000)",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("SCRUTINY_WEB_WORKERS") or default_workers()),
        )
        parser.add_argument(
            "--threads", type=int, default=int(os.environ.get("SCRUTINY_WEB_THREADS") or 4)
        )
        parser.add_argument(
            "--check-only", action="store_true", help="check and show the command, do not serve"
        )

    def handle(self, *args, bind, workers, threads, check_only=False, **options):
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "scrutiny.wsgi:application",
            f"--bind={bind}",
            f"--workers={workers}",
            f"--threads={threads}",
            "--worker-class=gthread",
            "--timeout=60",
            "--graceful-timeout=20",
            "--access-logfile=-",
            "--error-logfile=-",
            '--access-logformat=%(h)s "%(r)s" %(s)s %(b)s %(M)sms',
            "--no-control-socket",
            f"--forwarded-allow-ips={os.environ.get('FORWARDED_ALLOW_IPS', '127.0.0.1,::1')}",
        ]
        if check_only:
            self.stdout.write(" ".join(command))
            return
        if settings.STATIC_MANIFEST:
            call_command("collectstatic", interactive=False, verbosity=0)
        call_command("createcachetable", verbosity=0)  # the database cache, if configured
        sys.stdout.flush()
        os.execv(sys.executable, command)  # noqa: S606 (the fixed gunicorn command above)
