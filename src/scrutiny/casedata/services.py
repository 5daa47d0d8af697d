"""Every write to case data: imports, generated records and recorded indicator values.

Each function is atomic: the Django bookkeeping (import run, problems, audit event) and
the DuckDB store write commit together or not at all. The DuckDB transaction commits last,
inside the Django transaction, so a store failure rolls the bookkeeping back too.
"""

from __future__ import annotations

import logging
import shutil
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
from scrutiny.casedata.importers.common import MAX_LA_LENGTH, ParsedImport, write_parsed
from scrutiny.casedata.models import (
    ImportJob,
    ImportKind,
    ImportProblem,
    ImportRun,
    ImportStatus,
    IndicatorValue,
    JobStatus,
)
from scrutiny.casedata.store import (
    Store,
    StoreBusy,
    check_child_keys,
    import_lock,
    natural_key,
    open_store,
    open_store_for_writing,
)
from scrutiny.casedata.uploads import UploadUnreadable, unpack_ssda903
from scrutiny.core.actors import Actor, actor_label, require_officer, user_of
from scrutiny.core.audit import audit_record
from scrutiny.core.queue import enqueue, task


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


log = logging.getLogger(__name__)

# An import waits this long for another one to finish before saying the store is busy.
STORE_WAIT_SECONDS = 10


def check_parsed(parsed: ParsedImport, source_name: str) -> None:
    """Checks over the whole input, before anything is recorded: the LA code, and records
    that repeat another's natural key (kept once; said, so the counts add up)."""
    if len(parsed.la) > MAX_LA_LENGTH:
        parsed.problem(
            source_name,
            None,
            "LA",
            f"the LA code is longer than {MAX_LA_LENGTH} characters; nothing was imported",
        )
        parsed.rejected = True
        parsed.la = ""
        return
    for table, rows in parsed.tables.items():
        key = [k for k in natural_key(table) if k != "la"]
        seen: set[tuple[Any, ...]] = set()
        repeats = 0
        for row in rows:
            if table == "s47_enquiries":  # keyed on the start, else the conference date
                row = {**row, "s47_key": row.get("s47_start") or row.get("icpc_date")}
            identity = (row.get("la"), *(row.get(k) for k in key))
            repeats += identity in seen
            seen.add(identity)
        if repeats:
            parsed.problem(
                parsed.table_files.get(table, source_name),
                None,
                table,
                f"{repeats} record(s) repeat an earlier one with the same "
                f"{' and '.join(key)}; each was stored once (the last given)",
            )
    for row in parsed.tables.get("population", []):
        if len(str(row.get("la") or "")) > MAX_LA_LENGTH:
            parsed.problem(
                source_name,
                None,
                "la",
                f"an LA code is longer than {MAX_LA_LENGTH} characters; nothing was imported",
            )
            parsed.rejected = True
            return


def _actor_label(actor: Actor) -> str:
    return actor_label(actor)


@transaction.atomic
def records_import(
    *,
    kind: str,
    path: Path,
    actor: Actor,
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
    require_officer(actor)
    if kind not in ImportKind.values or kind == ImportKind.SYNTHETIC:
        raise ValidationError(f"Unknown import kind {kind!r}.")
    parsed = parsed or parse_input(kind, Path(path), la)
    check_parsed(parsed, Path(path).name)
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
        with import_lock(wait_seconds=STORE_WAIT_SECONDS) if owned else nullcontext():
            st = store or open_store_for_writing()
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
    actor: Actor,
    la: str = "SYN",
    end: date | None = None,
    years: int = 3,
    replace: bool = True,
    store: Store | None = None,
) -> ImportRun:
    """Fill the store with a synthetic local authority (see the casedata.synthetic package)."""
    require_officer(actor)
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
    actor: Actor,
    la: str | None = None,
) -> list[IndicatorValue]:
    """Keep computed values with their provenance (definition version, records, as-at)."""
    require_officer(actor)
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


# --------------------------------------------------------------------------- web uploads

# The largest upload an analyst may send (a city's CIN census XML is tens of megabytes).
MAX_UPLOAD_BYTES = 100 * 1024 * 1024
UPLOAD_SUFFIXES: dict[str, tuple[str, ...]] = {
    ImportKind.CIN.value: (".xml",),
    ImportKind.SSDA903.value: (".zip",),
    ImportKind.ANNEX_A.value: (".xlsx",),
    ImportKind.POPULATION.value: (".csv",),
}


