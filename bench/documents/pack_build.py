"""Benchmark: build a ~120-page agenda pack with 5 merged PDF appendices, median of 5 builds.

Run:  .venv/bin/python bench/documents/pack_build.py
It uses a throwaway SQLite database in a temporary SCRUTINY_DATA_DIR and the demo's core and
committees data; nothing is written to the real data directory.

Baseline in the same run: WeasyPrint alone rendering the same written papers to one PDF
(no second pass, no merging, no stamping), so the ratio shows what the pack assembly costs.
"""

from __future__ import annotations

import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

DATA_DIR = tempfile.mkdtemp(prefix="scrutiny-bench-")
os.environ["SCRUTINY_DATA_DIR"] = DATA_DIR
os.environ.pop("DATABASE_URL", None)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scrutiny.settings")
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))

import django  # noqa: E402

django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from pypdf import PdfReader  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", 5))
TARGET_SECONDS = 3.0


def paragraph(n: int) -> str:
    return (
        f"<p>Paragraph {n}. Attendance, exclusions and outcomes are compared with statistical "
        "neighbours and England; the commentary explains each change, the actions under way and "
        "the date by which the service expects to see an effect on children and families.</p>"
    )


def table(rows: int) -> str:
    body = "".join(
        f"<tr><td>Indicator {r}</td><td>{50 + r % 40}.{r % 10}%</td><td>{48 + r % 35}.0%</td>"
        f"<td>{'Green' if r % 3 else 'Amber'}</td></tr>"
        for r in range(rows)
    )
    return (
        "<table><caption>Indicators</caption><thead><tr><th scope='col'>Measure</th>"
        "<th scope='col'>Southampton</th><th scope='col'>England</th><th scope='col'>RAG</th>"
        f"</tr></thead><tbody>{body}</tbody></table>"
    )


def uploaded_pdf(pages: int, label: str) -> bytes:
    from weasyprint import HTML

    sections = "".join(
        f"<section style='break-before: page'><h1>{label}, sheet {n}</h1>{paragraph(n) * 4}{table(8)}</section>"
        for n in range(1, pages + 1)
    )
    return HTML(string=f"<html><body>{sections}</body></html>").write_pdf()


# Shaped like the 28 November 2024 pack in the seeds: minutes, three written reports, a few
# written appendices (tables), and five long uploaded PDF appendices (slides and dashboards).
PDF_PAGES = [24, 20, 20, 16, 16]
WRITTEN_APPENDICES = {0: 2, 1: 1, 2: 2}  # per report item
UPLOADED_FOR_ITEM = {0: [0, 1, 2], 1: [3], 2: [4]}


def setup_meeting():
    from datetime import UTC, date, datetime
    from datetime import time as clock

    from scrutiny.committees import services as committees
    from scrutiny.committees.models import AgendaItemKind, Panel
    from scrutiny.documents import services
    from scrutiny.documents.demo import REPORTS
    from scrutiny.documents.models import Document

    call_command("migrate", verbosity=0)
    call_command("load_demo", "--apps", "core", "committees", stdout=io.StringIO())
    panel = Panel.objects.get()
    meeting = committees.meeting_create(
        actor="bench",
        panel=panel,
        date=date(2025, 2, 27),
        start_time=clock(17, 30),
        venue="Civic Centre",
    )
    minutes_item = meeting.agenda_items.get(kind=AgendaItemKind.PREVIOUS_MINUTES)
    services.document_add(
        actor="bench",
        meeting=meeting,
        agenda_item=minutes_item,
        kind=Document.Kind.MINUTES,
        title="Minutes of the previous meeting",
        body_html="".join(paragraph(n) for n in range(24)),  # two pages of minutes
    )
    pdfs = [uploaded_pdf(pages, f"Uploaded appendix {k + 1}") for k, pages in enumerate(PDF_PAGES)]
    for number in range(3):
        item = committees.agenda_item_add(
            actor="bench", meeting=meeting, title=f"Report {number + 1}"
        )
        services.report_write(actor="bench", agenda_item=item, fields=dict(REPORTS[8 + number]))
        appendix = 0
        for appendix in range(1, WRITTEN_APPENDICES[number] + 1):
            services.document_add(
                actor="bench",
                meeting=meeting,
                agenda_item=item,
                number=appendix,
                title=f"Written appendix {appendix}",
                body_html="".join(paragraph(n) for n in range(8)) + table(30),
            )
        for offset, index in enumerate(UPLOADED_FOR_ITEM[number], start=1):
            services.document_add(
                actor="bench",
                meeting=meeting,
                agenda_item=item,
                number=appendix + offset,
                title=f"Uploaded appendix {index + 1}",
                upload=SimpleUploadedFile(f"appendix-{index + 1}.pdf", pdfs[index]),
            )
    services.agenda_publish(
        actor="bench", meeting=meeting, when=datetime(2025, 2, 10, 9, tzinfo=UTC)
    )
    return meeting


