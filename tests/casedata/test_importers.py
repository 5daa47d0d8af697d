"""Importers: the third-party samples, malformed inputs, idempotence and atomicity."""

from __future__ import annotations

import csv
import io
import re
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
from defusedxml import ElementTree
from django.core.management import CommandError, call_command

from scrutiny.casedata import store as store_module
from scrutiny.casedata.engine import compute_indicators
from scrutiny.casedata.models import ImportProblem, ImportRun, ImportStatus
from scrutiny.casedata.store import open_store
from scrutiny.core.models import AuditEvent

from .annex_a_fixture import sample_rows, write_workbook

THIRD_PARTY = Path("/work/shared/thirdparty")
CIN_FAKE = THIRD_PARTY / "cin-census-fake" / "fake_CIN_data.xml"
SSDA903_FAKE = THIRD_PARTY / "ssda903-fake"
needs_samples = pytest.mark.skipif(not CIN_FAKE.exists(), reason="third-party samples absent")

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("SCRUTINY_DATA_DIR", str(tmp_path / "var"))
    return tmp_path / "var"


def run_import(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import", *args, "--no-progress", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def store_counts() -> dict[str, int]:
    with open_store() as st:
        return st.counts()


def problems_csv(err: str) -> list[dict[str, str]]:
    lines = [line for line in err.splitlines() if line]
    start = lines.index("file,row,field,reason")
    return list(csv.DictReader(lines[start:]))


# ------------------------------------------------------------------ CIN census


@needs_samples
def test_cin_sample_imports_with_problems_and_indicators():
    out, err = run_import("cin", str(CIN_FAKE))
    run = ImportRun.objects.get()
    assert run.status == ImportStatus.COMPLETED and run.la == "975"
    problems = problems_csv(err)
    assert len(problems) == run.problem_count == ImportProblem.objects.count() > 0
    assert all(
        p["file"] == "fake_CIN_data.xml" and p["row"].isdigit() and p["field"] for p in problems
    )
    assert AuditEvent.objects.filter(
        action="casedata.records_import", target_id=str(run.pk)
    ).exists()

    # Independent count straight from the XML: referrals dated in the year to 31 March
    # 2022 and not after the census reference date.
    root = ElementTree.parse(CIN_FAKE).getroot()
    dates = [date.fromisoformat(e.text) for e in root.iter("CINreferralDate")]
    expected = sum(date(2021, 3, 31) < d <= date(2022, 3, 31) for d in dates)
    results = {r.code: r for r in compute_indicators(date(2022, 3, 31), la="975")}
    assert results["referrals"].value == expected > 0
    nfa = results["referrals_nfa_pct"]
    assert nfa.denominator == expected and nfa.value is not None


def test_cin_direct_conference_date_and_bad_records(tmp_path):
    xml = tmp_path / "cin.xml"
    xml.write_text("""<Message><Header><CollectionDetails><ReferenceDate>2024-03-31</ReferenceDate>
</CollectionDetails><Source><LEA>999</LEA></Source></Header><Children>
<Child><ChildIdentifiers><LAchildID>X1</LAchildID><PersonBirthDate>2015-01-01</PersonBirthDate>
<GenderCurrent>1</GenderCurrent></ChildIdentifiers><ChildCharacteristics><Ethnicity>WBRI</Ethnicity>
</ChildCharacteristics><CINdetails><CINreferralDate>2024-01-02</CINreferralDate>
<ReferralSource>1A</ReferralSource><PrimaryNeedCode>N1</PrimaryNeedCode>
<DateOfInitialCPC>2024-01-20</DateOfInitialCPC><ReferralNFA>false</ReferralNFA>
<Assessments><AssessmentActualStartDate>2024-01-02</AssessmentActualStartDate>
<AssessmentAuthorisationDate>2024-03-05</AssessmentAuthorisationDate></Assessments>
<Assessments><AssessmentActualStartDate>2024-02-02</AssessmentActualStartDate>
<AssessmentAuthorisationDate>2024-01-05</AssessmentAuthorisationDate></Assessments>
<ChildProtectionPlans><CPPstartDate>2024-01-20</CPPstartDate><NumberOfPreviousCPP>1</NumberOfPreviousCPP>
</ChildProtectionPlans></CINdetails></Child>
<Child><ChildIdentifiers><UPN>A1</UPN></ChildIdentifiers></Child>
</Children></Message>""")
    out, err = run_import("cin", str(xml))
    problems = problems_csv(err)
    fields = {(p["field"], p["row"]) for p in problems}
    assert ("AssessmentAuthorisationDate", "10") in fields  # before its start: skipped
    assert any(p["field"] == "LAchildID" for p in problems)  # child without an id
    results = {r.code: r for r in compute_indicators(date(2024, 3, 31))}
    assert results["assessments_45wd_pct"].value == 100.0  # the valid assessment only
    assert results["cpp_second_or_subsequent_pct"].value == 100.0
    with open_store() as st:
        rows = st.con.execute("SELECT s47_start, icpc_date FROM s47_enquiries").fetchall()
    assert rows == [(None, date(2024, 1, 20))]


def test_malformed_xml_is_rejected_and_nothing_is_written(tmp_path):
    bad = tmp_path / "broken.xml"
    bad.write_text("<Message><Header></Header><Children><Child></Children></Message>")
    with pytest.raises(CommandError, match="rejected"):
        run_import("cin", str(bad))
    run = ImportRun.objects.get()
    assert run.status == ImportStatus.REJECTED
    problem = run.problems.get()
    assert problem.file == "broken.xml" and problem.row == 1
    assert sum(store_counts().values()) == 0


def test_xml_entity_expansion_is_refused(tmp_path):
    bomb = tmp_path / "bomb.xml"
    bomb.write_text('<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaa">]><Message>&a;</Message>')
    with pytest.raises(CommandError):
        run_import("cin", str(bomb))
    assert ImportRun.objects.get().status == ImportStatus.REJECTED


# ------------------------------------------------------------------ SSDA903


@needs_samples
def test_ssda903_sample_imports_and_cla_matches_a_direct_count():
    out, err = run_import("ssda903", str(SSDA903_FAKE))
    run = ImportRun.objects.get()
    assert run.rows_written["cla_episodes"] > 4000
    problems = problems_csv(err)
    # Every problem names its row, except the count of repeated records in a table.
    assert problems and all(p["row"].isdigit() or "repeat" in p["reason"] for p in problems)
    assert {
        "file": "reviews.csv",
        "row": "",
        "field": "reviews",
        "reason": "14 record(s) repeat an earlier one with the same child and review_date; "
        "each was stored once (the last given)",
    } in problems
    # Reviews dated 2027 to 2030 in a 2018 return are keying errors.
    assert sum("not a plausible date" in p["reason"] for p in problems) == 35
    assert {p["file"] for p in problems} <= {
        "episodes.csv",
        "header.csv",
        "reviews.csv",
        "missing.csv",
        "uasc.csv",
        "sw_episodes.csv",
    }
    # Children's identifiers never appear in a problem reason.
    with (SSDA903_FAKE / "header.csv").open() as handle:
        ids = {row["CHILD"] for row in csv.DictReader(handle)}
    quoted = {n for p in problems for n in re.findall(r"\d{4,}", p["reason"])}
    assert ids and not quoted & ids

    # Looked after at 31 March 2018 by the DfE definition: an open episode whose (latest
    # open) legal status is not a short break (V3, V4). The held-out count: 1,201
    # (1,419 with short breaks).
    as_at = date(2018, 3, 31)
    with (SSDA903_FAKE / "episodes.csv").open() as handle:
        current: dict[str, tuple[date, str]] = {}
        for row in csv.DictReader(handle):
            start = datetime.strptime(row["DECOM"], "%d/%m/%Y").date()
            end = datetime.strptime(row["DEC"], "%d/%m/%Y").date() if row["DEC"] else None
            is_open = start <= as_at and (end is None or end > as_at)
            if is_open and (row["CHILD"] not in current or current[row["CHILD"]][0] < start):
                current[row["CHILD"]] = (start, row["LS"])
    looked_after = {child for child, (_start, ls) in current.items() if ls not in {"V3", "V4"}}
    assert (len(current), len(looked_after)) == (1419, 1201)
    results = {r.code: r for r in compute_indicators(as_at)}
    assert results["cla_at_date"].value == len(looked_after)
    stability = results["cla_3plus_placements_pct"]
    assert 0 < stability.denominator <= len(looked_after)


@needs_samples
def test_reimport_changes_nothing(tmp_path):
    run_import("ssda903", str(SSDA903_FAKE))
    before = store_counts()
    out, _ = run_import("ssda903", str(SSDA903_FAKE))
    assert "nothing changed" in out
    assert ImportRun.objects.count() == 1
    assert store_counts() == before
    # The same records under other file names replace themselves by natural key.
    copy = tmp_path / "copy"
    shutil.copytree(SSDA903_FAKE, copy)
    (copy / "reviews.csv").write_text((SSDA903_FAKE / "reviews.csv").read_text() + "\n")
    run_import("ssda903", str(copy))
    assert ImportRun.objects.count() == 2
    assert store_counts() == before


def test_malformed_csv_reports_rows_and_columns(tmp_path):
    folder = tmp_path / "903"
    folder.mkdir()
    (folder / "header.csv").write_text(
        "CHILD,SEX,DOB,ETHNIC,UPN\n1,1,01/01/2010,WBRI,\n2,3,2010-01-01,ZZZZ\n,1,01/01/2010,WBRI,\n"
    )
    (folder / "episodes.csv").write_text("CHILD,DECOM,RNE\n1,01/01/2020,S\n")
    (folder / "missing.csv").write_bytes(b"CHILD,MISSING,MIS_START,MIS_END\n1,M,\xff\xfe,\n")
    with pytest.raises(CommandError, match="rejected"):
        run_import("ssda903", str(folder))
    problems = {(p.file, p.row, p.field) for p in ImportProblem.objects.all()}
    assert ("header.csv", 3, "") in problems  # four fields for five columns
    assert ("header.csv", 4, "CHILD") in problems
    # A table with a missing column, or one that is not UTF-8, rejects the whole import: a
    # run that left out a table would look complete.
    assert ("episodes.csv", 1, "LS") in problems
    assert ("missing.csv", None, "") in problems
    assert ImportRun.objects.get().status == ImportStatus.REJECTED
    assert sum(store_counts().values()) == 0
    # Without the broken tables the rest imports, the bad rows reported.
    (folder / "episodes.csv").unlink()
    (folder / "missing.csv").unlink()
    run_import("ssda903", str(folder))
    assert store_counts()["children"] == 1


def test_import_is_atomic_when_the_store_write_fails(tmp_path, monkeypatch):
    folder = tmp_path / "903"
    folder.mkdir()
    (folder / "header.csv").write_text("CHILD,SEX,DOB,ETHNIC,UPN\n1,1,01/01/2010,WBRI,\n")
    (folder / "episodes.csv").write_text(
        "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE\n"
        "1,01/01/2020,S,C2,N1,U4,PR1,,,\n"
    )
    real = store_module.replace_rows
    calls = []

    def failing(con, table, relation):
        calls.append(table)
        if len(calls) == 2:
            raise OSError("disk full")
        return real(con, table, relation)

    monkeypatch.setattr("scrutiny.casedata.importers.common.replace_rows", failing)
    with pytest.raises(OSError):
        run_import("ssda903", str(folder))
    assert calls[0] == "children"
    assert ImportRun.objects.count() == 0 and AuditEvent.objects.count() == 0
    assert sum(store_counts().values()) == 0
    monkeypatch.setattr("scrutiny.casedata.importers.common.replace_rows", real)
    run_import("ssda903", str(folder))
    assert store_counts()["cla_episodes"] == 1


def test_missing_path_and_unknown_directory(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        run_import("cin", str(tmp_path / "nope.xml"))
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(CommandError, match="rejected"):
        run_import("ssda903", str(empty))


# ------------------------------------------------------------------ Annex A


def test_annex_a_workbook_imports_lists_1_to_8(tmp_path):
    book = write_workbook(tmp_path / "annex_a.xlsx", sample_rows())
    out, err = run_import("annex-a", str(book), "--la", "852")
    problems = problems_csv(err)
    found = {(p["file"], p["row"], p["field"]) for p in problems}
    assert ("annex_a.xlsx [List 1 - Contacts]", "6", "Date of Contact") in found
    assert ("annex_a.xlsx [List 3 - Referrals]", "7", "Child Unique ID") in found
    assert ("annex_a.xlsx [List 3 - Referrals]", "6", "Ethnicity") in found  # ZZZZ
    assert ("annex_a.xlsx [List 4 - Assessments]", "5", "Assessment Authorisation Date") in found
    assert ("annex_a.xlsx [List 8 - Children in care]", "5", "Placement Type") in found
    counts = store_counts()
    assert counts["contacts"] == 2 and counts["referrals"] == 3 and counts["assessments"] == 1
    assert counts["cla_episodes"] == 3  # A5 gets a period-start episode and its placement
    results = {r.code: r for r in compute_indicators(date(2024, 3, 31), la="852")}
    assert results["re_referrals_12m_pct"].value == 50.0  # A1 again within 12 months
    assert results["assessments_45wd_pct"].teams == [("Family Help West 1 - CA", 1, 1)]
    assert results["cla_at_date"].value == 1  # A6 is on short breaks: not counted
    assert results["cla_3plus_placements_pct"].denominator == 1
    assert results["cla_placed_ifa"].value == 1
    with open_store() as st:
        dob = st.con.execute("SELECT dob FROM children WHERE child = 'A1'").fetchall()
    assert dob == [(date(2015, 3, 1),)]  # merged from list 1 although list 3 has none


def test_annex_a_broken_workbook_and_missing_columns(tmp_path):
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip file")
    with pytest.raises(CommandError, match="rejected"):
        run_import("annex-a", str(broken))
    assert "not a readable XLSX" in ImportRun.objects.get().problems.get().reason

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "List 3"
    sheet.append(["Child Unique ID", "Gender"])
    sheet.append(["B1", "Male"])
    path = tmp_path / "cols.xlsx"
    book.save(path)
    with pytest.raises(CommandError, match="rejected"):
        run_import("annex-a", str(path))
    assert ("cols.xlsx [List 3]", 1, "Date of Referral") in {
        (p.file, p.row, p.field) for p in ImportProblem.objects.all()
    }
    assert store_counts()["referrals"] == 0


# ------------------------------------------------------------------ population


def test_population_import_feeds_rates(tmp_path):
    pop = tmp_path / "pop.csv"
    pop.write_text("la,year,population\n852,2023,49000\n852,20x3,1\n")
    _, err = run_import("population", str(pop))
    assert ("pop.csv", "3", "year") in {
        (p["file"], p["row"], p["field"]) for p in problems_csv(err)
    }
    with open_store() as st:
        st.con.execute(
            "INSERT INTO cla_episodes (la, child, decom, rne) VALUES "
            "('852', 'c', DATE '2024-01-01', 'S')"
        )
    (result,) = compute_indicators(date(2024, 3, 31), ["cla_rate"], la="852")
    assert result.denominator == 49000 and result.value == 0.2


def test_a_child_key_clash_rolls_the_write_back(tmp_path, monkeypatch):
    folder = tmp_path / "903"
    folder.mkdir()
    (folder / "header.csv").write_text("CHILD,SEX,DOB,ETHNIC,UPN\n1,1,01/01/2010,WBRI,\n")

    def clash(con):
        raise store_module.ChildKeyCollision("1 pair(s) of children would share a key")

    monkeypatch.setattr("scrutiny.casedata.importers.common.check_child_keys", clash)
    with pytest.raises(store_module.ChildKeyCollision):
        run_import("ssda903", str(folder))
    assert ImportRun.objects.count() == 0
    assert sum(store_counts().values()) == 0
    with open_store() as st:  # the real check passes on distinct children
        st.con.execute("INSERT INTO children (la, child) VALUES ('A', '1'), ('A', '2')")
        store_module.check_child_keys(st.con)


# ------------------------------------------------------------------ hardening


def _rezip(path: Path, change) -> None:
    import zipfile

    with zipfile.ZipFile(path) as source:
        members = {i.filename: source.read(i) for i in source.infolist()}
    change(members)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in members.items():
            target.writestr(name, content)


def _sheet_member(members: dict[str, bytes], number: int) -> str:
    """The worksheet part of list N in the fixture (its sheets are in list order)."""
    return f"xl/worksheets/sheet{number}.xml"


def test_annex_a_rows_beyond_a_stale_dimension_are_read(tmp_path):
    book = write_workbook(tmp_path / "annex_a.xlsx", sample_rows())

    def stale(members):
        part = _sheet_member(members, 1)
        members[part] = re.sub(
            rb'<dimension ref="[^"]+" ?/>', b'<dimension ref="A1:B2"/>', members[part]
        )
        assert b'<dimension ref="A1:B2"/>' in members[part]

    _rezip(book, stale)
    run_import("annex-a", str(book), "--la", "852")
    assert store_counts()["contacts"] == 2  # as many as without the stale tag


def test_annex_a_corrupt_sheet_missing_list_and_bomb_are_reported(tmp_path):
    book = write_workbook(tmp_path / "annex_a.xlsx", sample_rows())

    def corrupt(members):
        part = _sheet_member(members, 3)
        members[part] = members[part][: len(members[part]) // 2]

    _rezip(book, corrupt)
    with pytest.raises(CommandError, match="rejected"):
        run_import("annex-a", str(book), "--la", "852")
    problem = ImportProblem.objects.get(file="annex_a.xlsx [List 3 - Referrals]")
    assert "the sheet cannot be read" in problem.reason and "nothing was imported" in problem.reason
    assert sum(store_counts().values()) == 0

    rows = sample_rows()
    del rows[7]
    renamed = write_workbook(tmp_path / "renamed.xlsx", rows)
    run_import("annex-a", str(renamed), "--la", "852")
    missing = ImportProblem.objects.get(run__source_name="renamed.xlsx", field="List 7")
    assert "no sheet for list 7" in missing.reason

    bomb = write_workbook(tmp_path / "bomb.xlsx", sample_rows())
    _rezip(bomb, lambda members: members.update({"xl/media/zeros.bin": b"\0" * (300 << 20)}))
    with pytest.raises(CommandError, match="rejected"):
        run_import("annex-a", str(bomb), "--la", "852")
    assert "expands to" in ImportProblem.objects.get(run__source_name="bomb.xlsx").reason


CIN_MINIMAL = """<?xml version="1.0" encoding="{encoding}"?>
<Message>{header}
  <Children><Child>
    <ChildIdentifiers><LAchildID>C1</LAchildID><PersonBirthDate>{dob}</PersonBirthDate>
    </ChildIdentifiers>
    <CINdetails><CINreferralDate>2023-06-01</CINreferralDate></CINdetails>
  </Child></Children>
</Message>
"""
CIN_HEADER = """
  <Header><CollectionDetails><ReferenceDate>2024-03-31</ReferenceDate></CollectionDetails>
    <Source><LEA>{lea}</LEA></Source></Header>"""


def _cin(tmp_path, name="cin.xml", encoding="utf-8", lea="852", header=True, dob="2015-01-01"):
    path = tmp_path / name
    head = CIN_HEADER.format(lea=lea) if header else ""
    path.write_text(CIN_MINIMAL.format(encoding=encoding, header=head, dob=dob))
    return path


def test_cin_without_header_unknown_encoding_long_la_and_implausible_dates(tmp_path):
    with pytest.raises(CommandError, match="rejected"):
        run_import("cin", str(_cin(tmp_path, "no_header.xml", header=False)))
    assert "no Header" in ImportProblem.objects.get(run__source_name="no_header.xml").reason
    # Given the LA, the file imports (and the missing header is still said).
    run_import("cin", str(_cin(tmp_path, "no_header.xml", header=False)), "--la", "852")
    assert ImportRun.objects.filter(la="852", status=ImportStatus.COMPLETED).count() == 1

    with pytest.raises(CommandError, match="rejected"):
        run_import("cin", str(_cin(tmp_path, "enc.xml", encoding="x-unknown-42")))
    assert "not readable XML" in ImportProblem.objects.get(run__source_name="enc.xml").reason

    with pytest.raises(CommandError, match="rejected"):
        run_import("cin", str(_cin(tmp_path, "la.xml", lea="9" * 25)))
    assert (
        "longer than 20 characters" in ImportProblem.objects.get(run__source_name="la.xml").reason
    )

    _out, err = run_import("cin", str(_cin(tmp_path, "dob.xml", dob="2030-01-01")))
    (problem,) = [p for p in problems_csv(err) if p["field"] == "PersonBirthDate"]
    assert problem["row"].isdigit() and "not a plausible date" in problem["reason"]
    assert "2030" not in problem["reason"]  # a date of birth is never quoted


def test_ssda903_implausible_episode_dates_and_repeated_rows(tmp_path):
    folder = tmp_path / "903"
    folder.mkdir()
    (folder / "header.csv").write_text(
        "CHILD,SEX,DOB,ETHNIC,UPN\n1,1,01/01/2010,WBRI,\n1,1,01/01/2010,WBRI,\n2,1,01/01/2011,WBRI,\n"
    )
    (folder / "episodes.csv").write_text(
        "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE\n"
        "1,01/01/0001,S,C2,N1,U4,PR1,,,\n2,01/01/2090,S,C2,N1,U4,PR1,,,\n2,01/01/2020,S,C2,N1,U4,PR1,,,\n"
    )
    _out, err = run_import("ssda903", str(folder))
    found = {(p["file"], p["row"], p["field"]) for p in problems_csv(err)}
    assert {("episodes.csv", "2", "DECOM"), ("episodes.csv", "3", "DECOM")} <= found
    assert ("header.csv", "", "children") in found  # child 1 given twice
    run = ImportRun.objects.get()
    assert run.rows_written["children"] == 2 == store_counts()["children"]
    assert run.rows_written["cla_episodes"] == 1 == store_counts()["cla_episodes"]


def test_a_second_import_while_the_store_is_held_says_try_again(tmp_path, data_dir, monkeypatch):
    import duckdb

    folder = tmp_path / "903"
    folder.mkdir()
    (folder / "header.csv").write_text("CHILD,SEX,DOB,ETHNIC,UPN\n1,1,01/01/2010,WBRI,\n")

    def held(path=None, **kwargs):
        raise duckdb.IOException('IO Error: Could not set lock on file "casedata.duckdb"')

    monkeypatch.setattr("scrutiny.casedata.store.open_store", held)
    with pytest.raises(CommandError, match="Another import is running, try again"):
        run_import("ssda903", str(folder))
    assert ImportRun.objects.count() == 0 and AuditEvent.objects.count() == 0
    monkeypatch.undo()
    monkeypatch.setenv("SCRUTINY_DATA_DIR", str(data_dir))
    monkeypatch.setattr("scrutiny.casedata.services.STORE_WAIT_SECONDS", 0.3)
    from scrutiny.casedata.store import import_lock

    busy = pytest.raises(CommandError, match="Another import is running, try again")
    with import_lock(), busy:  # another import holds the lock
        run_import("ssda903", str(folder))
    run_import("ssda903", str(folder))
    assert store_counts()["children"] == 1
