"""The case-data app's background work: importing analysts' uploads.

Reading a census file and writing a year of records takes seconds to minutes, so the web
upload only stores the file and queues ``import_job_run``; the job's page shows how far it
has got and, once done, every problem found.
"""

from __future__ import annotations

import logging
import shutil
import zipfile
from pathlib import Path

from django.utils import timezone

from scrutiny.core.archives import UnsafeArchive, check_archive
from scrutiny.core.queue import task

log = logging.getLogger(__name__)


class UploadUnreadable(ValueError):
    """The upload cannot be unpacked; the message says why (no child data in it)."""


def unpack_ssda903(archive: Path, target: Path) -> Path:
    """The CSV tables of a zipped SSDA903 return, flattened into ``target``."""
    try:
        check_archive(archive)
    except UnsafeArchive as exc:
        raise UploadUnreadable(f"{archive.name}: {exc}") from None
    target.mkdir(parents=True, exist_ok=True)
    seen: set[str] = set()
    with zipfile.ZipFile(archive) as bundle:
        for member in bundle.infolist():
            if member.is_dir():
                continue
            # Only the file name counts: no member is written outside the target folder.
            name = Path(member.filename.replace("\\", "/")).name.lower()
            if not name.endswith(".csv") or name.startswith("."):
                continue
            if name in seen:
                raise UploadUnreadable(f"{archive.name}: holds two files called {name}")
            seen.add(name)
            try:
                (target / name).write_bytes(bundle.read(member))
            except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
                raise UploadUnreadable(f"{archive.name}: {name} cannot be read ({exc})") from None
    if not seen:
        raise UploadUnreadable(f"{archive.name}: holds no CSV tables")
    return target


def _finish(job, status: str, message: str, run=None) -> None:
    job.status = status
    job.message = message[:500]
    job.run = run
    job.save(update_fields=["status", "message", "run", "updated_at"])


@task()
def import_job_run(job_id: int) -> str:
    """Import one upload; safe to run twice (a repeated input changes nothing)."""
    from scrutiny.casedata.models import ImportJob, ImportKind, ImportStatus, JobStatus
    from scrutiny.casedata.services import parse_input, records_import, upload_dir
    from scrutiny.casedata.store import StoreBusy

    job = ImportJob.objects.filter(pk=job_id).first()
    if job is None or job.done:
        return "nothing to do"
    folder = upload_dir(job.pk)
    upload = folder / job.file_name
    try:
        if not upload.exists():
            _finish(job, JobStatus.FAILED, "The uploaded file is no longer there: upload it again.")
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
        _finish(job, JobStatus.FINISHED, message, run)
    except StoreBusy as exc:
        _finish(job, JobStatus.FAILED, f"{exc} Nothing was stored.")
    except UploadUnreadable as exc:
        _finish(job, JobStatus.FAILED, f"{exc}; nothing was stored.")
    except Exception as exc:  # never a traceback for the analyst; never child data in logs
        log.warning("case-data upload %s stopped: %s", job.pk, type(exc).__name__)
        _finish(
            job,
            JobStatus.FAILED,
            f"The import stopped ({type(exc).__name__}); nothing was stored. "
            f"Tell the council's IT, quoting upload {job.pk} at {timezone.now():%H:%M}.",
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return job.status
