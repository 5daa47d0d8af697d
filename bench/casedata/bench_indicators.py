"""Benchmark: every indicator for 13 month ends, DuckDB engine against a pandas baseline.

    # (a) one LA of Southampton's size, (b) 150 such LAs
    python bench/casedata/bench_indicators.py generate --las 1 --children 21000 --store A
    python bench/casedata/bench_indicators.py run --store A --repeat 7
    python bench/casedata/bench_indicators.py generate --las 150 --children 21000 --store B
    python bench/casedata/bench_indicators.py run --store B --repeat 3 --pandas-repeat 1

``run`` times the engine (all indicators with team breakdowns, and totals only, for the 13
month ends October 2023 to October 2024, one result row per LA) and the pandas baseline on
the same tables loaded into DataFrames, in interleaved rounds in one process; reports
medians, the median of the per-round ratios, peak resident memory, and checks that both give
the same numerators and denominators for every (month end, LA, indicator).
"""

from __future__ import annotations

import argparse
import calendar
import json
import os
import resource
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from pandas_baseline import compute as pandas_compute  # noqa: E402
from pandas_baseline import load_frames  # noqa: E402

from scrutiny.casedata.engine import compute_indicator_series, compute_indicator_table  # noqa: E402

try:  # the results cache (absent from older versions, which this bench also times)
    from scrutiny.casedata.engine_cache import clear_results  # noqa: E402
except ImportError:  # pragma: no cover

    def clear_results() -> None:
        pass


from scrutiny.casedata.generator import generate_la  # noqa: E402
from scrutiny.casedata.store import open_store  # noqa: E402


def month_ends(last: date, count: int = 13) -> list[date]:
    ends = []
    year, month = last.year, last.month
    for _ in range(count):
        ends.append(date(year, month, calendar.monthrange(year, month)[1]))
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return sorted(ends)


