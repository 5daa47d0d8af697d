"""Minutes of 8 August 2024, 26 September 2024 and 23 January 2020, from the seed documents.

Resolutions are the panel's decisions and are kept as published. Introductions and discussion
points are short summaries in our own words. The minutes of 28 November 2024 are started from
the agenda and left as an unpublished draft, ready for the officer to complete.
"""

from __future__ import annotations

from datetime import date

from scrutiny.committees.models import Meeting, Panel
from scrutiny.core.actors import SystemActor
from scrutiny.core.models import ExemptCategory
from scrutiny.minutes import services
from scrutiny.minutes.models import MinuteItem, Minutes

ACTOR = SystemActor("demo loader")

# Who addressed the panel, as named in the seeds: (name, title).
WINNING = ("Councillor Winning", "Cabinet Member for Children and Learning")
HENDERSON = ("Rob Henderson", "Executive Director for Children's Services and Learning")
CABINET_MEMBER_2024 = ("The Cabinet Member for Children and Learning", "")
DEPUTY_DIRECTOR = ("The Deputy Director", "Children and Learning")
PAFFEY = ("Councillor Paffey", "Cabinet Member for Aspiration, Children and Lifelong Learning")
BROOKS = ("Hilary Brooks", "Executive Director, Children's Services")
BULLINGHAM = (
    "Phil Bullingham",
    "Service Lead - Safeguarding, Improvement, Governance and Compliance",
)
PLUMMER = ("Detective Chief Inspector Nick Plummer", "Public Protection, Hampshire Constabulary")
WHITING = ("Superintendent Kelly Whiting", "Southampton District Commander, Hampshire Constabulary")


def _minute(
    minutes: Minutes,
    title: str,
    *,
    number: int | None = None,
    agenda: int | None = None,
    introduction: str = "",
    speakers=(),
    discussion_intro: str = "",
    points=(),
    resolutions=(),
    closing_text: str = "",
    order_change: str = "",
) -> MinuteItem:
    agenda_item = minutes.meeting.agenda_items.get(number=agenda) if agenda else None
    item = services.minute_item_add(
        actor=ACTOR,
        minutes=minutes,
        title=title,
        number=number,
        agenda_item=agenda_item,
        introduction=introduction,
        discussion_intro=discussion_intro,
        closing_text=closing_text,
        order_of_business_change=order_change,
    )
    for name, title_ in speakers:
        services.speaker_add(actor=ACTOR, item=item, name=name, title=title_)
    for point in points:
        level, text = (2, point[1]) if isinstance(point, tuple) else (1, point)
        services.discussion_point_add(actor=ACTOR, item=item, text=text, level=level)
    for text in resolutions:
        services.resolution_add(actor=ACTOR, item=item, text=text)
    return item


def _meeting(panel: Panel, day: date) -> Meeting:
    return Meeting.objects.get(panel=panel, date=day)


def load() -> str:
    panel = Panel.objects.get(slug="children-and-families")
    august = _august(_meeting(panel, date(2024, 8, 8)))
    september = _september(_meeting(panel, date(2024, 9, 26)))
    january_2020 = _january_2020(_meeting(panel, date(2020, 1, 23)))
    november = services.minutes_create(
        actor=ACTOR, meeting=_meeting(panel, date(2024, 11, 28)), from_agenda=True
    )
    services.minutes_approve(actor=ACTOR, minutes=august, at_meeting=september.meeting)
    services.minutes_approve(actor=ACTOR, minutes=september, at_meeting=november.meeting)
    # The approving meeting of spring 2020 is not in the system: approval is recorded by date.
    services.minutes_approve(actor=ACTOR, minutes=january_2020, approved_on=date(2020, 3, 12))
    return f"{Minutes.objects.count()} sets of minutes, {MinuteItem.objects.count()} minutes"


