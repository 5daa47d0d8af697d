"""The catalogue of indicators the engine computes from child-level records.

Each entry says what is counted, in words, and where the definition comes from. The
performance report reads this catalogue; the SQL that implements each entry is in
``engine.py``. Change ``version`` whenever a definition changes, so stored values keep
the definition they were computed with.
"""

from __future__ import annotations

from dataclasses import dataclass, field

COUNT = "count"
PERCENTAGE = "percentage"
RATE = "rate_per_10000"
AVERAGE = "average"

HIGHER_IS_BETTER = "higher_is_better"
LOWER_IS_BETTER = "lower_is_better"
NO_JUDGEMENT = "no_judgement"

# Sources cited in the definitions.
CIN_GUIDE = "DfE, Children in need census: guide (CIN census specification), referral and assessment modules"
CIN_STATS = "DfE, Characteristics of children in need: methodology (re-referrals, assessment timeliness, CP plans)"
CLA_GUIDE = "DfE, Children looked after return (SSDA903): guide, episode codes (RNE, LS, PLACE, PLACE_PROVIDER, REC)"
CLA_STATS = "DfE, Children looked after in England: methodology (placement stability, short breaks)"
# The DfE's looked-after statistics (and the benchmarks published with them) leave out
# children looked after under an agreed series of short-term placements.
SHORT_BREAKS_OUT = (
    "Children looked after under an agreed series of short breaks (legal status V3 or V4 "
    "in the current episode) are left out, as in the DfE statistics."
)
CLA_COUNTS = f"{CLA_GUIDE}; {CLA_STATS} (children on short breaks are not counted)"
ONS_POP = "ONS, mid-year population estimates, children aged 0 to 17"
WT2023 = "Working Together to Safeguard Children 2023 (conference within 15 working days of the strategy discussion)"
CPR2010 = (
    "Care Planning, Placement and Case Review (England) Regulations 2010, regulation 28 (visits)"
)
LOCAL = "Local practice standard (timescale configurable)"
MISSING_GUIDE = "DfE, Children who run away or go missing from home or care (2014): return interview within 72 hours"


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    unit: str
    polarity: str
    definition: str
    source: str
    version: str = "1"
    team_breakdown: bool = True
    extra: dict[str, object] = field(default_factory=dict)


def _i(*args: object, **kwargs: object) -> Indicator:
    return Indicator(*args, **kwargs)  # type: ignore[arg-type]


PERIOD = "the 12 months ending on the as-at date (dates d with as-at minus one year < d <= as-at)"
MONTH = "the calendar month of the as-at date, up to and including the as-at date"

