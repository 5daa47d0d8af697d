"""``scrutiny indicators --as-at YYYY-MM-DD --format csv``: one row per indicator."""

from __future__ import annotations

import csv
from datetime import date
from typing import TextIO, cast

from django.core.management.base import BaseCommand, CommandError

from scrutiny.casedata.engine import StoreMissing, compute_indicators
from scrutiny.casedata.indicators import AVERAGE, COUNT
from scrutiny.casedata.services import indicator_values_record


def format_number(value: float | None, places: int) -> str:
    if value is None:
        return ""
    if places == 0:
        return str(int(round(value)))
    return f"{value:.{places}f}"


def plain(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


class Command(BaseCommand):
    help = "Compute indicators from the case-data store at an as-at date."

    def add_arguments(self, parser):
        parser.add_argument("--as-at", required=True, help="as-at date, YYYY-MM-DD")
        parser.add_argument("--format", choices=["csv", "table"], default="csv")
        parser.add_argument("--codes", help="comma-separated indicator codes (default: all)")
        parser.add_argument("--la", help="only this local authority's records")
        parser.add_argument("--store", help="path of the DuckDB store (default: data dir)")
        parser.add_argument(
            "--record", action="store_true", help="also keep the values with their provenance"
        )

    def handle(
        self,
        *args,
        as_at: str,
        format: str,
        codes: str | None = None,
        la: str | None = None,
        store: str | None = None,
        record: bool = False,
        **options,
    ):
        try:
            day = date.fromisoformat(as_at)
        except ValueError as exc:
            raise CommandError(f"--as-at: {as_at!r} is not a date (YYYY-MM-DD).") from exc
        wanted = [c.strip() for c in codes.split(",") if c.strip()] if codes else None
        try:
            results = compute_indicators(day, wanted, store=store, la=la)
        except (StoreMissing, KeyError) as exc:
            raise CommandError(str(exc).strip('"')) from exc
        if record:
            indicator_values_record(results=results, actor="command line", la=la)
        rows = []
        for r in results:
            places = 0 if r.unit == COUNT else (2 if r.unit == AVERAGE else 1)
            numerator = r.numerator if r.numerator is not None else 0
            denominator = r.denominator
            if denominator is None and r.unit != COUNT:
                denominator = 0
            rows.append(
                [r.code, format_number(r.value, places), plain(numerator), plain(denominator)]
            )
        if format == "csv":
            writer = csv.writer(cast(TextIO, self.stdout._out), lineterminator="\n")
            writer.writerow(["code", "value", "numerator", "denominator"])
            writer.writerows(rows)
        else:
            width = max(len(r[0]) for r in rows)
            for code, value, num, den in rows:
                self.stdout.write(f"{code:<{width}}  {value:>10}  {num:>10}  {den:>10}")
