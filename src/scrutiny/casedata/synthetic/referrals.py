"""Steps 2-3: contacts, the referrals among them and the assessments that follow."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from .children import Children
from .frame import Window, Writer, dates

CONTACT_SOURCES = np.array(["1A", "1B", "2A", "2B", "3A", "3B", "4", "5A", "5B", "6", "9"])
NEEDS = np.array([f"N{i}" for i in range(1, 10)])


@dataclass(frozen=True)
class Referrals:
    child: np.ndarray
    day: np.ndarray
    nfa: np.ndarray


@dataclass(frozen=True)
class Assessments:
    child: np.ndarray
    referral_day: np.ndarray
    start: np.ndarray
    authorised: np.ndarray
    done: np.ndarray  # authorised by the end of data


def generate_contacts(
    rng: np.random.Generator, window: Window, writer: Writer, children: Children, n: int
) -> tuple[np.ndarray, np.ndarray]:
    """Contacts: about two per child, uniform over the window; returns (child, day)."""
    per_child = 1 + rng.poisson(0.9, size=n)
    child = np.repeat(np.arange(n), per_child)
    day = children.uniform_day(child, window, rng)
    writer.write(
        "contacts",
        {
            "child": writer.child_ids(child),
            "contact_date": dates(day),
            "contact_source": pa.array(rng.choice(CONTACT_SOURCES, len(child))),
        },
    )
    return child, day


def generate_referrals_and_assessments(
    rng: np.random.Generator,
    window: Window,
    writer: Writer,
    contact_child: np.ndarray,
    contact_day: np.ndarray,
) -> tuple[Referrals, Assessments]:
    """Referrals from 18% of contacts; an assessment for each one not closed as NFA.

    One step for both kinds: the referrals' sources and needs are drawn after the
    assessments' dates, and the draws keep that order so a seed gives the same authority.
    """
    is_ref = rng.random(len(contact_child)) < 0.18
    r_child = contact_child[is_ref]
    r_day = np.minimum(contact_day[is_ref] + rng.integers(0, 3, is_ref.sum()), window.last)
    r_nfa = rng.random(len(r_child)) < 0.06

    a_ref = np.flatnonzero(~r_nfa)
    a_start = np.minimum(r_day[a_ref] + rng.integers(0, 3, len(a_ref)), window.last)
    late = rng.random(len(a_ref)) < 0.16
    duration = np.where(late, rng.integers(46, 95, len(a_ref)), rng.integers(3, 46, len(a_ref)))
    a_auth = window.calendar.add(a_start, duration)
    assessments = Assessments(r_child[a_ref], r_day[a_ref], a_start, a_auth, a_auth <= window.last)
    writer.write(
        "referrals",
        {
            "child": writer.child_ids(r_child),
            "referral_date": dates(r_day),
            "referral_source": pa.array(rng.choice(CONTACT_SOURCES, len(r_child))),
            "nfa": pa.array(r_nfa),
            "primary_need": pa.array(rng.choice(NEEDS, len(r_child))),
        },
    )
    writer.write(
        "assessments",
        {
            "child": writer.child_ids(assessments.child),
            "referral_date": dates(assessments.referral_day),
            "assessment_start": dates(a_start),
            "assessment_authorised": dates(a_auth, assessments.done),
        },
    )
    return Referrals(r_child, r_day, r_nfa), assessments
