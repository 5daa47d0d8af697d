"""Search: recommendations and responses to them, in the index (see scrutiny.core.search)."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import QuerySet

from scrutiny.committees.models import Meeting
from scrutiny.core.search import (
    Hit,
    IndexedKind,
    IndexEntry,
    Result,
    contains_all,
    plain,
    restricted,
    snippet,
)
from scrutiny.recommendations.models import Recommendation

CONTENT_FIELDS = ["action_proposed", "addressee", "response_text"]


def _recommendations() -> QuerySet:
    return Recommendation.objects.select_related("meeting__panel")


def _entry(recommendation: Recommendation) -> IndexEntry:
    return IndexEntry(
        object_id=recommendation.pk,
        title=recommendation.title,
        body=" ".join(plain(getattr(recommendation, name)) for name in CONTENT_FIELDS),
        on_date=recommendation.meeting.date,
        panel_id=recommendation.meeting.panel_id,
    )


def _result(recommendation: Recommendation, hit: Hit, terms: Sequence[str]) -> Result:
    meeting = recommendation.meeting
    texts = [recommendation.action_proposed, recommendation.response_text]
    return Result(
        kind="Recommendation",
        title=f"{recommendation.title} {recommendation.number})",
        # The detail page refuses withheld recommendations: link to the meeting instead.
        url=recommendation.get_absolute_url() if hit.readable else meeting.get_absolute_url(),
        context=f"{meeting.panel.name}, {meeting.date:%-d %B %Y}",
        snippet=snippet(texts, terms) if hit.readable else "",
        when=meeting.date,
        withheld_label="" if hit.readable else "made in private",
        unpublished=not hit.published,
        title_match=contains_all(recommendation.title, terms),
        panel_id=meeting.panel_id,
    )


_readable, _listable = restricted(_recommendations)
RECOMMENDATIONS = IndexedKind(
    kind="Recommendation",
    queryset=_recommendations,
    entry=_entry,
    result=_result,
    follows={
        Meeting: lambda meeting: Recommendation.objects.filter(meeting=meeting).values_list(
            "pk", flat=True
        )
    },
    readable=_readable,
    listable=_listable,
)
