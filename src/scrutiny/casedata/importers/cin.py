"""Children in need census XML (DfE CIN census, Message/Header and Children/Child)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from lxml import etree

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


class _Forbidden(ValueError):
    """The file declares a DTD: refused (entity expansion and external fetches ride on it)."""


class _Census:
    """What the stream has shown so far: the root, the header, the children waiting."""

    def __init__(self) -> None:
        self.root: Any = None
        self.header: Any = None
        self.header_done = False
        self.has_children = False
        self.reference: date | None = None
        self.waiting: list[Any] = []  # children seen before the header (kept whole)


def _find_text(element: Any, path: str) -> str | None:
    if element is None:
        return None
    found = element.find(path)
    return found.text if found is not None else None


def _kids(element: Any) -> dict[Any, Any]:
    """The first child of each tag (what ``element.find(tag)`` gives), found in one pass:
    lxml's find compiles its path on every call, and a census makes millions of them."""
    kids: dict[Any, Any] = {}
    if element is not None:
        for kid in element:
            kids.setdefault(kid.tag, kid)
    return kids


def _text(kids: dict[Any, Any], name: str) -> str | None:
    found = kids.get(name)
    return found.text if found is not None else None


def _all(element: Any, tag: str) -> list[Any]:
    """The children with tag, in order (``element.iterfind(tag)``)."""
    return [kid for kid in element if kid.tag == tag]


def _line_of(element: Any) -> int | None:
    return element.sourceline if element is not None else None


def parse_cin(path: Path, la: str | None = None) -> ParsedImport:
    """Read the census as a stream: each child is checked when its element ends and then
    cleared, so memory holds one child at a time, not the whole tree."""
    parsed = ParsedImport(kind="cin")
    name = path.name
    census = _Census()
    try:
        parsed.files.append((name, file_sha256(path)))
        _stream(path, parsed, name, la, census)
    except (etree.XMLSyntaxError, _Forbidden, OSError, LookupError, ValueError) as exc:
        # LookupError: an encoding Python does not know; ValueError: a bad declaration.
        line, detail = _failure(exc, census)
        _reset(parsed)
        parsed.problem(
            name, line, "", f"the file is not readable XML ({detail}); nothing was imported"
        )
        parsed.rejected = True
        return parsed
    root = census.root
    if root.tag != "Message" or not census.has_children:
        _reset(parsed)
        parsed.problem(
            name,
            _line_of(root),
            root.tag,
            "expected a CIN census Message with Children; nothing was imported",
        )
        parsed.rejected = True
        return parsed
    if not census.header_done and not _take_header(parsed, name, la, census):
        return parsed
    for child_el in census.waiting:
        _parse_child(parsed, name, child_el, census.reference, _line_of)
    return parsed


def _failure(exc: Exception, census: _Census) -> tuple[int | None, str]:
    """The line and a reason for an unreadable file (never the path it was stored at)."""
    if isinstance(exc, etree.XMLSyntaxError):
        # The parser's own log names the first fault; the exception's text may be generic
        # ("no element found") or carry the stored file's path.
        entries = list(exc.error_log)
        if entries:
            return entries[
                -1
            ].line or None, f"{entries[-1].message.strip()}, line {entries[-1].line}"
        return exc.lineno or None, str(exc.msg)
    if isinstance(exc, _Forbidden) and census.root is not None:
        return census.root.sourceline, str(exc)
    return None, str(exc)


def _reset(parsed: ParsedImport) -> None:
    """Drop what was read before the file turned out unusable: only its one problem stays."""
    parsed.tables.clear()
    parsed.problems.clear()


