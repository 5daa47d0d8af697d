"""Load the Southampton demo data: every app's registered demo loader, in dependency order.

The demo creates accounts with published passwords, so it refuses where it could do harm:
on a production server (DEBUG off, not ``SCRUTINY_LOCAL``) unless ``--allow-production``, and
on a database holding a council's own records unless ``--allow-existing-data``. ``--reset``
empties the whole database first, so it asks for confirmation unless ``--yes``.
"""

import sys

from django.conf import settings
from django.core.management import BaseCommand, CommandError, call_command
from django.db import transaction

from scrutiny.core import registry

DEMO_MARK = "core.demo_load"


def _marked_as_demo() -> bool:
    from scrutiny.core.models import AuditEvent

    return AuditEvent.objects.filter(action=DEMO_MARK).exists()


def _holds_records() -> bool:
    """Any row in a domain app (core's own settings and the audit log aside)."""
    from django.apps import apps

    return any(
        model._base_manager.exists()
        for model in apps.get_models()
        if model.__module__.startswith("scrutiny.") and model._meta.app_label != "core"
    )


def demo_load(apps: list[str] | None) -> None:
    """Record in the audit log that the demo was loaded: later runs know its own records."""
    from scrutiny.core.audit import AuditAction, audit_record
    from scrutiny.core.models import Council

    with transaction.atomic():
        audit_record(
            actor="demo loader",
            action=AuditAction.CORE_DEMO_LOAD,
            target=Council.load(),
            data={"apps": apps or "all"},
        )


class Command(BaseCommand):
    help = "Load the Southampton demonstration data built from the seed documents."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset", action="store_true", help="Empty the whole database first (asks first)."
        )
        parser.add_argument("--yes", action="store_true", help="Do not ask before --reset.")
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Load even with DEBUG off (the demo's accounts have published passwords).",
        )
        parser.add_argument(
            "--allow-existing-data",
            action="store_true",
            help="Load beside records that the demo did not create.",
        )
        parser.add_argument(
            "--apps",
            nargs="+",
            metavar="APP",
            help="Load only these apps' demo data (short names, e.g. core committees).",
        )

    def handle(self, *args, reset: bool = False, apps: list[str] | None = None, **options):
        if not (settings.DEBUG or getattr(settings, "LOCAL", False)) and not options.get(
            "allow_production"
        ):
            raise CommandError(
                "Refusing to load the demo: DEBUG is off, so this looks like a production server, "
                "and the demo creates accounts with published passwords. Use SCRUTINY_LOCAL=on "
                "on a demonstration machine, or --allow-production if you really mean it."
            )
        loaders = registry.demo_loaders.items()
        if reset:
            self._confirm_reset(options.get("yes", False))
            call_command("flush", interactive=False, verbosity=0)
        elif _holds_records() and not _marked_as_demo():
            if not options.get("allow_existing_data"):
                raise CommandError(
                    "Refusing to load the demo: the database already holds panels, people or "
                    "meetings that the demo did not create. Use an empty database, or "
                    "--allow-existing-data to add the demo beside them."
                )
        elif any(loader.is_loaded and loader.is_loaded() for _app, loader in loaders):
            self.stdout.write("Demo data already loaded (use --reset to reload).")
            return
        for app, loader in loaders:
            if apps and app.rsplit(".", 1)[-1] not in apps:
                continue
            with transaction.atomic():
                summary = loader.load()
            self.stdout.write(f"{app}: {summary or 'loaded'}")
        demo_load(apps)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))

    def _confirm_reset(self, yes: bool) -> None:
        if yes:
            return
        if not sys.stdin or not sys.stdin.isatty():
            raise CommandError(
                "--reset deletes everything in the database; add --yes to confirm when not "
                "running at a terminal."
            )
        database = settings.DATABASES["default"].get("NAME")
        answer = input(f"This deletes every record in {database}. Type 'reset' to go on: ")
        if answer.strip() != "reset":
            raise CommandError("Nothing was changed.")
