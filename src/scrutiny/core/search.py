"""The search contract: what a search provider returns, and helpers to build it safely.

An app makes its records searchable by registering, in ``scrutiny.core.registry
.search_providers``, a function ``search(user, terms) -> list[Result]``. ``terms`` are the
lower-cased words of the query (every word must match). Providers must narrow their querysets
with scrutiny.core.access, and should use :func:`restricted_matches` for models that can be
withheld: it matches withheld records on their listing fields (title) only, so a search for a
word in withheld content never reveals, even by the presence of a result, that the content
contains it. The site search page (``scrutiny.public.search``) asks every provider.

Matching is ``icontains`` over a few fields, so it runs the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import reduce
from operator import and_, or_
from typing import Any, NamedTuple

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.html import strip_tags

from scrutiny.core.access import Level, role_for, visible

PER_PROVIDER_LIMIT = 200
SNIPPET_RADIUS = 90


@dataclass(frozen=True)
class Result:
    kind: str  # "Document", "Agenda item", ...
    title: str
    url: str
    context: str = ""  # where it belongs: panel and meeting
    snippet: str = ""  # plain text, only ever from content the user may read
    when: date | None = None
    withheld_label: str = ""  # e.g. "Category 7a": listed by title, content not shown
    title_match: bool = False
    unpublished: bool = False  # only officers ever see unpublished records


class Match(NamedTuple):
    record: Any
    readable: bool  # the user may read its content (else: title and category only)
    published: bool


def match_all(terms: Sequence[str], fields: Sequence[str]) -> Q:
    """Every term appears in at least one of the fields."""
    if not terms or not fields:
        return Q(pk__in=[])
    return reduce(
        and_,
        (reduce(or_, (Q(**{f"{field}__icontains": term}) for field in fields)) for term in terms),
    )


def restricted_matches(
    user: Any,
    queryset: QuerySet,
    terms: Sequence[str],
    *,
    listing_fields: Sequence[str],
    content_fields: Sequence[str],
    limit: int = PER_PROVIDER_LIMIT,
) -> list[Match]:
    """Matching records the user may know about, each with whether its content is visible.

    Records whose content the user may read match on every field; records the user may only
    list (withheld ones) match on the listing fields alone. Only officers and admins get
    unpublished records, and those are flagged so that nobody mistakes them for public ones.
    """
    readable = visible(user, queryset, Level.CONTENT)
    full = list(
        readable.filter(match_all(terms, [*listing_fields, *content_fields])).distinct()[:limit]
    )
    listed = list(
        visible(user, queryset, Level.LISTING)
        .filter(match_all(terms, listing_fields))
        .exclude(pk__in=readable.values("pk"))
        .distinct()[:limit]
    )
    unpublished: set[Any] = set()
    if role_for(user).sees_everything and full:
        # filter(), not exclude(): a model that is always published declares an empty Q().
        lookups = queryset.model.access_lookups(timezone.localdate())
        pks = {obj.pk for obj in full}
        unpublished = pks - set(
            queryset.filter(lookups.published, pk__in=pks).values_list("pk", flat=True)
        )
    return [Match(obj, True, obj.pk not in unpublished) for obj in full] + [
        Match(obj, False, True) for obj in listed
    ]


def plain(text: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(strip_tags(text or ""))).strip()


def snippet(texts: Iterable[str], terms: Sequence[str]) -> str:
    """A short extract around the first term found in the texts (plain text, no markup)."""
    for raw in texts:
        text = plain(raw)
        lowered = text.lower()
        hits = [lowered.find(term) for term in terms if term in lowered]
        if not hits:
            continue
        start = max(0, min(hits) - SNIPPET_RADIUS)
        end = min(len(text), min(hits) + 2 * SNIPPET_RADIUS)
        extract = text[start:end].strip()
        return ("… " if start else "") + extract + (" …" if end < len(text) else "")
    return ""


def contains_all(text: str, terms: Sequence[str]) -> bool:
    lowered = text.lower()
    return all(term in lowered for term in terms)