def _august(meeting: Meeting) -> Minutes:
    minutes = services.minutes_create(actor=ACTOR, meeting=meeting)
    _minute(
        minutes,
        "Apologies and changes in panel membership (if any)",
        number=8,
        introduction="Councillors Kaur and Allen had temporarily resigned from the panel. Acting under "
        "delegated powers, the Monitoring Officer appointed Councillors Mrs Blatchford and "
        "Cooper in their place for this meeting.",
    )
    _minute(
        minutes,
        "Minutes of the previous meeting (including matters arising)",
        resolutions=[
            "that the minutes of the meeting held on 18 July 2024, be approved and signed as a "
            "correct record."
        ],
    )
    _minute(
        minutes,
        "Early years and childcare",
        introduction="The panel considered and noted the Executive Director's overview of early years and "
        "childcare services in the city.",
        speakers=[CABINET_MEMBER_2024, ("The Service Manager", "Early Years")],
        discussion_intro="Points discussed included:",
        points=[
            "Whether local providers can meet the extended childcare entitlements.",
            "How fairly places are spread across the city.",
            "Use of intelligence to keep early years provision sustainable.",
            "Places for disadvantaged children and how they are targeted.",
            "Support and resources for children with SEND in early years settings.",
            "Recruiting and keeping staff, and the plans to manage this.",
            "How resilient the sector is to future change.",
        ],
        closing_text="The panel also noted why early years provision in Southampton compares well.",
    )
    _minute(
        minutes,
        "Repeat child protection plans - analysis",
        introduction="The panel considered an analysis of why some families return to child protection "
        "planning a second or further time, with the current level of repeat plans and the "
        "action under way, including the Family Safeguarding Model.",
        speakers=[CABINET_MEMBER_2024, DEPUTY_DIRECTOR],
        discussion_intro="Points discussed included:",
        points=[
            "The legacy of earlier social work practice.",
            "Good handovers between social workers and their effect on decisions.",
            "How partners take part in child protection plans.",
            "Practice reforms expected to keep reducing repeat plans.",
            "Delivering the analysis's recommendations and a review in six months.",
        ],
        resolutions=[
            "That, to reinforce the message about the value of good practice, the analysis of repeat "
            "child protection plans is circulated to all social workers.",
            "That, reflecting concerns raised in the analysis relating to the impact of changes in social "
            "worker, the service undertakes an audit on the quality of handovers provided by social workers.",
            "That the scheduled follow up analysis of repeat child protection plans is provided to the "
            "Panel when it is available.",
        ],
    )
    _minute(
        minutes,
        "Annual conversation with Ofsted and progress of post-inspection improvement plan",
        introduction="The panel heard about the annual meeting with Ofsted and progress on the "
        "post-inspection improvement plan.",
        speakers=[CABINET_MEMBER_2024, DEPUTY_DIRECTOR],
        discussion_intro="Areas of continuing improvement discussed included:",
        points=[
            "The proposed joint adults and children safeguarding partnership.",
            "Support for unaccompanied asylum-seeking children.",
            "Housing, education, employment and training for care leavers.",
            "Children in private fostering arrangements.",
        ],
        resolutions=[
            "That an all-members briefing is scheduled to inform councillors about the changes "
            "that have been undertaken across Children's Services and Learning."
        ],
    )
    _minute(
        minutes,
        "Children and learning - performance",
        introduction="The panel received an overview of performance across Children's Services and "
        "Learning. It noted steady improvement and expects timeliness of visits and "
        "supervision to be consistently at 90% or above.",
        speakers=[CABINET_MEMBER_2024, ("The Strategic Performance Manager", ""), DEPUTY_DIRECTOR],
    )
    _minute(
        minutes,
        "Monitoring scrutiny recommendations",
        introduction="The panel received and noted the Scrutiny Manager's report on progress with its "
        "recommendations.",
    )
    return minutes


