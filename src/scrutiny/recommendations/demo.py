"""The seven recommendations on the 28 November 2024 monitoring report, from the seed pack.

Action proposed, action taken and statuses are as the report printed them. The dates on which
work started, was reported complete and each action-taken entry was logged are not in the
seeds; the values below are assumptions (listed in docs/recommendations.md) chosen so that
everything happened before the report was published on 20 November 2024.
"""

from __future__ import annotations

from datetime import date

from scrutiny.committees.models import Meeting, Panel, Person
from scrutiny.core.actors import SystemActor
from scrutiny.minutes.models import Resolution
from scrutiny.recommendations import services
from scrutiny.recommendations.models import AddresseeKind, Recommendation, RecommendationStatus

ACTOR = SystemActor("demo loader")
S = RecommendationStatus
AUG, SEP = date(2024, 8, 8), date(2024, 9, 26)
STARTED = {AUG: date(2024, 9, 2), SEP: date(2024, 10, 7)}
UPDATED = date(2024, 11, 12)

# (meeting, minute number, resolution number, tracker title, addressee, lead officer, target,
#  action taken, status, completed on)
SEVEN = [
    (
        AUG,
        11,
        1,
        "Repeat Child Protection Plans",
        "Children's Social Care",
        None,
        None,
        "Completed - the Lead Independent Reviewing Officer is scheduled to present at the October 2024 "
        "practice forum.",
        S.COMPLETE,
        date(2024, 10, 14),
    ),
    (
        AUG,
        11,
        2,
        "Repeat Child Protection Plans",
        "Children's Social Care",
        None,
        date(2025, 1, 30),
        "In progress - recommendation that this is presented in January 2025.",
        S.IN_PROGRESS,
        None,
    ),
    (
        AUG,
        11,
        3,
        "Repeat Child Protection Plans",
        "Children's Social Care",
        None,
        date(2025, 1, 30),
        "In progress - recommendation that this is presented in January 2025.",
        S.IN_PROGRESS,
        None,
    ),
    (
        AUG,
        12,
        1,
        "Annual conversation with Ofsted",
        "Children's Services and Learning",
        None,
        None,
        "Briefing has been scheduled for 13th February. Floor walks have included: fostering, supported "
        "accommodation and a finance briefing.",
        S.COMPLETE,
        UPDATED,
    ),
    (
        SEP,
        16,
        1,
        "Youth Justice Service",
        "Youth Justice Service",
        "Tim Nelson",
        None,
        "Youth Justice Service have confirmed that data will not be available before January 2025.",
        S.IN_PROGRESS,
        None,
    ),
    (
        SEP,
        17,
        1,
        "Southampton Safeguarding Children Partnership – Annual report",
        "Scrutiny Manager",
        "Mark Pirnie",
        None,
        "This update will be programmed into the scrutiny panel forward plan.",
        S.IN_PROGRESS,
        None,
    ),
    (
        SEP,
        18,
        1,
        "Children & Learning – Performance and transformation",
        "Children's Social Care",
        None,
        None,
        "Information attached as Appendix 2.",
        S.COMPLETE,
        date(2024, 11, 15),
    ),
]

# The tracker words two actions slightly differently from the minutes (capital "That," and a comma).
TRACKER_WORDING = {
    (
        SEP,
        17,
    ): "That, following the creation of the Southampton Children and Adults Safeguarding Partnership "
    "(SCASP), the Panel invite the Independent Scrutineer to a meeting of the Panel in 2025/26 to "
    "consider the effectiveness of the new safeguarding partnership arrangements.",
}


def load() -> str:
    panel = Panel.objects.get(slug="children-and-families")
    for day, minute, number, title, addressee, lead, target, taken, status, completed in SEVEN:
        meeting = Meeting.objects.get(panel=panel, date=day)
        resolution = Resolution.objects.get(
            item__minutes__meeting=meeting, item__number=minute, number=number
        )
        recommendation = services.recommendation_create(
            actor=ACTOR,
            meeting=meeting,
            resolution=resolution,
            title=title,
            action_proposed=TRACKER_WORDING.get((day, minute), resolution.text),
            addressee_kind=AddresseeKind.SERVICE,
            addressee=addressee,
            lead_officer=Person.objects.get(name=lead) if lead else None,
            target_meeting=Meeting.objects.get(panel=panel, date=target) if target else None,
        )
        services.recommendation_transition(
            actor=ACTOR, recommendation=recommendation, to=S.IN_PROGRESS, on=STARTED[day]
        )
        logged_on = completed or UPDATED
        services.recommendation_log_action(
            actor=ACTOR, recommendation=recommendation, text=taken, on=logged_on
        )
        if status == S.COMPLETE:
            services.recommendation_transition(
                actor=ACTOR, recommendation=recommendation, to=S.COMPLETE, on=completed
            )
    return f"{Recommendation.objects.count()} recommendations"
