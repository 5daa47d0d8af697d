"""The site's full-text index: matching, access, ordering and the page, all in SQL.

Each :class:`scrutiny.core.search.IndexedKind` keeps its records' entries in
``core.SearchEntry``. PostgreSQL matches on a weighted ``tsvector`` (title A over body B,
English stemming, GIN index) and ranks with ``ts_rank``; SQLite on an FTS5 table (Porter
stemming) ranked with ``bm25`` weighted the same way. Every word of the query must match, as
a prefix of a word of the record.

Who may see what is decided in the same statement: for each kind, the entry's record must
be in the kind's ``readable`` queryset, or in its ``listable`` one with every word in the
title (withheld records match by title only, ADR 500). Those querysets come from
``core.access``, so the rule is written once. The order is: every word in the title first,
then newest first, then rank; the total is a ``COUNT`` of the same conditions; the records of
the page shown alone are read back and given snippets.

The index follows the records' saves: a ``post_save`` or ``post_delete`` of a kind's model,
or of a model it ``follows``, refreshes the entries concerned in the same transaction (and
``core.versioning.claim_version`` does the same for its conditional updates).
``index_rebuild`` (``scrutiny search_index --rebuild``) rebuilds everything, as after a bulk
load; a database migrated with records but no entries is rebuilt once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import reduce
from operator import or_
from typing import Any

from django.db import connection
from django.db.models import BooleanField, Expression, Q
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils import timezone

from scrutiny.core import registry
from scrutiny.core.access import role_for
from scrutiny.core.models import SearchEntry
from scrutiny.core.search import Hit, IndexedKind, Result

MAX_BODY = 100_000  # characters of body indexed per record (PostgreSQL caps a tsvector at 1 MB)
FTS_TABLE = "core_searchentry_fts"
TITLE_WEIGHT, BODY_WEIGHT = 10.0, 1.0


@dataclass(frozen=True)
class Filters:
    panel_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    kinds: frozenset[str] | None = None  # None: every kind

    def admits_kind(self, kind: str) -> bool:
        return self.kinds is None or kind in self.kinds

    def admits(self, result: Result) -> bool:
        """The same filters for a result that does not come from the index."""
        if not self.admits_kind(result.kind):
            return False
        if self.panel_id is not None and result.panel_id != self.panel_id:
            return False
        if self.date_from is None and self.date_to is None:
            return True
        if result.when is None:
            return False
        return (self.date_from is None or result.when >= self.date_from) and (
            self.date_to is None or result.when <= self.date_to
        )

    def q(self) -> Q:
        q = Q()
        if self.panel_id is not None:
            q &= Q(panel_key=self.panel_id)
        if self.date_from is not None:
            q &= Q(on_date__gte=self.date_from)
        if self.date_to is not None:
            q &= Q(on_date__lte=self.date_to)
        return q


@dataclass(frozen=True)
class Key:
    """A matching record's place in the order, before it is read back."""

    kind: str
    object_id: int
    title_match: bool
    on_date: date | None


def kinds() -> list[IndexedKind]:
    return registry.search_index.entries()


def tokens(terms: Sequence[str]) -> list[str]:
    """The words of the terms as the index splits them (letters and digits only)."""
    words: list[str] = []
    for word in re.findall(r"[^\W_]+", " ".join(terms).lower()):
        if word not in words:
            words.append(word)
    long_words = [word for word in words if len(word) > 1]
    return long_words or words


def _match_text(words: Sequence[str], vendor: str, *, title_only: bool) -> str:
    if vendor == "postgresql":
        return " & ".join(f"{word}:*{'A' if title_only else ''}" for word in words)
    every = " AND ".join(f'"{word}"*' for word in words)
    return f"title : ({every})" if title_only else every


class TextMatch(Expression):
    """Every word in the entry (title and body, or the title alone)."""

    conditional = True
    output_field = BooleanField()

    def __init__(self, words: Sequence[str], *, title_only: bool = False) -> None:
        super().__init__(output_field=BooleanField())
        self.words, self.title_only = list(words), title_only

    def as_sql(self, compiler: Any, connection: Any) -> Any:
        table = compiler.quote_name_unless_alias(compiler.query.base_table)
        text = _match_text(self.words, connection.vendor, title_only=self.title_only)
        if connection.vendor == "postgresql":
            return f"{table}.search_vector @@ to_tsquery('english', %s)", [text]
        return (
            # Constant names and the ORM's own SQL; every value is a parameter.
            f'{table}."id" IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)',  # noqa: S608
            [text],
        )


