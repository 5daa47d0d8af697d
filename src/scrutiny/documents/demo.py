"""Papers of the 26 September and 28 November 2024 agendas, from the seed packs.

Written pages carry short summaries of the published facts. Appendix 2 of item 8 (provisional
Key Stage 4 outcomes) was confidential under Category 7a and its content was never published:
the demo stands in a marked placeholder, so the access rules can be seen working.

The reports of items 8-10 of 28 November 2024 are filled in on the council's report template
from the facts in the seed (names, roles, numbers); the wording is the product's own. The
minutes of 26 September 2024 are printed into the pack by the minutes app. Appendix 1 of
item 10 stands in for the monitoring table, which the recommendations app prints in its place.
"""

from __future__ import annotations

from datetime import date

from scrutiny.committees.models import AgendaItem, Meeting
from scrutiny.core.actors import SystemActor
from scrutiny.core.models import ExemptCategory
from scrutiny.documents import services
from scrutiny.documents.models import Document
from scrutiny.documents.public_information import DEFAULT_SECTIONS

ACTOR = SystemActor("demo loader")

CONFIDENTIAL_PLACEHOLDER = (
    "<p><strong>Demonstration content.</strong> This page stands in for the confidential "
    "appendix of provisional 2024 Key Stage 4 outcomes, which was withheld from publication "
    "until the national results were released. Reference KS4-PROVISIONAL-2024.</p>"
)

# (meeting, item number): [(appendix number, title, HTML; None for the confidential one)]
APPENDICES: dict[tuple[date, int], list[tuple[int, str, str | None]]] = {
    (date(2024, 11, 28), 8): [
        (
            1,
            "2024 Key Stage 2 Outcomes",
            "<p>In 2024, 55.7% of Southampton pupils reached the expected standard in reading, writing "
            "and maths combined, against 60.4% nationally and 56.6% across statistical neighbours.</p>"
            "<table><caption>Expected standard, 2024</caption><thead><tr><th scope='col'>Subject</th>"
            "<th scope='col'>Southampton</th><th scope='col'>National</th></tr></thead><tbody>"
            "<tr><td>Reading</td><td>69.2%</td><td>74.2%</td></tr>"
            "<tr><td>Writing</td><td>69.3%</td><td>71.5%</td></tr>"
            "<tr><td>Maths</td><td>69.2%</td><td>73.1%</td></tr></tbody></table>",
        ),
        (2, "CONFIDENTIAL - 2024 Key Stage 4 Outcomes Provisional", None),
        (
            3,
            "Attendance Data and Summary",
            "<p>Autumn and spring terms 2023/24: overall absence 7.7% from 32,144 enrolments; "
            "persistent absence 21.4% (6,885 enrolments), down from 23.2% in 2022/23; severe "
            "persistent absence 2.8% (893 enrolments).</p>",
        ),
        (
            4,
            "Attendance Support Case Studies",
            "<p>Anonymised case studies of the School Attendance Support Service's work with "
            "families.</p>",
        ),
        (
            5,
            "Southampton is ALL IN - Summary",
            "<p>A city-wide project to raise educational engagement, launching publicly in January "
            "2025 with schools, colleges, both universities and partners.</p>",
        ),
        (
            6,
            "Exclusions and Suspensions - Summary",
            "<p>In 2022/23 Southampton recorded 3,623 suspensions and 41 permanent exclusions; the "
            "permanent exclusion rate (0.07%) stayed below the national rate (0.08%).</p>",
        ),
    ],
    (date(2024, 11, 28), 9): [
        (
            1,
            "Summary of performance and commentary - November 2024",
            "<p>Children's Social Care Performance Report, performance to 31 October 2024.</p>",
        ),
        (
            2,
            "Children and Learning Glossary",
            "<p>Acronyms and terms used in children's services.</p>",
        ),
    ],
    (date(2024, 11, 28), 10): [
        (
            1,
            "Monitoring Scrutiny Recommendations - 28 November 2024",
            "<p>The panel's recommendations from earlier meetings and the action taken on each.</p>",
        ),
        (
            2,
            "Re-referrals and Assessments Audit",
            "<p>Audit of children re-referred within 12 months (39 audits allocated, 85% completed) "
            "and September 2024 assessment timeliness by team.</p>",
        ),
    ],
    (date(2024, 9, 26), 8): [
        (
            1,
            "Southampton Safeguarding Children Partnership Yearly Report 2023/24",
            "<p>The partnership's yearly report on its strategic priorities for 2023-2026.</p>",
        ),
    ],
}


