"""SSDA903 (children looked after) return: a directory of CSV tables, dates DD/MM/YYYY."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from scrutiny.casedata.importers.common import (
    ETHNICITY,
    Checker,
    ParsedImport,
    file_sha256,
)

DMY = ["%d/%m/%Y"]
SEX = {"1", "2"}
RNE = {"S", "L", "P", "T", "U", "B"}
LEGAL_STATUS = {"C1", "C2", "D1", "E1", "J1", "J2", "J3", "L1", "L2", "L3", "V2", "V3", "V4"}
CIN_CODES = {f"N{i}" for i in range(1, 9)}
PLACE = {
    "A3",
    "A4",
    "A5",
    "A6",
    "H5",
    "K1",
    "K2",
    "P1",
    "P2",
    "P3",
    "R1",
    "R2",
    "R3",
    "R5",
    "S1",
    "T0",
    "T1",
    "T2",
    "T3",
    "T4",
    "U1",
    "U2",
    "U3",
    "U4",
    "U5",
    "U6",
    "Z1",
}
PROVIDER = {"PR0", "PR1", "PR2", "PR3", "PR4", "PR5"}
REC = {
    "E11",
    "E12",
    "E13",
    "E14",
    "E15",
    "E16",
    "E17",
    "E2",
    "E3",
    "E41",
    "E43",
    "E44",
    "E45",
    "E46",
    "E47",
    "E48",
    "E4A",
    "E4B",
    "E5",
    "E6",
    "E7",
    "E8",
    "E9",
    "X1",
}
REASON_PLACE_CHANGE = {
    "CARPL",
    "CLOSE",
    "ALLEG",
    "STAND",
    "APPRR",
    "CREQB",
    "CREQO",
    "CHILD",
    "LAREQ",
    "PLACE",
    "CUSTOD",
    "OTHER",
}
REVIEW_CODES = {f"PN{i}" for i in range(8)}
MISSING = {"M", "A"}

# file -> columns that must be present
REQUIRED_COLUMNS = {
    "header.csv": ["CHILD", "SEX", "DOB", "ETHNIC", "UPN"],
    "episodes.csv": [
        "CHILD",
        "DECOM",
        "RNE",
        "LS",
        "CIN",
        "PLACE",
        "PLACE_PROVIDER",
        "DEC",
        "REC",
        "REASON_PLACE_CHANGE",
    ],
    "reviews.csv": ["CHILD", "REVIEW", "REVIEW_CODE"],
    "missing.csv": ["CHILD", "MISSING", "MIS_START", "MIS_END"],
    "uasc.csv": ["CHILD", "DUC"],
    "sw_episodes.csv": ["CHILD", "SW_ID", "SW_DECOM", "SW_DEC"],
}
# Tables of the return that no indicator uses (accepted, not stored).
NOT_USED = {"oc2.csv", "oc3.csv", "ad1.csv", "placed_for_adoption.csv", "previous_permanence.csv"}


def _rows(parsed: ParsedImport, path: Path) -> Iterator[tuple[int, dict[str, str]]] | None:
    """Rows with their line numbers (the header is line 1), or None if unreadable.

    A table that cannot be read at all rejects the whole import: a run that silently left
    out a table would look complete.
    """
    name = path.name

    def unreadable(row: int | None, field: str, reason: str) -> None:
        parsed.problem(name, row, field, f"{reason}; nothing was imported")
        parsed.rejected = True

    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        unreadable(None, "", f"the file is not UTF-8 text ({exc.reason})")
        return None
    reader = csv.reader(text.splitlines())
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        unreadable(1, "", "the file is empty")
        return None
    except csv.Error as exc:
        unreadable(1, "", f"the header row is not valid CSV ({exc})")
        return None
    missing = [c for c in REQUIRED_COLUMNS[name] if c not in header]
    if missing:
        for column in missing:
            unreadable(1, column, "the column is missing")
        return None

    def generate() -> Iterator[tuple[int, dict[str, str]]]:
        line = 1
        while True:
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                line += 1
                parsed.problem(name, line, "", f"the row is not valid CSV ({exc}); row skipped")
                continue
            line += 1
            if not any(v.strip() for v in values):
                continue
            if len(values) != len(header):
                parsed.problem(
                    name,
                    line,
                    "",
                    f"the row has {len(values)} fields where the "
                    f"header has {len(header)}; row skipped",
                )
                continue
            yield line, dict(zip(header, values, strict=True))

    return generate()


def parse_ssda903(directory: Path, la: str | None = None) -> ParsedImport:
    parsed = ParsedImport(
        kind="ssda903",
        la=la or "local",
        table_files={
            "children": "header.csv",
            "cla_episodes": "episodes.csv",
            "reviews": "reviews.csv",
            "missing_episodes": "missing.csv",
            "allocations": "sw_episodes.csv",
        },
    )
    if not directory.is_dir():
        parsed.problem(
            str(directory),
            None,
            "",
            "is not a directory of SSDA903 CSV files; nothing was imported",
        )
        parsed.rejected = True
        return parsed
    present = {p.name: p for p in sorted(directory.glob("*.csv"))}
    known = [n for n in REQUIRED_COLUMNS if n in present]
    if not known:
        parsed.problem(
            directory.name,
            None,
            "",
            "holds none of header.csv, episodes.csv, "
            "reviews.csv, missing.csv, uasc.csv, sw_episodes.csv; nothing was "
            "imported",
        )
        parsed.rejected = True
        return parsed
    for name in known:
        parsed.files.append((name, file_sha256(present[name])))

    header_children: dict[str, dict] = {}
    if "header.csv" in present:
        rows = _rows(parsed, present["header.csv"])
        for line, row in rows or []:
            chk = Checker(parsed, "header.csv", line)
            child = chk.text("CHILD", row["CHILD"], required=True)
            if child is None:
                continue
            record = {
                "child": child,
                "sex": chk.code("SEX", row["SEX"], SEX),
                "dob": chk.date("DOB", row["DOB"], DMY),
                "ethnicity": chk.code("ETHNIC", row["ETHNIC"], ETHNICITY),
                "upn": chk.text("UPN", row["UPN"]),
                "uasc": False,
            }
            header_children[child] = record
            parsed.add("children", record)

    if "uasc.csv" in present:
        for line, row in _rows(parsed, present["uasc.csv"]) or []:
            chk = Checker(parsed, "uasc.csv", line)
            child = chk.text("CHILD", row["CHILD"], required=True)
            if child is None:
                continue
            if child in header_children:
                header_children[child]["uasc"] = True
            else:
                chk.report("CHILD", "is not in header.csv; the UASC flag was not recorded")

    if "episodes.csv" in present:
        for line, row in _rows(parsed, present["episodes.csv"]) or []:
            chk = Checker(parsed, "episodes.csv", line)
            what = "the episode"
            child = chk.text("CHILD", row["CHILD"], required=True)
            decom = chk.date("DECOM", row["DECOM"], DMY, required=True, what=what)
            dec = chk.date("DEC", row["DEC"], DMY, required=bool(row["DEC"].strip()), what=what)
            if chk.fatal or not chk.order("DECOM", decom, "DEC", dec, what=what):
                continue
            rec = chk.code("REC", row["REC"], REC)
            if dec and not rec:
                chk.report("REC", "is missing although DEC is given")
            if rec and not dec:
                chk.report("REC", "is given but DEC is empty; the field was left empty")
                rec = None
            if header_children and child not in header_children:
                chk.report("CHILD", "is not in header.csv (the episode was kept)")
            parsed.add(
                "cla_episodes",
                {
                    "child": child,
                    "decom": decom,
                    "rne": chk.code("RNE", row["RNE"], RNE),
                    "ls": chk.code("LS", row["LS"], LEGAL_STATUS),
                    "cin": chk.code("CIN", row["CIN"], CIN_CODES),
                    "place": chk.code("PLACE", row["PLACE"], PLACE),
                    "place_provider": chk.code("PLACE_PROVIDER", row["PLACE_PROVIDER"], PROVIDER),
                    "dec": dec,
                    "rec": rec,
                    "reason_place_change": chk.code(
                        "REASON_PLACE_CHANGE", row["REASON_PLACE_CHANGE"], REASON_PLACE_CHANGE
                    ),
                },
            )

    if "reviews.csv" in present:
        for line, row in _rows(parsed, present["reviews.csv"]) or []:
            chk = Checker(parsed, "reviews.csv", line)
            child = chk.text("CHILD", row["CHILD"], required=True)
            review = chk.date("REVIEW", row["REVIEW"], DMY, required=True, what="the review")
            if chk.fatal:
                continue
            parsed.add(
                "reviews",
                {
                    "child": child,
                    "review_date": review,
                    "review_code": chk.code("REVIEW_CODE", row["REVIEW_CODE"], REVIEW_CODES),
                },
            )

    if "missing.csv" in present:
        for line, row in _rows(parsed, present["missing.csv"]) or []:
            chk = Checker(parsed, "missing.csv", line)
            what = "the missing episode"
            child = chk.text("CHILD", row["CHILD"], required=True)
            start = chk.date("MIS_START", row["MIS_START"], DMY, required=True, what=what)
            end = chk.date(
                "MIS_END", row["MIS_END"], DMY, required=bool(row["MIS_END"].strip()), what=what
            )
            if chk.fatal or not chk.order("MIS_START", start, "MIS_END", end, what=what):
                continue
            parsed.add(
                "missing_episodes",
                {
                    "child": child,
                    "missing_type": chk.code("MISSING", row["MISSING"], MISSING),
                    "mis_start": start,
                    "mis_end": end,
                },
            )

    if "sw_episodes.csv" in present:
        for line, row in _rows(parsed, present["sw_episodes.csv"]) or []:
            chk = Checker(parsed, "sw_episodes.csv", line)
            what = "the social worker episode"
            child = chk.text("CHILD", row["CHILD"], required=True)
            worker = chk.text("SW_ID", row["SW_ID"], required=True)
            start = chk.date("SW_DECOM", row["SW_DECOM"], DMY, required=True, what=what)
            end = chk.date(
                "SW_DEC", row["SW_DEC"], DMY, required=bool(row["SW_DEC"].strip()), what=what
            )
            if chk.fatal or not chk.order("SW_DECOM", start, "SW_DEC", end, what=what):
                continue
            parsed.add(
                "allocations",
                {"child": child, "worker": worker, "alloc_start": start, "alloc_end": end},
            )
    return parsed
