"""Search provider: recommendations and responses to them (see scrutiny.core.search)."""

from __future__ import annotations

from typing import Any

from scrutiny.core.search import Result, contains_all, restricted_matches, snippet
from scrutiny.recommendations.models import Recommendation

CONTENT_FIELDS = ["action_proposed", "addressee", "response_text"]


def search(user: Any, terms: list[str]) -> list[Result]:
    queryset = Recommendation.objects.select_related("meeting__panel")
    results = []
    for recommendation, readable, published in restricted_matches(
        user, queryset, terms, listing_fields=["title"], content_fields=CONTENT_FIELDS
    ):
        meeting = recommendation.meeting
        texts = [recommendation.action_proposed, recommendation.response_text]
        results.append(
            Result(
                kind="Recommendation",
                title=f"{recommendation.title} {recommendation.number})",
                # The detail page refuses withheld recommendations: link to the meeting instead.
                url=recommendation.get_absolute_url() if readable else meeting.get_absolute_url(),
                context=f"{meeting.panel.name}, {meeting.date:%-d %B %Y}",
                snippet=snippet(texts, terms) if readable else "",
                when=meeting.date,
                withheld_label="" if readable else "made in private",
                unpublished=not published,
                title_match=contains_all(recommendation.title, terms),
            )
        )
    return results
