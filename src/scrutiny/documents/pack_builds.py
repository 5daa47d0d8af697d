"""Built agenda packs: a cache keyed on the content fingerprint, filled by the task worker.

A web request never builds a pack. It asks for the pack matching the meeting's *current*
fingerprint; if that is not ready it queues a build (``documents.tasks``) and says so. The
build runs in ``scrutiny worker`` (or ``scrutiny build_packs``), and old builds are deleted
once a newer one is ready. A build left "building" by a worker that stopped is queued again
by the worker's recovery task within a minute. Because the key is the fingerprint of everything printed, a pack
built before any change (an exempt appendix released or withheld, a paper replaced) can never
be served after it.

Pack rows are a cache, not a record of decisions, so they are not audited; the page ranges a
public build finds are written to the agenda through the committees service, which is.
"""

from __future__ import annotations

import logging
import time
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from scrutiny.committees.models import Meeting
from scrutiny.core.actors import SystemActor
from scrutiny.core.queue import enqueue, task
from scrutiny.core.signals import pack_build_failed
from scrutiny.documents.models import AgendaPack
from scrutiny.documents.pack_issues import print_pending_issues, record_page_ranges
from scrutiny.documents.pack_papers import PaperCache
from scrutiny.documents.pack_printing import pack_plan, render_pack

log = logging.getLogger(__name__)
RETRY_FAILED_AFTER = timedelta(minutes=10)  # a failed build is tried again when next asked for
ACTOR = SystemActor("agenda pack builder")


def current_pack(meeting: Meeting, variant: str) -> tuple[str, AgendaPack | None]:
    """The meeting's current fingerprint and the pack row for it, if one exists."""
    fingerprint = pack_plan(meeting, variant).fingerprint
    pack = AgendaPack.objects.filter(
        meeting=meeting, variant=variant, fingerprint=fingerprint
    ).first()
    return fingerprint, pack


def pack_request(*, meeting: Meeting, variant: str) -> AgendaPack:
    """The current pack if it is ready; otherwise a queued build of it (never waits for it)."""
    fingerprint, pack = current_pack(meeting, variant)
    if pack is None:
        pack, created = AgendaPack.objects.get_or_create(
            meeting=meeting, variant=variant, fingerprint=fingerprint
        )
        if created:
            _enqueue(pack.pk)
    elif pack.status == AgendaPack.Status.FAILED and (
        timezone.now() - pack.requested_at > RETRY_FAILED_AFTER
    ):
        AgendaPack.objects.filter(pk=pack.pk).update(
            status=AgendaPack.Status.PENDING, requested_at=timezone.now()
        )
        pack.refresh_from_db()
        _enqueue(pack.pk)
    return pack


def _enqueue(pack_id: int) -> None:
    enqueue(agenda_pack_build, pack_id)


@task()
def agenda_pack_build(pack_id: int) -> bool:
    return pack_build(pack_id) is not None


def pack_build(pack_id: int) -> AgendaPack | None:
    """Build one queued pack. Returns the ready pack, or None if someone else took it."""
    claimed = AgendaPack.objects.filter(
        pk=pack_id, status__in=[AgendaPack.Status.PENDING, AgendaPack.Status.FAILED]
    ).update(status=AgendaPack.Status.BUILDING, requested_at=timezone.now())
    if not claimed:
        return None
    pack = AgendaPack.objects.select_related("meeting__panel").get(pk=pack_id)
    started = time.perf_counter()
    try:
        plan = pack_plan(pack.meeting, pack.variant)
        built = render_pack(plan)
    except Exception as exc:
        log.exception("Agenda pack %s failed to build", pack_id)
        AgendaPack.objects.filter(pk=pack_id).update(
            status=AgendaPack.Status.FAILED, error=str(exc)[:2000]
        )
        pack.refresh_from_db()
        pack_build_failed.send(sender=AgendaPack, pack=pack)
        return None
    with transaction.atomic():
        if built.fingerprint != pack.fingerprint:
            # The papers changed while queued: file the build under what it really contains.
            AgendaPack.objects.filter(pk=pack_id).delete()
            pack, _ = AgendaPack.objects.get_or_create(
                meeting=pack.meeting, variant=pack.variant, fingerprint=built.fingerprint
            )
        pack.file.save(f"{pack.variant}.pdf", ContentFile(built.pdf), save=False)
        pack.status = AgendaPack.Status.READY
        pack.page_count = built.page_count
        pack.page_ranges = {str(number): list(pages) for number, pages in built.ranges.items()}
        pack.built_at = timezone.now()
        pack.build_seconds = round(time.perf_counter() - started, 3)
        pack.error = ""
        pack.save()
        if pack.variant == AgendaPack.Variant.PUBLIC:
            record_page_ranges(pack.meeting, built.ranges)
        _delete_older(pack)
    log.info(
        "agenda pack %s (%s, meeting %s) built: %s pages in %.1f s",
        pack.pk, pack.variant, pack.meeting_id, pack.page_count, pack.build_seconds,
    )  # fmt: skip
    return pack


def _delete_older(pack: AgendaPack) -> None:
    older = (
        AgendaPack.objects.filter(meeting=pack.meeting, variant=pack.variant)
        .exclude(pk=pack.pk)
        .exclude(status__in=[AgendaPack.Status.PENDING, AgendaPack.Status.BUILDING])
    )
    for old in older:
        if old.file:
            old.file.delete(save=False)
        old.delete()


def build_pending() -> int:
    """Build every queued pack and published issue here (`scrutiny build_packs`, tests)."""
    PaperCache().prune()
    built = print_pending_issues()
    for pack_id in AgendaPack.objects.filter(status=AgendaPack.Status.PENDING).values_list(
        "pk", flat=True
    ):
        if pack_build(pack_id) is not None:
            built += 1
    return built
