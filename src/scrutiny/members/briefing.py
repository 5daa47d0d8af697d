"""The "since the last meeting" briefing: what moved between the previous meeting and this one.

Computed from the records, never typed: each line names its evidence and links to it.

* performance: the report a meeting receives is the latest month whose figures were taken by
  the day its papers had to be published (the clear-days deadline); each rated indicator whose
  RAG rating differs between the previous meeting's report month and this one's is a line
  (crossing the target is a change to or from green, and says so);
* figures that worsened three months running up to this meeting's report month;
* recommendations of the panel accepted or rejected, given a response, or overdue (past the
  due date or target meeting and not complete) since the previous meeting;
* executive responses past the two-month duty (Local Government Act 2000, s.9FE);
* exempt items and papers on this agenda;
* changes to the panel's work programme (its audit log) since the previous meeting.

Figures are those the public report shows (small numbers suppressed, no rating on a hidden
value), so a line never carries a number a reader of the email may not see.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date

from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone

from scrutiny.committees.models import AgendaItem, Meeting, MeetingStatus
from scrutiny.core.dates import shift_months
from scrutiny.core.models import AuditEvent, Council
from scrutiny.core.workingdays import latest_publication_date
from scrutiny.documents.models import Document
from scrutiny.performance.models import Indicator, MonthlyValue, Target
from scrutiny.performance.queries import VALUE_FIELDS, Cell, ValueRow, target_for, value_cell
from scrutiny.performance.rules import (
    GREEN,
    NOT_RATED,
    WORSENING,
    Rating,
    direction_of_travel,
    rag_rating,
)
from scrutiny.recommendations.models import Recommendation, RecommendationStatus, StatusChange
from scrutiny.workprogramme.models import WorkItem

S = RecommendationStatus

SECTIONS = [
    ("performance", "Performance: ratings changed since the last report"),
    ("worsening", "Worsened three months running"),
    ("recommendations", "Recommendations"),
    ("responses", "Executive responses past the two-month duty"),
    ("exempt", "Exempt items on this agenda"),
    ("workprogramme", "Work programme changes"),
]
SHORT_RATING = {"green": "Green", "amber": "Amber", "red": "Red", "none": "Not rated"}


@dataclass(frozen=True)
class Line:
    section: str
    text: str
    url: str
    old: str = ""
    new: str = ""
    evidence: str = ""  # an evidence reference or record label, for the data table
    withheld: bool = False  # from exempt minutes: on screen for the panel, never in email

    def as_data(self) -> dict:
        return asdict(self)


@dataclass
class Computed:
    meeting: Meeting
    previous_meeting: Meeting | None
    as_at: date
    report_month: date | None
    previous_report_month: date | None
    lines: list[Line] = field(default_factory=list)


def previous_meeting_of(meeting: Meeting) -> Meeting | None:
    return (
        Meeting.objects.filter(panel_id=meeting.panel_id, date__lt=meeting.date)
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("-date", "-start_time")
        .first()
    )


def report_month_for(meeting: Meeting, today: date | None = None) -> date | None:
    """The month of the performance report in the meeting's papers (see the module's rule)."""
    council = Council.load()
    cutoff = latest_publication_date(
        meeting.date, council.clear_days_notice, council.bank_holiday_region
    )
    if today is not None:
        cutoff = min(cutoff, today)
    row = MonthlyValue.objects.filter(as_at__lte=cutoff).order_by("-month").first()
    return row.month if row else None


def compute(meeting: Meeting, today: date | None = None) -> Computed:
    today = today or timezone.localdate()
    as_at = min(today, meeting.date)
    previous = previous_meeting_of(meeting)
    month = report_month_for(meeting, today)
    before = report_month_for(previous) if previous else None
    computed = Computed(meeting, previous, as_at, month, before)
    if month is not None:
        computed.lines += performance_lines(month, before)
    since = previous.date if previous else None
    computed.lines += recommendation_lines(meeting, since, as_at)
    computed.lines += exempt_lines(meeting)
    computed.lines += work_programme_lines(meeting, since, as_at)
    return computed


# --- performance --------------------------------------------------------------------------


def _values(months: set[date]) -> dict[tuple[int, date], ValueRow]:
    rows = MonthlyValue.objects.filter(month__in=months).values_list(
        "indicator_id", "month", *VALUE_FIELDS
    )
    return {(r[0], r[1]): ValueRow(*r[2:]) for r in rows}


def _rating(indicator: Indicator, targets: list[Target], month: date, cell: Cell) -> Rating:
    target = target_for(targets, month)
    if target is None or cell.value is None:  # no target, no figure, or a hidden small number
        return NOT_RATED
    return rag_rating(cell.value, target.value, indicator.polarity, target.amber_tolerance)


def _label(month: date) -> str:
    return month.strftime("%B %Y")


def performance_lines(month: date, before: date | None) -> list[Line]:
    run = [shift_months(month, -k) for k in range(4)]  # this month and the three before it
    months = set(run) | ({before} if before else set())
    values = _values(months)
    indicators = Indicator.objects.prefetch_related(
        Prefetch("targets", queryset=Target.objects.order_by("effective_from"))
    ).order_by("section__position", "position", "code")
    changed, worsening = [], []
    for indicator in indicators:

        def cell(m: date, indicator: Indicator = indicator) -> Cell:
            def linked(other: int | None, m: date = m):
                return values.get((other, m)) if other else None

            return value_cell(indicator, values.get((indicator.pk, m)), False, linked)

        url = reverse("performance:indicator", args=[indicator.code])
        evidence = f"performance.indicator:{indicator.code}"
        targets = list(indicator.targets.all())
        now = cell(month)
        if before is not None and before != month and targets:
            then = cell(before)
            old, new = (
                _rating(indicator, targets, before, then),
                _rating(indicator, targets, month, now),
            )
            if old.is_rated and new.is_rated and old.code != new.code:
                crossed = ""
                if new is GREEN or new.code == "green":
                    crossed = "; now meets its target"
                elif old.code == "green":
                    crossed = "; no longer meets its target"
                changed.append(
                    Line(
                        "performance",
                        f"{indicator.name}: {SHORT_RATING[old.code]} in {_label(before)}, "
                        f"{SHORT_RATING[new.code]} in {_label(month)}{crossed}",
                        url,
                        old=f"{SHORT_RATING[old.code]} ({then.text})",
                        new=f"{SHORT_RATING[new.code]} ({now.text})",
                        evidence=evidence,
                    )
                )
        cells = [cell(m) for m in run]
        if all(c.value is not None for c in cells):
            steps = [
                direction_of_travel(
                    cells[k].value, cells[k + 1].value, indicator.polarity, _decimals(cells, k)
                )
                for k in range(3)
            ]
            if all(step is WORSENING or step.code == WORSENING.code for step in steps):
                worsening.append(
                    Line(
                        "worsening",
                        f"{indicator.name}: worse each month from {_label(run[3])} to "
                        f"{_label(month)}",
                        url,
                        old=cells[3].text,
                        new=" → ".join(c.text for c in reversed(cells[:3])),
                        evidence=evidence,
                    )
                )
    return changed + worsening


def _decimals(cells: list[Cell], k: int) -> int:
    def places(c: Cell) -> int:
        text = c.text.rstrip("%")
        return len(text.split(".")[1]) if "." in text else 0

    return max(places(cells[k]), places(cells[k + 1]))


# --- recommendations ----------------------------------------------------------------------


def _published_recommendations(meeting: Meeting, as_at: date):
    lookups = Recommendation.access_lookups(as_at)
    return (
        Recommendation.objects.filter(
            meeting__panel_id=meeting.panel_id, meeting__date__lt=meeting.date
        )
        .filter(lookups.published)
        .select_related("meeting", "target_meeting", "resolution__item")
        .prefetch_related(Prefetch("changes", queryset=StatusChange.objects.order_by("on", "pk")))
        .order_by("meeting__date", "title", "number")
    )


def _rec_label(rec: Recommendation) -> str:
    return f"{rec.title} {rec.number}) ({rec.meeting.date:%-d %B %Y})"


def recommendation_lines(meeting: Meeting, since: date | None, as_at: date) -> list[Line]:
    recs = list(_published_recommendations(meeting, as_at))
    window = Q(on__lte=as_at) & (Q(on__gt=since) if since else Q())
    decided = defaultdict(list)
    for change in StatusChange.objects.filter(window, recommendation__in=recs).filter(
        to_status__in=[S.ACCEPTED, S.REJECTED]
    ):
        decided[change.recommendation_id].append(change)
    lines: list[Line] = []
    for rec in recs:
        url = rec.get_absolute_url()
        reference = f"recommendations.recommendation:{rec.pk}"
        withheld = rec.access_facts().withheld
        for change in decided.get(rec.pk, []):
            verb = "accepted as complete" if change.to_status == S.ACCEPTED else "rejected"
            lines.append(
                Line(
                    "recommendations",
                    f"{_rec_label(rec)}: {verb} on {change.on:%-d %B %Y}",
                    url,
                    old=change.get_from_status_display(),
                    new=change.get_to_status_display(),
                    evidence=reference,
                    withheld=withheld,
                )
            )
        received = rec.response_received_on
        if received and received <= as_at and (since is None or received > since):
            lines.append(
                Line(
                    "recommendations",
                    f"{_rec_label(rec)}: the executive's response received on {received:%-d %B %Y}",
                    url,
                    new="Response received",
                    evidence=reference,
                    withheld=withheld,
                )
            )
        due = [
            d for d in (rec.due_date, rec.target_meeting.date if rec.target_meeting else None) if d
        ]
        open_status = status_on(rec, as_at) in (S.PROPOSED, S.IN_PROGRESS)
        if open_status and due and min(due) < as_at:
            lines.append(
                Line(
                    "recommendations",
                    f"{_rec_label(rec)}: overdue, due by {min(due):%-d %B %Y} and not complete",
                    url,
                    new=rec.get_status_display(),
                    evidence=reference,
                    withheld=withheld,
                )
            )
        awaited = not received or received > as_at
        if rec.has_response_duty and rec.response_due and rec.response_due < as_at and awaited:
            days = (as_at - rec.response_due).days
            lines.append(
                Line(
                    "responses",
                    f"{_rec_label(rec)}: referred to {rec.addressee} on "
                    f"{rec.referred_on:%-d %B %Y}, response due {rec.response_due:%-d %B %Y}, "
                    f"{days} day{'s' if days != 1 else ''} overdue",
                    url,
                    old=f"Due {rec.response_due:%-d %B %Y}",
                    new="No response",
                    evidence=reference,
                    withheld=withheld,
                )
            )
    return lines


def status_on(rec: Recommendation, day: date) -> str:
    """The status as it stood at the end of ``day`` (changes are prefetched in date order)."""
    status = rec.status
    for change in rec.changes.all():
        if change.on <= day:
            status = change.to_status
    return status


# --- the agenda and the work programme ----------------------------------------------------


def exempt_lines(meeting: Meeting) -> list[Line]:
    lines = []
    items = AgendaItem.objects.filter(meeting=meeting, is_exempt=True).select_related(
        "exempt_category"
    )
    for item in items.order_by("number"):
        category = item.exempt_category
        lines.append(
            Line(
                "exempt",
                f"Item {item.number} {item.title}: taken in private"
                + (f", paragraph {category.code}" if category else ""),
                meeting.get_absolute_url() + f"#item-{item.number}",
                new=category.title if category else "",
                evidence=f"item {item.number}",
            )
        )
    papers = (
        Document.objects.filter(meeting=meeting, published_at__isnull=False)
        .filter(Q(is_exempt=True) | Q(agenda_item__is_exempt=True))
        .select_related("agenda_item__exempt_category", "exempt_category")
        .order_by("agenda_item__number", "number", "pk")
    )
    for paper in papers:
        if not paper.is_withheld(meeting.date):
            continue
        category = paper.withholding_category
        paper_item = paper.agenda_item
        lines.append(
            Line(
                "exempt",
                f"{paper.display_title}"
                + (f" (item {paper_item.number})" if paper_item else "")
                + ": not for publication"
                + (f", paragraph {category.code}" if category else ""),
                paper.get_absolute_url(),
                new=category.title if category else "",
                evidence=f"document {paper.pk}",
            )
        )
    return lines


def work_programme_lines(meeting: Meeting, since: date | None, as_at: date) -> list[Line]:
    items = {
        str(w.pk): w
        for w in WorkItem.objects.filter(panel_id=meeting.panel_id).select_related(
            "panel", "municipal_year"
        )
    }
    events = AuditEvent.objects.filter(
        target_type="workprogramme.workitem", target_id__in=list(items), at__date__lte=as_at
    )
    if since is not None:
        events = events.filter(at__date__gt=since)
    lines = []
    for event in events.order_by("at", "pk"):
        item = items[event.target_id]
        what = event.action.split(".", 1)[1].replace("_", " ").replace("work item ", "")
        change = f" ({event.from_state} to {event.to_state})" if event.from_state else ""
        lines.append(
            Line(
                "workprogramme",
                f"{item.topic}: {what}{change} on {timezone.localtime(event.at):%-d %B %Y}",
                item.get_absolute_url(),
                old=event.from_state,
                new=event.to_state,
                evidence=f"work item {item.pk}",
            )
        )
    return lines