def _visibility(user: Any, words: Sequence[str], chosen: list[IndexedKind]) -> Q | None:
    """Entries the user may find: readable records on any word, listable ones by title."""
    parts = []
    for kind in chosen:
        readable = kind.readable(user)
        if readable is None:
            parts.append(Q(kind=kind.kind))
            continue
        part = Q(kind=kind.kind, object_id__in=readable.values("pk"))
        listable = kind.listable(user)
        if listable is not None:
            part |= Q(kind=kind.kind, object_id__in=listable.values("pk")) & Q(
                TextMatch(words, title_only=True)
            )
        parts.append(part)
    return reduce(or_, parts) if parts else None


class IndexSearch:
    """The index's answer to one query for one user: a count, then the keys of a page."""

    def __init__(self, user: Any, terms: Sequence[str], filters: Filters) -> None:
        self.user, self.terms, self.filters = user, list(terms), filters
        self.words = tokens(terms)
        self.kinds = [kind for kind in kinds() if filters.admits_kind(kind.kind)]
        visibility = _visibility(user, self.words, self.kinds) if self.words else None
        self.allowed: Q | None = None if visibility is None else (visibility & filters.q())
        self._count: int | None = None

    def _queryset(self) -> Any:
        assert self.allowed is not None
        return SearchEntry.objects.filter(Q(TextMatch(self.words)) & self.allowed)

    def count(self) -> int:
        if self._count is None:
            self._count = 0 if self.allowed is None else self._queryset().count()
        return self._count

    def keys(self, limit: int) -> list[Key]:
        """The first ``limit`` matches in the page order."""
        if self.allowed is None or limit <= 0:
            return []
        vendor = connection.vendor
        title_text = _match_text(self.words, vendor, title_only=True)
        full_text = _match_text(self.words, vendor, title_only=False)
        if vendor == "postgresql":
            where, params = _where_sql(self._queryset())
            sql = (
                # Constant names and the ORM's compiled WHERE; every value is a parameter.
                "SELECT kind, object_id,"  # noqa: S608
                " search_vector @@ to_tsquery('english', %s) AS title_match,"
                " on_date, ts_rank(search_vector, to_tsquery('english', %s)) AS rank"
                f" FROM core_searchentry WHERE {where}"
                " ORDER BY title_match DESC, on_date DESC NULLS LAST, rank DESC, id DESC LIMIT %s"
            )
            params = [title_text, full_text, *params, limit]
        else:
            where, params = _where_sql(SearchEntry.objects.filter(self.allowed))
            sql = (
                "SELECT kind, object_id, core_searchentry.id IN"  # noqa: S608
                f" (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s) AS title_match,"
                f" on_date, bm25({FTS_TABLE}, {TITLE_WEIGHT}, {BODY_WEIGHT}) AS rank"
                f" FROM {FTS_TABLE} JOIN core_searchentry"
                f" ON core_searchentry.id = {FTS_TABLE}.rowid"
                f" WHERE {FTS_TABLE} MATCH %s AND {where}"
                " ORDER BY title_match DESC, on_date DESC NULLS LAST, rank ASC,"
                " core_searchentry.id DESC LIMIT %s"
            )
            params = [title_text, full_text, *params, limit]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        return [
            Key(kind, object_id, bool(title), _as_date(on))
            for kind, object_id, title, on, _ in rows
        ]

    def results(self, keys: Sequence[Key]) -> dict[tuple[str, int], Result]:
        """The records of the page shown, read back with what the user may see of each."""
        by_kind: dict[str, list[int]] = {}
        for key in keys:
            by_kind.setdefault(key.kind, []).append(key.object_id)
        found: dict[tuple[str, int], Result] = {}
        for kind in self.kinds:
            ids = by_kind.get(kind.kind)
            if not ids:
                continue
            records = kind.queryset().in_bulk(ids)
            hits = _hits(self.user, kind, list(records))
            for pk, record in records.items():
                found[(kind.kind, pk)] = kind.result(record, hits[pk], self.terms)
        return found


def _as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _where_sql(queryset: Any) -> tuple[str, list[Any]]:
    query = queryset.query
    compiler = query.get_compiler(using=queryset.db)
    sql, params = compiler.compile(query.where)
    return sql, list(params)


