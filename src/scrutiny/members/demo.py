"""The members' side of the demo.

The seed papers link no recommendation to evidence and have no recommendation to the executive, so the briefing could never show a
response past the two-month duty. The demo adds one, an assumption listed in
docs/members.md: at the 26 September 2024 meeting, a second recommendation on the performance
item, referred to the Cabinet Member that day (response due 26 November 2024, none received), linked to the
re-referrals indicator it is about.

Then the briefing of every meeting whose agenda is published, as the worker would have
computed it on the day of the meeting (or today, for one still to come).
"""

from __future__ import annotations

from datetime import date

from scrutiny.committees.models import Meeting, Panel
from scrutiny.core.actors import SystemActor
from scrutiny.members import services
from scrutiny.recommendations import services as recommendations
from scrutiny.recommendations.models import AddresseeKind, Recommendation

ACTOR = SystemActor("demo loader")
REFERRAL_DAY = date(2024, 9, 26)
REFERRAL_TITLE = "Children & Learning – Performance and transformation"
RE_REFERRALS = "performance.indicator:re_referrals_pct"
REFERRAL_TEXT = (
    "That the Cabinet Member for Children and Learning sets out for the panel how re-referrals "
    "within 12 months will be kept below the local target of 20%."
)


def _referral() -> Recommendation | None:
    panel = Panel.objects.filter(slug="children-and-families").first()
    meeting = Meeting.objects.filter(panel=panel, date=REFERRAL_DAY).first()
    if meeting is None:
        return None
    referral = recommendations.recommendation_create(
        actor=ACTOR,
        meeting=meeting,
        title=REFERRAL_TITLE,
        action_proposed=REFERRAL_TEXT,
        addressee_kind=AddresseeKind.CABINET_MEMBER,
        addressee="Cabinet Member for Children and Learning",
        referred_on=REFERRAL_DAY,
    )
    recommendations.recommendation_evidence_link(
        actor=ACTOR, recommendation=referral, reference=RE_REFERRALS
    )
    return referral


def load() -> str:
    referral = _referral()
    meetings = Meeting.objects.filter(agenda_published_at__isnull=False).order_by("date")
    count = 0
    for meeting in meetings:
        services.briefing_refresh(actor=ACTOR, meeting=meeting)
        count += 1
    added = "1 referral to the Cabinet Member, " if referral else ""
    return f"{added}{count} briefings"