SCRUTINY_DUTY = (
    "Part 1A, section 9 of the Local Government Act 2000 places the duty to carry out "
    "overview and scrutiny on the Council."
)
NONE_BACKGROUND: list[dict] = []
HENDERSON = {
    "director_title": "Executive Director - Children and Learning",
    "director_name": "Robert Henderson",
    "director_telephone": "023 8083 4899",
    "director_email": "robert.henderson@southampton.gov.uk",
}
CREIGHTON = {
    "director_title": "Executive Director - Enabling Services",
    "director_name": "Mel Creighton",
    "director_telephone": "023 8083 3528",
    "director_email": "mel.creighton@southampton.gov.uk",
}
PIRNIE = {
    "author_title": "Scrutiny Manager",
    "author_name": "Mark Pirnie",
    "author_telephone": "023 8083 3886",
    "author_email": "mark.pirnie@southampton.gov.uk",
}
COMMON = {
    "decision_maker": "Children and Families Scrutiny Panel",
    "date_of_decision": date(2024, 11, 28),
    "legal_statutory_power": SCRUTINY_DUTY,
    "alternative_options": "None.",
    "resource_implications": "None.",
    "legal_other": "None.",
    "risk_implications": "None.",
    "key_decision": False,
    "wards_affected": "None",
    "esia_required": False,
    "dpia_required": False,
    "background_documents": NONE_BACKGROUND,
}

REPORTS = {
    8: {
        **COMMON,
        **HENDERSON,
        "subject": "Education Outcomes and Context",
        "report_of": "Executive Director - Children and Learning",
        "author_title": "Head of Education Services",
        "author_name": "Clodagh Freeston",
        "author_telephone": "023 8083 3681",
        "author_email": "clodagh.freeston@southampton.gov.uk",
        "confidentiality": (
            "Appendix 2 is not for publication under Category 7a of paragraph 10.4 of the "
            "Council's Access to Information Procedure Rules: it holds information received "
            "under an obligation of confidentiality."
        ),
        "brief_summary": (
            "The panel will look at Southampton's Key Stage 2 results for 2023/24 and the "
            "provisional Key Stage 4 results, with analysis of each in the appendices.\n\n"
            "Results depend on more than teaching, so the appendices also cover school "
            "attendance and exclusions and suspensions. Elective home education and school "
            "improvement services can also be discussed."
        ),
        "recommendations": (
            "That the panel considers the provisional key stage results and the supporting "
            "information in the appendices, and discusses the education context in Southampton "
            "with the Cabinet Member for Children and Learning and the officers attending."
        ),
        "reasons": "So that the panel can discuss education performance in Southampton with the Cabinet Member and officers.",
        "detail": (
            "The Key Stage 2 results for Southampton are now published; Appendix 1 sets them in "
            "context and analyses them.\n\n"
            "The provisional Key Stage 4 results are in Appendix 2, which is confidential.\n\n"
            "<p>For context and the city's education priorities:</p><ul><li>Appendices 3, 4 and 5 "
            "cover attendance data and the work to improve school attendance;</li><li>Appendix 6 "
            "covers trends and activity on exclusions and suspensions.</li></ul>\n\n"
            "The Head of Education Services and colleagues will introduce the results and the "
            "context at the meeting, for the panel's discussion with the Cabinet Member."
        ),
        "policy_framework_implications": "Not applicable.",
    },
    9: {
        **COMMON,
        **CREIGHTON,
        **PIRNIE,
        "subject": "Children and Learning - Performance and Transformation",
        "report_of": "Scrutiny Manager",
        "brief_summary": (
            "Appendix 1 summarises how Children's Services and Learning performed up to the end "
            "of October 2024. The Cabinet Member and senior managers will give the panel an "
            "overview of performance across the directorate at the meeting."
        ),
        "recommendations": "That the panel considers and challenges the performance of Children's Services and Learning in Southampton.",
        "reasons": "So that the panel can scrutinise Children's Services and Learning effectively.",
        "detail": (
            "Members receive performance information every month, with an explanation of each "
            "measure, so that they can carry out their role.\n\n"
            "Appendix 1 gives performance to 31 October 2024 and explains the significant "
            "changes.\n\n"
            "The Cabinet Member for Children and Learning and members of the directorate's senior "
            "management team have been invited to present the overview."
        ),
        "resource_implications": "None arising directly from this report.",
        "policy_framework_implications": (
            "<p>Two strategic objectives of the Corporate Plan as updated in 2024 are safe and "
            "stable home environments, and accessible education and skills pathways.</p><p>Good "
            "outcomes for the city's children and young people contribute to both.</p>"
        ),
    },
    10: {
        **COMMON,
        **CREIGHTON,
        **PIRNIE,
        "subject": "Monitoring Scrutiny Recommendations",
        "report_of": "Scrutiny Manager",
        "brief_summary": "This report lets the panel follow up the recommendations it made at earlier meetings.",
        "recommendations": "That the panel considers the responses to its earlier recommendations and gives its feedback.",
        "reasons": "To help the panel judge what its earlier recommendations have achieved.",
        "detail": (
            "Appendix 1 lists the recommendations made at earlier meetings and what has been done "
            "about each.\n\n"
            "Each recommendation shows its progress. Recommendations the panel accepts as complete "
            "leave the list; the others stay on it and come back to the next meeting until the "
            "panel accepts them as complete. A rejected recommendation leaves the list only after "
            "it has been reported to the panel."
        ),
    },
}