def _september(meeting: Meeting) -> Minutes:
    minutes = services.minutes_create(actor=ACTOR, meeting=meeting)
    _minute(
        minutes,
        "Minutes of the previous meeting (including matters arising)",
        agenda=6,
        resolutions=[
            "that the minutes of the meeting held on 8 August 2024 be approved and signed as a "
            "correct record."
        ],
    )
    _minute(
        minutes,
        "The Youth Justice Service",
        agenda=7,
        introduction="The panel considered an update on the performance of the Youth Justice Service.",
        speakers=[
            WINNING,
            HENDERSON,
            ("Tim Nelson", "Head of Young People's Services"),
            ("Anna Harbridge", "Youth Service Manager"),
        ],
        discussion_intro="Points discussed included:",
        points=[
            "Improving youth offending outcomes and the service's effectiveness.",
            "Fewer young people from Southampton in custody than in 2023.",
            "Alternative to custody packages and their effect on remand decisions.",
            "Lower caseloads after more case managers were appointed.",
            "The Safe City Partnership's response to serious incidents.",
            "Education and attendance outcomes for young people in the youth justice cohort.",
            "The lag in youth justice performance data.",
        ],
        resolutions=[
            "That, reflecting current poor outcomes and the actions being undertaken to improve "
            "performance, the Panel is provided with the updated education outcomes for young "
            "people in Southampton involved with the Youth Justice System once the national "
            "comparator data is available."
        ],
    )
    _minute(
        minutes,
        "Southampton Safeguarding Children Partnership (SSCP) annual report",
        agenda=8,
        introduction="The panel considered the partnership's account of its work in 2023-24 against its "
        "strategic priorities for 2023-2026.",
        speakers=[
            (
                "Scott Mackechnie",
                "Independent Scrutineer, Southampton Safeguarding Children Partnership",
            ),
            WINNING,
            HENDERSON,
        ],
        discussion_intro="Issues explored included:",
        points=[
            "Progress against the partnership's five strategic priorities, in particular:",
            (2, "work to reduce serious youth violence;"),
            (2, "what the rise in neglect cases says about the partnership's approach;"),
            (2, "partners' understanding of the importance of school attendance;"),
            (2, "support among partners for the Family Safeguarding Model."),
            "Merging the adult and children safeguarding boards: benefits, risks and other areas' experience.",
        ],
        resolutions=[
            "that following the creation of the Southampton Children and Adults Safeguarding "
            "Partnership (SCASP), the Panel invite the Independent Scrutineer to a meeting of the "
            "Panel in 2025/26 to consider the effectiveness of the new safeguarding partnership "
            "arrangements."
        ],
    )
    _minute(
        minutes,
        "Children and learning - performance and transformation",
        agenda=9,
        introduction="The panel considered and challenged the performance of Children's Services and "
        "Learning.",
        speakers=[("Laura Trevett", "Strategic Performance Manager"), WINNING, HENDERSON],
        discussion_intro="Points discussed included:",
        points=[
            "Possible reasons for the rise in re-referrals in August.",
            "Why most visiting and supervision targets were missed in August and much of 2024/25.",
            "Foster carer numbers, recruitment, and Newton Europe's part in raising them from January 2025.",
        ],
        resolutions=[
            "That, reflecting the reported increase in the rate of re-referrals in August 2024, the "
            "audit that is currently being conducted on re-referrals is circulated to the Panel upon "
            "completion."
        ],
    )
    _minute(
        minutes,
        "Monitoring scrutiny recommendations",
        agenda=10,
        introduction="The panel received and noted the Scrutiny Manager's report on responses to its "
        "earlier recommendations.",
    )
    return minutes


