"""Ofsted ILACS Annex A workbooks: lists 1 to 8 as sheets of one XLSX file.

Sheets are recognised by a name starting "List N" (any case, e.g. "List 3 - Referrals").
The header row is the first row holding a "Child Unique ID" cell, so title rows above it
are allowed. Headers are matched ignoring case, spaces and punctuation; the accepted names
for each field are in ``LISTS`` (first name is the one the template uses). Dates may be
Excel dates, DD/MM/YYYY or YYYY-MM-DD text.

Annex A is a snapshot, not a history: list 8 gives each child's current placement, so a
child whose latest placement began after the date they started to be looked after gets
two episodes, the first (from the start date) with its placement left unknown.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

from scrutiny.casedata.importers.common import (
    DISABILITY,
    ETHNICITY,
    Checker,
    ParsedImport,
    file_sha256,
)
from scrutiny.casedata.importers.ssda903 import LEGAL_STATUS, PLACE, PROVIDER, REC

MAX_BYTES = 50 * 1024 * 1024
DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
COMMON = {
    "child": ["Child Unique ID", "Child ID"],
    "sex": ["Gender", "Sex"],
    "ethnicity": ["Ethnicity"],
    "dob": ["Date of Birth"],
    "disability": ["Disability"],
}
WORK = {"team": ["Allocated Team"], "worker": ["Allocated Worker"]}
# list number -> (title, {field: [header names]}, required fields)
LISTS: dict[int, tuple[str, dict[str, list[str]], set[str]]] = {
    1: (
        "Contacts",
        {**COMMON, "contact_date": ["Date of Contact"], "contact_source": ["Contact Source"]},
        {"child", "contact_date"},
    ),
    2: (
        "Early help",
        {
            **COMMON,
            "eh_start": ["Early Help Start Date", "Assessment Start Date"],
            "eh_end": ["Early Help End Date", "Assessment Completion Date"],
            "organisation": ["Organisation Completing Assessment"],
            **WORK,
        },
        {"child", "eh_start"},
    ),
    3: (
        "Referrals",
        {
            **COMMON,
            "referral_date": ["Date of Referral"],
            "referral_source": ["Referral Source"],
            "nfa": ["Referral NFA", "Referral No Further Action"],
            **WORK,
        },
        {"child", "referral_date"},
    ),
    4: (
        "Assessments",
        {
            **COMMON,
            "assessment_start": ["Continuous Assessment Start Date", "Assessment Start Date"],
            "assessment_authorised": [
                "Assessment Authorisation Date",
                "Assessment Completion Date",
            ],
            **WORK,
        },
        {"child", "assessment_start"},
    ),
    5: (
        "Section 47 enquiries and initial conferences",
        {
            **COMMON,
            "strategy_date": [
                "Strategy Discussion Initiating Section 47 Enquiry Start Date",
                "Strategy Discussion Date",
                "Section 47 Start Date",
            ],
            "icpc_not_required": [
                "Was an Initial Child Protection Conference Deemed Unnecessary",
                "ICPC Not Required",
            ],
            "icpc_date": ["Date of Initial Child Protection Conference", "ICPC Date"],
            **WORK,
        },
        {"child", "strategy_date"},
    ),
    6: (
        "Children in need",
        {
            **COMMON,
            "cin_start": ["CIN Plan Start Date"],
            "cin_end": ["CIN Plan End Date"],
            "last_visit": ["Date of Last Visit"],
            **WORK,
        },
        {"child", "cin_start"},
    ),
    7: (
        "Child protection",
        {
            **COMMON,
            "cpp_start": ["Child Protection Plan Start Date"],
            "cpp_end": ["Child Protection Plan End Date"],
            "initial_category": ["Initial Category of Abuse"],
            "category": ["Latest Category of Abuse"],
            "previous_plans": ["Number of Previous Child Protection Plans"],
            "last_visit": ["Date of Last Visit"],
            **WORK,
        },
        {"child", "cpp_start"},
    ),
    8: (
        "Children in care",
        {
            **COMMON,
            "period_start": ["Date Started to be Looked After"],
            "place_start": ["Date of Latest Placement", "Latest Placement Start Date"],
            "ls": ["Legal Status"],
            "place": ["Placement Type"],
            "place_provider": ["Placement Provider"],
            "dec": ["Date Ceased to be Looked After"],
            "rec": ["Reason Ceased to be Looked After"],
            "last_visit": ["Date of Last Visit"],
            **WORK,
        },
        {"child", "period_start"},
    ),
}
SEX_WORDS = {
    "male": "1",
    "m": "1",
    "1": "1",
    "female": "2",
    "f": "2",
    "2": "2",
    "unknown": "0",
    "0": "0",
    "indeterminate": "9",
    "9": "9",
    "not stated": "9",
}
ABUSE = {"NEG", "PHY", "SAB", "EMO", "MUL"}


def _norm(text: object) -> str:
    return re.sub(r"[^a-z0-9]", "", str(text or "").lower())


def _cell_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip() or None


def _check_expanded_size(path: Path, name: str) -> None:
    """Refuse a workbook that expands beyond the limits before openpyxl reads it."""
    from django.conf import settings

    from scrutiny.core.archives import ArchiveLimits, check_archive

    limit = settings.SCRUTINY_MAX_XLSX_EXPANDED_BYTES
    with path.open("rb") as source:
        check_archive(
            source, name, ArchiveLimits(limit, limit, settings.SCRUTINY_MAX_ARCHIVE_ENTRIES)
        )


def parse_annex_a(path: Path, la: str | None = None) -> ParsedImport:
    from openpyxl import load_workbook

    parsed = ParsedImport(kind="annex-a", la=la or "local")
    name = path.name
    try:
        if path.stat().st_size > MAX_BYTES:
            raise ValueError(f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB")
        parsed.files.append((name, file_sha256(path)))
        _check_expanded_size(path, name)
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken workbook
        parsed.problem(
            name,
            None,
            "",
            f"the file is not a readable XLSX workbook "
            f"({type(exc).__name__}: {exc}); nothing was imported",
        )
        parsed.rejected = True
        return parsed
    try:
        found: set[int] = set()
        for sheet in workbook.worksheets:
            match = re.match(r"\s*list\s*(\d+)", sheet.title, re.IGNORECASE)
            if not match or int(match.group(1)) not in LISTS:
                if sheet.title.strip():
                    parsed.problem(
                        f"{name} [{sheet.title}]",
                        None,
                        "",
                        "is not named 'List 1' to 'List 8'; the sheet was not read",
                    )
                continue
            found.add(int(match.group(1)))
            try:
                # Read-only sheets trust the <dimension> tag, which can be stale: read
                # every row the sheet really has.
                sheet.reset_dimensions()
                _parse_sheet(parsed, name, sheet, int(match.group(1)))
            except Exception as exc:  # corrupt sheet XML, impossible cell values
                line = getattr(exc, "position", (None,))[0]
                parsed.problem(
                    f"{name} [{sheet.title}]",
                    line,
                    "",
                    f"the sheet cannot be read ({type(exc).__name__}: {str(exc)[:120]}); "
                    "nothing was imported",
                )
                parsed.rejected = True
        if not found:
            parsed.problem(
                name,
                None,
                "",
                "no sheet named 'List 1' to 'List 8' was found; nothing was imported",
            )
            parsed.rejected = True
        else:
            for number in sorted(set(LISTS) - found):
                parsed.problem(
                    name,
                    None,
                    f"List {number}",
                    f"the workbook has no sheet for list {number} ({LISTS[number][0]}); "
                    "none of its records were imported",
                )
    finally:
        workbook.close()
    _merge_children(parsed)
    return parsed


def _merge_children(parsed: ParsedImport) -> None:
    """A child appears in several lists: keep one row, taking each field where it is given."""
    merged: dict[str, dict[str, Any]] = {}
    for row in parsed.tables.get("children", []):
        into = merged.setdefault(row["child"], {})
        for key, value in row.items():
            if value is not None and into.get(key) is None:
                into[key] = value
    if merged:
        parsed.tables["children"] = list(merged.values())


def _parse_sheet(parsed: ParsedImport, name: str, sheet: Any, number: int) -> None:
    title, fields, required = LISTS[number]
    where = f"{name} [{sheet.title}]"
    rows = sheet.iter_rows(values_only=True)
    header_row = None
    columns: dict[str, int] = {}
    for index, values in enumerate(rows, start=1):
        normalised = [_norm(v) for v in values]
        if _norm("Child Unique ID") in normalised or _norm("Child ID") in normalised:
            header_row = index
            for field_name, names in fields.items():
                for candidate in names:
                    if _norm(candidate) in normalised:
                        columns[field_name] = normalised.index(_norm(candidate))
                        break
            break
        if index >= 20:
            break
    if header_row is None:
        parsed.problem(
            where,
            None,
            "Child Unique ID",
            "no header row with a Child Unique ID "
            "column in the first 20 rows; nothing was imported",
        )
        parsed.rejected = True
        return
    missing = [f for f in required if f not in columns]
    if missing:
        for field_name in missing:
            parsed.problem(
                where,
                header_row,
                fields[field_name][0],
                "the column is missing; nothing was imported",
            )
        parsed.rejected = True
        return
    headers = {f: fields[f][0] for f in fields}
    for row_number, values in enumerate(rows, start=header_row + 1):
        cells = {f: _cell_text(values[i]) if i < len(values) else None for f, i in columns.items()}
        if not any(cells.values()):
            continue
        _parse_row(parsed, where, row_number, number, cells, headers)


def _parse_row(
    parsed: ParsedImport,
    where: str,
    row: int,
    number: int,
    cells: dict[str, str | None],
    headers: dict[str, str],
) -> None:
    chk = Checker(parsed, where, row)

    def text(f: str, required: bool = False) -> str | None:
        return chk.text(headers[f], cells.get(f), required=required)

    def day(f: str, required: bool = False, what: str = "the row") -> date | None:
        return chk.date(headers[f], cells.get(f), DATE_FORMATS, required=required, what=what)

    def code(f: str, allowed: set[str]) -> str | None:
        value = cells.get(f)
        return chk.code(headers[f], value.upper() if value else value, allowed)

    child = text("child", required=True)
    if child is None:
        return
    sex_text = (cells.get("sex") or "").strip().lower()
    sex = SEX_WORDS.get(sex_text) if sex_text else None
    if sex_text and sex is None:
        chk.report(
            headers["sex"], f"{sex_text!r} is not a recognised gender; the field was left empty"
        )
    disability = code("disability", DISABILITY) if "disability" in headers else None
    parsed.add(
        "children",
        {
            "child": child,
            "sex": sex,
            "dob": day("dob"),
            "ethnicity": code("ethnicity", ETHNICITY),
            "disability": disability,
        },
    )
    work = {
        "team": text("team") if "team" in headers else None,
        "worker": text("worker") if "worker" in headers else None,
    }

    if number == 1:
        contact = day("contact_date", True, "the contact")
        if contact:
            parsed.add(
                "contacts",
                {"child": child, "contact_date": contact, "contact_source": text("contact_source")},
            )
    elif number == 2:
        start = day("eh_start", True, "the early help episode")
        end = day("eh_end")
        if start and chk.order(
            headers["eh_start"], start, headers["eh_end"], end, what="the early help episode"
        ):
            parsed.add(
                "early_help",
                {
                    "child": child,
                    "eh_start": start,
                    "eh_end": end,
                    "organisation": text("organisation"),
                    **work,
                },
            )
    elif number == 3:
        referral = day("referral_date", True, "the referral")
        if referral:
            parsed.add(
                "referrals",
                {
                    "child": child,
                    "referral_date": referral,
                    "referral_source": text("referral_source"),
                    "nfa": chk.boolean(headers["nfa"], cells.get("nfa"))
                    if "nfa" in headers
                    else None,
                    **work,
                },
            )
    elif number == 4:
        start = day("assessment_start", True, "the assessment")
        auth = day("assessment_authorised", what="the assessment")
        if (
            start
            and not chk.fatal
            and chk.order(
                headers["assessment_start"],
                start,
                headers["assessment_authorised"],
                auth,
                what="the assessment",
            )
        ):
            parsed.add(
                "assessments",
                {"child": child, "assessment_start": start, "assessment_authorised": auth, **work},
            )
    elif number == 5:
        strategy = day("strategy_date", True, "the enquiry")
        icpc = day("icpc_date")
        if strategy and chk.order(
            headers["strategy_date"], strategy, headers["icpc_date"], icpc, what="the enquiry"
        ):
            parsed.add("strategy_discussions", {"child": child, "strategy_date": strategy, **work})
            parsed.add(
                "s47_enquiries",
                {
                    "child": child,
                    "strategy_date": strategy,
                    "s47_start": strategy,
                    "icpc_date": icpc,
                    "icpc_not_required": chk.boolean(
                        headers["icpc_not_required"], cells.get("icpc_not_required")
                    ),
                    **work,
                },
            )
    elif number == 6:
        start = day("cin_start", True, "the child in need plan")
        end = day("cin_end")
        if start and chk.order(
            headers["cin_start"], start, headers["cin_end"], end, what="the child in need plan"
        ):
            parsed.add("cin_plans", {"child": child, "cin_start": start, "cin_end": end, **work})
            _visit(parsed, chk, child, day("last_visit"), "cin", work)
            _allocation(parsed, child, start, end, work)
    elif number == 7:
        start = day("cpp_start", True, "the child protection plan")
        end = day("cpp_end")
        if start and chk.order(
            headers["cpp_start"], start, headers["cpp_end"], end, what="the child protection plan"
        ):
            parsed.add(
                "cp_plans",
                {
                    "child": child,
                    "cpp_start": start,
                    "cpp_end": end,
                    "category": code("category", ABUSE) or code("initial_category", ABUSE),
                    "previous_plans": chk.integer(
                        headers["previous_plans"], cells.get("previous_plans")
                    ),
                    **work,
                },
            )
            _visit(parsed, chk, child, day("last_visit"), "cp", work)
            _allocation(parsed, child, start, end, work)
    elif number == 8:
        _care_row(parsed, chk, child, cells, headers, day, code, work)


def _visit(
    parsed: ParsedImport,
    chk: Checker,
    child: str,
    when: date | None,
    kind: str,
    work: dict[str, str | None],
) -> None:
    if when:
        parsed.add("visits", {"child": child, "visit_date": when, "visit_kind": kind, **work})


def _care_row(parsed, chk, child, cells, headers, day, code, work) -> None:
    what = "the looked-after episode"
    start = day("period_start", True, what)
    placed = day("place_start", what=what) if "place_start" in headers else None
    ceased = day("dec", what=what)
    if not start or chk.fatal:
        return
    if placed and placed < start:
        chk.report(
            headers["place_start"],
            "is before the date the child started to be looked after; the field was left empty",
        )
        placed = None
    latest = placed or start
    if not chk.order(
        headers["place_start"] if placed else headers["period_start"],
        latest,
        headers["dec"],
        ceased,
        what=what,
    ):
        return
    rec = code("rec", REC) if ceased else None
    legal = code("ls", LEGAL_STATUS)
    if placed and placed > start:
        parsed.add(
            "cla_episodes",
            {"child": child, "decom": start, "rne": "S", "ls": legal, "dec": placed, "rec": "X1"},
        )
    parsed.add(
        "cla_episodes",
        {
            "child": child,
            "decom": latest,
            "rne": "P" if latest > start else "S",
            "ls": legal,
            "place": code("place", PLACE),
            "place_provider": code("place_provider", PROVIDER),
            "dec": ceased,
            "rec": rec,
        },
    )
    _visit(parsed, chk, child, day("last_visit"), "cla", work)
    _allocation(parsed, child, start, ceased, work)


def _allocation(
    parsed: ParsedImport, child: str, start: date, end: date | None, work: dict[str, str | None]
) -> None:
    """Lists 6-8 name the worker holding the child: an allocation over the plan or period."""
    if work.get("worker"):
        parsed.add(
            "allocations",
            {
                "child": child,
                "worker": work["worker"],
                "team": work.get("team"),
                "alloc_start": start,
                "alloc_end": end,
            },
        )
