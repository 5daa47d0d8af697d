"""Server time to render the performance dashboard with the demo data.

Run: .venv/bin/python bench/performance/bench_dashboard.py [--runs 30] [--pdf-runs 3]

Uses a fresh SQLite database in a temporary data directory, loads the demo, warms up once,
then times in-process requests (Django test client: URL resolving, queries, template
rendering; no network). Baseline in the same run: the sign-in page, a small page that goes
through the same middleware and base template.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import statistics
import sys
import tempfile
import time


def timed(fn, runs: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds per call (CPU time is less disturbed by other load)."""
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--pdf-runs", type=int, default=3)
    args = parser.parse_args()

    os.environ.setdefault("SCRUTINY_DATA_DIR", tempfile.mkdtemp(prefix="perf-bench-"))
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "scrutiny.settings"
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from pypdf import PdfReader

    from scrutiny.committees.models import Person
    from scrutiny.performance import demo, queries
    from scrutiny.performance.models import Benchmark, Indicator, MonthlyValue

    call_command("migrate", verbosity=0)
    demo.load()
    user = get_user_model().objects.create_user("bench-member")
    Person.objects.create(kind="councillor", name="Bench", slug="bench", user=user)

    public, member = Client(HTTP_HOST="localhost"), Client(HTTP_HOST="localhost")
    member.force_login(user)
    url = "/performance/?month=2024-10"
    for client in (public, member):
        assert client.get(url).status_code == 200
    assert public.get("/accounts/login/").status_code == 200

    executed = []

    def count(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        page = public.get(url).content
    size = len(page)
    # The trend charts one click away (a page per section), where this version has them.
    trend_links = sorted(set(re.findall(rb'href="(/performance/trends/[^"]+)"', page)))
    trend_sizes = [
        len(public.get(link.decode().replace("&amp;", "&")).content) for link in trend_links
    ]
    month = queries.latest_month()
    from scrutiny.performance import pdf

    report = queries.build_report(month, exact=False)
    html = pdf.report_html(report)
    pages = len(PdfReader(io.BytesIO(pdf.report_pdf(report))).pages)
    load_before = os.getloadavg()
    results = {
        "dashboard, public": timed(lambda: public.get(url), args.runs),
        "dashboard, member": timed(lambda: member.get(url), args.runs),
        "build_report only (queries + charts)": timed(
            lambda: queries.build_report(month, exact=False), args.runs
        ),
        "baseline: sign-in page": timed(lambda: public.get("/accounts/login/"), args.runs),
        # The PDF as the worker prints it (the view serves a prepared file).
        "PDF, public (WeasyPrint)": timed(lambda: pdf.report_pdf(report), args.pdf_runs),
    }
    baseline = statistics.median(results["baseline: sign-in page"][0])
    print(
        f"Data: {Indicator.objects.count()} indicators, {MonthlyValue.objects.count()} monthly"
        f" values, {Benchmark.objects.count()} benchmarks; dashboard HTML {size / 1024:.0f}"
        f" KiB ({page.count(b'<svg')} inline SVG charts), {len(executed)} queries; trend pages:"
        f" {len(trend_sizes)}, largest {max(trend_sizes, default=0) / 1024:.0f} KiB, together"
        f" {sum(trend_sizes) / 1024:.0f} KiB; PDF {pages} pages from {len(html) / 1024:.0f} KiB"
        f" of HTML with {html.count('<svg')} charts, {html.count('<circle')} circles,"
        f" {html.count('<text')} texts"
    )
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, SQLite")
    print(f"load average before: {load_before}, after: {os.getloadavg()}")
    print(
        f"{'measure':40} {'runs':>5} {'median ms':>10} {'min ms':>8} {'CPU ms':>8}"
        f" {'x baseline':>10}"
    )
    for name, (wall, cpu) in results.items():
        median = statistics.median(wall)
        print(
            f"{name:40} {len(wall):5d} {median:10.1f} {min(wall):8.1f}"
            f" {statistics.median(cpu):8.1f} {median / baseline:10.1f}"
        )


if __name__ == "__main__":
    main()
