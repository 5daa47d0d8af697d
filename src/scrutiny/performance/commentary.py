"""The sections' commentary: written on the screen or imported from a file."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from scrutiny.core.actors import Actor, require_officer
from scrutiny.core.audit import audit_record
from scrutiny.core.dates import month_end
from scrutiny.core.tabular import RowChecker, read_table

from . import parsing
from .entry import EntryError
from .importers.common import ImportSummary, audit_import
from .models import Commentary, Section

COMMENTARY_COLUMNS = ["section_code", "month", "desired_outcome", "progress_analysis"]


@transaction.atomic
def commentary_import(*, file_name: str, data: bytes, actor: Actor) -> ImportSummary:
    require_officer(actor)
    table = read_table(file_name, data)
    checker = RowChecker(table, COMMENTARY_COLUMNS)
    sections = {s.code: s for s in Section.objects.all()}
    parsed: list[tuple[Section, date, str, str]] = []
    for number, cells in table.rows:
        code = checker.get(number, cells, "section_code", str)
        month = checker.get(number, cells, "month", parsing.parse_month)
        section = sections.get(code or "")
        if code and section is None:
            checker.error(number, "section_code", f"no section has the code '{code}'")
        if section is not None and month is not None:
            parsed.append(
                (
                    section,
                    month,
                    cells.get("desired_outcome", ""),
                    cells.get("progress_analysis", ""),
                )
            )
    checker.raise_if_errors()
    created = updated = 0
    for section, month, outcome, analysis in parsed:
        _obj, was_created = Commentary.objects.update_or_create(
            section=section,
            month=month,
            defaults={"desired_outcome": outcome.strip(), "progress_analysis": analysis.strip()},
        )
        created += was_created
        updated += not was_created
    audit_import(
        actor=actor,
        action="performance.commentary_import",
        details={"file": file_name, "created": created, "updated": updated},
    )
    return ImportSummary(file_name, created, updated)


@transaction.atomic
def commentary_edit(
    *, section: Section, month: date, desired_outcome: str, progress_analysis: str, actor: Actor
) -> Commentary:
    """An analyst writes a section's commentary for a month."""
    require_officer(actor)
    if len(desired_outcome) > 20_000 or len(progress_analysis) > 20_000:
        raise EntryError("Commentary is limited to 20,000 characters per part.")
    month = month_end(month.year, month.month)
    obj, created = Commentary.objects.update_or_create(
        section=section,
        month=month,
        defaults={
            "desired_outcome": desired_outcome.strip(),
            "progress_analysis": progress_analysis.strip(),
        },
    )
    audit_record(
        actor=actor,
        action="performance.commentary_edit",
        target=obj,
        data={"section": section.code, "month": month.isoformat(), "created": created},
    )
    return obj
