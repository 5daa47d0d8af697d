"""The demo holds this municipal year's upcoming meetings, one with an agenda in preparation."""

from __future__ import annotations

import pytest
from django.utils import timezone

from scrutiny.committees.models import Meeting, MeetingStatus, MunicipalYear
from scrutiny.core.workingdays import clear_working_days_between
from scrutiny.documents.services import agenda_publish, publication_deadline

pytestmark = pytest.mark.django_db


def test_the_demo_has_an_upcoming_meeting_whose_papers_are_due_in_a_few_working_days(
    foundation_demo, officer
):
    today = timezone.localdate()
    assert MunicipalYear.objects.filter(start_date__lte=today, end_date__gte=today).exists()
    upcoming = Meeting.objects.filter(date__gt=today, status=MeetingStatus.SCHEDULED)
    assert upcoming.count() >= 3
    meeting = upcoming.order_by("date").first()
    deadline = publication_deadline(meeting)
    assert 2 <= clear_working_days_between(today, deadline) <= 8
    papers = meeting.documents.all()
    assert papers.filter(is_exempt=True).count() == 1
    assert not papers.filter(published_at__isnull=False).exists()
    publication = agenda_publish(actor=officer, meeting=meeting)  # in time: the agenda
    assert publication.kind == "agenda"
    assert papers.filter(published_at__isnull=True).count() == 0
