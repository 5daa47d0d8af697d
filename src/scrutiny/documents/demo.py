"""Appendices of the 26 September and 28 November 2024 agendas, from the seed packs.

Written pages carry short summaries of the published facts. Appendix 2 of item 8 (provisional
Key Stage 4 outcomes) was confidential under Category 7a and its content was never published:
the demo stands in a marked placeholder, so the access rules can be seen working.
"""

from __future__ import annotations

from datetime import date

from scrutiny.committees.models import Meeting
from scrutiny.core.models import ExemptCategory
from scrutiny.documents import services
from scrutiny.documents.models import Document

ACTOR = "demo loader"

CONFIDENTIAL_PLACEHOLDER = (
    "<p><strong>Demonstration content.</strong> This page stands in for the confidential "
    "appendix of provisional 2024 Key Stage 4 outcomes, which was withheld from publication "
    "until the national results were released. Reference KS4-PROVISIONAL-2024.</p>"
)

APPENDICES = {
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


def load() -> str:
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
                body_html=CONFIDENTIAL_PLACEHOLDER if confidential else body,
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
