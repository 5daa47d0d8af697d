"""Seeded fuzzing of every child-level importer: no traceback, no partial write.

Each round mutates a small valid input (truncation, byte noise, duplicated or dropped
lines, hostile field values such as huge numbers, 131,072-character fields, dates in 0001
or 2090, an unknown XML encoding, a missing CIN header, workbooks with corrupt sheet XML,
a stale <dimension>, a renamed sheet or a decompression bomb) and imports it. The import
must end as a completed or rejected run whose problems name the file (and the row and
field where there is one), and the store must hold either every record of a completed
run or nothing new.
"""

from __future__ import annotations

import io
import random
import re
import time
import zipfile

import pytest

from scrutiny.casedata.models import ImportRun, ImportStatus
from scrutiny.casedata.services import records_import
from scrutiny.casedata.store import open_store

from .annex_a_fixture import sample_rows, write_workbook

pytestmark = pytest.mark.django_db

# A few hundred mutations, stopped early if a slow machine takes longer than the budget.
ROUNDS = 200
TIME_BUDGET_SECONDS = 50

CIN_XML = """<?xml version="1.0" encoding="utf-8"?>
<Message>
  <Header>
    <CollectionDetails><Collection>CIN</Collection><Year>2024</Year>
      <ReferenceDate>2024-03-31</ReferenceDate></CollectionDetails>
    <Source><SourceLevel>L</SourceLevel><LEA>852</LEA></Source>
  </Header>
  <Children>
    <Child>
      <ChildIdentifiers><LAchildID>C1</LAchildID><PersonBirthDate>2015-05-01</PersonBirthDate>
        <GenderCurrent>1</GenderCurrent></ChildIdentifiers>
      <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
      <CINdetails>
        <CINreferralDate>2023-06-01</CINreferralDate><ReferralSource>1A</ReferralSource>
        <PrimaryNeedCode>N1</PrimaryNeedCode><ReferralNFA>false</ReferralNFA>
        <Assessments><AssessmentActualStartDate>2023-06-02</AssessmentActualStartDate>
          <AssessmentAuthorisationDate>2023-07-20</AssessmentAuthorisationDate></Assessments>
        <Section47><S47ActualStartDate>2023-06-05</S47ActualStartDate>
          <DateOfInitialCPC>2023-06-20</DateOfInitialCPC></Section47>
        <ChildProtectionPlans><CPPstartDate>2023-06-20</CPPstartDate>
          <CPPendDate>2024-01-10</CPPendDate><InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse>
          <NumberOfPreviousCPP>0</NumberOfPreviousCPP></ChildProtectionPlans>
      </CINdetails>
    </Child>
    <Child>
      <ChildIdentifiers><LAchildID>C2</LAchildID><PersonBirthDate>2012-01-09</PersonBirthDate>
        <GenderCurrent>2</GenderCurrent></ChildIdentifiers>
      <CINdetails>
        <CINreferralDate>2023-09-14</CINreferralDate><ReferralSource>5A</ReferralSource>
        <PrimaryNeedCode>N2</PrimaryNeedCode><ReferralNFA>true</ReferralNFA>
      </CINdetails>
    </Child>
  </Children>
</Message>
"""

SSDA903 = {
    "header.csv": "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"
    "101,1,01/02/2012,WBRI,A123,,\n102,2,15/08/2009,MWBC,,,\n",
    "episodes.csv": "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,"
    "HOME_POST,PL_POST,URN\n"
    "101,01/04/2023,S,C2,N1,U4,PR1,01/09/2023,X1,,,,\n"
    "101,01/09/2023,P,C2,N1,K2,PR4,,,CARPL,,,\n"
    "102,10/10/2022,S,V3,N1,U1,PR1,,,,,,\n",
    "reviews.csv": "CHILD,DOB,REVIEW,REVIEW_CODE\n101,01/02/2012,20/05/2023,PN1\n",
    "missing.csv": "CHILD,DOB,MISSING,MIS_START,MIS_END\n101,01/02/2012,M,03/03/2024,04/03/2024\n",
}

POPULATION = "la,year,population\n852,2022,41000\n852,2023,42000\n"

HOSTILE = [
    "9" * 400,
    "x" * 131_073,
    "2030-01-01",
    "01/01/2030",
    "0001-01-01",
    "01/01/0001",
    "2090-05-05",
    "05/05/2090",
    "31/02/2020",
    "-1",
    "",
    "\x00",
    "1e309",
    "NaN",
    "L" * 25,
    '"',
    "ü\u202e",
]


def _mutate_text(rng: random.Random, text: str) -> str:
    choice = rng.randrange(6)
    if choice == 0:  # truncate
        return text[: rng.randrange(len(text))]
    if choice == 1:  # byte noise
        chars = list(text)
        for _ in range(rng.randint(1, 5)):
            chars.insert(rng.randrange(len(chars) + 1), chr(rng.randrange(1, 0x2FF)))
        return "".join(chars)
    lines = text.splitlines(keepends=True)
    if choice == 2 and lines:  # duplicate a line
        i = rng.randrange(len(lines))
        lines.insert(i, lines[i])
        return "".join(lines)
    if choice == 3 and lines:  # drop a line
        del lines[rng.randrange(len(lines))]
        return "".join(lines)
    # replace a value (a CSV field or an XML element's text) with a hostile one
    spots = [m.span(1) for m in re.finditer(r"(?:^|,|>)([^,<>\n]+)", text)]
    if not spots:
        return text
    start, end = rng.choice(spots)
    return text[:start] + rng.choice(HOSTILE) + text[end:]