def _reports(meeting: Meeting) -> int:
    for number, fields in REPORTS.items():
        item = meeting.agenda_items.get(number=number)
        services.report_write(actor=ACTOR, agenda_item=item, fields=fields, publish=True)
    return len(REPORTS)


def load() -> str:
    for order, section in enumerate(DEFAULT_SECTIONS, start=1):
        services.public_information_section_save(
            actor=ACTOR,
            heading=section.heading,
            kind=section.kind,
            body_html=section.body_html,
            order=order,
        )
    november = Meeting.objects.get(date=date(2024, 11, 28))
    reports = _reports(november)
    for meeting in Meeting.objects.filter(agenda_published_at__isnull=False):
        services.agenda_publication_import(actor=ACTOR, meeting=meeting)
    summary = _appendices()
    drafted = _papers_in_preparation()
    return f"{reports} reports, {summary}, {drafted} draft papers for the next meeting"


def _papers_in_preparation() -> int:
    """Draft papers of the current year's next meeting (committees' demo_current): a report
    with an exempt appendix, and a performance paper; the monitoring item has none yet."""
    from scrutiny.committees.demo_current import PREPARING_TITLE

    item = AgendaItem.objects.filter(
        title=PREPARING_TITLE, meeting__agenda_published_at=None
    ).first()
    if item is None:
        return 0
    meeting = item.meeting
    services.document_add(
        actor=ACTOR,
        meeting=meeting,
        agenda_item=item,
        kind=Document.Kind.REPORT,
        title="Education Performance: Key Stage 4 outcomes",
        body_html="<p>Draft report of the Head of Education Services on this summer's Key Stage 4 "
        "outcomes in Southampton's secondary schools, for the panel's scrutiny.</p>",
    )
    services.document_add(
        actor=ACTOR,
        meeting=meeting,
        agenda_item=item,
        number=1,
        title="Provisional Key Stage 4 results by school",
        body_html="<p>Provisional results by school, shared in confidence before the national "
        "release.</p>",
        is_exempt=True,
        exempt_category=ExemptCategory.objects.get(code="7a"),
        public_interest_reasoning="Provisional results shared in confidence by the Department "
        "for Education; the public interest favours withholding them until the national "
        "release.",
    )
    performance = meeting.agenda_items.get(title="Children and Families - Performance")
    services.document_add(
        actor=ACTOR,
        meeting=meeting,
        agenda_item=performance,
        kind=Document.Kind.REPORT,
        title="Children and Families - Performance",
        body_html="<p>Draft: the performance report for the latest month.</p>",
    )
    return 3


def _appendices() -> str:
    category_7a = ExemptCategory.objects.get(code="7a")
    count = 0
    for (day, number), appendices in APPENDICES.items():
        meeting = Meeting.objects.get(date=day)
        item = meeting.agenda_items.get(number=number)
        for appendix_number, title, body in appendices:
            confidential = body is None
            services.document_add(
                actor=ACTOR,
                meeting=meeting,
                agenda_item=item,
                kind=Document.Kind.APPENDIX,
                number=appendix_number,
                title=title,
                body_html=CONFIDENTIAL_PLACEHOLDER if body is None else body,
                is_exempt=confidential,
                exempt_category=category_7a if confidential else None,
                public_interest_reasoning=(
                    "Provisional results shared in confidence before national publication; "
                    "releasing them early would breach that obligation, so the public interest "
                    "favours withholding them until the national release."
                )
                if confidential
                else "",
                publish=True,
            )
            count += 1
    return f"{count} appendices"
