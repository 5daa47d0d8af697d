"""A deterministic synthetic local authority, written straight into the store.

Everything is drawn with numpy arrays (one draw per table, never a Python loop per child),
so 150 authorities of Southampton's size (about 35 million records) take minutes, not hours.
The flows follow the statutory pathway: contact -> referral -> assessment -> strategy
discussion -> section 47 enquiry -> initial conference -> child protection plan; child in
need plans after assessments; early help episodes; looked-after periods split into episodes
with placement moves and legal-status changes; reviews; missing episodes with return
interviews; visits and supervisions at plan-specific intervals; allocations to workers in 23
teams named like the seed's assessment timeliness table.

One step per record kind, in pathway order (``children``, ``referrals``, ``protection``,
``support``, ``care``, ``work``): each takes the window and the records it follows from as
arguments and returns its own. Volumes per child are calibrated so that ``children=30000``
over 3 years gives about 250,000 records, close to a city of Southampton's size (about
3,300 referrals and 190 children on a child protection plan a year).
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pyarrow as pa

from . import care, protection, referrals, support, work
from .children import generate_children
from .frame import EPOCH, Window, Writer

DEFAULT_END = date(2024, 10, 31)


def generate_la(
    con,
    *,
    la: str,
    children: int,
    seed: int,
    end: date | None = None,
    years: int = 3,
    source: str = "synthetic",
) -> dict[str, int]:
    """Generate one authority's records and append them to the store; returns row counts."""
    rng = np.random.default_rng(seed)
    # Draws added after the first version come from streams of their own, so they leave
    # the records drawn before them as they were.
    gaps = np.random.default_rng([seed, 1])
    window = Window.ending(end or DEFAULT_END, years)
    n = int(children)
    writer = Writer(con, la, source, pa.array([f"{la}{i:07d}" for i in range(n)]))
    after_end = window.last + 1

    people = generate_children(rng, window, writer, n)
    contacts = referrals.generate_contacts(rng, window, writer, people, n)
    refs, assessments = referrals.generate_referrals_and_assessments(rng, window, writer, *contacts)
    enquiries = protection.generate_enquiries(rng, gaps, window, writer, assessments)
    plans = protection.generate_protection_plans(rng, window, writer, enquiries)
    cin = support.generate_cin_plans(rng, window, writer, assessments, plans)
    early_help = support.generate_early_help(rng, window, writer, people, n)
    periods, short_break = care.draw_care_periods(rng, window, people, plans, refs, n)
    care.generate_episodes(rng, writer, periods, short_break)
    care.generate_reviews(rng, window, writer, periods)
    care.generate_missing(rng, window, writer, people, periods)

    def stop(spell_end: np.ndarray) -> np.ndarray:
        return np.where(spell_end <= window.last, spell_end, after_end)

    phases = [
        work.Phase(
            "assessment",
            assessments.child,
            assessments.start,
            np.where(assessments.done, assessments.authorised, after_end),
            assessments.valid,
        ),
        work.Phase(
            "safeguarding",
            plans.child,
            plans.start,
            np.where(plans.open, after_end, plans.end),
            plans.valid,
        ),
        work.Phase("family_help", cin.child, cin.start, stop(cin.end), cin.valid),
        work.Phase(
            "family_help",
            early_help.child,
            early_help.start,
            stop(early_help.end),
            early_help.valid,
        ),
        work.Phase(
            "in_care",
            periods.child,
            periods.start,
            np.where(periods.end_known, periods.end, after_end),
            periods.valid,
        ),
    ]
    alloc = work.generate_allocations(rng, window, writer, people, phases)
    last = window.last
    cp_stop, eh_stop = np.minimum(plans.end, last), np.minimum(early_help.end, last)
    work.generate_visits(
        rng,
        writer,
        {
            "cp": (plans.child, plans.start, cp_stop, cp_stop, plans.valid),
            "cin": (
                cin.child,
                cin.start,
                np.minimum(cin.drawn_end, last),
                np.minimum(cin.end, last),
                cin.valid,
            ),
            "cla": (periods.child, periods.start, periods.horizon, periods.horizon, periods.valid),
            "eh": (early_help.child, early_help.start, eh_stop, eh_stop, early_help.valid),
        },
    )
    work.generate_supervisions(rng, window, writer, alloc)
    generate_population(writer, window, n)
    return writer.counts


def generate_population(writer: Writer, window: Window, n: int) -> None:
    """ONS-style population 0-17 for each mid-year in the window: about twice the children in
    the records, which gives rates per 10,000 near a city like Southampton's."""
    population = int(n * 2.0)
    first_year = date.fromordinal(EPOCH.toordinal() + window.first).year
    pop_years = np.arange(first_year - 1, window.end.year + 1)
    drift = 1 + 0.004 * (pop_years - pop_years[0])
    writer.write(
        "population",
        {
            "year": pa.array(pop_years.astype(np.int32)),
            "population": pa.array((population * drift).astype(np.int32)),
        },
    )
