"""Server time for the monitoring report, tracker and minutes pages, at demo size and larger.

Run: .venv/bin/python bench/recommendations/bench_monitoring.py [--runs 20] [--extra 500]

Fresh SQLite database in a temporary data directory; loads the demo, times in-process
requests (Django test client: URL resolving, queries, template rendering; no network), then
adds ``--extra`` recommendations (each with a history of three status changes and an action
entry) and times the report again. Baseline in the same run: the sign-in page.
"""

from __future__ import annotations

import argparse
import os
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
    parser.add_argument("--pdf-runs", type=int, default=3)
    parser.add_argument("--extra", type=int, default=500)
    args = parser.parse_args()

    os.environ.setdefault("SCRUTINY_DATA_DIR", tempfile.mkdtemp(prefix="monitoring-bench-"))
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "scrutiny.settings"
    import django

    django.setup()
    from datetime import date
    from io import StringIO

    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from scrutiny.committees.models import Meeting
    from scrutiny.recommendations import services
    from scrutiny.recommendations.models import Recommendation

    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=StringIO())
    client = Client(HTTP_HOST="localhost")
    report = "/recommendations/panel/children-and-families/monitoring/2024-11-28/"
    tracker = "/recommendations/panel/children-and-families/"
    minutes = f"/minutes/meeting/{Meeting.objects.get(date=date(2020, 1, 23)).pk}/"
    for url in (report, tracker, minutes, "/accounts/login/"):
        assert client.get(url).status_code == 200

    def measure(label: str) -> dict[str, list[float]]:
        with CaptureQueriesContext(connection) as captured:
            client.get(report)
        print(
            f"{label}: {Recommendation.objects.count()} recommendations, report {len(captured)} queries"
        )
        return {
            f"monitoring report ({label})": timed(lambda: client.get(report), args.runs),
            f"tracker ({label})": timed(lambda: client.get(tracker), args.runs),
        }

    results = measure("demo")
    results["minutes 23 Jan 2020 page"] = timed(lambda: client.get(minutes), args.runs)
    results["minutes 23 Jan 2020 PDF"] = timed(lambda: client.get(minutes + "pdf/"), args.pdf_runs)
    results["monitoring report PDF (demo)"] = timed(
        lambda: client.get(report + "pdf/"), args.pdf_runs
    )

    meeting = Meeting.objects.get(date=date(2024, 9, 26))
    for n in range(args.extra):
        rec = services.recommendation_create(
            actor="bench",
            meeting=meeting,
            title=f"Bench item {n // 5}",
            action_proposed="That X.",
            addressee_kind="service",
            addressee="Children's Social Care",
        )
        services.recommendation_transition(
            actor="bench", recommendation=rec, to="in_progress", on=date(2024, 10, 1)
        )
        services.recommendation_log_action(
            actor="bench", recommendation=rec, text="Under way.", on=date(2024, 10, 2)
        )
    results.update(measure(f"+{args.extra}"))
    results["baseline: sign-in page"] = timed(lambda: client.get("/accounts/login/"), args.runs)

    baseline = statistics.median(results["baseline: sign-in page"])
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, SQLite")
    print(f"{'measure':40} {'runs':>5} {'median ms':>10} {'min ms':>8} {'x baseline':>10}")
    for name, samples in results.items():
        median = statistics.median(samples)
        print(
            f"{name:40} {len(samples):5d} {median:10.1f} {min(samples):8.1f} {median / baseline:10.1f}"
        )


if __name__ == "__main__":
    main()