_CATALOGUE = [
    # Referrals and contacts
    _i(
        "contacts_month",
        "Contacts in the month",
        COUNT,
        NO_JUDGEMENT,
        f"Contacts with a contact date in {MONTH}.",
        "Ofsted ILACS Annex A list 1",
        team_breakdown=False,
    ),
    _i(
        "early_help_started_month",
        "Early help episodes started in the month",
        COUNT,
        NO_JUDGEMENT,
        f"Early help episodes (assessments) starting in {MONTH}.",
        "Ofsted ILACS Annex A list 2",
    ),
    _i(
        "referrals_month",
        "Referrals in the month",
        COUNT,
        NO_JUDGEMENT,
        f"Referrals with a referral date in {MONTH}.",
        CIN_GUIDE,
    ),
    _i(
        "referrals",
        "Referrals in the last 12 months",
        COUNT,
        NO_JUDGEMENT,
        f"Referrals with a referral date in {PERIOD}.",
        CIN_GUIDE,
    ),
    _i(
        "referrals_rate",
        "Referrals per 10,000 children aged 0-17",
        RATE,
        LOWER_IS_BETTER,
        f"Referrals in {PERIOD}, per 10,000 children aged 0-17 (ONS mid-year estimate).",
        f"{CIN_STATS}; {ONS_POP}",
        team_breakdown=False,
    ),
    _i(
        "re_referrals_12m_pct",
        "Re-referrals within 12 months",
        PERCENTAGE,
        LOWER_IS_BETTER,
        f"Of the referrals in {PERIOD}, the percentage whose child has an earlier referral "
        "dated on or after the referral date minus one year and before the referral date.",
        CIN_STATS,
    ),
    _i(
        "referrals_nfa_pct",
        "Referrals leading to no further action",
        PERCENTAGE,
        LOWER_IS_BETTER,
        f"Of the referrals in {PERIOD}, the percentage marked no further action (ReferralNFA).",
        CIN_GUIDE,
    ),
    # Assessments
    _i(
        "assessments",
        "Assessments authorised in the last 12 months",
        COUNT,
        NO_JUDGEMENT,
        f"Assessments with an authorisation date in {PERIOD}.",
        CIN_GUIDE,
    ),
    _i(
        "assessments_rate",
        "Assessments per 10,000 children aged 0-17",
        RATE,
        LOWER_IS_BETTER,
        f"Assessments authorised in {PERIOD}, per 10,000 children aged 0-17.",
        f"{CIN_STATS}; {ONS_POP}",
        team_breakdown=False,
    ),
    _i(
        "assessments_45wd_pct",
        "Assessments authorised within 45 working days",
        PERCENTAGE,
        HIGHER_IS_BETTER,
        f"Of assessments authorised in {PERIOD}, the percentage authorised no more than 45 "
        "working days after their start. The start day is day 0; weekends and England and "
        "Wales bank holidays are not working days.",
        CIN_STATS,
    ),
    # Strategy discussions, S47 and conferences
    _i(
        "strategy_discussions_month",
        "Strategy discussions held in the month",
        COUNT,
        NO_JUDGEMENT,
        f"Strategy discussions dated in {MONTH}.",
        "Ofsted ILACS Annex A list 5",
    ),
    _i(
        "s47",
        "Section 47 enquiries in the last 12 months",
        COUNT,
        NO_JUDGEMENT,
        f"Section 47 enquiries with a start date in {PERIOD}.",
        CIN_GUIDE,
    ),
    _i(
        "s47_rate",
        "Section 47 enquiries per 10,000 children aged 0-17",
        RATE,
        NO_JUDGEMENT,
        f"Section 47 enquiries started in {PERIOD}, per 10,000 children aged 0-17.",
        f"{CIN_STATS}; {ONS_POP}",
        team_breakdown=False,
    ),
    _i(
        "s47_icpc_pct",
        "Section 47 enquiries leading to an initial conference",
        PERCENTAGE,
        NO_JUDGEMENT,
        f"Of Section 47 enquiries started in {PERIOD}, the percentage with an initial child "
        "protection conference held on or before the as-at date.",
        CIN_STATS,
    ),
    _i(
        "icpc_15wd_pct",
        "Initial conferences within 15 working days of the strategy discussion",
        PERCENTAGE,
        HIGHER_IS_BETTER,
        f"Of initial child protection conferences held in {PERIOD} whose enquiry has a "
        "strategy discussion (or, failing that, S47 start) date, the percentage held no more "
        "than 15 working days after it (start day is day 0).",
        f"{CIN_STATS}; {WT2023}",
    ),
    # Child protection plans
    _i(
        "cpp_started",
        "Child protection plans started in the last 12 months",
        COUNT,
        NO_JUDGEMENT,
        f"Child protection plans starting in {PERIOD}.",
        CIN_GUIDE,
    ),
    _i(
        "cpp_at_date",
        "Children subject to a child protection plan",
        COUNT,
        NO_JUDGEMENT,
        "Children with a plan started on or before the as-at date and not ended by it.",
        CIN_GUIDE,
    ),
    _i(
        "cpp_rate",
        "Children subject to a CP plan per 10,000 children aged 0-17",
        RATE,
        LOWER_IS_BETTER,
        "Children subject to a child protection plan at the as-at date per 10,000 children "
        "aged 0-17.",
        f"{CIN_STATS}; {ONS_POP}",
        team_breakdown=False,
    ),
    _i(
        "cpp_second_or_subsequent_pct",
        "CP plans for a second or subsequent time",
        PERCENTAGE,
        LOWER_IS_BETTER,
        f"Of child protection plans started in {PERIOD}, the percentage whose child had an "
        "earlier plan in the records or a number of previous plans above 0 (ever, not only "
        "within two years).",
        CIN_STATS,
    ),
    _i(
        "cpp_ceased_2y_plus_pct",
        "CP plans ceased after 2 years or more",
        PERCENTAGE,
        LOWER_IS_BETTER,
        f"Of child protection plans ended in {PERIOD}, the percentage that had lasted two "
        "years or more (end date on or after the start date plus two years).",
        CIN_STATS,
    ),
    _i(
        "cin_plans_at_date",
        "Children with a child in need plan",
        COUNT,
        NO_JUDGEMENT,
        "Children with a child in need plan started on or before the as-at date and not ended "
        "by it.",
        CIN_GUIDE,
    ),
    # Children looked after
    _i(
        "cla_at_date",
        "Children looked after",
        COUNT,
        NO_JUDGEMENT,
        "Children with a looked-after episode that started on or before the as-at date and "
        f"had not ended by it (no DEC, or DEC after the as-at date). {SHORT_BREAKS_OUT}",
        CLA_COUNTS,
        version="2",
    ),
    _i(
        "cla_rate",
        "Children looked after per 10,000 children aged 0-17",
        RATE,
        LOWER_IS_BETTER,
        "Children looked after at the as-at date (cla_at_date, short breaks left out) per "
        "10,000 children aged 0-17.",
        f"{CLA_STATS}; {ONS_POP}",
        version="2",
        team_breakdown=False,
    ),
    _i(
        "cla_3plus_placements_pct",
        "Children looked after with 3 or more placements in the year",
        PERCENTAGE,
        LOWER_IS_BETTER,
        "Of the children looked after at the as-at date, leaving out those whose current "
        f"episode has legal status V3 or V4 (short breaks), the percentage with 3 or more "
        f"placements in {PERIOD}. A child's placements are its episodes overlapping the "
        "period; an episode whose reason for new episode is L (legal status change only) "
        "continues the placement before it, except that the first overlapping episode always "
        "counts as one.",
        CLA_STATS,
    ),
    _i(
        "cla_placed_ifa",
        "Children looked after placed with independent fostering agencies",
        COUNT,
        NO_JUDGEMENT,
        "Children looked after at the as-at date (short breaks left out) whose current placement is foster care "
        "(PLACE U1-U6) provided by a private or voluntary provider (PR4, PR5).",
        CLA_COUNTS,
        version="2",
    ),
    _i(
        "cla_placed_ifa_pct",
        "Children looked after placed with IFAs (%)",
        PERCENTAGE,
        LOWER_IS_BETTER,
        "cla_placed_ifa as a percentage of cla_at_date.",
        CLA_COUNTS,
        version="2",
    ),
    _i(
        "cla_placed_in_house_foster",
        "Children placed with the council's own foster carers (including connected carers)",
        COUNT,
        HIGHER_IS_BETTER,
        "Children looked after at the as-at date (short breaks left out) in foster care "
        "(U1-U6) provided by the "
        "council itself (PR1).",
        CLA_COUNTS,
        version="2",
    ),
    _i(
        "cla_placed_in_house_foster_pct",
        "Children placed with the council's own foster carers (%)",
        PERCENTAGE,
        HIGHER_IS_BETTER,
        "cla_placed_in_house_foster as a percentage of cla_at_date.",
        CLA_COUNTS,
        version="2",
    ),
    _i(
        "cla_placed_connected",
        "Children placed with connected carers",
        COUNT,
        NO_JUDGEMENT,
        "Children looked after at the as-at date (short breaks left out) fostered by a "
        "relative or friend (U1-U3).",
        CLA_COUNTS,
        version="2",
    ),
    _i(
        "cla_placed_childrens_home",
        "Children placed in children's homes",
        COUNT,
        LOWER_IS_BETTER,
        "Children looked after at the as-at date (short breaks left out) in a children's "
        "home (K1 secure, K2).",
        CLA_COUNTS,
        version="2",
    ),
    _i(
        "cla_placed_childrens_home_pct",
        "Children placed in children's homes (%)",
        PERCENTAGE,
        LOWER_IS_BETTER,
        "cla_placed_childrens_home as a percentage of cla_at_date.",
        CLA_COUNTS,
        version="2",
    ),
    _i(
        "cla_placed_with_parents",
        "Children looked after placed with parents",
        COUNT,
        NO_JUDGEMENT,
        "Children looked after at the as-at date (short breaks left out) placed with parents or "
        "others with parental responsibility (P1).",
        CLA_COUNTS,
        version="2",
    ),
    _i(
        "cla_placed_unregulated",
        "Children in unregulated or unregistered settings",
        COUNT,
        LOWER_IS_BETTER,
        "Children looked after at the as-at date (short breaks left out) living independently "
        "or in semi-independent "
        "accommodation not subject to regulation (P2, H5), or in other placements (Z1).",
        CLA_COUNTS,
        version="2",
    ),
    _i(
        "cla_placed_unregulated_pct",
        "Children in unregulated or unregistered settings (%)",
        PERCENTAGE,
        LOWER_IS_BETTER,
        "cla_placed_unregulated as a percentage of cla_at_date.",
        CLA_COUNTS,
        version="2",
    ),
    _i(
        "cla_placed_for_adoption",
        "Children placed for adoption",
        COUNT,
        NO_JUDGEMENT,
        "Children looked after at the as-at date (short breaks left out) placed for adoption "
        "(A3-A6).",
        CLA_COUNTS,
        version="2",
    ),
    _i(
        "cla_new_month",
        "Children starting to be looked after in the month",
        COUNT,
        NO_JUDGEMENT,
        f"Episodes starting in {MONTH} that are not short breaks (legal status V3, V4) and "
        "either start a period of care (reason for new episode S) or directly follow a "
        "short-break episode.",
        CLA_COUNTS,
        version="2",
    ),
    _i(
        "cla_new_month_uasc",
        "New children looked after in the month who are UASC",
        COUNT,
        NO_JUDGEMENT,
        "cla_new_month, only unaccompanied asylum-seeking children.",
        CLA_COUNTS,
        version="2",
    ),
    _i(
        "cla_ceased_month",
        "Children ceasing to be looked after in the month",
        COUNT,
        NO_JUDGEMENT,
        f"Episodes that are not short breaks (legal status V3, V4) ending in {MONTH} with a "
        "reason other than X1 (episode continues), or with X1 when a short-break episode "
        "follows directly.",
        CLA_COUNTS,
        version="2",
    ),
    _i(
        "cla_ceased_month_excl_uasc",
        "Children ceasing care in the month, excluding UASC",
        COUNT,
        NO_JUDGEMENT,
        "cla_ceased_month leaving out unaccompanied asylum-seeking children.",
        CLA_COUNTS,
        version="2",
    ),
    _i(
        "cla_ceased_month_cao_sgo",
        "Children leaving care in the month through a child "
        "arrangements or special guardianship order",
        COUNT,
        HIGHER_IS_BETTER,
        "cla_ceased_month with reason E41, E43, E44, E45, E46, E47 or E48.",
        CLA_COUNTS,
        version="2",
    ),
    _i(
        "cla_ceased_month_returned_home",
        "Children returned home in the month as part of care planning",
        COUNT,
        HIGHER_IS_BETTER,
        "cla_ceased_month with reason E4A.",
        CLA_COUNTS,
        version="2",
    ),
    _i(
        "cla_ceased_month_adopted",
        "Children adopted in the month",
        COUNT,
        NO_JUDGEMENT,
        "cla_ceased_month with reason E11 or E12.",
        CLA_COUNTS,
        version="2",
    ),
    # Caseloads
    _i(
        "caseload_children_held",
        "Children held by case-holding workers",
        COUNT,
        NO_JUDGEMENT,
        "Children with at least one allocation open at the as-at date.",
        LOCAL,
    ),
    _i(
        "caseload_average",
        "Average children per case-holding worker",
        AVERAGE,
        LOWER_IS_BETTER,
        "Open allocations at the as-at date divided by the workers holding at least one child.",
        LOCAL,
    ),
    _i(
        "caseload_workers_20plus",
        "Case holders with 20 or more children",
        COUNT,
        LOWER_IS_BETTER,
        "Workers holding 20 or more children at the as-at date.",
        LOCAL,
    ),
    # Missing
    _i(
        "rhi_72h_pct",
        "Return home interviews within 72 hours of the return, read as 3 calendar days",
        PERCENTAGE,
        HIGHER_IS_BETTER,
        f"Of missing episodes ending in {PERIOD} for which an interview outcome is recorded, "
        "the percentage with a return home interview no more than 3 days after the return.",
        MISSING_GUIDE,
    ),
]