def upload_dir(job_id: int) -> Path:
    from scrutiny.casedata.store import data_dir

    return data_dir() / "uploads" / f"job-{int(job_id)}"


def _safe_name(name: str) -> str:
    base = Path(name.replace("\\", "/")).name.strip() or "upload"
    return "".join(c if c.isalnum() or c in "._- " else "_" for c in base)[:120]


@transaction.atomic
def import_job_submit(
    *, kind: str, file_name: str, data: bytes, actor: Actor, la: str = ""
) -> ImportJob:
    """Keep an analyst's upload in the data directory and queue its import (tasks.py)."""
    require_officer(actor)
    if kind not in UPLOAD_SUFFIXES:
        raise ValidationError("Choose what the file holds.")
    name = _safe_name(file_name)
    if not name.lower().endswith(UPLOAD_SUFFIXES[kind]):
        raise ValidationError(
            f"{name}: a {ImportKind(kind).label} upload is a "
            f"{' or '.join(UPLOAD_SUFFIXES[kind])} file."
        )
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError(f"{name} is larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB.")
    if not data:
        raise ValidationError(f"{name} is empty.")
    la = la.strip()
    if len(la) > MAX_LA_LENGTH:
        raise ValidationError(f"The LA code is longer than {MAX_LA_LENGTH} characters.")
    job = ImportJob.objects.create(
        kind=kind,
        file_name=name,
        la=la,
        created_by=user_of(actor),
    )
    folder = upload_dir(job.pk)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)
    audit_record(
        actor=actor,
        action="casedata.import_job_submit",
        target=job,
        data={"kind": kind, "file": name, "bytes": len(data)},
    )
    enqueue(import_job_run, job.pk)
    return job


def _job_finish(job, status: str, message: str, run=None) -> None:
    job.status = status
    job.message = message[:500]
    job.run = run
    job.save(update_fields=["status", "message", "run", "updated_at"])


@task()
def import_job_run(job_id: int) -> str:
    """Import one upload; safe to run twice (a repeated input changes nothing)."""
    job = ImportJob.objects.filter(pk=job_id).first()
    if job is None or job.done:
        return "nothing to do"
    folder = upload_dir(job.pk)
    upload = folder / job.file_name
    try:
        if not upload.exists():
            _job_finish(
                job, JobStatus.FAILED, "The uploaded file is no longer there: upload it again."
            )
            return job.status
        job.status = JobStatus.READING
        job.save(update_fields=["status", "updated_at"])
        source = upload
        if job.kind == ImportKind.SSDA903:
            source = unpack_ssda903(upload, folder / Path(job.file_name).stem)
        parsed = parse_input(job.kind, source, job.la or None)
        job.status = JobStatus.WRITING
        job.records = sum(parsed.row_counts().values())
        job.save(update_fields=["status", "records", "updated_at"])
        outcome = records_import(
            kind=job.kind,
            path=source,
            la=job.la or None,
            actor=job.created_by or "web upload",
            parsed=parsed,
        )
        run = outcome.run
        if outcome.repeated:
            message = f"These files were imported before (run {run.pk}); nothing changed."
        elif run.status == ImportStatus.REJECTED:
            message = f"Rejected: nothing was stored ({run.problem_count} problem(s))."
        else:
            stored = sum(run.rows_written.values())
            message = f"Stored {stored:,} records; {run.problem_count} problem(s) reported."
        _job_finish(job, JobStatus.FINISHED, message, run)
    except StoreBusy as exc:
        _job_finish(job, JobStatus.FAILED, f"{exc} Nothing was stored.")
    except UploadUnreadable as exc:
        _job_finish(job, JobStatus.FAILED, f"{exc}; nothing was stored.")
    except Exception as exc:  # never a traceback for the analyst; never child data in logs
        log.warning("case-data upload %s stopped: %s", job.pk, type(exc).__name__)
        _job_finish(
            job,
            JobStatus.FAILED,
            f"The import stopped ({type(exc).__name__}); nothing was stored. "
            f"Tell the council's IT, quoting upload {job.pk} at {timezone.now():%H:%M}.",
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return job.status
