"""Which cohort a person belongs to on a day, and which they will belong to later, and from when."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from vaxkit.eligibility.ages import Ages
from vaxkit.profiles.schema import Cohort, Profile


def has_any(required: Collection[str], qualifiers: Collection[str]) -> bool:
    """Whether ``qualifiers`` meet a ``requires_any`` list (an empty list needs nothing)."""
    return not required or any(code in qualifiers for code in required)


def fits(cohort: Cohort, ages: Ages, qualifiers: Collection[str], day: dt.date) -> bool:
    """Whether a person is in ``cohort`` on ``day``: age bounds, qualifiers and open window."""
    if day < cohort.opens_on or (cohort.closes_on is not None and day > cohort.closes_on):
        return False
    age = ages.cohort.age(day)
    if age < cohort.min_age or (cohort.max_age is not None and age > cohort.max_age):
        return False
    return has_any(cohort.requires_any, qualifiers)


def cohort_on(
    profile: Profile, ages: Ages, qualifiers: Collection[str], day: dt.date
) -> Cohort | None:
    """The first (most prioritised) cohort that fits on ``day``."""
    for cohort in profile.cohorts.groups:
        if fits(cohort, ages, qualifiers, day):
            return cohort
    return None


def fitting_span(cohort: Cohort, ages: Ages) -> tuple[dt.date, dt.date] | None:
    """First and last day the person's age and the cohort's window both fit (qualifiers aside).

    Age only grows, so the days on which a person fits one cohort form a single span.
    """
    reached = ages.cohort.reaches(cohort.min_age)
    if reached is None:
        return None
    end = cohort.closes_on or dt.date.max
    if cohort.max_age is not None:
        until = ages.cohort.until(cohort.max_age)
        if until is None:
            return None
        end = min(end, until)
    start = max(cohort.opens_on, reached)
    return (start, end) if start <= end else None


@dataclass(frozen=True)
class CohortMatch:
    """The cohort now, or (when none fits now) the one that will fit first, and from when."""

    now: Cohort | None
    later: Cohort | None = None
    later_from: dt.date | None = None
    closed: Cohort | None = None
    """When nothing fits now or later: a cohort the person fitted but which has closed."""


def match_cohort(
    profile: Profile, ages: Ages, qualifiers: Collection[str], on: dt.date
) -> CohortMatch:
    """Find the person's cohort on ``on``; if none, the first day some cohort will fit."""
    now = cohort_on(profile, ages, qualifiers, on)
    if now is not None:
        return CohortMatch(now)
    first: dt.date | None = None
    closed: Cohort | None = None
    for cohort in profile.cohorts.groups:
        if not has_any(cohort.requires_any, qualifiers):
            continue
        span = fitting_span(cohort, ages)
        if span is None:
            continue
        start, end = max(span[0], on), span[1]
        if start <= end:
            first = start if first is None else min(first, start)
        elif closed is None and cohort.closes_on is not None and span[1] == cohort.closes_on:
            closed = cohort
    if first is None:
        return CohortMatch(None, closed=closed)
    # On that day a more prioritised cohort may fit as well: the person belongs to the first one.
    return CohortMatch(None, cohort_on(profile, ages, qualifiers, first), first)