# Visit and supervision timescales: code -> (plan, amount, unit). Configurable through the
# SCRUTINY_CASEDATA_TIMESCALES setting (same shape); the units are "working_days" or "days".
DEFAULT_TIMESCALES: dict[str, tuple[str, int, str]] = {
    "visits_cp_10wd_pct": ("cp", 10, "working_days"),
    "visits_cp_4w_pct": ("cp", 28, "days"),
    "visits_cin_6w_pct": ("cin", 42, "days"),
    "visits_cin_3w_pct": ("cin", 21, "days"),
    "visits_cla_6w_pct": ("cla", 42, "days"),
    "visits_eh_4w_pct": ("eh", 28, "days"),
    "supervision_assessment_pct": ("assessment", 28, "days"),
    "supervision_cp_pct": ("cp", 28, "days"),
    "supervision_cin_pct": ("cin", 42, "days"),
    "supervision_cla_pct": ("cla", 42, "days"),
    "supervision_eh_pct": ("eh", 42, "days"),
}

PLAN_NAMES = {
    "cp": "a child protection plan",
    "cin": "a child in need plan",
    "cla": "looked after (not on a short break)",
    "eh": "an open early help episode",
    "assessment": "an assessment in progress",
}


# The kind of visit that meets each plan's standard (the visit_kind of the records).
VISIT_KINDS = {
    "cp": "child protection visits",
    "cin": "child in need visits",
    "cla": "looked-after visits",
    "eh": "early help visits",
    "assessment": "assessment visits",
}
_EARLIEST = "When several such {0} overlap, the child has been on one since the earliest began."
START_RULES = {
    "cp": _EARLIEST.format("plans"),
    "cin": _EARLIEST.format("plans"),
    "eh": _EARLIEST.format("episodes"),
    "assessment": _EARLIEST.format("assessments"),
    "cla": "The time runs from the start of the current placement (regulation 28): a change "
    "of legal status only (reason for new episode L) does not restart it.",
}


