"""Delete the private notes of members who left a panel more than the retention period ago
(the worker does this each night; for cron when it runs --no-schedule)."""

from django.core.management.base import BaseCommand

from scrutiny.core.actors import SystemActor
from scrutiny.members import services


class Command(BaseCommand):
    help = "Delete private notes kept past the retention period after their owner left the panel."

    def handle(self, *args, **options):
        count = services.notes_purge_departed(actor=SystemActor("purge_notes command"))
        self.stdout.write(f"{count} note{'s' if count != 1 else ''} deleted.")