def _mutate_xml(rng: random.Random, text: str) -> bytes:
    special = rng.randrange(8)
    if special == 0:
        return text.replace('encoding="utf-8"', 'encoding="x-unknown-42"').encode()
    if special == 1:
        return re.sub(r"<Header>.*?</Header>", "", text, flags=re.S).encode()
    if special == 2:
        return text.replace("<LEA>852</LEA>", f"<LEA>{'9' * 25}</LEA>").encode()
    return _mutate_text(rng, text).encode("utf-8", "surrogatepass")


_BOMBS: dict[bytes, bytes] = {}


def _bomb(data: bytes) -> bytes:
    if data not in _BOMBS:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            with zipfile.ZipFile(io.BytesIO(data)) as source:
                for info in source.infolist():
                    target.writestr(info.filename, source.read(info))
            target.writestr("xl/media/bomb.bin", b"\0" * (300 * 1024 * 1024))
        _BOMBS[data] = out.getvalue()
    return _BOMBS[data]


def _mutate_xlsx(rng: random.Random, data: bytes) -> bytes:
    choice = rng.randrange(6)
    source = zipfile.ZipFile(io.BytesIO(data))
    members = {info.filename: source.read(info) for info in source.infolist()}
    sheets = [n for n in members if n.startswith("xl/worksheets/sheet")]
    if choice == 0:  # corrupt sheet XML
        sheet = rng.choice(sheets)
        members[sheet] = members[sheet][: rng.randrange(20, len(members[sheet]))]
    elif choice == 1:  # stale dimension: claims one row
        sheet = rng.choice(sheets)
        members[sheet] = re.sub(
            rb'<dimension ref="[^"]+"', b'<dimension ref="A1:B1"', members[sheet]
        )
        if b"<dimension" not in members[sheet]:
            members[sheet] = members[sheet].replace(
                b"<sheetData>", b'<dimension ref="A1:B1"/><sheetData>', 1
            )
    elif choice == 2:  # rename a sheet
        members["xl/workbook.xml"] = re.sub(
            rb'name="List (\d)', rb'name="Lisst \1', members["xl/workbook.xml"], count=1
        )
    elif choice == 3:  # decompression bomb (built once: compressing it takes a while)
        return _bomb(data)
    elif choice == 4:  # byte noise in the archive
        raw = bytearray(data)
        for _ in range(rng.randint(1, 20)):
            raw[rng.randrange(len(raw))] = rng.randrange(256)
        return bytes(raw)
    else:  # a hostile value in a shared string or cell
        sheet = rng.choice(sheets)
        members[sheet] = re.sub(
            rb"<v>[^<]*</v>",
            b"<v>" + rng.choice(["9" * 400, "1e309", "-1", "NaN"]).encode() + b"</v>",
            members[sheet],
            count=1,
        )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in members.items():
            target.writestr(name, content)
    return out.getvalue()


@pytest.fixture
def workbook_bytes(tmp_path):
    return write_workbook(tmp_path / "base.xlsx", sample_rows()).read_bytes()


def test_no_importer_gives_a_traceback_or_a_partial_write(tmp_path, monkeypatch, workbook_bytes):
    monkeypatch.setenv("SCRUTINY_DATA_DIR", str(tmp_path / "var"))
    store = open_store(":memory:")  # one store for every round: opening a file costs
    rng = random.Random(20241031)
    started = time.monotonic()
    outcomes = {ImportStatus.COMPLETED: 0, ImportStatus.REJECTED: 0}
    for round_number in range(ROUNDS):
        if time.monotonic() - started > TIME_BUDGET_SECONDS:
            break
        kind = ["cin", "ssda903", "annex-a", "population"][round_number % 4]
        work = tmp_path / f"r{round_number}"
        work.mkdir()
        if kind == "cin":
            path = work / "cin.xml"
            path.write_bytes(_mutate_xml(rng, CIN_XML))
        elif kind == "ssda903":
            path = work / "ssda903"
            path.mkdir()
            victim = rng.choice(sorted(SSDA903))
            for name, text in SSDA903.items():
                body = _mutate_text(rng, text) if name == victim else text
                (path / name).write_text(body, encoding="utf-8", errors="surrogatepass")
        elif kind == "annex-a":
            path = work / "annex_a.xlsx"
            path.write_bytes(_mutate_xlsx(rng, workbook_bytes))
        else:
            path = work / "population.csv"
            path.write_text(_mutate_text(rng, POPULATION), encoding="utf-8", errors="surrogatepass")
        before = store.counts()
        runs_before = ImportRun.objects.count()
        outcome = records_import(kind=kind, path=path, actor="fuzz", force=True, store=store)
        run = outcome.run
        assert ImportRun.objects.count() == runs_before + 1, (round_number, kind)
        outcomes[run.status] += 1
        after = store.counts()
        if run.status == ImportStatus.REJECTED:
            assert after == before, (round_number, kind)
            assert outcome.problems, (round_number, kind)
        else:
            assert all(after[t] >= before[t] for t in after), (round_number, kind)
            assert sum(after.values()) - sum(before.values()) <= sum(run.rows_written.values())
        for problem in outcome.problems:
            assert problem.file, (round_number, kind, problem)
            assert problem.reason and "Traceback" not in problem.reason
    store.close()
    assert sum(outcomes.values()) >= 100  # enough rounds ran inside the time budget
    # Both outcomes occur: the mutations are neither all harmless nor all fatal.
    assert outcomes[ImportStatus.COMPLETED] and outcomes[ImportStatus.REJECTED]
