"""Every write to case data: imports, generated records and recorded indicator values.

Each function is atomic: the Django bookkeeping (import run, problems, audit event) and
the DuckDB store write commit together or not at all. The DuckDB transaction commits last,
inside the Django transaction, so a store failure rolls the bookkeeping back too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from scrutiny.casedata.engine import IndicatorResult
from scrutiny.casedata.importers.common import ParsedImport, write_parsed
from scrutiny.casedata.models import (
    ImportKind,
    ImportProblem,
    ImportRun,
    ImportStatus,
    IndicatorValue,
)
from scrutiny.casedata.store import Store, check_child_keys, import_lock, open_store
from scrutiny.core.audit import audit_record


@dataclass
class ImportOutcome:
    run: ImportRun
    repeated: bool  # the same input was imported before: nothing changed
    problems: list[Any]


def parse_input(kind: str, path: Path, la: str | None = None) -> ParsedImport:
    """Read an input with the importer for its kind (no writes)."""
    if kind == ImportKind.CIN:
        from scrutiny.casedata.importers.cin import parse_cin

        return parse_cin(path, la)
    if kind == ImportKind.SSDA903:
        from scrutiny.casedata.importers.ssda903 import parse_ssda903

        return parse_ssda903(path, la)
    if kind == ImportKind.ANNEX_A:
        from scrutiny.casedata.importers.annex_a import parse_annex_a

        return parse_annex_a(path, la)
    if kind == ImportKind.POPULATION:
        from scrutiny.casedata.importers.population import parse_population

        return parse_population(path, la)
    raise ValidationError(f"Unknown import kind {kind!r}.")


def _actor_label(actor: Any) -> str:
    if getattr(actor, "is_authenticated", False):
        return str(actor.get_username())
    return str(actor) if actor else "system"


@transaction.atomic
def records_import(
    *,
    kind: str,
    path: Path,
    actor: Any = None,
    la: str | None = None,
    store: Store | None = None,
    progress: Callable[[int], None] | None = None,
    parsed: ParsedImport | None = None,
    force: bool = False,
) -> ImportOutcome:
    """Import one input into the store, recording the run and every problem.

    Importing an input whose files were all imported before (same hashes, same LA) changes
    nothing and returns the earlier run with ``repeated=True``, unless ``force``: then the
    records are written again (rows are upserted by natural key), which rebuilds a lost or
    restored store from the original files.
    """
    if kind not in ImportKind.values or kind == ImportKind.SYNTHETIC:
        raise ValidationError(f"Unknown import kind {kind!r}.")
    parsed = parsed or parse_input(kind, Path(path), la)
    if not parsed.rejected and not force:
        earlier = ImportRun.objects.filter(
            fingerprint=parsed.fingerprint, la=parsed.la, status=ImportStatus.COMPLETED
        ).first()
        if earlier is not None:
            return ImportOutcome(run=earlier, repeated=True, problems=parsed.problems)

    run = ImportRun.objects.create(
        kind=kind,
        source_name=Path(path).name,
        fingerprint=parsed.fingerprint,
        files=[list(f) for f in parsed.files],
        la=parsed.la,
        status=ImportStatus.REJECTED if parsed.rejected else ImportStatus.COMPLETED,
        rows_read=parsed.row_counts(),
        problem_count=len(parsed.problems),
        actor_label=_actor_label(actor),
    )
    ImportProblem.objects.bulk_create(
        [
            ImportProblem(
                run=run, file=p.file[:300], row=p.row, field=p.field[:100], reason=p.reason[:500]
            )
            for p in parsed.problems
        ],
        batch_size=1000,
    )
    if not parsed.rejected:
        owned = store is None
        with import_lock() if owned else nullcontext():
            st = store or open_store()
            try:
                run.rows_written = write_parsed(st, parsed, run.store_source, progress)
            finally:
                if owned:
                    st.close()
    run.finished_at = timezone.now()
    run.save(update_fields=["rows_written", "finished_at"])
    audit_record(
        actor=actor,
        action="casedata.records_import",
        target=run,
        to_state=run.status,
        data={"kind": kind, "rows": run.rows_written, "problems": run.problem_count},
    )
    return ImportOutcome(run=run, repeated=False, problems=parsed.problems)


@transaction.atomic
def synthetic_records_generate(
    *,
    children: int,
    seed: int,
    actor: Any = None,
    la: str = "SYN",
    end: date | None = None,
    years: int = 3,
    replace: bool = True,
    store: Store | None = None,
) -> ImportRun:
    """Fill the store with a synthetic local authority (see generator.py)."""
    from scrutiny.casedata.generator import generate_la

    if children < 1:
        raise ValidationError("The number of children must be at least 1.")
    run = ImportRun.objects.create(
        kind=ImportKind.SYNTHETIC,
        source_name=f"generator children={children} seed={seed}",
        fingerprint=f"synthetic:{la}:{children}:{seed}:{end}:{years}",
        la=la,
        status=ImportStatus.COMPLETED,
        actor_label=_actor_label(actor),
    )
    owned = store is None
    with import_lock() if owned else nullcontext():
        st = store or open_store()
        try:
            with st.transaction() as con:
                if replace:
                    from scrutiny.casedata.store import TABLES

                    for table in TABLES:
                        con.execute(f"DELETE FROM {table} WHERE la = ?", [la])
                run.rows_written = generate_la(
                    con,
                    la=la,
                    children=children,
                    seed=seed,
                    end=end,
                    years=years,
                    source=run.store_source,
                )
                check_child_keys(con)
        finally:
            if owned:
                st.close()
    run.finished_at = timezone.now()
    run.save(update_fields=["rows_written", "finished_at"])
    audit_record(
        actor=actor,
        action="casedata.synthetic_records_generate",
        target=run,
        to_state=run.status,
        data={"children": children, "seed": seed, "rows": run.rows_written},
    )
    return run


@transaction.atomic
def indicator_values_record(
    *,
    results: Iterable[IndicatorResult],
    actor: Any = None,
    la: str | None = None,
) -> list[IndicatorValue]:
    """Keep computed values with their provenance (definition version, records, as-at)."""
    rows = []
    for r in results:
        prov = r.provenance
        if "as_at" not in prov or "definition_version" not in prov:
            raise ValidationError(f"{r.code}: the result has no provenance.")
        rows.append(
            IndicatorValue(
                code=r.code,
                as_at=date.fromisoformat(prov["as_at"]),
                la=la or "",
                value=r.value,
                numerator=r.numerator,
                denominator=r.denominator,
                definition_version=prov["definition_version"],
                engine_version=prov.get("engine_version", ""),
                records_counted=int(prov.get("records_counted") or 0),
                teams=[list(t) for t in r.teams],
                provenance=prov,
            )
        )
    created = IndicatorValue.objects.bulk_create(rows)
    for value in created[:1]:
        audit_record(
            actor=actor,
            action="casedata.indicator_values_record",
            target=value,
            data={"count": len(created), "as_at": str(value.as_at)},
        )
    return created
