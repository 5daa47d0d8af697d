"""Children in need census XML (DfE CIN census, Message/Header and Children/Child)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, ParseError, TreeBuilder

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from scrutiny.casedata.importers.common import (
    DISABILITY,
    ETHNICITY,
    Checker,
    ParsedImport,
    file_sha256,
)

ISO = ["%Y-%m-%d"]
REFERRAL_SOURCES = {
    "1A",
    "1B",
    "1C",
    "1D",
    "2A",
    "2B",
    "3A",
    "3B",
    "3C",
    "3D",
    "3E",
    "3F",
    "4",
    "5A",
    "5B",
    "5C",
    "5D",
    "6",
    "7",
    "8",
    "9",
    "10",
}
PRIMARY_NEED = {f"N{i}" for i in range(10)}
CLOSURE_REASONS = {f"RC{i}" for i in range(1, 10)}
SEX = {"0", "1", "2", "9"}
ABUSE = {"NEG", "PHY", "SAB", "EMO", "MUL"}


class _LineTreeBuilder(TreeBuilder):
    """Tree builder that remembers the line each element starts on (for problem rows)."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: dict[int, int] = {}
        self.parser: DefusedXMLParser | None = None

    def start(self, tag: str, attrs: dict[str, str]) -> Element:  # type: ignore[override]
        element = super().start(tag, attrs)
        if self.parser is not None:
            self.lines[id(element)] = self.parser.parser.CurrentLineNumber
        return element


def _text(element: Element | None, name: str) -> str | None:
    if element is None:
        return None
    found = element.find(name)
    return found.text if found is not None else None


def parse_cin(path: Path, la: str | None = None) -> ParsedImport:
    parsed = ParsedImport(kind="cin")
    name = path.name
    try:
        parsed.files.append((name, file_sha256(path)))
        builder = _LineTreeBuilder()
        parser = DefusedXMLParser(target=builder, forbid_dtd=True)
        builder.parser = parser
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 16), b""):
                parser.feed(chunk)
        root = parser.close()
    except (ParseError, DefusedXmlException, OSError, LookupError, ValueError) as exc:
        # LookupError: an encoding Python does not know; ValueError: a bad declaration.
        line = getattr(exc, "position", (None,))[0]
        parsed.problem(
            name, line, "", f"the file is not readable XML ({exc}); nothing was imported"
        )
        parsed.rejected = True
        return parsed
    lines = builder.lines

    def line_of(element: Element) -> int | None:
        return lines.get(id(element))

    if root.tag != "Message" or root.find("Children") is None:
        parsed.problem(
            name,
            line_of(root),
            root.tag,
            "expected a CIN census Message with Children; nothing was imported",
        )
        parsed.rejected = True
        return parsed
    header = root.find("Header")
    ref_checker = Checker(parsed, name, line_of(header) if header is not None else None)
    reference = ref_checker.date(
        "ReferenceDate", _text(header, "CollectionDetails/ReferenceDate"), ISO
    )
    if header is None:
        parsed.problem(
            name,
            line_of(root),
            "Header",
            "the file has no Header (collection details and LA)"
            + ("" if la else "; give the LA code to import it; nothing was imported"),
        )
        if not la:
            parsed.rejected = True
            return parsed
    lea = (_text(header, "Source/LEA") or "").strip()
    if not la and not lea:
        parsed.problem(
            name,
            line_of(header) if header is not None else None,
            "LEA",
            "the Header gives no LA (Source/LEA); give the LA code; nothing was imported",
        )
        parsed.rejected = True
        return parsed
    parsed.la = la or lea

    for child_el in root.iterfind("Children/Child"):
        _parse_child(parsed, name, child_el, reference, line_of)
    return parsed


