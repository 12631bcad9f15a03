"""Hypothesis strategies: random but valid profiles, people and dose histories, plus an
independent age oracle for checking the engine."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from vaxkit.eligibility import DoseTaken, Person, assess
from vaxkit.profiles.schema import (
    AgeRule,
    Booster,
    Cohort,
    Cohorts,
    DoseInterval,
    Profile,
    Qualifier,
    Vaccine,
)

from .policies import frame, label

D = dt.date
QUALIFIERS = ("q1", "q2")
CODES = ("v0", "v1", "v2")
days = st.dates(D(2019, 1, 1), D(2026, 12, 31))
ages = st.integers(0, 80)


def _subset(items):
    return st.lists(st.sampled_from(items), unique=True, max_size=len(items))


@st.composite
def boosters(draw, codes: tuple[str, ...]) -> list[Booster]:
    count = draw(st.integers(0, 3))
    return [
        Booster(
            code=f"b{i}",
            labels=label(f"Booster {i}"),
            after_days=draw(st.integers(0, 400)),
            min_age=draw(st.integers(0, 70)),
            requires_any=draw(_subset(QUALIFIERS)),
            opens_on=draw(st.none() | days),
            primary_vaccines=draw(_subset(codes)),
        )
        for i in range(count)
    ]


@st.composite
def vaccines(draw, code: str, codes: tuple[str, ...]) -> Vaccine:
    doses = draw(st.integers(1, 3))
    intervals = []
    for after in range(1, doses):
        low = draw(st.integers(0, 120))
        intervals.append(
            DoseInterval(
                after_dose=after,
                min_days=low,
                max_days=draw(st.none() | st.integers(low, low + 90)),
            )
        )
    min_age = draw(st.integers(0, 60))
    return Vaccine(
        code=code,
        name=code.upper(),
        manufacturer="Maker",
        doses=doses,
        intervals=intervals,
        min_age=min_age,
        max_age=draw(st.none() | st.integers(min_age, min_age + 60)),
        boosters=draw(boosters(codes)),
    )


@st.composite
def cohorts(draw, codes: tuple[str, ...]) -> list[Cohort]:
    groups = []
    for i in range(draw(st.integers(1, 4))):
        min_age = draw(ages)
        opens_on = draw(days)
        groups.append(
            Cohort(
                code=f"c{i}",
                labels=label(f"Cohort {i}"),
                min_age=min_age,
                max_age=draw(st.none() | st.integers(min_age, min_age + 50)),
                requires_any=draw(_subset(QUALIFIERS)),
                opens_on=opens_on,
                closes_on=draw(st.none() | st.dates(opens_on, opens_on + dt.timedelta(days=900))),
                vaccines=draw(_subset(codes)),
            )
        )
    return groups


@st.composite
def profiles(draw) -> Profile:
    codes = CODES[: draw(st.integers(1, len(CODES)))]
    rule = draw(st.sampled_from(list(AgeRule)))
    return frame(
        Cohorts(
            age_rule=rule,
            reference_date=draw(days) if rule == AgeRule.reference_date else None,
            qualifiers=[Qualifier(code=q, kind="condition", labels=label(q)) for q in QUALIFIERS],
            groups=draw(cohorts(codes)),
        ),
        [draw(vaccines(code, codes)) for code in codes],
    )


@st.composite
def people(draw) -> Person:
    birth = draw(st.dates(D(1920, 1, 1), D(2025, 12, 31)))
    qualifiers = frozenset(draw(_subset(QUALIFIERS)))
    if draw(st.booleans()):
        return Person(birth_year=birth.year, qualifiers=qualifiers)
    return Person(birth_date=birth, qualifiers=qualifiers)


@st.composite
def engine_histories(draw, profile: Profile, person: Person):
    """A history the engine itself allowed, dose by dose, and a day after it."""
    day = draw(days)
    history: list[DoseTaken] = []
    for _ in range(draw(st.integers(0, 5))):
        result = assess(profile, person, history, day)
        if result.next_dose is None:
            break
        day = max(day, result.next_dose.earliest) + dt.timedelta(days=draw(st.integers(0, 20)))
        result = assess(profile, person, history, day)
        if not result.eligible:
            break
        vaccine = draw(st.sampled_from(result.offered))
        history.append(DoseTaken(vaccine, day, len(history) + 1))
    return history, day + dt.timedelta(days=draw(st.integers(0, 400)))


@st.composite
def any_histories(draw, profile: Profile):
    """A well-formed history given with no regard to the rules (doses too early, say)."""
    primary = draw(st.sampled_from(profile.vaccines))
    count = draw(st.integers(1, primary.doses + 1))
    day = draw(days)
    history = []
    for number in range(1, count + 1):
        vaccine = primary if number <= primary.doses else draw(st.sampled_from(profile.vaccines))
        history.append(DoseTaken(vaccine.code, day, number))
        day += dt.timedelta(days=draw(st.integers(0, 300)))
    return history, day + dt.timedelta(days=draw(st.integers(0, 400)))


# --- an independent oracle -----------------------------------------------------------------------


def _completed(birth: dt.date, day: dt.date) -> int:
    years = day.year - birth.year
    return years - 1 if (day.month, day.day) < (birth.month, birth.day) else years


def _birth(person: Person) -> dt.date:
    return person.birth_date or D(person.year_of_birth, 12, 31)


def dose_age(profile: Profile, person: Person, day: dt.date) -> int:
    """Age on a dose date: year difference under the birth-year rule, else completed years."""
    if profile.cohorts.age_rule == AgeRule.birth_year:
        return day.year - person.year_of_birth
    return _completed(_birth(person), day)


def cohort_age(profile: Profile, person: Person, day: dt.date) -> int:
    rule = profile.cohorts.age_rule
    if rule == AgeRule.reference_date:
        assert profile.cohorts.reference_date is not None
        return _completed(_birth(person), profile.cohorts.reference_date)
    return dose_age(profile, person, day)


def first_cohort(profile: Profile, person: Person, day: dt.date) -> Cohort | None:
    age = cohort_age(profile, person, day)
    for group in profile.cohorts.groups:
        if (
            group.opens_on <= day
            and (group.closes_on is None or day <= group.closes_on)
            and group.min_age <= age
            and (group.max_age is None or age <= group.max_age)
            and (not group.requires_any or set(group.requires_any) & person.qualifiers)
        ):
            return group
    return None