def timescale_indicator(code: str, plan: str, amount: int, unit: str) -> Indicator:
    kind = "visit" if code.startswith("visits_") else "supervision"
    span = f"{amount} working days" if unit == "working_days" else f"{amount} days"
    return Indicator(
        code=code,
        name=f"Children with {PLAN_NAMES[plan]} with a {kind} within {span}",
        unit=PERCENTAGE,
        polarity=HIGHER_IS_BETTER,
        definition=(
            f"Of the children with {PLAN_NAMES[plan]} at the as-at date for longer than "
            f"{span} (so that a {kind} is due), the percentage whose latest recorded {kind} "
            f"on or before the as-at date is no more than {span} before it. "
            + (f"Only visits recorded as {VISIT_KINDS[plan]} count. " if kind == "visit" else "")
            + START_RULES[plan]
        ),
        source=CPR2010 if (kind == "visit" and plan == "cla") else LOCAL,
        version=f"2;{plan};{amount};{unit}",
        extra={"plan": plan, "amount": amount, "timescale_unit": unit, "kind": kind},
    )


def timescales() -> dict[str, tuple[str, int, str]]:
    """Visit and supervision timescales, from Django settings when configured."""
    try:
        from django.conf import settings

        configured = getattr(settings, "SCRUTINY_CASEDATA_TIMESCALES", None)
    except Exception:  # settings not configured (bench scripts run without Django)
        configured = None
    return dict(configured) if configured else dict(DEFAULT_TIMESCALES)


def catalogue() -> dict[str, Indicator]:
    entries = {ind.code: ind for ind in _CATALOGUE}
    for code, (plan, amount, unit) in timescales().items():
        entries[code] = timescale_indicator(code, plan, amount, unit)
    return entries
