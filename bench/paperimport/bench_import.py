"""Time to read and parse past papers: is a background task needed?

Run: .venv/bin/python bench/paperimport/bench_import.py [--runs 5] [--copies 4]

Sizes: the 28 November 2024 pack as text (143 KB), the same text repeated ``--copies`` times
(a long pack), and both rendered to PDF with WeasyPrint in one and two columns. Medians of
``--runs``. Baseline in the same run: pypdf's plain text extraction of the same PDF, which
the importer does not use (it needs the layout to find columns).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "paperimport" / "fixtures" / "pack-2024-11-28.txt"


def median_ms(fn, runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--copies", type=int, default=4)
    args = parser.parse_args()
    os.environ.setdefault("SCRUTINY_DATA_DIR", tempfile.mkdtemp(prefix="import-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "scrutiny.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    import io

    from pypdf import PdfReader
    from tests.paperimport.pdfs import text_to_pdf

    from scrutiny.paperimport.parsing import parse
    from scrutiny.paperimport.reading import read_text

    text = FIXTURE.read_text()
    long_text = "\n\n".join([text] * args.copies)
    print(f"load: {os.getloadavg()[0]:.2f} (1-minute average), runs: {args.runs}")
    print("| input | size | pages | parse text (ms) | read PDF (ms) | plain pypdf baseline (ms) |")
    print("|---|---|---|---|---|---|")
    for label, body in (("28 Nov 2024 pack", text), (f"pack x{args.copies}", long_text)):
        parse_ms = median_ms(lambda body=body: parse(body, "southampton"), args.runs)
        for columns in (1, 2):
            pdf = text_to_pdf(body, columns=columns)
            pages = len(PdfReader(io.BytesIO(pdf)).pages)
            read_ms = median_ms(lambda pdf=pdf: read_text("pack.pdf", pdf), args.runs)
            plain_ms = median_ms(
                lambda pdf=pdf: [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages],
                args.runs,
            )
            print(
                f"| {label}, {columns} column{'s' if columns > 1 else ''} | {len(body) // 1024} KB "
                f"| {pages} | {parse_ms:.0f} | {read_ms:.0f} | {plain_ms:.0f} "
                f"(x{read_ms / plain_ms:.1f}) |"
            )


if __name__ == "__main__":
    main()
