"""Steps 2-3: contacts, the referrals among them and the assessments that follow."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from .children import Children
from .frame import (
    Window,
    Writer,
    dates,
    first_of_each_mask,
    open_ended,
    starts_during_earlier,
)

CONTACT_SOURCES = np.array(["1A", "1B", "2A", "2B", "3A", "3B", "4", "5A", "5B", "6", "9"])
NEEDS = np.array([f"N{i}" for i in range(1, 10)])


@dataclass(frozen=True)
class Referrals:
    child: np.ndarray
    day: np.ndarray
    nfa: np.ndarray
    valid: np.ndarray  # written (a repeat of a child's referral on one day is not)


@dataclass(frozen=True)
class Assessments:
    child: np.ndarray
    referral_day: np.ndarray
    start: np.ndarray
    authorised: np.ndarray
    done: np.ndarray  # authorised by the end of data
    # Written: not from a dropped referral, and not starting while an earlier assessment of
    # the child is ongoing (CIN census rule 8863).
    valid: np.ndarray


def generate_contacts(
    rng: np.random.Generator, window: Window, writer: Writer, children: Children, n: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Contacts: about two per child, uniform over the window; returns (child, day, kept):
    a second contact for a child on the same day is one contact, so is not kept."""
    per_child = 1 + rng.poisson(0.9, size=n)
    child = np.repeat(np.arange(n), per_child)
    day = children.uniform_day(child, window, rng)
    kept = first_of_each_mask(child, day)
    source = rng.choice(CONTACT_SOURCES, len(child))
    writer.write(
        "contacts",
        {
            "child": writer.child_ids(child[kept]),
            "contact_date": dates(day[kept]),
            "contact_source": pa.array(source[kept]),
        },
    )
    return child, day, kept


def generate_referrals_and_assessments(
    rng: np.random.Generator,
    window: Window,
    writer: Writer,
    contact_child: np.ndarray,
    contact_day: np.ndarray,
    contact_kept: np.ndarray,
) -> tuple[Referrals, Assessments]:
    """Referrals from 18% of contacts; an assessment for each one not closed as NFA.

    One step for both kinds: the referrals' sources and needs are drawn after the
    assessments' dates, and the draws keep that order so a seed gives the same authority.
    """
    is_ref = rng.random(len(contact_child)) < 0.18
    r_child = contact_child[is_ref]
    r_day = np.minimum(contact_day[is_ref] + rng.integers(0, 3, is_ref.sum()), window.last)
    r_nfa = rng.random(len(r_child)) < 0.06
    r_valid = contact_kept[is_ref] & first_of_each_mask(r_child, r_day)

    a_ref = np.flatnonzero(~r_nfa)
    a_start = np.minimum(r_day[a_ref] + rng.integers(0, 3, len(a_ref)), window.last)
    late = rng.random(len(a_ref)) < 0.16
    duration = np.where(late, rng.integers(46, 95, len(a_ref)), rng.integers(3, 46, len(a_ref)))
    a_auth = window.calendar.add(a_start, duration)
    a_child, a_done = r_child[a_ref], a_auth <= window.last
    overlapping = starts_during_earlier(
        a_child,
        a_start,
        open_ended(a_auth, ~a_done),
        among=r_valid[a_ref],
        same_day_allowed=True,
    )
    a_valid = r_valid[a_ref] & ~overlapping
    assessments = Assessments(a_child, r_day[a_ref], a_start, a_auth, a_done, a_valid)
    source = rng.choice(CONTACT_SOURCES, len(r_child))
    need = rng.choice(NEEDS, len(r_child))
    writer.write(
        "referrals",
        {
            "child": writer.child_ids(r_child[r_valid]),
            "referral_date": dates(r_day[r_valid]),
            "referral_source": pa.array(source[r_valid]),
            "nfa": pa.array(r_nfa[r_valid]),
            "primary_need": pa.array(need[r_valid]),
        },
    )
    writer.write(
        "assessments",
        {
            "child": writer.child_ids(a_child[a_valid]),
            "referral_date": dates(assessments.referral_day[a_valid]),
            "assessment_start": dates(a_start[a_valid]),
            "assessment_authorised": dates(a_auth[a_valid], a_done[a_valid]),
        },
    )
    return Referrals(r_child, r_day, r_nfa, r_valid), assessments
