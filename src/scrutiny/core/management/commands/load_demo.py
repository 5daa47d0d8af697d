"""Load the Southampton demo data: every app's registered demo loader, in dependency order."""

from django.core.management import BaseCommand, call_command
from django.db import transaction

from scrutiny.core import registry


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
        loaders = registry.demo_loaders.items()
        if reset:
            call_command("flush", interactive=False, verbosity=0)
        elif any(loader.is_loaded and loader.is_loaded() for _app, loader in loaders):
            self.stdout.write("Demo data already loaded (use --reset to reload).")
            return
        for app, loader in loaders:
            if apps and app.rsplit(".", 1)[-1] not in apps:
                continue
            with transaction.atomic():
                summary = loader.load()
            self.stdout.write(f"{app}: {summary or 'loaded'}")
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
