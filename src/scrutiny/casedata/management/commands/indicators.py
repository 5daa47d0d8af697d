"""``scrutiny indicators --as-at YYYY-MM-DD --format csv``: one row per indicator.

Figures are never added up across authorities: with records of several in the store the
command asks for ``--la CODE`` (naming the choices), or ``--la all`` for one block of rows
per authority with an ``la`` column first.
"""

from __future__ import annotations

import csv
from datetime import date
from typing import TextIO, cast

from django.core.management.base import BaseCommand, CommandError

from scrutiny.casedata.engine import StoreMissing, compute_indicators, store_authorities
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


ALL = "all"


class Command(BaseCommand):
    help = "Compute indicators from the case-data store at an as-at date."

    def add_arguments(self, parser):
        parser.add_argument("--as-at", required=True, help="as-at date, YYYY-MM-DD")
        parser.add_argument("--format", choices=["csv", "table"], default="csv")
        parser.add_argument("--codes", help="comma-separated indicator codes (default: all)")
        parser.add_argument(
            "--la",
            help="this local authority's records; 'all' for each authority in turn "
            "(needed when the store holds more than one)",
        )
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
            scopes = self._authorities(la, store)
            blocks = [
                (scope, compute_indicators(day, wanted, store=store, la=scope)) for scope in scopes
            ]
        except (StoreMissing, KeyError) as exc:
            raise CommandError(str(exc).strip('"')) from exc
        each = la == ALL
        rows = []
        for scope, results in blocks:
            if record:
                indicator_values_record(results=results, actor="command line", la=scope)
            rows += [[scope or "", *self._row(r)] if each else self._row(r) for r in results]
        header = ["code", "value", "numerator", "denominator"]
        if each:
            header.insert(0, "la")
        if format == "csv":
            writer = csv.writer(cast(TextIO, self.stdout._out), lineterminator="\n")
            writer.writerow(header)
            writer.writerows(rows)
        else:
            labels = len(header) - 3  # code (and la): left-aligned; the three numbers right
            widths = [max(len(r[i]) for r in rows) for i in range(labels)] if rows else []
            for row in rows:
                cells = [f"{c:<{w}}" for c, w in zip(row[:labels], widths, strict=True)]
                self.stdout.write("  ".join(cells + [f"{c:>10}" for c in row[labels:]]))

    @staticmethod
    def _authorities(la: str | None, store: str | None) -> list[str | None]:
        """The authorities to report on, one at a time; refuses to mix several."""
        if la and la != ALL:
            return [la]
        present = store_authorities(store)
        if la == ALL:
            return list(present)
        if len(present) > 1:
            raise CommandError(
                f"The store holds records for {len(present)} local authorities "
                f"({', '.join(present)}); figures are never added up across them. "
                "Choose one with --la CODE, or give --la all for each in turn."
            )
        return [present[0]] if present else [None]

    @staticmethod
    def _row(r) -> list[str]:
        places = 0 if r.unit == COUNT else (2 if r.unit == AVERAGE else 1)
        numerator = r.numerator if r.numerator is not None else 0
        denominator = r.denominator
        if denominator is None and r.unit != COUNT:
            denominator = 0
        return [r.code, format_number(r.value, places), plain(numerator), plain(denominator)]
