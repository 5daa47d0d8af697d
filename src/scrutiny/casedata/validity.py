"""Checks that child-level records could pass the DfE's CIN census and SSDA903 validation:
no overlapping plans, episodes or allocations for one child, and the pathway in order.

Every rule is one set-based query over the store (window functions and joins, no loop per
row), so a whole generated authority is checked in about a second. Rule codes are the
DfE's where the rule is one of theirs (``CIN 8863``, ``903 501``); the others are named
for what they check. ``check_records`` returns the rules broken, with how many records
break each and one example (LA and child id only).

Overlaps are judged as the DfE validators judge them: an assessment may start on the day
the previous one was authorised (8863), a CIN plan on the day the previous plan or a child
protection plan ended (4014, 4016, 4017), but a child protection plan may not start on the
day the previous one ended (8940); a looked-after episode must start on or after the day
the previous one ended (501), and a new period of care after it (a gap of at least a day).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from scrutiny.casedata.store import RECORD_TABLES, natural_key

# An open record's end when ordering: later than any real date.
_OPEN = "DATE '9999-12-31'"


@dataclass(frozen=True)
class Rule:
    code: str
    message: str
    # SELECT la, child FROM ... for each record that breaks the rule (the LA filter and the
    # end of data are the parameters $la and $end).
    sql: str


@dataclass(frozen=True)
class Violation:
    code: str
    message: str
    records: int
    example: tuple[str, str]  # (la, child)


def _scoped(table: str) -> str:
    return f"(SELECT * FROM {table} WHERE $la::VARCHAR IS NULL OR la = $la::VARCHAR)"


def _starts_during_earlier(
    table: str, start: str, end: str, *, same_day_allowed: bool, where: str = "TRUE"
) -> str:
    """Rows starting while an earlier row of the same child (by start) is still open."""
    compare = "<" if same_day_allowed else "<="
    return f"""
        SELECT la, child FROM (
          SELECT la, child, {start} AS s, max(coalesce({end}, {_OPEN})) OVER (
            PARTITION BY la, child ORDER BY {start}
            ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS earlier_end
          FROM {_scoped(table)} WHERE {where})
        WHERE s {compare} earlier_end"""


def _no_referral_before(table: str, day: str) -> str:
    """Rows dated before any referral of the child (the pathway starts at a referral)."""
    return f"""
        SELECT t.la, t.child FROM {_scoped(table)} t
        WHERE {day} IS NOT NULL AND NOT EXISTS (
          SELECT 1 FROM referrals r
          WHERE r.la = t.la AND r.child = t.child AND r.referral_date <= t.{day})"""


def _cin_and_cp_plans(cin_inside_cp: bool) -> str:
    outer, inner = ("c", "p") if cin_inside_cp else ("p", "c")
    starts = {"c": "cin_start", "p": "cpp_start"}
    ends = {"c": "cin_end", "p": "cpp_end"}
    return f"""
        SELECT c.la, c.child FROM {_scoped("cin_plans")} c
        JOIN cp_plans p ON p.la = c.la AND p.child = c.child
        WHERE {outer}.{starts[outer]} >= {inner}.{starts[inner]}
          AND {outer}.{starts[outer]} < coalesce({inner}.{ends[inner]}, {_OPEN})"""


RULES: list[Rule] = [
    # Sequence and dates within one record.
    Rule(
        "assessment_order",
        "An assessment starts before its referral, or is authorised before it starts",
        f"""SELECT la, child FROM {_scoped("assessments")}
            WHERE assessment_start < referral_date
               OR assessment_authorised < assessment_start""",
    ),
    Rule("CIN 8863", "An assessment starts while another assessment is ongoing",
         _starts_during_earlier("assessments", "assessment_start", "assessment_authorised",
                                same_day_allowed=True)),
    Rule("CIN 4011", "A CIN plan ends before it starts",
         f"SELECT la, child FROM {_scoped('cin_plans')} WHERE cin_end < cin_start"),
    Rule("CIN 4014", "A CIN plan starts while another CIN plan is open",
         _starts_during_earlier("cin_plans", "cin_start", "cin_end", same_day_allowed=True)),
    Rule("CIN 4015", "A CIN plan starts before any referral",
         _no_referral_before("cin_plans", "cin_start")),
    Rule("CIN 4016", "A CIN plan starts while a child protection plan is open",
         _cin_and_cp_plans(cin_inside_cp=True)),
    Rule("CIN 4017", "A child protection plan starts while a CIN plan is open",
         _cin_and_cp_plans(cin_inside_cp=False)),
    Rule("CIN 8925", "A child protection plan ends before it starts, or on the day it starts (8840)",
         f"SELECT la, child FROM {_scoped('cp_plans')} WHERE cpp_end <= cpp_start"),
    Rule("CIN 8940", "A child protection plan starts while another plan is open",
         _starts_during_earlier("cp_plans", "cpp_start", "cpp_end", same_day_allowed=False)),
    Rule("CIN 1105", "A child protection plan starts before any referral",
         _no_referral_before("cp_plans", "cpp_start")),
    Rule(
        "CIN 2885",
        "A child protection plan does not start on the day of an initial conference",
        f"""SELECT p.la, p.child FROM {_scoped("cp_plans")} p WHERE NOT EXISTS (
              SELECT 1 FROM s47_enquiries s
              WHERE s.la = p.la AND s.child = p.child AND s.icpc_date = p.cpp_start)""",
    ),
    Rule("CIN 2889", "A section 47 enquiry starts before any referral",
         _no_referral_before("s47_enquiries", "s47_start")),
    Rule("CIN 8615", "A section 47 enquiry starts after its initial conference",
         f"SELECT la, child FROM {_scoped('s47_enquiries')} WHERE s47_start > icpc_date"),
    Rule("CIN 8875", "An initial conference is on a weekend",
         f"SELECT la, child FROM {_scoped('s47_enquiries')} WHERE isodow(icpc_date) >= 6"),
    Rule(
        "strategy_before_s47",
        "A section 47 enquiry does not start after its strategy discussion "
        "(Working Together 2023: the discussion decides whether to start the enquiry)",
        f"""SELECT la, child FROM {_scoped("s47_enquiries")}
            WHERE strategy_date IS NULL OR s47_start IS NULL OR s47_start <= strategy_date""",
    ),
    Rule(
        "strategy_recorded",
        "A section 47 enquiry's strategy discussion is not among the strategy discussions",
        f"""SELECT s.la, s.child FROM {_scoped("s47_enquiries")} s WHERE NOT EXISTS (
              SELECT 1 FROM strategy_discussions d
              WHERE d.la = s.la AND d.child = s.child AND d.strategy_date = s.strategy_date)""",
    ),
    # SSDA903 episodes.
    Rule("903 302", "A looked-after episode starts before the child was born",
         f"""SELECT e.la, e.child FROM {_scoped("cla_episodes")} e
             JOIN children c ON c.la = e.la AND c.child = e.child WHERE e.decom < c.dob"""),
    Rule("903 episode_order", "A looked-after episode ends on or before the day it starts",
         f"SELECT la, child FROM {_scoped('cla_episodes')} WHERE dec <= decom"),
    Rule(
        "903 501",
        "A looked-after episode starts before the previous episode ended, "
        "or while it has not ended (142)",
        f"""SELECT la, child FROM (
              SELECT la, child, decom, lag(dec) OVER w AS prev_dec,
                     lag(decom) OVER w AS prev_decom
              FROM {_scoped("cla_episodes")} WINDOW w AS (PARTITION BY la, child ORDER BY decom))
            WHERE prev_decom IS NOT NULL AND (prev_dec IS NULL OR decom < prev_dec)""",
    ),
    Rule(
        "903 357",
        "A child's first looked-after episode, or the first after a gap, is not RNE S; "
        "or a continuing episode (RNE P, L, T, U, B) does not start the day the last ended (433)",
        f"""SELECT la, child FROM (
              SELECT la, child, rne, decom, lag(dec) OVER (PARTITION BY la, child ORDER BY decom)
                     AS prev_dec
              FROM {_scoped("cla_episodes")})
            WHERE (prev_dec IS NULL OR prev_dec < decom) AND rne IS DISTINCT FROM 'S'
               OR prev_dec = decom AND rne NOT IN ('P', 'L', 'T', 'U', 'B')""",
    ),
    Rule(
        "903 review_in_care",
        "A looked-after review is not within a period of care",
        f"""SELECT r.la, r.child FROM {_scoped("reviews")} r WHERE NOT EXISTS (
              SELECT 1 FROM cla_episodes e WHERE e.la = r.la AND e.child = r.child
                AND e.decom <= r.review_date AND coalesce(e.dec, {_OPEN}) >= r.review_date)""",
    ),
    Rule(
        "903 missing_in_care",
        "A missing episode starts when the child is not looked after",
        f"""SELECT m.la, m.child FROM {_scoped("missing_episodes")} m WHERE NOT EXISTS (
              SELECT 1 FROM cla_episodes e WHERE e.la = m.la AND e.child = m.child
                AND e.decom <= m.mis_start AND coalesce(e.dec, {_OPEN}) > m.mis_start)""",
    ),
    Rule("903 missing_order", "A missing episode ends before it starts",
         f"SELECT la, child FROM {_scoped('missing_episodes')} WHERE mis_end < mis_start"),
    Rule("903 missing_overlap", "A missing episode starts before the previous one ended",
         _starts_during_earlier("missing_episodes", "mis_start", "mis_end",
                                same_day_allowed=True)),
    # Early help and allocations (Annex A lists 2, 6-8: one allocated worker per child).
    Rule("early_help_overlap", "An early help episode starts while another is open",
         _starts_during_earlier("early_help", "eh_start", "eh_end", same_day_allowed=True)),
    Rule("allocation_order", "An allocation ends before it starts",
         f"SELECT la, child FROM {_scoped('allocations')} WHERE alloc_end < alloc_start"),
    Rule("allocation_overlap",
         "A child has two open allocations at once (one allocated worker at a time)",
         _starts_during_earlier("allocations", "alloc_start", "alloc_end",
                                same_day_allowed=True)),
]  # fmt: skip


def _record_rules() -> list[Rule]:
    """Rules over every record table: natural keys unique, the child known and born."""
    rules = []
    for table in RECORD_TABLES:
        key = ", ".join(natural_key(table))
        rules.append(
            Rule(
                f"{table}_key",
                f"Two {table} records share their natural key ({key})",
                f"""SELECT la, child FROM {_scoped(table)}
                    GROUP BY {key} HAVING count(*) > 1""",
            )
        )
        if table != "children":
            rules.append(
                Rule(
                    f"{table}_child",
                    f"A {table} record names a child who is not in the children table",
                    f"""SELECT t.la, t.child FROM {_scoped(table)} t WHERE NOT EXISTS (
                          SELECT 1 FROM children c WHERE c.la = t.la AND c.child = t.child)""",
                )
            )
    return rules


def _date_columns(con) -> dict[str, list[str]]:
    rows = con.execute(
        "SELECT table_name, column_name FROM information_schema.columns WHERE data_type = 'DATE'"
    ).fetchall()
    columns: dict[str, list[str]] = {}
    for table, column in rows:
        if table in RECORD_TABLES and table != "children":
            columns.setdefault(table, []).append(column)
    return columns


def _dated_rules(con) -> list[Rule]:
    """No record dated before the child's birth or after the end of data."""
    rules = []
    for table, columns in sorted(_date_columns(con).items()):
        earliest = f"least({', '.join(f't.{c}' for c in columns)})"
        latest = f"greatest({', '.join(f't.{c}' for c in columns)})"
        rules.append(
            Rule(
                f"{table}_dates",
                f"A {table} record is dated before the child's birth or after the end of data",
                f"""SELECT t.la, t.child FROM {_scoped(table)} t
                    JOIN children c ON c.la = t.la AND c.child = t.child
                    WHERE {earliest} < c.dob OR ($end::DATE IS NOT NULL AND {latest} > $end::DATE)""",
            )
        )
    return rules


def all_rules(con) -> list[Rule]:
    return [*RULES, *_record_rules(), *_dated_rules(con)]


def check_records(con, *, la: str | None = None, end: date | None = None) -> list[Violation]:
    """Every rule the records (of one LA, or all) break; empty when they are valid."""
    found = []
    for rule in all_rules(con):
        values = {
            name: value for name, value in (("la", la), ("end", end)) if f"${name}" in rule.sql
        }
        rows, example_la, example_child = con.execute(
            f"SELECT count(*), min(la), min(child) FROM ({rule.sql})", values
        ).fetchall()[0]
        if rows:
            found.append(Violation(rule.code, rule.message, rows, (example_la, example_child)))
    return found
