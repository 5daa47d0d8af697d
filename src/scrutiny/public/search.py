"""Site search: every registered search provider asked with the words of a query.

Providers and their results follow the contract in ``scrutiny.core.search``; apps register
them in ``scrutiny.core.registry.search_providers``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from scrutiny.core import registry
from scrutiny.core.search import Result

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


def site_search(user: Any, query: str) -> list[Result]:
    """Results from every provider: title matches first, then newest first."""
    terms = parse_terms(query)
    if not terms:
        return []
    results: list[Result] = []
    for _app, function in providers():
        results.extend(function(user, terms))
    return sorted(
        results,
        key=lambda r: (not r.title_match, -(r.when.toordinal() if r.when else 0), r.title),
    )


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