def _january_2020(meeting: Meeting) -> Minutes:
    minutes = services.minutes_create(actor=ACTOR, meeting=meeting)
    _minute(
        minutes,
        "Apologies and changes in panel membership (if any)",
        number=23,
        agenda=1,
        introduction="Apologies were noted from Appointed Members Nicola Brown, Catherine Hobbs and "
        "Claire Rogers.",
        order_change="With the panel's consent, the Chair varied the order of business.",
        resolutions=[
            "that Agenda Item 5 STATEMENT FROM THE CHAIR be moved to after Agenda Item 6 MINUTES "
            "OF THE PREVIOUS MEETING (INCLUDING MATTERS ARISING)"
        ],
    )
    _minute(
        minutes,
        "Minutes of the previous meeting (including matters arising)",
        agenda=6,
        resolutions=[
            "that the minutes of the meeting held on 7 November 2019 be approved and signed as a "
            "correct record."
        ],
    )
    _minute(
        minutes,
        "Statement from the chair",
        agenda=5,
        introduction="The Chair introduced the recent Ofsted inspection of children's services.",
        speakers=[PAFFEY, BROOKS],
        discussion_intro="The panel noted:",
        points=[
            "The overall judgement was requires improvement, with some areas good and none inadequate.",
            "Inspectors recognised significant progress and a prompt, proportionate response to families.",
            "Services for care leavers had improved substantially.",
            "Longer, uninterrupted relationships with children and quicker right help were needed.",
            "Work had begun on an improvement plan.",
        ],
        closing_text="The Chair thanked front-line staff for their work to keep children safe.",
        resolutions=[
            "that a formal report on the Ofsted Inspection of Children and Families Services and "
            "the response from the Children and Families Service would be included in the agenda "
            "of the next meeting of the Panel."
        ],
    )
    _minute(
        minutes,
        "Southampton Safeguarding Children Partnership annual report 2018-19",
        agenda=7,
        introduction="The panel considered the last annual report of the Local Safeguarding Children Board "
        "and the changes to statutory guidance on safeguarding partnerships.",
        speakers=[
            PAFFEY,
            BROOKS,
            BULLINGHAM,
            PLUMMER,
            WHITING,
            ("Katherine Elsmore", "Head of Safeguarding, NHS Southampton City CCG"),
            (
                "Shiobhan West",
                "Associate Designated Nurse for Safeguarding, NHS Southampton City CCG",
            ),
        ],
        discussion_intro="The panel noted:",
        points=[
            "The board had become the Southampton Safeguarding Children Partnership.",
            "Shared arrangements with Hampshire, Portsmouth and the Isle of Wight.",
            "A common understanding of safeguarding thresholds was still needed.",
            "Demand for placements and accommodation for care leavers exceeded supply.",
        ],
        resolutions=[
            "That the membership of the Southampton Safeguarding Children Partnership is "
            "circulated to the Panel."
        ],
    )
    exclusion = _minute(
        minutes,
        "Exclusion of the press and public - exempt papers included in the following item",
        agenda=8,
        introduction="The Chair moved that the press and public be excluded while the panel considered the "
        "exempt appendix to the next item.",
        resolutions=[
            "that having applied the public interest test, the press and public be excluded from the "
            "meeting."
        ],
    )
    services.minute_item_set_exclusion(
        actor=ACTOR,
        item=exclusion,
        categories=ExemptCategory.objects.filter(code__in=["1", "7"]),
        public_interest_reasoning="The appendix would be likely to identify an individual and concerns action "
        "to prevent, investigate or prosecute crime; withholding it outweighs the "
        "public interest in disclosure.",
    )
    _minute(
        minutes,
        "Child exploitation in Southampton - including child sexual exploitation and child criminal "
        "exploitation",
        agenda=9,
        introduction="The panel considered the multi-agency response to child exploitation in the city.",
        speakers=[
            BROOKS,
            BULLINGHAM,
            ("Laura Tanner", "MET (Missing, Exploited, Trafficked) Team Manager"),
            ("Simon Dennison", "Children's Resource Service Manager"),
            PLUMMER,
            WHITING,
        ],
        discussion_intro="The panel noted:",
        points=[
            "Keeping children safe outside the home needs close work between many agencies.",
            "Multi-agency training had improved awareness and use of the SERAF risk tool.",
            "Sharing information within 72 hours remained difficult.",
            "The MET Hub's high-risk cohort had grown as identification improved.",
        ],
        resolutions=[
            "That, at the appropriate meeting of the Panel, an update would be provided on the "
            "development of the Vulnerable Adolescents Service."
        ],
    )
    _minute(
        minutes,
        "Children and families - performance",
        agenda=10,
        introduction="The panel considered performance across Children and Families Services since "
        "November 2019.",
        speakers=[BROOKS, BULLINGHAM],
        discussion_intro="The panel noted:",
        points=[
            "Data presentation had improved.",
            "More children were supported through Early Help rather than statutory services.",
            "A recruitment and retention working group had been set up.",
            "Foster placements were short locally and nationally.",
        ],
        resolutions=[
            "That details of the scheduled learning event for social workers (CPD) is circulated "
            "to the Panel.",
            "That the recruitment of foster carers is considered at a future meeting of the Panel.",
        ],
    )
    return minutes