def _stream(path: Path, parsed: ParsedImport, name: str, la: str | None, census: _Census) -> None:
    etree.clear_error_log()
    # Events only for the elements the census is read by: the parser builds the rest in C.
    context = etree.iterparse(
        str(path),
        events=("start", "end"),
        tag=("Header", "Children", "Child"),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    rejected = False  # the header refused the file: read on only to see it is well formed
    for event, element in context:
        if census.root is None:
            _take_root(element.getroottree().getroot(), census)
        parent = element.getparent()
        if event == "start":
            if element.tag == "Children" and parent is census.root:
                census.has_children = True
            continue
        tag = element.tag
        if tag == "Header" and parent is census.root and census.header is None:
            census.header = element
            if census.root.tag == "Message":
                census.header_done = True
                rejected = not _take_header(parsed, name, la, census)
                # Children before the header (unusual) wait for its reference date.
                for waiting in census.waiting if not rejected else []:
                    _parse_child(parsed, name, waiting, census.reference, _line_of)
                census.waiting.clear()
        elif (
            tag == "Child"
            and parent.tag == "Children"
            and parent.getparent() is census.root
            and census.root.tag == "Message"
        ):
            if rejected:
                _release(element)
            elif census.header_done:
                _parse_child(parsed, name, element, census.reference, _line_of)
                _release(element)
            else:
                census.waiting.append(element)
    if census.root is None:
        _take_root(context.root, census)


def _take_root(root: Any, census: _Census) -> None:
    census.root = root
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None:
        raise _Forbidden("a DTD is not allowed")


def _release(element: Any) -> None:
    """Free a processed child and the siblings before it (lxml keeps them otherwise)."""
    element.clear(keep_tail=False)
    parent = element.getparent()
    while element.getprevious() is not None:
        del parent[0]


def _take_header(parsed: ParsedImport, name: str, la: str | None, census: _Census) -> bool:
    """The reference date and LA from the Header; False (file rejected) without an LA."""
    header, root = census.header, census.root
    ref_checker = Checker(parsed, name, _line_of(header))
    census.reference = ref_checker.date(
        "ReferenceDate", _find_text(header, "CollectionDetails/ReferenceDate"), ISO
    )
    if header is None:
        parsed.problem(
            name,
            _line_of(root),
            "Header",
            "the file has no Header (collection details and LA)"
            + ("" if la else "; give the LA code to import it; nothing was imported"),
        )
        if not la:
            parsed.rejected = True
            return False
    lea = (_find_text(header, "Source/LEA") or "").strip()
    if not la and not lea:
        parsed.problem(
            name,
            _line_of(header),
            "LEA",
            "the Header gives no LA (Source/LEA); give the LA code; nothing was imported",
        )
        parsed.rejected = True
        return False
    parsed.la = la or lea
    return True


def _parse_child(
    parsed: ParsedImport, name: str, child_el: Any, reference: date | None, line_of: Any
) -> None:
    child_kids = _kids(child_el)
    ids = child_kids.get("ChildIdentifiers")
    id_kids = _kids(ids)
    chk = Checker(parsed, name, line_of(ids if ids is not None else child_el))
    child = chk.text("LAchildID", _text(id_kids, "LAchildID"), required=True)
    if child is None:
        return
    dob = chk.date("PersonBirthDate", _text(id_kids, "PersonBirthDate"), ISO)
    sex_value = _text(id_kids, "GenderCurrent") or _text(id_kids, "Sex")
    chars = child_kids.get("ChildCharacteristics")
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
                "Ethnicity", _text(_kids(chars), "Ethnicity"), ETHNICITY
            ),
            "disability": ",".join(disabilities) or None,
            "upn": chk.text("UPN", _text(id_kids, "UPN")),
        },
    )

    for details in _all(child_el, "CINdetails"):
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
    details: Any,
    reference: date | None,
    line_of: Any,
) -> None:
    chk = Checker(parsed, name, line_of(details))
    detail_kids = _kids(details)
    referral_date = chk.date(
        "CINreferralDate",
        _text(detail_kids, "CINreferralDate"),
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
    closure = chk.date("CINclosureDate", _text(detail_kids, "CINclosureDate"), ISO)
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
                "ReferralSource", _text(detail_kids, "ReferralSource"), REFERRAL_SOURCES
            ),
            "nfa": chk.boolean("ReferralNFA", _text(detail_kids, "ReferralNFA")),
            "primary_need": chk.code(
                "PrimaryNeedCode", _text(detail_kids, "PrimaryNeedCode"), PRIMARY_NEED
            ),
            "closure_date": closure,
            "closure_reason": chk.code(
                "ReasonForClosure", _text(detail_kids, "ReasonForClosure"), CLOSURE_REASONS
            ),
        },
    )

    for el in _all(details, "Assessments"):
        kids = _kids(el)
        a = Checker(parsed, name, line_of(el))
        what = "the assessment"
        start = a.date(
            "AssessmentActualStartDate",
            _text(kids, "AssessmentActualStartDate"),
            ISO,
            required=True,
            what=what,
        )
        auth = a.date(
            "AssessmentAuthorisationDate",
            _text(kids, "AssessmentAuthorisationDate"),
            ISO,
            what=what,
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

    for el in _all(details, "CINPlanDates"):
        kids = _kids(el)
        p = Checker(parsed, name, line_of(el))
        what = "the child in need plan"
        start = p.date(
            "CINPlanStartDate", _text(kids, "CINPlanStartDate"), ISO, required=True, what=what
        )
        end = p.date("CINPlanEndDate", _text(kids, "CINPlanEndDate"), ISO, what=what)
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
    for el in _all(details, "Section47"):
        kids = _kids(el)
        s = Checker(parsed, name, line_of(el))
        what = "the section 47 enquiry"
        start = s.date(
            "S47ActualStartDate", _text(kids, "S47ActualStartDate"), ISO, required=True, what=what
        )
        icpc = s.date("DateOfInitialCPC", _text(kids, "DateOfInitialCPC"), ISO, what=what)
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
                "icpc_not_required": s.boolean("ICPCnotRequired", _text(kids, "ICPCnotRequired")),
            },
        )

    # Some files carry the initial conference date directly in CINdetails, with no
    # Section47 block: keep it as a conference whose enquiry start is unknown.
    direct = detail_kids.get("DateOfInitialCPC")
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

    for el in _all(details, "ChildProtectionPlans"):
        kids = _kids(el)
        p = Checker(parsed, name, line_of(el))
        what = "the child protection plan"
        start = p.date("CPPstartDate", _text(kids, "CPPstartDate"), ISO, required=True, what=what)
        end = p.date("CPPendDate", _text(kids, "CPPendDate"), ISO, what=what)
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
                    "LatestCategoryOfAbuse", _text(kids, "LatestCategoryOfAbuse"), ABUSE
                )
                or p.code("InitialCategoryOfAbuse", _text(kids, "InitialCategoryOfAbuse"), ABUSE),
                "previous_plans": p.integer(
                    "NumberOfPreviousCPP", _text(kids, "NumberOfPreviousCPP")
                ),
            },
        )
