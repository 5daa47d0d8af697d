"""Follow-ups named in the seeds, on the work programme.

Repeat child protection plans (follow-up analysis and the handover audit) in January 2025; the
youth justice education outcomes once national data is out; the Independent Scrutineer in
2025/26; and, from January 2020, the recruitment of foster carers.
"""

from __future__ import annotations

from datetime import date

from scrutiny.committees import services as committees_services
from scrutiny.committees.models import Meeting, MunicipalYear, Panel, Person
from scrutiny.core.actors import SystemActor
from scrutiny.recommendations.models import Recommendation
from scrutiny.workprogramme import services
from scrutiny.workprogramme.models import WorkItem, WorkItemReason

ACTOR = SystemActor("demo loader")


def _year(label: str, start: date, end: date) -> MunicipalYear:
    year = MunicipalYear.objects.filter(label=label).first()
    return year or committees_services.municipal_year_create(
        actor=ACTOR, label=label, start_date=start, end_date=end
    )


def load() -> str:
    panel = Panel.objects.get(slug="children-and-families")
    y2024 = MunicipalYear.objects.get(label="2024/25")
    y2025 = _year("2025/26", date(2025, 5, 1), date(2026, 4, 30))
    y2019 = MunicipalYear.objects.get(label="2019/20")
    january = Meeting.objects.get(panel=panel, date=date(2025, 1, 30))

    def rec(title: str, number: int) -> Recommendation:
        return Recommendation.objects.get(meeting__panel=panel, title=title, number=number)

    follow_up = WorkItemReason.RECOMMENDATION_FOLLOW_UP
    services.work_item_add(
        actor=ACTOR,
        panel=panel,
        municipal_year=y2024,
        reason=follow_up,
        target_meeting=january,
        topic="Repeat child protection plans: follow-up analysis",
        detail="The scheduled follow-up analysis, to see whether repeat plans keep falling.",
        recommendations=[rec("Repeat Child Protection Plans", 3)],
    )
    services.work_item_add(
        actor=ACTOR,
        panel=panel,
        municipal_year=y2024,
        reason=follow_up,
        target_meeting=january,
        topic="Audit of the quality of social work handovers",
        recommendations=[rec("Repeat Child Protection Plans", 2)],
    )
    services.work_item_add(
        actor=ACTOR,
        panel=panel,
        municipal_year=y2024,
        reason=follow_up,
        target_period="When national data is out (not before January 2025)",
        topic="Education outcomes of young people in the youth justice system",
        lead_officer=Person.objects.get(name="Tim Nelson"),
        recommendations=[rec("Youth Justice Service", 1)],
    )
    services.work_item_add(
        actor=ACTOR,
        panel=panel,
        municipal_year=y2025,
        reason=follow_up,
        target_period="2025/26",
        topic="Effectiveness of the new safeguarding partnership, with the Independent Scrutineer",
        lead_officer=Person.objects.get(name="Mark Pirnie"),
        recommendations=[rec("Southampton Safeguarding Children Partnership – Annual report", 1)],
    )
    services.work_item_add(
        actor=ACTOR,
        panel=panel,
        municipal_year=y2019,
        reason=WorkItemReason.PANEL_REQUEST,
        target_period="A future meeting",
        topic="Recruitment of foster carers",
        detail="Requested at the meeting of 23 January 2020 (minute 29).",
    )
    return f"{WorkItem.objects.count()} work programme items"