def _parse_child(
    parsed: ParsedImport, name: str, child_el: Element, reference: date | None, line_of: Any
) -> None:
    ids = child_el.find("ChildIdentifiers")
    chk = Checker(parsed, name, line_of(ids if ids is not None else child_el))
    child = chk.text("LAchildID", _text(ids, "LAchildID"), required=True)
    if child is None:
        return
    dob = chk.date("PersonBirthDate", _text(ids, "PersonBirthDate"), ISO)
    sex_value = _text(ids, "GenderCurrent") or _text(ids, "Sex")
    chars = child_el.find("ChildCharacteristics")
    disabilities = []
    for dis in chars.iterfind("Disabilities/Disability") if chars is not None else []:
        code = Checker(parsed, name, line_of(dis)).code("Disability", dis.text, DISABILITY)
        if code:
            disabilities.append(code)
    parsed.add(
        "children",
        {
            "child": child,
            "dob": dob,
            "sex": chk.code("GenderCurrent", sex_value, SEX),
            "ethnicity": Checker(parsed, name, line_of(chars) if chars is not None else None).code(
                "Ethnicity", _text(chars, "Ethnicity"), ETHNICITY
            ),
            "disability": ",".join(disabilities) or None,
            "upn": chk.text("UPN", _text(ids, "UPN")),
        },
    )

    for details in child_el.iterfind("CINdetails"):
        _parse_details(parsed, name, child, details, reference, line_of)


def _future(
    chk: Checker, field_name: str, value: date | None, reference: date | None, what: str
) -> bool:
    """True (with a problem) when a date lies after the census reference date."""
    if value and reference and value > reference:
        chk.report(
            field_name,
            f"{value.isoformat()} is after the census reference date "
            f"{reference.isoformat()}; {what} was not imported",
            fatal=True,
        )
        return True
    return False


def _not_after(
    chk: Checker, field_name: str, value: date | None, reference: date | None
) -> date | None:
    """An end date after the reference date is not yet known: report it and leave it empty."""
    if value and reference and value > reference:
        chk.report(
            field_name,
            f"{value.isoformat()} is after the census reference date "
            f"{reference.isoformat()}; the field was left empty",
        )
        return None
    return value