def cpu_seconds() -> float:
    """User plus system CPU time of this process, all threads (the box is shared)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def generate(args) -> None:
    path = Path(args.store)
    if path.exists():
        path.unlink()
    started = time.perf_counter()
    total = 0
    with open_store(path) as st:
        for i in range(args.las):
            counts = generate_la(st.con, la=f"L{i:03d}", children=args.children, seed=args.seed + i)
            total += sum(counts.values())
        st.con.execute("CHECKPOINT")
    print(
        json.dumps(
            {
                "las": args.las,
                "children_per_la": args.children,
                "records": total,
                "seconds": round(time.perf_counter() - started, 1),
                "file_mib": round(path.stat().st_size / 2**20),
            }
        )
    )


def timed(fn):
    started, cpu_started = time.perf_counter(), cpu_seconds()
    result = fn()
    return result, time.perf_counter() - started, cpu_seconds() - cpu_started


def run(args) -> None:
    """Rounds of: engine with teams, engine totals only, and (while --pandas-repeat lasts)
    the pandas baseline. Interleaving puts both under the same machine conditions, which
    on a shared box drift by a factor of two over minutes; each round gives a ratio."""
    ends = month_ends(date.fromisoformat(args.last))
    report: dict[str, object] = {"store": args.store, "month_ends": [str(ends[0]), str(ends[-1])]}
    times: dict[str, list[float]] = {
        "teams": [],
        "totals": [],
        "pandas": [],
        "cached": [],
        "new_month": [],
    }
    cpu: dict[str, list[float]] = {key: [] for key in times}
    ratios: dict[str, list[float]] = {"teams": [], "totals": []}
    table = baseline = frames = None
    with open_store(
        args.store, read_only=True, memory_limit=args.memory_limit, threads=args.threads
    ) as st:
        records = sum(n for t, n in st.counts().items() if t != "population")
        las = st.con.execute("SELECT count(DISTINCT la) FROM children").fetchall()[0][0]
        report.update(records=records, las=las)
        # One untimed run each: the first computation loads the store's pages.
        compute_indicator_table(ends, store=st, by_la=True)
        compute_indicator_table(ends, store=st, by_la=True, teams=False)
        # The process's peak so far is the engine's (DuckDB's memory is in the process).
        report["engine_peak_rss_mib"] = round(peak_rss_mib())
        if args.pandas_repeat:
            started = time.perf_counter()
            frames = load_frames(st.con)
            report["pandas_load_seconds"] = round(time.perf_counter() - started, 2)
        for round_ in range(max(args.repeat, args.pandas_repeat)):
            # Cold: nothing cached, every month end computed.
            clear_results()
            table, t_teams, c_teams = timed(
                lambda: compute_indicator_table(ends, store=st, by_la=True)
            )
            # Warm: the same 13 month ends again, all from the cache.
            _, t_cached, c_cached = timed(
                lambda: compute_indicator_table(ends, store=st, by_la=True)
            )
            clear_results()
            _, t_totals, c_totals = timed(
                lambda: compute_indicator_table(ends, store=st, by_la=True, teams=False)
            )
            # A new month: the 12 before it cached, the 13th computed.
            clear_results()
            compute_indicator_table(ends[:-1], store=st, by_la=True)
            _, t_new, c_new = timed(lambda: compute_indicator_table(ends, store=st, by_la=True))
            times["cached"].append(t_cached)
            times["new_month"].append(t_new)
            cpu["cached"].append(c_cached)
            cpu["new_month"].append(c_new)
            times["teams"].append(t_teams)
            times["totals"].append(t_totals)
            cpu["teams"].append(c_teams)
            cpu["totals"].append(c_totals)
            if round_ < args.pandas_repeat:
                baseline, t_pandas, c_pandas = timed(lambda: pandas_compute(frames, ends))
                times["pandas"].append(t_pandas)
                cpu["pandas"].append(c_pandas)
                ratios["teams"].append(t_pandas / t_teams)
                ratios["totals"].append(t_pandas / t_totals)
        if las == 1:
            clear_results()
            _, t_api, _ = timed(lambda: compute_indicator_series(ends, store=st))
            report["api_series_seconds"] = round(t_api, 3)
    report["load_average_1min_5min"] = os.getloadavg()[:2]
    for kind, label in [
        ("teams", "engine"),
        ("totals", "engine_totals_only"),
        ("pandas", "pandas"),
        ("cached", "engine_13_months_cached"),
        ("new_month", "engine_new_month_12_cached"),
    ]:
        if times[kind]:
            report[f"{label}_seconds_median"] = round(statistics.median(times[kind]), 3)
            report[f"{label}_seconds_all"] = [round(t, 3) for t in times[kind]]
            report[f"{label}_cpu_seconds_median"] = round(statistics.median(cpu[kind]), 3)
    report["indicator_values"] = table.num_rows
    report["peak_rss_with_pandas_mib"] = round(peak_rss_mib())
    if args.pandas_repeat:
        report["ratio_pandas_over_engine_median_of_rounds"] = round(
            statistics.median(ratios["teams"]), 1
        )
        report["ratio_pandas_over_engine_totals_only_median_of_rounds"] = round(
            statistics.median(ratios["totals"]), 1
        )
        report["cpu_ratio_pandas_over_engine_totals_only"] = round(
            statistics.median(cpu["pandas"])
            / statistics.median(cpu["totals"][: len(cpu["pandas"])]),
            1,
        )
        report["mismatches"] = compare(table, baseline)
    print(json.dumps(report, indent=2))


def compare(engine_table, baseline) -> int:
    """Count (as_at, la, code) whose numerator or denominator differ between the two."""
    engine = engine_table.to_pandas()
    engine = engine[engine["la"].notna()]
    merged = engine.merge(baseline, on=["as_at", "la", "code"], how="outer")
    merged["numerator"] = merged["numerator"].fillna(0)
    merged["num"] = merged["num"].fillna(0)
    bad = (merged["numerator"] != merged["num"]) | (
        merged["denominator"].fillna(0) != merged["den"].fillna(0)
    )
    if bad.any():
        print(merged[bad].head(20).to_string(), file=sys.stderr)
    return int(bad.sum())


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    g = sub.add_parser("generate")
    g.add_argument("--las", type=int, default=1)
    g.add_argument("--children", type=int, default=21000)
    g.add_argument("--seed", type=int, default=2024)
    g.add_argument("--store", required=True)
    r = sub.add_parser("run")
    r.add_argument("--store", required=True)
    r.add_argument("--repeat", type=int, default=5)
    r.add_argument("--pandas-repeat", type=int, default=1)
    r.add_argument("--last", default="2024-10-31")
    r.add_argument("--memory-limit", default="6GB")
    r.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    {"generate": generate, "run": run}[args.command](args)


if __name__ == "__main__":
    main()
