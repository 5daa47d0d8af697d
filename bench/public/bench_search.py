"""Site search at 20,000 documents: the full-text index against the old icontains path.

Run: .venv/bin/python bench/public/bench_search.py [--runs 40] [--documents 20000]
     DATABASE_URL=postgres://postgres@127.0.0.1:5432/scrutiny_bench ... (a scratch database:
     it is migrated, loaded with the demo and filled)

Fresh data directory (SQLite unless DATABASE_URL is set); loads the demo, adds published
documents up to ``--documents`` (a quarter exempt, a paragraph of body text each, spread over
the demo's published meetings) and rebuilds the index. Times in-process (no network):

* the baseline, in the same run: the old path of the documents provider, two ``icontains``
  queries cut to 200 rows in the model's default order, then sorted in Python;
* the index: the count and the first page in SQL, snippets for that page only;
* the whole search page (Django test client: resolving, queries, rendering), as an anonymous
  visitor and as a panel member.

Prints medians and p95 in milliseconds and the load average before and after.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time


def timed(fn, runs: int) -> list[float]:
    fn()  # warm
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def old_documents_search(user, terms):
    """The documents provider before the index (as in git history), for the baseline."""
    from scrutiny.core.access import Level, visible
    from scrutiny.core.search import contains_all, match_all, snippet
    from scrutiny.documents.models import Document

    queryset = Document.objects.select_related(
        "meeting__panel", "exempt_category", "agenda_item__exempt_category", "report"
    )
    content = ["body_html", "report__subject", "report__brief_summary", "report__detail"]
    readable = visible(user, queryset, Level.CONTENT)
    full = list(readable.filter(match_all(terms, ["title", *content])).distinct()[:200])
    listed = list(
        visible(user, queryset, Level.LISTING)
        .filter(match_all(terms, ["title"]))
        .exclude(pk__in=readable.values("pk"))
        .distinct()[:200]
    )
    rows = [(d, contains_all(d.title, terms), snippet([d.body_html], terms)) for d in full] + [
        (d, contains_all(d.title, terms), "") for d in listed
    ]
    rows.sort(key=lambda r: (not r[1], -r[0].meeting.date.toordinal(), r[0].title))
    return rows[:20], len(rows)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--documents", type=int, default=20000)
    args = parser.parse_args()

    os.environ.setdefault("SCRUTINY_DATA_DIR", tempfile.mkdtemp(prefix="search-bench-"))
    os.environ.setdefault("SCRUTINY_LOCAL", "on")
    os.environ.setdefault("SCRUTINY_STATIC_MANIFEST", "off")
    os.environ["DJANGO_SETTINGS_MODULE"] = "scrutiny.settings"
    import django

    django.setup()
    from io import StringIO

    from django.contrib.auth.models import AnonymousUser, User
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from scrutiny.committees.models import Meeting
    from scrutiny.core.models import ExemptCategory
    from scrutiny.core.search_index import index_rebuild
    from scrutiny.documents.models import Document
    from scrutiny.public.search import site_search

    load_before = os.getloadavg()
    call_command("migrate", verbosity=0)
    if not Meeting.objects.exists():
        call_command("load_demo", stdout=StringIO())
    meetings = list(Meeting.objects.filter(agenda_published_at__isnull=False).order_by("date"))
    category = ExemptCategory.objects.get(code="7a")
    now = timezone.now()
    extra = max(0, args.documents - Document.objects.count())
    Document.objects.bulk_create(
        (
            Document(
                meeting=meetings[n % len(meetings)],
                title=f"Outcomes paper {n}" if n % 2 else f"Quarterly report {n}",
                body_html="<p>"
                + "Children's social care outcomes and the context of the service. " * 8
                + "</p>",
                is_exempt=n % 4 == 0,
                exempt_category=category if n % 4 == 0 else None,
                published_at=now,
            )
            for n in range(extra)
        ),
        batch_size=1000,
    )
    start = time.perf_counter()
    entries = index_rebuild()
    rebuild_s = time.perf_counter() - start
    documents = Document.objects.count()

    public, member = Client(HTTP_HOST="localhost"), Client(HTTP_HOST="localhost")
    member.force_login(User.objects.get(username="barnes-andrews"))
    anonymous = AnonymousUser()

    def new_search(query):
        results = site_search(anonymous, query)
        return results[0:20], results.count()

    _rows, old_total = old_documents_search(anonymous, ["outcomes"])
    page, new_total = new_search("outcomes")
    newest = max(m.date for m in meetings)
    print(
        f"{connection.vendor}: {documents} documents, {entries} index entries "
        f"(rebuilt in {rebuild_s:.1f} s)\n"
        f"'outcomes' for the public: old path {old_total} results (cut at 200 per query), "
        f"index {new_total}; first result dated {page[0].when} (newest meeting {newest})"
    )
    cases = {
        "old: documents icontains, limit 200 (baseline)": lambda: old_documents_search(
            anonymous, ["outcomes"]
        ),
        "old: 'children social care'": lambda: old_documents_search(
            anonymous, ["children", "social", "care"]
        ),
        "index: count + page 1 'outcomes'": lambda: new_search("outcomes"),
        "index: count + page 1 'children social care'": lambda: new_search("children social care"),
        "GET /search/?q=outcomes (anonymous)": lambda: public.get("/search/?q=outcomes"),
        "GET /search/?q=outcomes&page=50 (anonymous)": lambda: public.get(
            "/search/?q=outcomes&page=50"
        ),
        "GET /search/?q=outcomes (panel member)": lambda: member.get("/search/?q=outcomes"),
        "GET /search/?q=children+social+care (anonymous)": lambda: public.get(
            "/search/?q=children+social+care"
        ),
    }
    results = {name: timed(fn, args.runs) for name, fn in cases.items()}
    baseline = statistics.median(results["old: documents icontains, limit 200 (baseline)"])
    print(f"\n{'case':52} {'median ms':>10} {'p95 ms':>8} {'x old':>7}   (runs={args.runs})")
    for name, samples in results.items():
        median = statistics.median(samples)
        print(f"{name:52} {median:10.1f} {p95(samples):8.1f} {median / baseline:7.2f}")
    load_after = os.getloadavg()
    print(f"\nload average before {load_before[0]:.2f}, after {load_after[0]:.2f} (2 cores shared)")


if __name__ == "__main__":
    main()
