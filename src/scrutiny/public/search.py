"""Site search: the full-text index and the small registries, as one ordered list.

The kinds in the index (``scrutiny.core.registry.search_index``) are matched, narrowed to what
the visitor may see, counted, ordered and cut to the page in SQL
(``scrutiny.core.search_index``); the small registries (``search_providers``: panels, people,
meetings) are asked directly. Both are merged in the one order (every word in the title first,
then newest first) and only the records of the page shown are read back with snippets.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from scrutiny.core import registry
from scrutiny.core.search import Result
from scrutiny.core.search_index import Filters, IndexSearch, Key

MAX_TERMS = 8
MIN_TERM_LENGTH = 2
MAX_QUERY_LENGTH = 200


def parse_terms(query: str) -> list[str]:
    """The distinct words of a query, lower-cased; very short words are ignored."""
    words = re.findall(r"[\w'’\-./]+", query[:MAX_QUERY_LENGTH].lower())
    terms: list[str] = []
    for word in words:
        word = word.strip("'’-./")
        if len(word) >= MIN_TERM_LENGTH and word not in terms:
            terms.append(word)
    return terms[:MAX_TERMS]


def providers() -> list[tuple[str, Any]]:
    """(app, search function) for every registered provider, in dependency order."""
    return registry.search_providers.items()


def _order(title_match: bool, when: date | None) -> tuple[bool, int]:
    return (not title_match, -when.toordinal() if when else 1)


class SearchResults(Sequence[Result]):
    """Every result for a query, counted at once and read a page at a time (a Paginator's list)."""

    def __init__(self, user: Any, query: str, filters: Filters | None = None) -> None:
        self.terms = parse_terms(query)
        self.filters = filters or Filters()
        self.direct: list[Result] = []
        self.indexed: IndexSearch | None = None
        if not self.terms:
            return
        for _app, function in providers():
            self.direct.extend(r for r in function(user, self.terms) if self.filters.admits(r))
        self.direct.sort(key=lambda r: (*_order(r.title_match, r.when), r.title))
        self.indexed = IndexSearch(user, self.terms, self.filters)

    def count(self) -> int:  # type: ignore[override]
        return len(self.direct) + (self.indexed.count() if self.indexed else 0)

    def __len__(self) -> int:
        return self.count()

    def _slice(self, start: int, stop: int) -> list[Result]:
        if self.indexed is None or stop <= start:
            return []
        keyed: list[tuple[tuple[bool, int], Key | Result]] = [
            (_order(key.title_match, key.on_date), key) for key in self.indexed.keys(stop)
        ]
        direct = [(_order(r.title_match, r.when), r) for r in self.direct[:stop]]
        merged = [item for _order_key, item in heapq.merge(keyed, direct, key=lambda p: p[0])]
        page = merged[start:stop]
        found = self.indexed.results([item for item in page if isinstance(item, Key)])
        return [
            found[(item.kind, item.object_id)] if isinstance(item, Key) else item
            for item in page
            if not isinstance(item, Key) or (item.kind, item.object_id) in found
        ]

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            start, stop, _step = index.indices(self.count())
            return self._slice(start, stop)
        return self._slice(index, index + 1)[0]

    def __iter__(self) -> Iterator[Result]:
        return iter(self._slice(0, self.count()))


def site_search(user: Any, query: str, filters: Filters | None = None) -> SearchResults:
    """Results from the index and every provider: title matches first, then newest first."""
    return SearchResults(user, query, filters)


def highlight(text: str, terms: Sequence[str]) -> SafeString:
    """The text escaped, with the search terms marked."""
    if not text or not terms:
        return escape(text)
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.I)
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(escape(text[last : match.start()]))
        out.append(format_html("<mark>{}</mark>", match.group(0)))
        last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every part is escaped above
