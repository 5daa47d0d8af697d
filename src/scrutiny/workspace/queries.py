"""What an officer has to do next, read from the apps below (this app writes nothing).

Every list is a bounded number of queries, whatever the number of meetings: the per-meeting
figures are grouped in the database and joined up here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Q

from scrutiny.casedata.models import ImportRun
from scrutiny.committees.models import AgendaItem, Meeting, MeetingStatus
from scrutiny.core.models import Council
from scrutiny.core.workingdays import clear_working_days_between, latest_publication_date
from scrutiny.documents.models import AgendaPack, Document
from scrutiny.documents.queries import PAPERLESS_KINDS
from scrutiny.minutes.models import Minutes, MinutesStatus
from scrutiny.paperimport.models import PaperImport
from scrutiny.recommendations.models import Recommendation

RESPONSE_WINDOW_DAYS = 14


@dataclass
class UpcomingMeeting:
    meeting: Meeting
    deadline: date
    clear_days_left: int
    without_papers: list[AgendaItem] = field(default_factory=list)
    exemption_gaps: list[str] = field(default_factory=list)

    @property
    def past_deadline(self) -> bool:
        return not self.meeting.agenda_is_published and self.clear_days_left < 0


def upcoming_meetings(today: date, limit: int = 10) -> list[UpcomingMeeting]:
    council = Council.load()
    region, notice = council.bank_holiday_region, council.clear_days_notice
    meetings = list(
        Meeting.objects.filter(
            date__gte=today,
            status__in=[MeetingStatus.SCHEDULED, MeetingStatus.AGENDA_PUBLISHED],
        )
        .select_related("panel")
        .order_by("date", "start_time")[:limit]
    )
    ids = [m.pk for m in meetings]
    without = (
        AgendaItem.objects.filter(meeting_id__in=ids, publications__isnull=True)
        .exclude(kind__in=PAPERLESS_KINDS)
        .filter(documents__isnull=True, generated_appendices__isnull=True)
        .order_by("number")
    )
    exempt_items = AgendaItem.objects.filter(meeting_id__in=ids, is_exempt=True).filter(
        Q(exempt_category__isnull=True) | Q(exempt_reasons="")
    )
    exempt_papers = (
        Document.objects.filter(meeting_id__in=ids, is_exempt=True)
        .filter(Q(exempt_category__isnull=True) | Q(public_interest_reasoning=""))
        .select_related("agenda_item")
    )
    rows = {}
    for meeting in meetings:
        deadline = latest_publication_date(meeting.date, notice, region)
        # Working days from today to the deadline; negative once it has passed.
        left = (
            clear_working_days_between(today, deadline, region) + 1
            if deadline >= today
            else -clear_working_days_between(deadline, today, region) - 1
        )
        rows[meeting.pk] = UpcomingMeeting(meeting, deadline, left)
    for item in without:
        rows[item.meeting_id].without_papers.append(item)
    for item in exempt_items:
        what = "the paragraph" if item.exempt_category_id is None else "the reasons"
        rows[item.meeting_id].exemption_gaps.append(f"Item {item.number} {item.title}: {what}")
    for paper in exempt_papers:
        what = "the paragraph" if paper.exempt_category_id is None else "the reasons"
        rows[paper.meeting_id].exemption_gaps.append(f"{paper.title}: {what}")
    return [rows[m.pk] for m in meetings]


@dataclass
class MinutesWork:
    to_write: list[Meeting]
    to_publish: list[Minutes]
    to_approve: list[Minutes]


def minutes_work(today: date) -> MinutesWork:
    held = Meeting.objects.filter(status=MeetingStatus.HELD).select_related("panel")
    drafts = Minutes.objects.filter(status=MinutesStatus.DRAFT).select_related("meeting__panel")
    return MinutesWork(
        to_write=list(held.filter(minutes__isnull=True).order_by("-date")[:10]),
        to_publish=list(drafts.filter(published_at__isnull=True).order_by("meeting__date")),
        to_approve=list(drafts.filter(published_at__isnull=False).order_by("meeting__date")),
    )


@dataclass
class ResponsesDue:
    overdue: list[Recommendation]
    due_soon: list[Recommendation]


def executive_responses(today: date) -> ResponsesDue:
    waiting = Recommendation.objects.filter(
        response_due__isnull=False, response_received_on__isnull=True
    ).select_related("meeting__panel")
    return ResponsesDue(
        overdue=list(waiting.filter(response_due__lt=today).order_by("response_due")),
        due_soon=list(
            waiting.filter(
                response_due__gte=today,
                response_due__lte=today + timedelta(days=RESPONSE_WINDOW_DAYS),
            ).order_by("response_due")
        ),
    )


def packs_needing_attention() -> list[AgendaPack]:
    return list(
        AgendaPack.objects.filter(
            status__in=[
                AgendaPack.Status.PENDING,
                AgendaPack.Status.BUILDING,
                AgendaPack.Status.FAILED,
            ]
        )
        .select_related("meeting__panel")
        .order_by("status", "-pk")[:20]
    )


@dataclass
class Imports:
    papers: list[PaperImport]
    case_data: list[ImportRun]


def recent_imports(limit: int = 5) -> Imports:
    return Imports(
        papers=list(PaperImport.objects.order_by("-created_at", "-pk")[:limit]),
        case_data=list(ImportRun.objects.order_by("-started_at", "-pk")[:limit]),
    )
