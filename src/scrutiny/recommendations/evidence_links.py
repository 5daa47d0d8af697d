"""Reads of a recommendation's evidence: each linked figure resolved by its owner, with its
trend from the month the recommendation was made to now, as the reader may see it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from scrutiny.core import evidence
from scrutiny.core.access import can_edit
from scrutiny.recommendations.models import EvidenceLink, Recommendation

JUDGEMENTS = {"improved": evidence.IMPROVED, "worsened": evidence.WORSENED}


@dataclass
class LinkedEvidence:
    link: EvidenceLink
    item: evidence.EvidenceItem
    trend: evidence.EvidenceTrend | None


def linked_evidence(recommendation: Recommendation, user: Any) -> list[LinkedEvidence]:
    """What the recommendation is linked to, minus anything withheld from this user."""
    found = []
    for link in recommendation.evidence_links.all():
        item = evidence.resolve(link.reference, user)
        if item is None:
            continue
        trend = evidence.trend(link.reference, user, recommendation.meeting.date)
        found.append(LinkedEvidence(link, item, trend))
    return found


def judgements(recommendation: Recommendation, user: Any) -> set[str]:
    return {e.trend.judgement for e in linked_evidence(recommendation, user) if e.trend}


def with_evidence(recommendations: list[Recommendation], user: Any, judgement: str):
    """The tracker's filter: recommendations whose linked evidence improved (or worsened)
    since they were made."""
    wanted = JUDGEMENTS.get(judgement)
    if wanted is None:
        return recommendations
    return [r for r in recommendations if wanted in judgements(r, user)]


def may_link(recommendation: Recommendation, user: Any) -> bool:
    proposer = recommendation.proposed_by
    return can_edit(user) or (
        proposer is not None and proposer.user_id is not None and proposer.user_id == user.pk
    )
