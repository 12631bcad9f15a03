"""Invariants of the engine over random profiles, people and histories."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from vaxkit.eligibility import DoseKind, assess, can_receive, next_dose_window

from .strategies import (
    any_histories,
    cohort_age,
    days,
    dose_age,
    engine_histories,
    first_cohort,
    people,
    profiles,
)

# About a second per property on one core; CI may raise max_examples through a profile.
SETTINGS = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


@st.composite
def cases(draw):
    """A profile, a person, a history (engine-made or arbitrary) and a day to judge on."""
    profile = draw(profiles())
    person = draw(people())
    if draw(st.booleans()):
        history, on = draw(engine_histories(profile, person))
    else:
        history, on = draw(any_histories(profile))
    return profile, person, history, draw(near_next_dose(profile, person, history, on))


@st.composite
def near_next_dose(draw, profile, person, history, on):
    """Often move the day to within a few days of the next dose's first day: the boundary."""
    if draw(st.booleans()):
        nxt = assess(profile, person, history, on).next_dose
        if nxt is not None:
            on = max(on, nxt.earliest) + dt.timedelta(days=draw(st.integers(-2, 2)))
    return max([on, *(dose.date for dose in history)])


def allowed_vaccines(profile, person, history, on):
    number = len(history) + 1
    for vaccine in profile.vaccines:
        verdict = can_receive(profile, person, history, vaccine.code, number, on)
        if verdict.allowed:
            yield vaccine, verdict


@SETTINGS
@given(cases())
def test_never_a_later_dose_before_its_minimum_interval(case) -> None:
    profile, person, history, on = case
    assume(history)
    last = history[-1]
    primary = profile.vaccine(history[0].vaccine)
    in_series = len(history) < primary.doses
    if in_series:
        (interval,) = [i for i in primary.intervals if i.after_dose == len(history)]
        shortest = interval.min_days
    else:
        shortest = min((b.after_days for v in profile.vaccines for b in v.boosters), default=0)
    # Judge on the drawn day and on the last day before the shortest interval has passed.
    critical = last.date + dt.timedelta(days=shortest - 1)
    for day in {on, critical} if shortest > 0 else {on}:
        for vaccine, verdict in allowed_vaccines(profile, person, history, day):
            waited = (day - last.date).days
            event("allowed: primary" if in_series else "allowed: booster")
            if in_series:
                assert vaccine.code == primary.code
                assert waited >= interval.min_days
            else:
                assert verdict.window is not None and verdict.window.kind == DoseKind.booster
                rule = next(b for b in vaccine.boosters if b.code == verdict.window.booster)
                assert waited >= rule.after_days
                assert not rule.primary_vaccines or primary.code in rule.primary_vaccines
                assert not rule.requires_any or set(rule.requires_any) & person.qualifiers
                assert rule.opens_on is None or day >= rule.opens_on
                assert dose_age(profile, person, day) >= rule.min_age


@SETTINGS
@given(cases())
def test_never_a_vaccine_outside_its_age_limits(case) -> None:
    profile, person, history, on = case
    for vaccine, _ in allowed_vaccines(profile, person, history, on):
        event(f"allowed: dose {len(history) + 1}")
        age = dose_age(profile, person, on)
        assert vaccine.min_age <= age
        assert vaccine.max_age is None or age <= vaccine.max_age


@st.composite
def cohort_edges(draw, profile, on):
    """Often a day on either side of a cohort's opening or closing day."""
    edges = [on]
    for group in profile.cohorts.groups:
        edges += [group.opens_on, group.opens_on - dt.timedelta(days=1)]
        if group.closes_on is not None:
            edges += [group.closes_on, group.closes_on + dt.timedelta(days=1)]
    return draw(st.sampled_from(edges))


@SETTINGS
@given(profiles(), people(), days, st.data())
def test_a_first_dose_only_through_the_cohort_that_fits(profile, person, on, data) -> None:
    on = data.draw(st.one_of(near_next_dose(profile, person, [], on), cohort_edges(profile, on)))
    cohort = first_cohort(profile, person, on)
    for vaccine, _ in allowed_vaccines(profile, person, [], on):
        event("allowed: dose 1")
        assert cohort is not None
        assert not cohort.vaccines or vaccine.code in cohort.vaccines
    result = assess(profile, person, [], on)
    assert result.cohort == cohort
    assert result.age == cohort_age(profile, person, on)


@SETTINGS
@given(cases())
def test_windows_are_ordered(case) -> None:
    profile, person, history, on = case
    result = assess(profile, person, history, on)
    windows = list(result.windows)
    window = next_dose_window(profile, person, history, on)
    if window is not None:
        windows.append(window)
    for w in windows:
        if w.earliest is None:
            assert w.latest is None and w.last_possible is None and w.blockers
            continue
        if w.latest is not None:
            assert w.earliest <= w.latest
        if w.last_possible is not None:
            assert w.earliest <= w.last_possible
            assert w.latest is None or w.latest <= w.last_possible
        assert w.open == (w.earliest <= on and (w.last_possible is None or on <= w.last_possible))
    if result.next_dose is not None:
        nxt = result.next_dose
        assert nxt.latest is None or nxt.earliest <= nxt.latest


@SETTINGS
@given(profiles(), people(), days, st.integers(0, 1500), st.data())
def test_first_dose_eligibility_is_monotone_within_a_cohort(profile, person, d1, gap, data):
    d1 = data.draw(near_next_dose(profile, person, [], d1))
    before = assess(profile, person, [], d1)
    assume(before.eligible)
    cohort = before.cohort
    assert cohort is not None
    vaccine = profile.vaccine(data.draw(st.sampled_from(before.offered)))
    d2 = d1 + dt.timedelta(days=gap)
    assume(first_cohort(profile, person, d2) == cohort)  # still open, still of the right age
    age = dose_age(profile, person, d2)
    assume(vaccine.max_age is None or age <= vaccine.max_age)
    after = assess(profile, person, [], d2)
    assert after.eligible
    assert vaccine.code in after.offered


@SETTINGS
@given(cases())
def test_a_complete_series_is_followed_only_by_boosters(case) -> None:
    profile, person, history, on = case
    assume(history)
    primary = profile.vaccine(history[0].vaccine)
    assume(len(history) >= primary.doses)
    result = assess(profile, person, history, on)
    assert result.series_complete
    assert all(w.kind == DoseKind.booster for w in result.windows)
    for vaccine, verdict in allowed_vaccines(profile, person, history, on):
        event("allowed: booster")
        assert verdict.window is not None and verdict.window.kind == DoseKind.booster
        rule = next(b for b in vaccine.boosters if b.code == verdict.window.booster)
        assert not rule.primary_vaccines or primary.code in rule.primary_vaccines


@SETTINGS
@given(cases())
def test_assess_and_can_receive_agree(case) -> None:
    profile, person, history, on = case
    result = assess(profile, person, history, on)
    allowed = {vaccine.code for vaccine, _ in allowed_vaccines(profile, person, history, on)}
    assert set(result.offered) == allowed
    assert result.eligible == bool(allowed)
    assert result.reasons  # a verdict always says why


@SETTINGS
@given(cases())
def test_the_promised_day_of_a_later_dose_holds(case) -> None:
    profile, person, history, on = case
    assume(history)
    result = assess(profile, person, history, on)
    assume(result.next_dose is not None)
    day = max(on, result.next_dose.earliest)
    then = assess(profile, person, history, day)
    assert then.eligible
    assert set(result.next_dose.vaccines) <= set(then.offered)
