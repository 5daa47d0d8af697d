"""The officers' reminders, worked out for one day."""

from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse

from scrutiny.committees.models import Meeting, MeetingStatus
from scrutiny.core.models import Council
from scrutiny.core.workingdays import working_days_after
from scrutiny.notifications import compose
from scrutiny.notifications.drafts import Draft

DEADLINE_NOTICE_WORKING_DAYS = 2
RESPONSE_NOTICE_DAYS = 14


def reminder_drafts(today: date) -> list[Draft]:
    return _deadlines(today) + _responses(today)


def _deadlines(today: date) -> list[Draft]:
    from scrutiny.documents.services import publication_deadline

    council = Council.load()
    drafts: list[Draft] = []
    upcoming = Meeting.objects.filter(
        status=MeetingStatus.SCHEDULED, date__gt=today
    ).select_related("panel")
    for meeting in upcoming:
        deadline = publication_deadline(meeting)
        if deadline < today:
            continue
        left = working_days_after(today, deadline, council.bank_holiday_region)
        if left > DEADLINE_NOTICE_WORKING_DAYS:
            continue
        drafts += compose.officer_notice(
            f"deadline:{meeting.pk}:{deadline.isoformat()}",
            f"Publish by {deadline:%A %-d %B}: {meeting.panel.name}, {meeting.date:%-d %B %Y}",
            "publication_deadline.txt",
            meeting=meeting,
            deadline=deadline,
            working_days=left,
            clear_days=council.clear_days_notice,
            papers_url=compose.absolute(reverse("documents:papers", args=[meeting.pk])),
        )
    return drafts


def _responses(today: date) -> list[Draft]:
    from scrutiny.recommendations.models import Recommendation

    drafts: list[Draft] = []
    waiting = Recommendation.objects.filter(
        response_due__isnull=False,
        response_received_on__isnull=True,
        response_due__lte=today + timedelta(days=RESPONSE_NOTICE_DAYS),
    ).select_related("meeting__panel")
    for recommendation in waiting:
        due = recommendation.response_due
        if due is None or not recommendation.has_response_duty:  # None: filtered out above
            continue
        overdue = due < today
        stage = "overdue" if overdue else "due"
        drafts += compose.officer_notice(
            f"response-{stage}:{recommendation.pk}:{due.isoformat()}",
            f"Executive response {'overdue' if overdue else 'due'}: "
            f"{recommendation.title} {recommendation.number}",
            "response_due.txt",
            recommendation=recommendation,
            overdue=overdue,
            days=(due - today).days,
            recommendation_url=compose.absolute(recommendation.get_absolute_url()),
        )
    return drafts
