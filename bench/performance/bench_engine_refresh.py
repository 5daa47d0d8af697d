"""Time the demo's engine refresh: one engine call per month end (before) against one call
for the whole series (now), in the same run, on the demo's synthetic authority.

    .venv/bin/python bench/performance/bench_engine_refresh.py --runs 5

Both ways compute the same codes (the demo's engine section) for the 13 month ends October
2023 to October 2024; the script checks that they give the same values.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import time
from datetime import date
from importlib import resources

from scrutiny.casedata.engine import compute_indicator_series, compute_indicators
from scrutiny.casedata.generator import generate_la
from scrutiny.casedata.store import open_store

# The demo authority (scrutiny.casedata.demo, which needs Django to import).
DEMO_LA, DEMO_CHILDREN, DEMO_SEED = "852", 21000, 2024


def month_ends() -> list[date]:
    import calendar

    out = []
    for m in range(13):
        year, month = 2023 + (9 + m) // 12, (9 + m) % 12 + 1
        out.append(date(year, month, calendar.monthrange(year, month)[1]))
    return out


def engine_codes() -> list[str]:
    text = (resources.files("scrutiny.performance") / "demo" / "engine_indicators.csv").read_text()
    return sorted({r["engine_code"] for r in csv.DictReader(text.splitlines()) if r["engine_code"]})


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    store = open_store(":memory:")
    started = time.perf_counter()
    rows = generate_la(store.con, la=DEMO_LA, children=DEMO_CHILDREN, seed=DEMO_SEED)
    generated = time.perf_counter() - started
    codes, ends = engine_codes(), month_ends()
    per_month, series = [], []
    for _ in range(args.runs):
        t = time.perf_counter()
        before = {m: compute_indicators(m, codes, store=store) for m in ends}
        per_month.append(time.perf_counter() - t)
        t = time.perf_counter()
        now = compute_indicator_series(ends, codes, store=store)
        series.append(time.perf_counter() - t)
        for m in ends:
            assert [(r.code, r.value) for r in before[m]] == [(r.code, r.value) for r in now[m]]
    a, b = statistics.median(per_month), statistics.median(series)
    print(f"records {sum(rows.values()):,} generated in {generated:.2f} s; {len(codes)} codes")
    print(f"one call per month end: median {a:.2f} s (min {min(per_month):.2f})")
    print(f"one call for the series: median {b:.2f} s (min {min(series):.2f})")
    print(
        f"ratio {a / b:.1f}x; demo load (generate + refresh) {generated + a:.2f} s -> "
        f"{generated + b:.2f} s ({(generated + a) / (generated + b):.1f}x)"
    )


if __name__ == "__main__":
    main()
