"""The engine's results kept per store version, by as-at date.

A family's rows for one as-at date depend on that date's windows only, never on the other
dates computed with it (``families.windows``), so results can be kept date by date: the
monthly report asks for the last 13 month ends, and when a month passes only the new one
is computed. The key is the store's data version (``store.data_version``, renewed by
every write through the store) with its row counts, the LA, whether teams are wanted and
the codes; a store without a version (records written by hand, as in the definition
tests) is never cached.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import date
from typing import Any

import pyarrow as pa

from scrutiny.casedata.store import Store, data_version

# Enough for the report's code sets for a few LAs; each entry holds one store version's rows.
MAX_ENTRIES = 32

CacheKey = tuple[Any, ...]

_results: OrderedDict[CacheKey, dict[date, pa.Table]] = OrderedDict()
_lock = threading.Lock()


def results_key(store: Store, la: str | None, teams: bool, codes: set[str]) -> CacheKey | None:
    version = data_version(store.con)
    if version is None:
        return None
    counts = tuple(sorted(store.counts().items()))
    return (version, counts, la, teams, frozenset(codes))


def cached_results(key: CacheKey | None) -> dict[date, pa.Table]:
    """Rows (la, code, team, num, den) by as-at date already computed under key."""
    if key is None:
        return {}
    with _lock:
        found = _results.get(key)
        if found is None:
            return {}
        _results.move_to_end(key)
        return dict(found)


def remember_results(key: CacheKey | None, by_date: dict[date, pa.Table]) -> None:
    if key is None or not by_date:
        return
    with _lock:
        _results.setdefault(key, {}).update(by_date)
        _results.move_to_end(key)
        while len(_results) > MAX_ENTRIES:
            _results.popitem(last=False)


def clear_results() -> None:
    """Forget every cached result (benchmarks time cold computations with it)."""
    with _lock:
        _results.clear()
