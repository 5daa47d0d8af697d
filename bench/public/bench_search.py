"""Server time for site search and the panel feeds, at demo size and with many more papers.

Run: .venv/bin/python bench/public/bench_search.py [--runs 20] [--extra 2000]

Fresh SQLite database in a temporary data directory; loads the demo, times in-process requests
(Django test client: URL resolving, queries, rendering; no network) as an anonymous visitor and
as a panel member, then adds ``--extra`` published documents (a quarter of them exempt) with a
paragraph of body text each and times again. Baseline in the same run: the home page.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import tempfile
import time


def timed(fn, runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--extra", type=int, default=2000)
    args = parser.parse_args()

    os.environ.setdefault("SCRUTINY_DATA_DIR", tempfile.mkdtemp(prefix="search-bench-"))
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "scrutiny.settings"
    import django

    django.setup()
    from io import StringIO

    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from scrutiny.committees.models import Meeting
    from scrutiny.core.models import ExemptCategory
    from scrutiny.documents.models import Document

    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=StringIO())
    public = Client(HTTP_HOST="localhost")
    member = Client(HTTP_HOST="localhost")
    member.force_login(User.objects.get(username="barnes-andrews"))
    urls = {
        "home (baseline)": "/",
        "search 'outcomes'": "/search/?q=outcomes",
        "search 'children social care'": "/search/?q=children+social+care",
        "calendar .ics": "/panels/children-and-families/meetings.ics",
        "papers .atom": "/panels/children-and-families/papers.atom",
    }
    for url in urls.values():
        assert public.get(url).status_code == 200

    def measure(label: str) -> dict[str, list[float]]:
        with CaptureQueriesContext(connection) as captured:
            response = public.get(urls["search 'outcomes'"])
        found = re.search(r"(\d+) results? for", response.content.decode()).group(1)
        print(
            f"{label}: {Document.objects.count()} documents; search 'outcomes' "
            f"{found} results, "
            f"{len(captured)} queries"
        )
        results = {
            f"{name} ({label})": timed(lambda u=u: public.get(u), args.runs)
            for name, u in urls.items()
        }
        results[f"search 'outcomes' as member ({label})"] = timed(
            lambda: member.get(urls["search 'outcomes'"]), args.runs
        )
        return results

    results = measure("demo")
    meetings = list(Meeting.objects.filter(agenda_published_at__isnull=False))
    category = ExemptCategory.objects.get(code="7a")
    now = timezone.now()
    Document.objects.bulk_create(
        Document(
            meeting=meetings[n % len(meetings)],
            title=f"Outcomes paper {n}",
            body_html="<p>"
            + "Children's social care outcomes and the context of the service. " * 8
            + "</p>",
            is_exempt=n % 4 == 0,
            exempt_category=category if n % 4 == 0 else None,
            published_at=now,
        )
        for n in range(args.extra)
    )
    results.update(measure(f"+{args.extra} documents"))

    baseline = statistics.median(results["home (baseline) (demo)"])
    print(f"\n{'request':58} {'median ms':>10} {'x home':>8}   (runs={args.runs}, {sys.platform})")
    for name, samples in results.items():
        median = statistics.median(samples)
        print(f"{name:58} {median:10.1f} {median / baseline:8.1f}")


if __name__ == "__main__":
    main()
