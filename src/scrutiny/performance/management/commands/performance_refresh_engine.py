"""Refresh engine-sourced indicators of the performance report for one or more month ends."""

from datetime import date

from django.core.management import BaseCommand, CommandError

from scrutiny.core.actors import SystemActor
from scrutiny.core.dates import shift_months
from scrutiny.performance import services


class Command(BaseCommand):
    help = "Store the child-level engine's values for every engine-sourced indicator."

    def add_arguments(self, parser):
        parser.add_argument("--month-end", required=True, help="YYYY-MM-DD, the last month")
        parser.add_argument("--months", type=int, default=1, help="how many months back")

    def handle(self, *args, month_end: str, months: int, **options):
        try:
            last = date.fromisoformat(month_end)
        except ValueError as exc:
            raise CommandError(f"--month-end: '{month_end}' is not a date (YYYY-MM-DD)") from exc
        if not 1 <= months <= 60:
            raise CommandError("--months must be between 1 and 60")
        month_ends = [shift_months(last, -k) for k in range(months - 1, -1, -1)]
        try:
            summary = services.engine_values_refresh(
                month_ends=month_ends, actor=SystemActor("performance_refresh_engine command")
            )
        except services.EntryError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Stored {summary.stored} value(s); empty: {len(summary.empty)}")
