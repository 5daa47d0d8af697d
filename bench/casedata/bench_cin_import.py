"""Benchmark: importing a CIN census XML file of 100,000 children, before against after.

    python bench/casedata/bench_cin_import.py generate --children 100000 --out /tmp/cin.xml
    python bench/casedata/bench_cin_import.py run --file /tmp/cin.xml \
        --src before=/tmp/base/src --src after=src --repeat 3

``generate`` writes a synthetic census (seeded): per child its identifiers, characteristics
and one to three CINdetails with assessments, plans, section 47 enquiries and protection
plans, with a few bad values so the problem path runs too. ``run`` imports the file with
``scrutiny import cin FILE --force`` into a fresh data directory (migrated first, untimed)
for each source tree in turn, round after round (interleaved: the shared box drifts), and
reports per tree the median wall time, CPU time and peak resident memory of the whole
command (start-up, parse, store write and the run record), with the load average.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

SOURCES = ["1A", "1B", "2A", "3A", "4", "5A", "6", "8", "10"]
ETHNICITIES = ["WBRI", "WIRI", "MWBC", "AIND", "BAFR", "CHNE", "OOTH", "REFU"]


def _day(rng: random.Random, lo: date, span: int) -> date:
    return lo + timedelta(days=rng.randrange(span))


def _details(rng: random.Random, reference: date) -> list[str]:
    referral = _day(rng, date(2019, 4, 1), (reference - date(2019, 4, 1)).days)
    parts = [
        "      <CINdetails>",
        f"        <CINreferralDate>{referral}</CINreferralDate>",
        f"        <ReferralSource>{rng.choice(SOURCES)}</ReferralSource>",
        f"        <PrimaryNeedCode>N{rng.randrange(10)}</PrimaryNeedCode>",
    ]
    closure = referral + timedelta(days=rng.randrange(20, 500))
    if closure <= reference:
        parts.append(f"        <CINclosureDate>{closure}</CINclosureDate>")
        parts.append(f"        <ReasonForClosure>RC{rng.randrange(1, 9)}</ReasonForClosure>")
    parts.append(f"        <ReferralNFA>{'true' if rng.random() < 0.1 else 'false'}</ReferralNFA>")
    start = referral + timedelta(days=rng.randrange(0, 5))
    if rng.random() < 0.8 and start <= reference:
        authorised = start + timedelta(days=rng.randrange(5, 70))
        auth = f"{authorised}" if authorised <= reference else ""
        # One in a thousand assessments keyed with a date in the wrong format.
        shown = start.strftime("%d/%m/%Y") if rng.random() < 0.001 else f"{start}"
        parts += [
            "        <Assessments>",
            f"          <AssessmentActualStartDate>{shown}</AssessmentActualStartDate>",
            f"          <AssessmentAuthorisationDate>{auth}</AssessmentAuthorisationDate>",
            "        </Assessments>",
        ]
    if rng.random() < 0.3 and start <= reference:
        end = start + timedelta(days=rng.randrange(30, 400))
        parts += [
            "        <CINPlanDates>",
            f"          <CINPlanStartDate>{start}</CINPlanStartDate>",
            f"          <CINPlanEndDate>{end if end <= reference else ''}</CINPlanEndDate>",
            "        </CINPlanDates>",
        ]
    if rng.random() < 0.2 and start <= reference:
        icpc = start + timedelta(days=rng.randrange(5, 30))
        parts += [
            "        <Section47>",
            f"          <S47ActualStartDate>{start}</S47ActualStartDate>",
            f"          <DateOfInitialCPC>{icpc if icpc <= reference else ''}</DateOfInitialCPC>",
            "          <ICPCnotRequired>false</ICPCnotRequired>",
            "        </Section47>",
        ]
        if rng.random() < 0.5 and icpc <= reference:
            end = icpc + timedelta(days=rng.randrange(60, 900))
            parts += [
                "        <ChildProtectionPlans>",
                f"          <CPPstartDate>{icpc}</CPPstartDate>",
                f"          <CPPendDate>{end if end <= reference else ''}</CPPendDate>",
                "          <InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse>",
                "          <LatestCategoryOfAbuse>EMO</LatestCategoryOfAbuse>",
                f"          <NumberOfPreviousCPP>{rng.randrange(3)}</NumberOfPreviousCPP>",
                "        </ChildProtectionPlans>",
            ]
    parts.append("      </CINdetails>")
    return parts


def _compact(line: str) -> str:
    text = line.lstrip(" ")
    return " " * ((len(line) - len(text)) // 2) + text


def generate(args: argparse.Namespace) -> None:
    rng = random.Random(args.seed)
    reference = date(2024, 3, 31)
    out = Path(args.out)
    with out.open("w", encoding="utf-8") as handle:
        handle.write(
            '<?xml version="1.0" encoding="utf-8"?>\n<Message>\n  <Header>\n'
            "    <CollectionDetails><Collection>CIN</Collection><Year>2024</Year>"
            f"<ReferenceDate>{reference}</ReferenceDate></CollectionDetails>\n"
            "    <Source><SourceLevel>L</SourceLevel><LEA>852</LEA></Source>\n"
            "  </Header>\n  <Children>\n"
        )
        for i in range(args.children):
            dob = _day(rng, date(2006, 4, 1), 6500)
            lines = [
                "    <Child>",
                "      <ChildIdentifiers>",
                f"        <LAchildID>C{i:07d}</LAchildID>",
                f"        <UPN>A{rng.randrange(10**12):012d}</UPN>",
                f"        <PersonBirthDate>{dob}</PersonBirthDate>",
                f"        <GenderCurrent>{rng.choice('12')}</GenderCurrent>",
                "      </ChildIdentifiers>",
                "      <ChildCharacteristics>",
                f"        <Ethnicity>{rng.choice(ETHNICITIES)}</Ethnicity>",
            ]
            if rng.random() < 0.1:
                lines.append("        <Disabilities><Disability>LD</Disability></Disabilities>")
            lines.append("      </ChildCharacteristics>")
            for _ in range(rng.choice([1, 1, 1, 2])):
                lines += _details(rng, reference)
            lines.append("    </Child>")
            # Indented by one space a level, as census software writes it compactly.
            handle.write("\n".join(_compact(line) for line in lines) + "\n")
        handle.write("  </Children>\n</Message>\n")
    print(json.dumps({"children": args.children, "file_mib": round(out.stat().st_size / 2**20)}))


MEASURE = """
import resource, subprocess, sys, time
started = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
wall = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, done.returncode)
if done.returncode not in (0, 1):
    sys.stderr.write(done.stderr[-3000:])