def _hits(user: Any, kind: IndexedKind, ids: list[int]) -> dict[int, Hit]:
    readable_qs = kind.readable(user)
    if readable_qs is None:
        readable = set(ids)
    else:
        readable = set(readable_qs.filter(pk__in=ids).values_list("pk", flat=True))
    published = set(ids)
    lookups_of = getattr(kind.model, "access_lookups", None)
    if role_for(user).sees_everything and lookups_of is not None:
        # filter(), not exclude(): a model that is always published declares an empty Q().
        lookups = lookups_of(timezone.localdate())
        published = set(
            kind.queryset().filter(lookups.published, pk__in=ids).values_list("pk", flat=True)
        )
    return {pk: Hit(pk, pk in readable, pk in published) for pk in ids}


# Keeping the index -----------------------------------------------------------------------


def _values(entry: Any) -> dict[str, Any]:
    return {
        "title": entry.title,
        "body": entry.body[:MAX_BODY],
        "on_date": entry.on_date,
        "panel_key": entry.panel_id,
    }


def index_refresh(kind: IndexedKind, ids: Iterable[int]) -> None:
    """Bring the entries of these records of one kind up to date (deleted ones removed)."""
    ids = {pk for pk in ids if pk is not None}
    if not ids:
        return
    entries = {
        entry.object_id: entry for entry in map(kind.entry, kind.queryset().filter(pk__in=ids))
    }
    gone = ids - entries.keys()
    if gone:
        SearchEntry.objects.filter(kind=kind.kind, object_id__in=gone).delete()
    rows = SearchEntry.objects.filter(kind=kind.kind, object_id__in=entries.keys())
    existing = {row.object_id: row for row in rows}
    new = []
    for object_id, entry in entries.items():
        values = _values(entry)
        row = existing.get(object_id)
        if row is None:
            new.append(SearchEntry(kind=kind.kind, object_id=object_id, **values))
        elif any(getattr(row, name) != value for name, value in values.items()):
            SearchEntry.objects.filter(pk=row.pk).update(**values)
    SearchEntry.objects.bulk_create(new)


def index_rebuild(batch: int = 500) -> int:
    """Every kind's entries built afresh; returns how many."""
    total = 0
    for kind in kinds():
        SearchEntry.objects.filter(kind=kind.kind).delete()
        rows: list[SearchEntry] = []
        for record in kind.queryset().order_by("pk").iterator(chunk_size=batch):
            entry = kind.entry(record)
            rows.append(SearchEntry(kind=kind.kind, object_id=entry.object_id, **_values(entry)))
            if len(rows) >= batch:
                total += len(SearchEntry.objects.bulk_create(rows))
                rows = []
        total += len(SearchEntry.objects.bulk_create(rows))
    return total


_followers_cache: tuple[int, dict[Any, list[tuple[IndexedKind, Any]]]] = (-1, {})


def _followers(model: Any) -> list[tuple[IndexedKind, Any]]:
    global _followers_cache
    current = kinds()
    size, table = _followers_cache
    if size != len(current):
        table = {}
        for kind in current:
            table.setdefault(kind.model, []).append((kind, lambda record: [record.pk]))
            for followed, ids in kind.follows.items():
                table.setdefault(followed, []).append((kind, ids))
        _followers_cache = (len(current), table)
    return table.get(model, [])


def record_changed(record: Any) -> None:
    """Refresh whatever entries this record's change touches."""
    for kind, ids in _followers(type(record)):
        index_refresh(kind, ids(record))


def _on_change(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if not raw:  # fixtures (restores) rebuild the index afterwards
        record_changed(instance)


def _rebuild_if_missing(sender: Any, using: str = "default", **kwargs: Any) -> None:
    if SearchEntry.objects.using(using).exists():
        return
    if any(kind.queryset().using(using).exists() for kind in kinds()):
        index_rebuild()


def connect(core_app: Any) -> None:
    """Follow every save and delete; rebuild after migrating a database with no entries."""
    post_save.connect(_on_change, dispatch_uid="scrutiny.search_index.save")
    post_delete.connect(_on_change, dispatch_uid="scrutiny.search_index.delete")
    post_migrate.connect(
        _rebuild_if_missing, sender=core_app, dispatch_uid="scrutiny.search_index.migrate"
    )
