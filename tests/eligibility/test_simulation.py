"""The synthetic population and the what-if simulator, checked against the engine itself."""

from __future__ import annotations

import datetime as dt
import json
import time
from collections import defaultdict

import pytest

from vaxkit.eligibility import DoseKind, DoseTaken, EligibilityError, Person, assess
from vaxkit.eligibility.ages import anniversary, completed_years
from vaxkit.eligibility.population import synthetic_population
from vaxkit.eligibility.simulation import Counts, draw_population, simulate
from vaxkit.profiles.schema import AgeRule, Cohort, Cohorts, DoseInterval

from .policies import COVISHIELD, INDIA_COHORTS, frame, india, label, replace_vaccine

D = dt.date
INDIA = india()
KINDS = ("first_dose", "next_dose", "booster")


def on_birthdays(profile):
    cohorts = profile.cohorts.model_copy(update={"age_rule": AgeRule.booking_date})
    return profile.model_copy(update={"cohorts": cohorts})


def walk_with_assess(profile, population, start, end, *, day_by_day: bool):
    """Expected counts from the public engine alone: every group of people walked through
    ``assess``, day by day or jumping to each promised next-dose day."""
    first = min([start, *(c.opens_on for c in profile.cohorts.groups)])
    totals: dict[tuple[int, str], float] = defaultdict(float)
    for (birth, qualifiers), count in population.groups.items():
        person = Person(birth_date=birth, qualifiers=qualifiers)
        paths = [((), first, 1.0)]
        while paths:
            history, day, share = paths.pop()
            while day <= end:
                result = assess(profile, person, history, day)
                if result.eligible:
                    window = next(w for w in result.windows if w.open)
                    kind = (
                        "first_dose" if window.dose_number == 1
                        else "booster" if window.kind == DoseKind.booster
                        else "next_dose"
                    )  # fmt: skip
                    if day >= start:
                        totals[((day - start).days, kind)] += count * share
                    options = result.offered if not history else result.offered[:1]
                    for vaccine in options:
                        dose = DoseTaken(vaccine, day, len(history) + 1)
                        paths.append(((*history, dose), day, share / len(options)))
                    break
                if day_by_day:
                    day += dt.timedelta(days=1)
                elif result.next_dose is None:
                    break
                else:
                    day = max(day + dt.timedelta(days=1), result.next_dose.earliest)
    days = (end - start).days + 1
    return [Counts(*(round(totals[(i, kind)]) for kind in KINDS)) for i in range(days)]


# --- the population ------------------------------------------------------------------------------


def test_population_size_and_determinism() -> None:
    a = synthetic_population(INDIA.cohorts.qualifiers, 50_000, D(2021, 1, 1), seed=7)
    b = synthetic_population(INDIA.cohorts.qualifiers, 50_000, D(2021, 1, 1), seed=7)
    c = synthetic_population(INDIA.cohorts.qualifiers, 50_000, D(2021, 1, 1), seed=8)
    assert sum(a.groups.values()) == 50_000
    assert a.groups == b.groups
    assert a.groups != c.groups


def test_population_follows_the_documented_model() -> None:
    on = D(2021, 1, 1)
    people = synthetic_population(INDIA.cohorts.qualifiers, 400_000, on, seed=1)
    by_age: dict[int, int] = defaultdict(int)
    with_condition: dict[str, int] = defaultdict(int)
    workers = {"18-64": 0, "other": 0}
    for (birth, qualifiers), count in people.groups.items():
        age = completed_years(birth, on)
        assert 0 <= age <= 99
        by_age[age] += count
        band = "60+" if age >= 60 else "45-59" if age >= 45 else "<45"
        if "comorbidity" in qualifiers:
            with_condition[band] += count
        if "health_worker" in qualifiers:
            workers["18-64" if 18 <= age <= 64 else "other"] += count
    # Linear pyramid: weight 100 - age, so under-15s are 1395 / 5050 of everyone.
    assert sum(by_age[a] for a in range(15)) / 400_000 == pytest.approx(1395 / 5050, abs=0.005)
    bands = {"<45": range(45), "45-59": range(45, 60), "60+": range(60, 100)}
    for band, rate in (("<45", 0.05), ("45-59", 0.20), ("60+", 0.35)):
        people_in_band = sum(by_age[a] for a in bands[band])
        assert with_condition[band] / people_in_band == pytest.approx(rate, abs=0.01)
    adults = sum(by_age[a] for a in range(18, 65))
    assert workers["18-64"] / adults == pytest.approx(0.02, abs=0.003)
    assert workers["other"] == 0


def test_rates_can_be_overridden_and_are_checked() -> None:
    people = synthetic_population(
        INDIA.cohorts.qualifiers, 10_000, D(2021, 1, 1), seed=1, rates={"comorbidity": 1.0}
    )
    assert all("comorbidity" in q for (_, q) in people.groups)
    with pytest.raises(EligibilityError) as exc:
        synthetic_population(INDIA.cohorts.qualifiers, 10, D(2021, 1, 1), 1, {"comorbidity": 2})
    assert exc.value.code == "simulation.rate"
    with pytest.raises(EligibilityError) as exc:
        synthetic_population(INDIA.cohorts.qualifiers, 0, D(2021, 1, 1), 1)
    assert exc.value.code == "simulation.population"


# --- the simulator -------------------------------------------------------------------------------


