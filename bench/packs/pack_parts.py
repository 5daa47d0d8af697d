"""Benchmark: a ~120-page agenda pack printed cold and merged from papers printed ahead.

Run:  .venv/bin/python bench/packs/pack_parts.py   (BENCH_RUNS=5 by default)
Same meeting as bench/documents/pack_build.py (shaped like the 28 November 2024 pack: minutes,
three reports on the council template, five written appendices with tables, five uploaded
PDFs of 24+20+20+16+16 pages), in a throwaway SQLite database and data directory.

Cases, each the median of BENCH_RUNS builds of the public pack (`pack_plan` + `render_pack`):
- cold, parallel: empty paper cache, missing papers printed in SCRUTINY_PACK_PROCESSES
  processes (default: the CPUs, at most 4);
- cold, one process: the same, printed one after another;
- papers cached: every paper printed ahead (as `papers_prerender` does in the worker when a
  paper is saved or published); the build prints only the front matter, whose agenda holds
  the page ranges, and merges;
- all cached: a rebuild of an unchanged pack (front matter cached too);
- baseline: WeasyPrint alone printing the same written papers as one document (how packs
  were printed before papers were cached one by one), no merge and no front matter.
CPU seconds include the child processes. The load average is printed before and after.
"""

from __future__ import annotations

import os
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "documents"))

import pack_build  # noqa: E402  (sets up Django on a throwaway data directory)
from django.conf import settings  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", 5))
COLD_TARGET, CACHED_TARGET = 3.0, 1.0


def cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    from scrutiny.documents.pack_papers import PaperCache
    from scrutiny.documents.pack_printing import pack_plan, paper_htmls, render_pack

    load_before = os.getloadavg()
    meeting = pack_build.setup_meeting()
    caches = Path(pack_build.DATA_DIR, "caches")
    render_pack(pack_plan(meeting, "public"), PaperCache(caches / "warm-up"))  # imports, fonts

    def timed(cache: PaperCache, before=None):
        if before:
            before(cache)
        started, cpu = time.perf_counter(), cpu_seconds()
        built = render_pack(pack_plan(meeting, "public"), cache)
        return built, time.perf_counter() - started, cpu_seconds() - cpu

    def prerendered(cache: PaperCache) -> None:
        cache.prepare(paper_htmls(pack_plan(meeting, "public")))

    results = {}
    results["cold build, parallel processes"] = [
        timed(PaperCache(caches / f"cold-{run}")) for run in range(RUNS)
    ]
    settings.SCRUTINY_PACK_PROCESSES = 1
    results["cold build, one process"] = [
        timed(PaperCache(caches / f"serial-{run}")) for run in range(RUNS)
    ]
    del settings.SCRUTINY_PACK_PROCESSES
    results["papers printed ahead (agenda printed)"] = [
        timed(PaperCache(caches / f"ahead-{run}"), prerendered) for run in range(RUNS)
    ]
    full = PaperCache(caches / "full")
    render_pack(pack_plan(meeting, "public"), full)
    results["all cached (unchanged pack)"] = [timed(full) for _ in range(RUNS)]
    htmls = [p.html for p in pack_plan(meeting, "public").papers if p.html]
    baseline = []
    for _ in range(RUNS):
        started, cpu = time.perf_counter(), cpu_seconds()
        pack_build.baseline_pdf(htmls)
        baseline.append((None, time.perf_counter() - started, cpu_seconds() - cpu))
    results["baseline: WeasyPrint, papers as one document"] = baseline

    built = results["cold build, parallel processes"][-1][0]
    same = {
        r[0].pdf for key, runs in results.items() if not key.startswith("baseline") for r in runs
    }
    print(
        f"pack: {built.page_count} pages ({built.numbered_pages} numbered), {len(htmls)} written "
        f"papers, {len(pack_build.PDF_PAGES)} uploaded PDFs, {len(built.pdf) / 1024:.0f} KiB; "
        f"distinct outputs over every build: {len(same)} (1 = reproducible)"
    )
    processes = min(os.cpu_count() or 1, 4)
    print(
        f"machine: {os.cpu_count()} CPUs ({processes} printing processes); load average "
        f"{load_before[0]:.1f} before, {os.getloadavg()[0]:.1f} after"
    )
    base = statistics.median(r[1] for r in baseline)
    print(f"{'median of ' + str(RUNS):<48} {'wall s':>7} {'CPU s':>7} {'wall/baseline':>14}")
    for label, runs in results.items():
        wall = statistics.median(r[1] for r in runs)
        cpu = statistics.median(r[2] for r in runs)
        print(f"{label:<48} {wall:>7.2f} {cpu:>7.2f} {wall / base:>14.2f}")
    cold = statistics.median(r[1] for r in results["cold build, parallel processes"])
    ahead = statistics.median(r[1] for r in results["papers printed ahead (agenda printed)"])
    print(
        f"targets: cold <= {COLD_TARGET:.0f} s {'met' if cold <= COLD_TARGET else 'NOT met'} "
        f"({cold:.2f} s); papers cached <= {CACHED_TARGET:.0f} s "
        f"{'met' if ahead <= CACHED_TARGET else 'NOT met'} ({ahead:.2f} s)"
    )


if __name__ == "__main__":
    main()
