"""Files the worker prepares once per change of their content (the performance report PDF).

A page asks for the file matching the content's fingerprint *now*; if that is not ready it
queues a build and says so, never building in the request. The app that owns a kind of file
registers its builder in its ``tasks.py`` (only the worker needs it). Rows are a cache, not
a record of decisions, so they are not audited.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from scrutiny.core.models import PreparedFile
from scrutiny.core.queue import enqueue, task

RETRY_FAILED_AFTER = timedelta(minutes=10)
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Built:
    fingerprint: str  # of what was really built (the content may have changed meanwhile)
    content: bytes
    filename: str


BUILDERS: dict[str, Callable[[str], Built]] = {}


def register_builder(kind: str, build: Callable[[str], Built]) -> None:
    BUILDERS[kind] = build


def prepared_file_request(*, kind: str, key: str, fingerprint: str) -> PreparedFile:
    """The ready file for this content, or a queued build of it (never waits for it)."""
    prepared, created = PreparedFile.objects.get_or_create(
        kind=kind, key=key, fingerprint=fingerprint
    )
    if (
        prepared.status == PreparedFile.Status.FAILED
        and timezone.now() - prepared.requested_at > RETRY_FAILED_AFTER
    ):
        PreparedFile.objects.filter(pk=prepared.pk).update(
            status=PreparedFile.Status.PENDING, requested_at=timezone.now()
        )
        prepared.refresh_from_db()
        created = True
    if created:
        enqueue(prepared_file_build, prepared.pk)
    return prepared


@task()
def prepared_file_build(pk: int) -> bool:
    """Build one queued file; False if another worker has it or it is already built."""
    claimed = PreparedFile.objects.filter(
        pk=pk, status__in=[PreparedFile.Status.PENDING, PreparedFile.Status.FAILED]
    ).update(status=PreparedFile.Status.BUILDING, requested_at=timezone.now())
    if not claimed:
        return False
    prepared = PreparedFile.objects.get(pk=pk)
    started = time.perf_counter()
    try:
        built = BUILDERS[prepared.kind](prepared.key)
    except Exception as exc:
        PreparedFile.objects.filter(pk=pk).update(
            status=PreparedFile.Status.FAILED, error=str(exc)[:2000]
        )
        raise
    with transaction.atomic():
        if built.fingerprint != prepared.fingerprint:
            PreparedFile.objects.filter(pk=pk).delete()
            prepared, _ = PreparedFile.objects.get_or_create(
                kind=prepared.kind, key=prepared.key, fingerprint=built.fingerprint
            )
        prepared.file.save(built.filename, ContentFile(built.content), save=False)
        prepared.status = PreparedFile.Status.READY
        prepared.built_at = timezone.now()
        prepared.build_seconds = round(time.perf_counter() - started, 3)
        prepared.error = ""
        prepared.save()
        for old in PreparedFile.objects.filter(
            kind=prepared.kind, key=prepared.key, status=PreparedFile.Status.READY
        ).exclude(pk=prepared.pk):
            old.file.delete(save=False)
            old.delete()
    log.info("%s %s built in %.1f s", prepared.kind, prepared.key, prepared.build_seconds)
    return True
