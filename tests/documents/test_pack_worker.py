"""Packs are built by the task worker, and a build a crashed worker left behind is retried."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from scrutiny.core import queue
from scrutiny.core.models import WorkerHeartbeat
from scrutiny.documents.models import AgendaPack
from scrutiny.documents.pack_builds import pack_request
from scrutiny.documents.tasks import agenda_pack_build, agenda_packs_recover

pytestmark = pytest.mark.django_db


def _gone_worker(pack: AgendaPack, seconds_ago: float) -> WorkerHeartbeat:
    """A worker that claimed the pack and was last heard from some seconds ago."""
    seen = timezone.now() - timedelta(seconds=seconds_ago)
    return WorkerHeartbeat.objects.create(
        worker_id="crashed",
        started_at=seen - timedelta(minutes=5),
        seen_at=seen,
        current={"path": agenda_pack_build.module_path, "args": [pack.pk]},
    )


def _claimed(pack: AgendaPack, seconds_ago: float) -> None:
    AgendaPack.objects.filter(pk=pack.pk).update(
        status=AgendaPack.Status.BUILDING,
        requested_at=timezone.now() - timedelta(seconds=seconds_ago),
    )


def test_the_worker_builds_what_a_page_queued(small_meeting, run_tasks):
    pack = pack_request(meeting=small_meeting, variant="public")
    assert pack.status == AgendaPack.Status.PENDING
    assert run_tasks() >= 1
    pack.refresh_from_db()
    assert pack.status == AgendaPack.Status.READY and pack.file


def test_a_build_interrupted_by_a_crash_is_retried_within_a_minute(small_meeting, run_tasks):
    pack = pack_request(meeting=small_meeting, variant="public")
    run_tasks()  # drop the original queued task: the crash lost it
    AgendaPack.objects.filter(pk=pack.pk).update(status=AgendaPack.Status.PENDING, file="")
    _claimed(pack, seconds_ago=25)
    _gone_worker(pack, seconds_ago=queue.WORKER_GONE_AFTER.total_seconds() + 1)
    # The recovery task runs every 20 s and a worker is "gone" after 20 s of silence: a crash
    # is noticed and the build queued again well within a minute.
    every = queue.PERIODIC[agenda_packs_recover.module_path].every
    assert every + queue.WORKER_GONE_AFTER <= timedelta(seconds=60)
    assert agenda_packs_recover.call() == 1
    assert queue.is_queued(agenda_pack_build, pack.pk)
    run_tasks()
    pack.refresh_from_db()
    assert pack.status == AgendaPack.Status.READY and pack.file


def test_a_build_a_live_worker_is_running_is_left_alone(small_meeting, run_tasks):
    pack = pack_request(meeting=small_meeting, variant="public")
    run_tasks()
    _claimed(pack, seconds_ago=120)  # a long build, still going
    _gone_worker(pack, seconds_ago=2)
    assert agenda_packs_recover.call() == 0
    pack.refresh_from_db()
    assert pack.status == AgendaPack.Status.BUILDING


def test_a_pending_pack_whose_task_was_lost_is_queued_once(small_meeting):
    pack = pack_request(meeting=small_meeting, variant="public")
    AgendaPack.objects.filter(pk=pack.pk).update(requested_at=timezone.now() - timedelta(minutes=2))
    assert agenda_packs_recover.call() == 0  # its task is still waiting
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.all().delete()  # e.g. a queue emptied by hand
    assert agenda_packs_recover.call() == 1
    assert agenda_packs_recover.call() == 0