def baseline_pdf(htmls: list[str]) -> bytes:
    """WeasyPrint alone printing the written papers as one document (no merge, no stamps)."""
    from django.conf import settings
    from django.template.loader import render_to_string
    from django.utils.safestring import mark_safe
    from weasyprint import HTML

    parts = [{"anchor": f"p{i}", "html": mark_safe(h)} for i, h in enumerate(htmls)]  # noqa: S308
    document = render_to_string("documents/pack/document.html", {"title": "", "parts": parts})
    return HTML(string=document, base_url=str(settings.PACKAGE_DIR)).write_pdf()


def main() -> None:
    from scrutiny.documents import services
    from scrutiny.documents.models import Document
    from scrutiny.documents.pack_papers import PaperCache
    from scrutiny.documents.pack_printing import pack_plan, render_pack

    meeting = setup_meeting()
    caches = Path(DATA_DIR, "caches")
    warm = render_pack(
        pack_plan(meeting, "public"), PaperCache(caches / "warm-up")
    )  # imports, fonts

    def timed(cache: PaperCache):
        started, cpu = time.perf_counter(), time.process_time()
        built = render_pack(pack_plan(meeting, "public"), cache)
        return built, time.perf_counter() - started, time.process_time() - cpu

    # Cold: nothing rendered before (an empty paper cache for every build).
    cold = [timed(PaperCache(caches / f"cold-{run}")) for run in range(RUNS)]
    built = cold[-1][0]
    # Rebuild after one change: one written appendix replaced before each build.
    shared = PaperCache(caches / "shared")
    render_pack(pack_plan(meeting, "public"), shared)
    appendix = Document.objects.filter(meeting=meeting, kind="appendix", file="").first()
    rebuilt = []
    for run in range(RUNS):
        services.document_replace(
            actor="bench",
            document=appendix,
            reason=f"Revision {run}",
            body_html=appendix.body_html + paragraph(100 + run),
        )
        appendix.refresh_from_db()
        rebuilt.append(timed(shared))
    # Baseline: WeasyPrint alone rendering the same written papers into one PDF.
    plan = pack_plan(meeting, "public")
    html_parts = [p.html for p in plan.papers if p.html]
    baseline = []
    for _ in range(RUNS):
        started, cpu = time.perf_counter(), time.process_time()
        baseline_pdf(html_parts)
        baseline.append((None, time.perf_counter() - started, time.process_time() - cpu))

    output = Path(DATA_DIR, "bench.pdf")
    output.write_bytes(built.pdf)
    reader = PdfReader(output)

    def med(results, column):
        return statistics.median(r[column] for r in results)

    print(
        f"pack: {built.page_count} pages ({built.numbered_pages} numbered, "
        f"{sum(1 for p in plan.papers if p.html)} written papers), {len(PDF_PAGES)} merged PDF "
        f"appendices of {'+'.join(map(str, PDF_PAGES))} pages, {len(built.pdf) / 1024:.0f} KiB; "
        f"read back {len(reader.pages)} pages; warm-up build {warm.page_count} pages"
    )
    print("numbered pages per item:", {n: f"{a}-{b}" for n, (a, b) in built.ranges.items()})
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the end")
    print(f"{'median of ' + str(RUNS):<44} {'wall s':>7} {'CPU s':>7} {'wall/baseline':>14}")
    base = med(baseline, 1)
    for label, results in (
        ("cold build (no paper cache)", cold),
        ("rebuild after one appendix changed", rebuilt),
        ("baseline: WeasyPrint of written papers", baseline),
    ):
        print(
            f"{label:<44} {med(results, 1):>7.2f} {med(results, 2):>7.2f} {med(results, 1) / base:>14.2f}"
        )
    print("cold runs (wall):", ", ".join(f"{r[1]:.2f}" for r in cold))
    print(
        f"target <= {TARGET_SECONDS:.1f} s wall: cold {'met' if med(cold, 1) <= TARGET_SECONDS else 'NOT met'}, "
        f"rebuild {'met' if med(rebuilt, 1) <= TARGET_SECONDS else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
