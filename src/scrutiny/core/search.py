"""The search contract: what an app declares to make its records searchable.

Records that grow with the council's business (papers, agenda items, minutes, resolutions,
recommendations, the work programme) are an :class:`IndexedKind`, registered in
``scrutiny.core.registry.search_index``: the kind says how one record becomes an index entry
(:class:`IndexEntry`: title, body, date, panel), which records it follows (a report's text
belongs to its document), who may read or only list a record (querysets from
``scrutiny.core.access``, turned into SQL by ``scrutiny.core.search_index``) and how a record
of the page shown becomes a :class:`Result` (snippets only for that page). A record the reader
may only list (withheld) matches on its title alone, so a search for a word in withheld
content never reveals, even by the presence of a result, that the content contains it (ADR
500). The index is kept by the saves of the records themselves (``search_index``).

Small registries (panels, people, meetings) are a plain provider in
``scrutiny.core.registry.search_providers``: ``search(user, terms) -> list[Result]``, matched
with :func:`match_all` (``icontains``). ``terms`` are the lower-cased words of the query.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import reduce
from operator import and_, or_
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.html import strip_tags

from scrutiny.core.access import Level, role_for, visible

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
    panel_id: int | None = None  # for the panel filter


@dataclass(frozen=True)
class IndexEntry:
    """What the index holds of one record: matched on title and body, ordered by date."""

    object_id: int
    title: str
    body: str = ""
    on_date: date | None = None
    panel_id: int | None = None


@dataclass(frozen=True)
class Hit:
    """A record on the page shown, with what the reader may see of it."""

    object_id: int
    readable: bool  # the content may be shown (else: title and category only)
    published: bool  # False only ever for officers (and editors): flagged on the page


@dataclass(frozen=True)
class IndexedKind:
    """A kind of record in the site's full-text index.

    ``queryset`` gives every record (select_related for ``entry`` and ``results``);
    ``entry(record)`` its index entry; ``follows`` maps another model to the records of this
    kind a save of it changes (``{Report: lambda report: [report.document_id]}``);
    ``readable(user)`` and ``listable(user)`` the querysets of records whose content the user
    may read and that the user may list by title (None: every record; ``listable`` None: no
    record beyond the readable ones); ``result(record, hit, terms)`` its row on the page shown.
    """

    kind: str
    queryset: Callable[[], QuerySet]
    entry: Callable[[Any], IndexEntry]
    result: Callable[[Any, Hit, Sequence[str]], Result]
    readable: Callable[[Any], QuerySet | None]
    listable: Callable[[Any], QuerySet | None] = lambda user: None
    follows: dict[Any, Callable[[Any], Iterable[int]]] = field(default_factory=dict)

    @property
    def model(self) -> Any:
        return self.queryset().model


def restricted(
    queryset: Callable[[], QuerySet],
) -> tuple[Callable[[Any], QuerySet | None], Callable[[Any], QuerySet | None]]:
    """``readable`` and ``listable`` for a model with access lookups (``core.access``)."""

    def readable(user: Any) -> QuerySet | None:
        narrowed = visible(user, queryset(), Level.CONTENT)
        return None if role_for(user).sees_everything else narrowed

    def listable(user: Any) -> QuerySet | None:
        if role_for(user).sees_everything:
            return None
        return visible(user, queryset(), Level.LISTING)

    return readable, listable


def match_all(terms: Sequence[str], fields: Sequence[str]) -> Q:
    """Every term appears in at least one of the fields (the small registries' matching)."""
    if not terms or not fields:
        return Q(pk__in=[])
    return reduce(
        and_,
        (reduce(or_, (Q(**{f"{field}__icontains": term}) for field in fields)) for term in terms),
    )


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
