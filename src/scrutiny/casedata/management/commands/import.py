"""``scrutiny import cin FILE | ssda903 DIR | annex-a FILE | population FILE``."""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import TextIO, cast

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from scrutiny.casedata.models import ImportKind
from scrutiny.casedata.services import parse_input, records_import
from scrutiny.casedata.store import StoreBusy

KINDS = {
    "cin": (ImportKind.CIN, "FILE", "a children in need census XML file"),
    "ssda903": (ImportKind.SSDA903, "DIR", "a directory of SSDA903 CSV tables"),
    "annex-a": (ImportKind.ANNEX_A, "FILE", "an Ofsted Annex A workbook (lists 1-8)"),
    "population": (ImportKind.POPULATION, "FILE", "ONS population 0-17 CSV (la,year,population)"),
}


class Command(BaseCommand):
    help = "Import child-level records into the case-data store, reporting every problem."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="kind", required=True, metavar="KIND")
        for name, (_kind, metavar, text) in KINDS.items():
            p = sub.add_parser(name, help=f"import {text}")
            p.add_argument("path", metavar=metavar)
            p.add_argument(
                "--la",
                help="local authority code for the records (default: from "
                "the file where it says, else 'local')",
            )
            p.add_argument("--no-progress", action="store_true", help="no progress bar")
            p.add_argument(
                "--force",
                action="store_true",
                help="write the records even if these files were imported before (rebuilds "
                "a lost or restored case-data store from the original files)",
            )

    def handle(
        self,
        *args,
        kind: str,
        path: str,
        la: str | None = None,
        no_progress: bool = False,
        force: bool = False,
        **options,
    ):
        import_kind = KINDS[kind][0]
        source = Path(path)
        if not source.exists():
            raise CommandError(f"{path}: no such file or directory.")
        parsed = parse_input(import_kind, source, la)
        total = sum(parsed.row_counts().values())
        with tqdm(
            total=total,
            unit="rows",
            desc=f"import {kind}",
            file=sys.stderr,
            disable=no_progress or total == 0,
            leave=False,
        ) as bar:
            try:
                outcome = records_import(
                    kind=import_kind,
                    path=source,
                    la=la,
                    actor="command line",
                    progress=bar.update,
                    parsed=parsed,
                    force=force,
                )
            except StoreBusy as exc:
                raise CommandError(str(exc)) from None
        if outcome.problems:
            writer = csv.writer(cast(TextIO, self.stderr._out), lineterminator="\n")
            writer.writerow(["file", "row", "field", "reason"])
            for problem in outcome.problems:
                writer.writerow(problem.as_row())
        run = outcome.run
        if outcome.repeated:
            self.stdout.write(f"Already imported as run {run.pk}; nothing changed.")
            return
        if run.status == "rejected":
            raise CommandError(
                f"{source.name}: rejected, nothing imported "
                f"({run.problem_count} problem(s) listed above)."
            )
        written = ", ".join(f"{t} {n}" for t, n in sorted(run.rows_written.items()))
        self.stdout.write(
            self.style.SUCCESS(
                f"Import run {run.pk}: {written or 'no records'}; "
                f"{run.problem_count} problem(s) reported."
            )
        )
