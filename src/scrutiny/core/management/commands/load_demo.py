"""Load the Southampton demo data: every domain app's ``demo.load()``, in INSTALLED_APPS order."""

from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.core.management import BaseCommand, call_command
from django.db import transaction


class Command(BaseCommand):
    help = "Load the Southampton demonstration data built from the seed documents."

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true", help="Empty the database first.")
        parser.add_argument(
            "--apps",
            nargs="+",
            metavar="APP",
            help="Load only these apps' demo data (short names, e.g. core committees).",
        )

    def handle(self, *args, reset: bool = False, apps: list[str] | None = None, **options):
        from scrutiny.committees.models import Panel

        if reset:
            call_command("flush", interactive=False, verbosity=0)
        elif Panel.objects.exists():
            self.stdout.write("Demo data already loaded (use --reset to reload).")
            return
        for app in settings.DOMAIN_APPS:
            if find_spec(app) is None or find_spec(f"{app}.demo") is None:
                continue
            if apps and app.rsplit(".", 1)[-1] not in apps:
                continue
            with transaction.atomic():
                summary = import_module(f"{app}.demo").load()
            self.stdout.write(f"{app}: {summary or 'loaded'}")
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