def test_a_simple_policy_gives_the_counts_worked_out_by_hand() -> None:
    adults = Cohort(code="adults", labels=label("Adults"), min_age=18, opens_on=D(2021, 3, 1))
    vaccine = COVISHIELD.model_copy(
        update={"intervals": [DoseInterval(after_dose=1, min_days=30)], "boosters": [],
                "min_age": 0}
    )  # fmt: skip
    profile = frame(Cohorts(age_rule=AgeRule.booking_date, groups=[adults]), [vaccine])
    start, end = D(2021, 1, 1), D(2021, 12, 31)
    result = simulate(profile, 20_000, start, end, seed=3)
    people = draw_population([profile], 20_000, start, seed=3)
    first = [0] * 365
    following = [0] * 365
    for (birth, _), count in people.groups.items():
        day = max(D(2021, 3, 1), anniversary(birth, 18))
        if day <= end:
            first[(day - start).days] += count
            if (second := day + dt.timedelta(days=30)) <= end:
                following[(second - start).days] += count
    assert [c.first_dose for c in result.baseline.counts] == first
    assert [c.next_dose for c in result.baseline.counts] == following
    assert result.baseline.total().booster == 0


def test_grouped_simulation_matches_walking_every_group_through_the_engine() -> None:
    profile = on_birthdays(INDIA)  # birthdays spread people over many days
    start, end = D(2021, 1, 1), D(2022, 12, 31)
    result = simulate(profile, 3_000, start, end, seed=5)
    people = draw_population([profile], 3_000, start, seed=5)
    expected = walk_with_assess(profile, people, start, end, day_by_day=False)
    assert list(result.baseline.counts) == expected
    assert result.baseline.total().booster > 0


def test_jumping_to_promised_days_misses_no_day() -> None:
    profile = on_birthdays(INDIA)
    start, end = D(2021, 2, 20), D(2021, 6, 30)
    result = simulate(profile, 60, start, end, seed=11)
    people = draw_population([profile], 60, start, seed=11)
    expected = walk_with_assess(profile, people, start, end, day_by_day=True)
    assert list(result.baseline.counts) == expected


def test_a_shorter_interval_moves_second_doses_earlier() -> None:
    shorter = replace_vaccine(
        INDIA,
        COVISHIELD.model_copy(
            update={"intervals": [DoseInterval(after_dose=1, min_days=28, max_days=42)]}
        ),
    )
    start, end = D(2021, 1, 1), D(2021, 12, 31)
    result = simulate(INDIA, 100_000, start, end, seed=2, changes=shorter)
    assert result.changed is not None and result.difference is not None
    before, after = result.baseline.total(), result.changed.total()
    assert after.first_dose == before.first_dose  # the cohorts did not change
    assert result.difference.total() == after - before
    # Second doses arrive sooner: by the end of May, more people are due one.
    by_may = (D(2021, 5, 31) - start).days + 1
    due = [sum(c.next_dose for c in s.counts[:by_may]) for s in (result.baseline, result.changed)]
    assert due[1] > due[0]
    for day, (a, b, d) in enumerate(
        zip(result.baseline.counts, result.changed.counts, result.difference.counts, strict=True)
    ):
        assert d == b - a, day


def test_an_earlier_cohort_adds_first_doses_before_it_used_to_open() -> None:
    groups = [
        g.model_copy(update={"opens_on": D(2021, 4, 1)}) if g.code == "age_18_44" else g
        for g in INDIA_COHORTS.groups
    ]
    earlier = INDIA.model_copy(
        update={"cohorts": INDIA_COHORTS.model_copy(update={"groups": groups})}
    )
    start, end = D(2021, 3, 1), D(2021, 5, 31)
    result = simulate(INDIA, 50_000, start, end, seed=4, changes=earlier)
    april = (D(2021, 4, 1) - start).days
    may = (D(2021, 5, 1) - start).days
    assert result.difference.counts[april].first_dose > 0
    assert result.difference.counts[may].first_dose < 0
    assert result.difference.total().first_dose == 0  # the same people, only sooner


def test_weekly_sums_and_json() -> None:
    result = simulate(INDIA, 10_000, D(2021, 1, 1), D(2021, 3, 31), seed=1)
    weeks = result.baseline.weekly()
    assert weeks[0][0] == D(2021, 1, 1) and len(weeks) == 13
    assert sum((c for _, c in weeks), Counts()) == result.baseline.total()
    data = json.loads(json.dumps(result.as_dict()))
    assert data["baseline"]["total"] == result.baseline.total().as_dict()
    assert len(data["baseline"]["days"]) == 90
    assert "difference" not in data


@pytest.mark.parametrize(
    ("start", "end", "code"),
    [
        (D(2021, 2, 1), D(2021, 1, 1), "simulation.dates"),
        (D(2021, 1, 1), D(2045, 1, 1), "simulation.dates"),
    ],
)
def test_bad_spans_are_refused(start, end, code) -> None:
    with pytest.raises(EligibilityError) as exc:
        simulate(INDIA, 10, start, end, seed=1)
    assert exc.value.code == code


def test_a_million_people_in_a_few_seconds() -> None:
    began = time.perf_counter()
    result = simulate(INDIA, 1_000_000, D(2021, 1, 1), D(2022, 12, 31), seed=1)
    elapsed = time.perf_counter() - began
    total = result.baseline.total()
    assert total.first_dose > 700_000  # everyone 12 and over
    assert abs(total.next_dose - total.first_dose) <= 2  # rounding of split shares
    assert elapsed < 15, f"{elapsed:.1f} s"  # about 1 s on one free core