def _parse_details(
    parsed: ParsedImport,
    name: str,
    child: str,
    details: Element,
    reference: date | None,
    line_of: Any,
) -> None:
    chk = Checker(parsed, name, line_of(details))
    referral_date = chk.date(
        "CINreferralDate",
        _text(details, "CINreferralDate"),
        ISO,
        required=True,
        what="the referral with its details",
    )
    if (
        chk.fatal
        or referral_date is None  # required: a missing or bad date is already fatal
        or _future(
            chk, "CINreferralDate", referral_date, reference, "the referral with its details"
        )
    ):
        return
    closure = chk.date("CINclosureDate", _text(details, "CINclosureDate"), ISO)
    if closure and closure < referral_date:
        chk.report("CINclosureDate", "is before CINreferralDate; the field was left empty")
        closure = None
    closure = _not_after(chk, "CINclosureDate", closure, reference)
    parsed.add(
        "referrals",
        {
            "child": child,
            "referral_date": referral_date,
            "referral_source": chk.code(
                "ReferralSource", _text(details, "ReferralSource"), REFERRAL_SOURCES
            ),
            "nfa": chk.boolean("ReferralNFA", _text(details, "ReferralNFA")),
            "primary_need": chk.code(
                "PrimaryNeedCode", _text(details, "PrimaryNeedCode"), PRIMARY_NEED
            ),
            "closure_date": closure,
            "closure_reason": chk.code(
                "ReasonForClosure", _text(details, "ReasonForClosure"), CLOSURE_REASONS
            ),
        },
    )

    for el in details.iterfind("Assessments"):
        a = Checker(parsed, name, line_of(el))
        what = "the assessment"
        start = a.date(
            "AssessmentActualStartDate",
            _text(el, "AssessmentActualStartDate"),
            ISO,
            required=True,
            what=what,
        )
        auth = a.date(
            "AssessmentAuthorisationDate", _text(el, "AssessmentAuthorisationDate"), ISO, what=what
        )
        if a.fatal or _future(a, "AssessmentActualStartDate", start, reference, what):
            continue
        if auth and _future(a, "AssessmentAuthorisationDate", auth, reference, what):
            continue
        if not a.order(
            "AssessmentActualStartDate", start, "AssessmentAuthorisationDate", auth, what=what
        ):
            continue
        parsed.add(
            "assessments",
            {
                "child": child,
                "referral_date": referral_date,
                "assessment_start": start,
                "assessment_authorised": auth,
            },
        )

    for el in details.iterfind("CINPlanDates"):
        p = Checker(parsed, name, line_of(el))
        what = "the child in need plan"
        start = p.date(
            "CINPlanStartDate", _text(el, "CINPlanStartDate"), ISO, required=True, what=what
        )
        end = p.date("CINPlanEndDate", _text(el, "CINPlanEndDate"), ISO, what=what)
        if p.fatal or _future(p, "CINPlanStartDate", start, reference, what):
            continue
        if not p.order("CINPlanStartDate", start, "CINPlanEndDate", end, what=what):
            continue
        parsed.add(
            "cin_plans",
            {
                "child": child,
                "cin_start": start,
                "cin_end": _not_after(p, "CINPlanEndDate", end, reference),
            },
        )

    conference_dates = set()
    for el in details.iterfind("Section47"):
        s = Checker(parsed, name, line_of(el))
        what = "the section 47 enquiry"
        start = s.date(
            "S47ActualStartDate", _text(el, "S47ActualStartDate"), ISO, required=True, what=what
        )
        icpc = s.date("DateOfInitialCPC", _text(el, "DateOfInitialCPC"), ISO, what=what)
        if s.fatal or _future(s, "S47ActualStartDate", start, reference, what):
            continue
        if icpc and _future(s, "DateOfInitialCPC", icpc, reference, what):
            continue
        if not s.order("S47ActualStartDate", start, "DateOfInitialCPC", icpc, what=what):
            continue
        conference_dates.add(icpc)
        parsed.add(
            "s47_enquiries",
            {
                "child": child,
                "referral_date": referral_date,
                "strategy_date": start,
                "s47_start": start,
                "icpc_date": icpc,
                "icpc_not_required": s.boolean("ICPCnotRequired", _text(el, "ICPCnotRequired")),
            },
        )

    # Some files carry the initial conference date directly in CINdetails, with no
    # Section47 block: keep it as a conference whose enquiry start is unknown.
    direct = details.find("DateOfInitialCPC")
    if direct is not None:
        c = Checker(parsed, name, line_of(direct))
        icpc = c.date(
            "DateOfInitialCPC", direct.text, ISO, required=True, what="the initial conference"
        )
        if (
            icpc
            and icpc not in conference_dates
            and not _future(c, "DateOfInitialCPC", icpc, reference, "the initial conference")
        ):
            parsed.add(
                "s47_enquiries", {"child": child, "referral_date": referral_date, "icpc_date": icpc}
            )

    for el in details.iterfind("ChildProtectionPlans"):
        p = Checker(parsed, name, line_of(el))
        what = "the child protection plan"
        start = p.date("CPPstartDate", _text(el, "CPPstartDate"), ISO, required=True, what=what)
        end = p.date("CPPendDate", _text(el, "CPPendDate"), ISO, what=what)
        if p.fatal or _future(p, "CPPstartDate", start, reference, what):
            continue
        if not p.order("CPPstartDate", start, "CPPendDate", end, what=what):
            continue
        parsed.add(
            "cp_plans",
            {
                "child": child,
                "cpp_start": start,
                "cpp_end": _not_after(p, "CPPendDate", end, reference),
                "category": p.code(
                    "LatestCategoryOfAbuse", _text(el, "LatestCategoryOfAbuse"), ABUSE
                )
                or p.code("InitialCategoryOfAbuse", _text(el, "InitialCategoryOfAbuse"), ABUSE),
                "previous_plans": p.integer(
                    "NumberOfPreviousCPP", _text(el, "NumberOfPreviousCPP")
                ),
            },
        )
