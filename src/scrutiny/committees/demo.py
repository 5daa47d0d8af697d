"""The Children and Families Scrutiny Panel as the seed documents describe it.

Sources: the 28 November 2024 agenda pack (front sheet, agenda, minutes of 26 September 2024),
the 26 September 2024 agenda pack (agenda, minutes of 8 August 2024) and the minutes of
23 January 2020. Where the seeds are silent (membership start and end dates, the venue and
time of meetings other than 28 November 2024, the 2020 agenda numbering) the values below are
assumptions, listed in docs/demo-data.md.
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.contrib.auth.models import Group, User

from scrutiny.committees import demo_current, services
from scrutiny.committees.models import (
    AGENDA_PUBLICATION,
    MINUTES_APPROVAL,
    AgendaItemKind,
    Attendance,
    Meeting,
    MeetingStatus,
    Membership,
    NominatingBody,
    Panel,
    PanelContact,
    Person,
    Seat,
)
from scrutiny.core.access import OFFICER_GROUP
from scrutiny.core.actors import SystemActor

LONDON = ZoneInfo("Europe/London")
ACTOR = SystemActor("demo loader")

REMIT = (
    "To scrutinise Children and Families Services in the city, including the Multi Agency "
    "Safeguarding Hub (MASH), Early Help, Specialist and Core Services, looked after children, "
    "education and early years, and youth offending services, unless they are forward plan "
    "items; members of the panel are then invited to the Overview and Scrutiny Management "
    "Committee meeting where those items are discussed."
)
TERMS = "\n".join(
    [
        "- Monitoring and challenging progress on the Council's action plan responding to Ofsted's "
        "July 2014 inspection of Children's Services and review of the Local Safeguarding Children Board.",
        "- Regular scrutiny of how multi-agency arrangements for early help and services to children "
        "and families perform.",
        "- Scrutiny of early years and education, including the Vision for Learning 2014-2024.",
        "- Scrutiny of the Youth Justice Strategy developed by the Youth Offending Board.",
        "- Referring issues to the Chair of the LSCB and to the Corporate Parenting Committee.",
    ]
)

# 2024/25 councillor seats in front-sheet order; Kaur held the seat that Y Frampton took.
COUNCILLORS_2024 = [
    # In seat order, as the minutes list members (Y Frampton took Kaur's seat in September).
    ("Barnes-Andrews", Membership.Role.CHAIR),
    ("Webb", Membership.Role.VICE_CHAIR),
    ("Chapman", Membership.Role.MEMBER),
    ("Y Frampton", Membership.Role.MEMBER),
    ("Allen", Membership.Role.MEMBER),
    ("G Lambert", Membership.Role.MEMBER),
    ("Beaurain", Membership.Role.MEMBER),
]
COUNCILLORS_2019 = ["Taggart", "Mitchell", "J Baillie", "Chaloner", "Guthrie", "Laurent", "Mintoff"]

YEAR_2024 = (date(2024, 5, 1), date(2025, 4, 30))
YEAR_2019 = (date(2019, 5, 1), date(2020, 4, 30))
KAUR_LEFT = date(2024, 8, 31)

MEETINGS_2024 = [
    date(2024, 7, 18),
    date(2024, 8, 8),
    date(2024, 9, 26),
    date(2024, 11, 28),
    date(2025, 1, 30),
    date(2025, 3, 27),
]
VENUE = "Conference Room 3 - Civic Centre"


def _at(day: date, hour: int = 9) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=LONDON)


def _person(kind: str, name: str, **extra) -> Person:
    return services.person_create(actor=ACTOR, kind=kind, name=name, **extra)


def _users() -> dict[str, User]:
    officers, _ = Group.objects.get_or_create(name=OFFICER_GROUP)
    officer = User.objects.create_user(
        "officer", password="officer-demo", first_name="Ed", last_name="Grimshaw"
    )
    officer.groups.add(officers)
    User.objects.create_superuser("admin", password="admin-demo", email="")
    member = User.objects.create_user("barnes-andrews", password="member-demo")
    appointed = User.objects.create_user("rob.sanders", password="member-demo")
    User.objects.create_user("public", password="public-demo")  # signed in, but on no panel
    return {"member": member, "appointed": appointed}


def load() -> str:
    users = _users()
    panel = services.panel_create(
        actor=ACTOR,
        name="Children and Families Scrutiny Panel",
        slug="children-and-families",
        remit=REMIT,
        terms_of_reference=TERMS,
        quorum=3,
    )
    dso = _person(
        Person.Kind.OFFICER,
        "Ed Grimshaw",
        job_title="Democratic Support Officer",
        telephone="023 8083 2390",
        email="ed.grimshaw@southampton.gov.uk",
    )
    manager = _person(
        Person.Kind.OFFICER,
        "Mark Pirnie",
        job_title="Scrutiny Manager",
        telephone="023 8083 3886",
        email="mark.pirnie@southampton.gov.uk",
    )
    services.panel_contact_set(
        actor=ACTOR, panel=panel, role=PanelContact.Role.DEMOCRATIC_SUPPORT_OFFICER, person=dso
    )
    services.panel_contact_set(
        actor=ACTOR, panel=panel, role=PanelContact.Role.SCRUTINY_MANAGER, person=manager
    )
    officers = {
        "freeston": _person(
            Person.Kind.OFFICER,
            "Clodagh Freeston",
            job_title="Head of Education Services",
            telephone="023 8083 3681",
            email="clodagh.freeston@southampton.gov.uk",
        ),
        "nelson": _person(
            Person.Kind.OFFICER,
            "Tim Nelson",
            job_title="Head of Young People's Services",
            telephone="023 8254 5329",
            email="tim.nelson@southampton.gov.uk",
        ),
        "holdsworth": _person(
            Person.Kind.OFFICER,
            "Rebecca Holdsworth",
            job_title="Safeguarding Partnership Manager",
            telephone="023 8091 7671",
            email="rebecca.holdsworth@southampton.gov.uk",
        ),
        "pirnie": manager,
    }

    for label, start, end in (("2019/20", *YEAR_2019), ("2024/25", *YEAR_2024)):
        services.municipal_year_create(actor=ACTOR, label=label, start_date=start, end_date=end)

    councillor_seats = [
        services.seat_create(actor=ACTOR, panel=panel, kind=Seat.Kind.COUNCILLOR) for _ in range(7)
    ]
    appointed_seat = {}
    for key, label, body, abolished in (
        ("coe", "Church of England", NominatingBody.CHURCH_OF_ENGLAND, None),
        ("rc", "Roman Catholic Church", NominatingBody.ROMAN_CATHOLIC, None),
        ("primary", "Primary Parent Governor", NominatingBody.PARENT_GOVERNORS, None),
        ("secondary", "Secondary Parent Governor", NominatingBody.PARENT_GOVERNORS, None),
        ("parent3", "Parent Governor", NominatingBody.PARENT_GOVERNORS, date(2020, 5, 1)),
    ):
        seat = services.seat_create(
            actor=ACTOR,
            panel=panel,
            kind=Seat.Kind.APPOINTED,
            label=label,
            nominating_body=body,
            votes_on_education_only=True,
        )
        if abolished:
            seat.abolished_on = abolished
            seat.save(update_fields=["abolished_on"])
        appointed_seat[key] = seat

    people: dict[str, Person] = {}
    # 2019/20
    for seat, name in zip(councillor_seats, COUNCILLORS_2019, strict=True):
        people[name] = _person(Person.Kind.COUNCILLOR, name)
        services.membership_start(
            actor=ACTOR,
            seat=seat,
            person=people[name],
            start_date=YEAR_2019[0],
            end_date=YEAR_2019[1],
            role=Membership.Role.CHAIR if name == "Taggart" else Membership.Role.MEMBER,
        )
    people["Rob Sanders"] = _person(Person.Kind.APPOINTED, "Rob Sanders", user=users["appointed"])
    people["Catherine Hobbs"] = _person(Person.Kind.APPOINTED, "Catherine Hobbs")
    for key, name in (
        ("primary", "Francis Otieno"),
        ("secondary", "Nicola Brown"),
        ("parent3", "Claire Rogers"),
    ):
        people[name] = _person(Person.Kind.APPOINTED, name)
        services.membership_start(
            actor=ACTOR,
            seat=appointed_seat[key],
            person=people[name],
            start_date=YEAR_2019[0],
            end_date=YEAR_2019[1],
        )
    services.membership_start(
        actor=ACTOR,
        seat=appointed_seat["coe"],
        person=people["Rob Sanders"],
        start_date=YEAR_2019[0],
    )
    services.membership_start(
        actor=ACTOR,
        seat=appointed_seat["rc"],
        person=people["Catherine Hobbs"],
        start_date=YEAR_2019[0],
    )

    # 2024/25
    for seat, (name, role) in zip(councillor_seats, COUNCILLORS_2024, strict=True):
        people[name] = _person(
            Person.Kind.COUNCILLOR, name, user=users["member"] if name == "Barnes-Andrews" else None
        )
        if name == "Y Frampton":
            people["Kaur"] = _person(Person.Kind.COUNCILLOR, "Kaur")
            services.membership_start(
                actor=ACTOR,
                seat=seat,
                person=people["Kaur"],
                start_date=YEAR_2024[0],
                end_date=KAUR_LEFT,
            )
            services.membership_start(
                actor=ACTOR, seat=seat, person=people[name], start_date=date(2024, 9, 1)
            )
        else:
            services.membership_start(
                actor=ACTOR, seat=seat, person=people[name], start_date=YEAR_2024[0], role=role
            )
    for name in ("Mrs Blatchford", "Cooper", "Winning", "Paffey"):
        people[name] = _person(Person.Kind.COUNCILLOR, name)

    meetings = _meetings_2024(panel, officers)
    _attendance_2024(meetings, people)
    _meeting_2020(panel, people)
    demo_current.load(panel)
    return f"{panel.name}: {Person.objects.count()} people, {Meeting.objects.count()} meetings"


def _meetings_2024(panel: Panel, officers: dict[str, Person]) -> dict[date, Meeting]:
    meetings = {}
    for day in MEETINGS_2024:
        meetings[day] = services.meeting_create(
            actor=ACTOR,
            panel=panel,
            date=day,
            start_time=time(17, 30),
            venue=VENUE,
            notice="Please note time of meeting" if day == date(2024, 11, 28) else "",
            with_standard_items=day in (date(2024, 9, 26), date(2024, 11, 28)),
        )
    sep, nov = meetings[date(2024, 9, 26)], meetings[date(2024, 11, 28)]
    _set_pages(sep, 6, 1, 4)
    for title, author, summary, pages, kind in (
        (
            "The Youth Justice Service",
            officers["nelson"],
            "Report of the Executive Director - Children and Learning updating the panel on how the "
            "Youth Justice Service in Southampton is performing.",
            (5, 14),
            AgendaItemKind.REPORT,
        ),
        (
            "Southampton Safeguarding Children Partnership (SSCP) Annual Report",
            officers["holdsworth"],
            "Report of the Southampton Safeguarding Children Partnership on its work in 2023-24 "
            "against its strategic priorities for 2023-2026.",
            (15, 40),
            AgendaItemKind.REPORT,
        ),
        (
            "Children and Learning - Performance and Transformation",
            officers["pirnie"],
            "Report of the Scrutiny Manager asking the panel to consider and challenge how "
            "Children's Services and Learning in Southampton are performing.",
            (41, 78),
            AgendaItemKind.REPORT,
        ),
        (
            "Monitoring Scrutiny Recommendations",
            officers["pirnie"],
            "Report of the Scrutiny Manager on the responses to the panel's recommendations from "
            "earlier meetings, for the panel's feedback.",
            (79, 84),
            AgendaItemKind.MONITORING,
        ),
    ):
        services.agenda_item_add(
            actor=ACTOR,
            meeting=sep,
            title=title,
            kind=kind,
            summary=summary,
            report_author=author,
            page_start=pages[0],
            page_end=pages[1],
        )

    _set_pages(nov, 6, 1, 4)
    services.agenda_item_add(
        actor=ACTOR,
        meeting=nov,
        kind=AgendaItemKind.EXCLUSION,
        title="Exclusion of the press and public - exempt papers included in the following item",
        summary="To move that the press and public be excluded, under the Access to Information "
        "Procedure Rules in the Council's Constitution, while the panel considers the exempt "
        "appendix to the next item. Appendix 2 of that report is exempt from publication "
        "under Category 7a of paragraph 10.4 of the Access to Information Procedure Rules.",
    )
    for title, author, summary, pages, kind in (
        (
            "Education Outcomes and Context",
            officers["freeston"],
            "Report of the Executive Director - Children and Learning giving an overview of "
            "education outcomes at Key Stages 2 and 4 in Southampton in 2023/24 and related "
            "education issues.",
            (5, 64),
            AgendaItemKind.REPORT,
        ),
        (
            "Children and Learning - Performance and Transformation",
            officers["pirnie"],
            "Report of the Scrutiny Manager asking the panel to consider and challenge how "
            "Children's Services and Learning in Southampton are performing.",
            (65, 102),
            AgendaItemKind.REPORT,
        ),
        (
            "Monitoring Scrutiny Recommendations",
            officers["pirnie"],
            "Report of the Scrutiny Manager on the responses to the panel's recommendations from "
            "earlier meetings, for the panel's feedback.",
            (103, 114),
            AgendaItemKind.MONITORING,
        ),
    ):
        services.agenda_item_add(
            actor=ACTOR,
            meeting=nov,
            title=title,
            kind=kind,
            summary=summary,
            report_author=author,
            page_start=pages[0],
            page_end=pages[1],
        )

    publication = {date(2024, 9, 26): date(2024, 9, 18), date(2024, 11, 28): date(2024, 11, 20)}
    for day, meeting in meetings.items():
        if day in publication:
            _record_published(meeting, _at(publication[day]))
        elif day <= date(2024, 8, 8):
            # Agendas of July and August 2024 were published, but are not among the seeds.
            _record_published(meeting, _at(day.replace(day=1) if day.day > 10 else day))
    for day in (date(2024, 7, 18), date(2024, 8, 8), date(2024, 9, 26), date(2024, 11, 28)):
        services.meeting_transition(actor=ACTOR, meeting=meetings[day], to=MeetingStatus.HELD)
    # Each meeting's minutes were approved at the next one; those of 28 November 2024 are draft.
    # Approving the minutes moves a meeting on: scrutiny.minutes' demo approves those of
    # 8 August and 26 September. July's minutes are not among the seeds, so it moves here.
    services.meeting_transition_owned(
        actor=ACTOR,
        owner=MINUTES_APPROVAL,
        meeting=meetings[date(2024, 7, 18)],
        to=MeetingStatus.MINUTES_APPROVED,
        record_of_past=True,
    )
    return meetings


def _record_published(meeting: Meeting, when) -> None:
    """History: these agendas were published on paper before this system. (Documents' demo
    then records each as an agenda publication, as the publication service would have.)"""
    services.meeting_transition_owned(
        actor=ACTOR,
        owner=AGENDA_PUBLICATION,
        meeting=meeting,
        to=MeetingStatus.AGENDA_PUBLISHED,
        when=when,
        record_of_past=True,
    )


def _set_pages(meeting: Meeting, number: int, start: int, end: int) -> None:
    item = meeting.agenda_items.get(number=number)
    services.agenda_item_set_pages(actor=ACTOR, item=item, page_start=start, page_end=end)


def _record(
    meeting: Meeting, people: dict[str, Person], present: list[str], apologies: list[str]
) -> None:
    for name in present:
        services.attendance_record(
            actor=ACTOR, meeting=meeting, person=people[name], status=Attendance.Status.PRESENT
        )
    for name in apologies:
        services.attendance_record(
            actor=ACTOR, meeting=meeting, person=people[name], status=Attendance.Status.APOLOGIES
        )


def _attendance_2024(meetings: dict[date, Meeting], people: dict[str, Person]) -> None:
    august = meetings[date(2024, 8, 8)]
    services.substitution_appoint(
        actor=ACTOR,
        meeting=august,
        member=people["Kaur"],
        substitute=people["Mrs Blatchford"],
        reason="Temporary resignation from the panel for this meeting",
    )
    services.substitution_appoint(
        actor=ACTOR,
        meeting=august,
        member=people["Allen"],
        substitute=people["Cooper"],
        reason="Temporary resignation from the panel for this meeting",
    )
    _record(
        august,
        people,
        present=[
            "Barnes-Andrews",
            "Webb",
            "Chapman",
            "G Lambert",
            "Beaurain",
            "Cooper",
            "Mrs Blatchford",
            "Rob Sanders",
            "Catherine Hobbs",
        ],
        apologies=["Kaur", "Allen"],
    )
    _record(
        meetings[date(2024, 9, 26)],
        people,
        present=[
            "Barnes-Andrews",
            "Webb",
            "Chapman",
            "Allen",
            "G Lambert",
            "Beaurain",
            "Y Frampton",
        ],
        apologies=["Rob Sanders", "Catherine Hobbs"],
    )


def _meeting_2020(panel: Panel, people: dict[str, Person]) -> None:
    meeting = services.meeting_create(
        actor=ACTOR,
        panel=panel,
        date=date(2020, 1, 23),
        start_time=time(17, 30),
        venue="Civic Centre",
    )
    services.agenda_item_add(
        actor=ACTOR,
        meeting=meeting,
        title="Southampton Safeguarding Children Partnership Annual Report 2018-19",
    )
    services.agenda_item_add(
        actor=ACTOR,
        meeting=meeting,
        kind=AgendaItemKind.EXCLUSION,
        title="Exclusion of the press and public - exempt papers included in the following item",
        summary="The press and public to be excluded while the panel considers the exempt appendix "
        "to the next item (Categories 1 and 7).",
    )
    services.agenda_item_add(
        actor=ACTOR,
        meeting=meeting,
        title="Child Exploitation in Southampton - including Child Sexual Exploitation and Child Criminal Exploitation",
        summary="Report of the Executive Director of Children's Services on the multi-agency response to "
        "child exploitation in Southampton.",
    )
    services.agenda_item_add(
        actor=ACTOR, meeting=meeting, title="Children and Families - Performance"
    )
    _record_published(meeting, _at(date(2020, 1, 15)))
    services.meeting_transition(actor=ACTOR, meeting=meeting, to=MeetingStatus.HELD)
    # Approving the minutes (scrutiny.minutes' demo) moves this meeting on.
    _record(
        meeting,
        people,
        present=[
            "Taggart",
            "Mitchell",
            "J Baillie",
            "Chaloner",
            "Guthrie",
            "Laurent",
            "Mintoff",
            "Rob Sanders",
            "Francis Otieno",
        ],
        apologies=["Catherine Hobbs", "Nicola Brown", "Claire Rogers"],
    )
