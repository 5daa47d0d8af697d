"""``scrutiny tick``: enqueue the periodic tasks that are due (for cron, once a minute)."""

from django.core.management.base import BaseCommand

from scrutiny.core import queue


class Command(BaseCommand):
    help = "Enqueue the periodic tasks that are due; for cron when workers run --no-schedule."

    def handle(self, *args, **options):
        queue.discover_tasks()
        names = queue.schedule_due()
        if options["verbosity"] > 1 or names:
            self.stdout.write(f"Enqueued: {', '.join(names) or 'nothing due'}")
