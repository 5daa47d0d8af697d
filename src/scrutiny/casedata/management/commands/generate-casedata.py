"""``scrutiny generate-casedata --children N --seed S``: a synthetic local authority."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from scrutiny.casedata.services import synthetic_records_generate


class Command(BaseCommand):
    help = "Fill the case-data store with a deterministic synthetic local authority."

    def add_arguments(self, parser):
        parser.add_argument(
            "--children",
            type=int,
            default=30000,
            help="children in the records (about 8 events each)",
        )
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--la", default="SYN", help="local authority code (default SYN)")
        parser.add_argument(
            "--end",
            help="last day of the records, YYYY-MM-DD "
            "(default: 31 October 2024, the seed report's month)",
        )
        parser.add_argument("--years", type=int, default=3)

    def handle(
        self, *args, children: int, seed: int, la: str, end: str | None, years: int, **options
    ):
        try:
            end_day = date.fromisoformat(end) if end else None
        except ValueError as exc:
            raise CommandError(f"--end: {end!r} is not a date (YYYY-MM-DD).") from exc
        if children < 1:
            raise CommandError("--children must be at least 1.")
        run = synthetic_records_generate(
            children=children, seed=seed, la=la, end=end_day, years=years, actor="command line"
        )
        total = sum(run.rows_written.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {total} records for LA {la} (run {run.pk}): "
                + ", ".join(f"{t} {n}" for t, n in sorted(run.rows_written.items()))
            )
        )