"""


def _import_once(src: str, data_dir: Path, xml: Path) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": src, "SCRUTINY_DATA_DIR": str(data_dir)}
    env.setdefault("SCRUTINY_LOCAL", "on")
    store = data_dir / "casedata.duckdb"
    for leftover in data_dir.glob("casedata*"):
        leftover.unlink()
    command = [sys.executable, "-m", "scrutiny.cli", "import", "cin", str(xml)]
    command += ["--force", "--no-progress"]
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, *command], env=env, capture_output=True, text=True
    )
    if out.returncode != 0 or not out.stdout.strip():
        raise SystemExit(f"{src}: {out.stderr[-3000:]}")
    wall, cpu, rss, code = out.stdout.split()
    del store
    return {"wall": float(wall), "cpu": float(cpu), "rss_mib": float(rss), "exit": int(code)}


def run(args: argparse.Namespace) -> None:
    xml = Path(args.file)
    trees = dict(item.split("=", 1) for item in args.src)
    work = Path(tempfile.mkdtemp(prefix="bench_cin_"))
    report: dict[str, object] = {
        "file_mib": round(xml.stat().st_size / 2**20, 1),
        "children": xml.read_bytes().count(b"<Child>"),
    }
    try:
        dirs = {}
        for name, src in trees.items():
            dirs[name] = work / name
            dirs[name].mkdir()
            env = {**os.environ, "PYTHONPATH": src, "SCRUTINY_DATA_DIR": str(dirs[name])}
            env.setdefault("SCRUTINY_LOCAL", "on")
            subprocess.run(
                [sys.executable, "-m", "scrutiny.cli", "migrate", "-v", "0"], env=env, check=True
            )
        runs: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
        loads = []
        for _ in range(args.repeat):
            for name, src in trees.items():
                loads.append(os.getloadavg()[0])
                runs[name].append(_import_once(src, dirs[name], xml))
        for name, measured in runs.items():
            report[name] = {
                "wall_seconds_median": round(statistics.median(m["wall"] for m in measured), 2),
                "wall_seconds_all": [round(m["wall"], 2) for m in measured],
                "cpu_seconds_median": round(statistics.median(m["cpu"] for m in measured), 2),
                "peak_rss_mib_max": round(max(m["rss_mib"] for m in measured)),
                "exit_codes": sorted({int(m["exit"]) for m in measured}),
            }
        report["load_average_1min_during"] = [round(x, 2) for x in loads]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(report, indent=2))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    g = sub.add_parser("generate")
    g.add_argument("--children", type=int, default=100_000)
    g.add_argument("--seed", type=int, default=2024)
    g.add_argument("--out", required=True)
    r = sub.add_parser("run")
    r.add_argument("--file", required=True)
    r.add_argument("--src", action="append", required=True, help="NAME=PATH to a src tree")
    r.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    {"generate": generate, "run": run}[args.command](args)


if __name__ == "__main__":
    main()
