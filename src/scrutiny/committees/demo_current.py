"""The demo's current municipal year, relative to today: meetings one can work on.

The seeds are 2024/25, so every seeded meeting is past. After them the demo holds this
municipal year and its upcoming meetings of the panel; the next one has an agenda in
preparation, its publication deadline a few working days away (documents' demo drafts its
papers, one with an exempt appendix), so publishing and the clear-days rule can be tried.
"""

from __future__ import annotations

from datetime import date, time, timedelta

from django.utils import timezone

from scrutiny.committees import services
from scrutiny.committees.models import AgendaItemKind, Meeting, MunicipalYear, Panel, Person
from scrutiny.core.models import Council
from scrutiny.core.workingdays import add_working_days, latest_publication_date

ACTOR = "demo loader"
VENUE = "Conference Room 3 - Civic Centre"
THURSDAY = 3
# The items of the agenda in preparation: (title, kind, author's job title).
PREPARED_ITEMS = [
    ("Education Performance: Key Stage 4 outcomes", AgendaItemKind.REPORT, "Head of Education"),
    ("Children and Families - Performance", AgendaItemKind.REPORT, "Scrutiny Manager"),
    ("Monitoring Scrutiny Recommendations", AgendaItemKind.MONITORING, "Scrutiny Manager"),
]
PREPARING_TITLE = PREPARED_ITEMS[0][0]


def _year_bounds(today: date) -> tuple[str, date, date]:
    start_year = today.year if today >= date(today.year, 5, 1) else today.year - 1
    return (
        f"{start_year}/{(start_year + 1) % 100:02d}",
        date(start_year, 5, 1),
        date(start_year + 1, 4, 30),
    )


def _next_thursday_on_or_after(day: date) -> date:
    return day + timedelta(days=(THURSDAY - day.weekday()) % 7)


def meeting_in_preparation(today: date) -> date:
    """The first Thursday whose papers are due three to eight working days from today."""
    council = Council.load()
    earliest = add_working_days(today, 3)
    day = _next_thursday_on_or_after(today + timedelta(days=7))
    while (
        latest_publication_date(day, council.clear_days_notice, council.bank_holiday_region)
        < earliest
    ):
        day += timedelta(days=7)
    return day


def load(panel: Panel) -> int:
    today = timezone.localdate()
    label, start, end = _year_bounds(today)
    if not MunicipalYear.objects.filter(start_date__lte=end, end_date__gte=start).exists():
        services.municipal_year_create(actor=ACTOR, label=label, start_date=start, end_date=end)
    preparing = meeting_in_preparation(today)
    days = [preparing + timedelta(weeks=7 * n) for n in range(3)]
    authors = {p.job_title: p for p in Person.objects.filter(kind=Person.Kind.OFFICER)}
    created = 0
    for day in days:
        if Meeting.objects.filter(panel=panel, date=day).exists():
            continue
        meeting = services.meeting_create(
            actor=ACTOR, panel=panel, date=day, start_time=time(17, 30), venue=VENUE
        )
        created += 1
        if day != preparing:
            continue
        for title, kind, author in PREPARED_ITEMS:
            services.agenda_item_add(
                actor=ACTOR,
                meeting=meeting,
                title=title,
                kind=kind,
                report_author=next(
                    (p for job, p in authors.items() if job.startswith(author)), None
                ),
            )
    return created
