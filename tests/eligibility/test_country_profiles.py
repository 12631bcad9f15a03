"""The engine against the profiles shipped in country_profiles/, loaded as users load them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from vaxkit.eligibility import DoseKind, DoseTaken, Person, assess, can_receive, next_dose_window
from vaxkit.profiles.loader import load_profile

D = dt.date
PROFILES = Path(__file__).resolve().parents[2] / "country_profiles"


@pytest.fixture(scope="module")
def india():
    return load_profile(PROFILES / "in.yaml")


def doses(vaccine: str, *days: dt.date) -> list[DoseTaken]:
    return [DoseTaken(vaccine, day, n) for n, day in enumerate(days, start=1)]


@pytest.mark.parametrize(
    ("birth_year", "qualifiers", "opens_on", "offered"),
    [
        (1955, set(), D(2021, 3, 1), {"covishield", "covaxin"}),  # 60+
        (1974, {"comorbidity"}, D(2021, 3, 1), {"covishield", "covaxin"}),  # 45+ comorbid
        (1974, set(), D(2021, 4, 1), {"covishield", "covaxin"}),  # 45+
        (1990, set(), D(2021, 5, 1), {"covishield", "covaxin"}),  # 18-44
        (2006, set(), D(2022, 1, 3), {"covaxin"}),  # 15-17
        (2009, set(), D(2022, 3, 16), {"corbevax"}),  # 12-14
    ],
)
def test_cohorts_open_on_the_announced_days(india, birth_year, qualifiers, opens_on, offered):
    person = Person(birth_year=birth_year, qualifiers=frozenset(qualifiers))
    before = assess(india, person, [], opens_on - dt.timedelta(days=1))
    assert not before.eligible
    assert before.later_cohort_from == opens_on
    now = assess(india, person, [], opens_on)
    assert now.eligible
    assert offered <= set(now.offered)
    if birth_year >= 2006:  # adolescents get only their cohort's vaccine
        assert set(now.offered) == offered


@pytest.mark.parametrize(
    ("vaccine", "min_days", "max_days"),
    [("covishield", 84, 112), ("covaxin", 28, 42), ("corbevax", 28, None)],
)
def test_second_dose_intervals(india, vaccine, min_days, max_days):
    first = D(2022, 3, 20)
    person = Person(birth_year=2009 if vaccine == "corbevax" else 1990)
    window = next_dose_window(india, person, doses(vaccine, first), first)
    assert window is not None
    assert window.earliest == first + dt.timedelta(days=min_days)
    expected = None if max_days is None else first + dt.timedelta(days=max_days)
    assert window.latest == expected


def test_precaution_first_for_60_plus_with_comorbidities_and_health_workers(india):
    history = doses("covishield", D(2021, 1, 20), D(2021, 4, 20))  # + 273 = 2022-01-18
    for qualifiers, birth_year in (({"comorbidity"}, 1950), ({"health_worker"}, 1985)):
        person = Person(birth_year=birth_year, qualifiers=frozenset(qualifiers))
        window = next_dose_window(india, person, history, D(2022, 1, 1))
        assert window is not None and window.kind == DoseKind.booster
        assert window.earliest == D(2022, 1, 18)
    adult = next_dose_window(india, Person(birth_year=1985), history, D(2022, 1, 1))
    assert adult is not None and adult.earliest == D(2022, 4, 10)


def test_precaution_interval_of_26_weeks_from_july_2022(india):
    history = doses("covaxin", D(2021, 12, 1), D(2022, 1, 5))
    window = next_dose_window(india, Person(birth_year=1985), history, D(2022, 6, 1))
    assert window is not None
    assert window.earliest == D(2022, 1, 5) + dt.timedelta(days=182)


def test_corbevax_precaution_after_covishield_from_august_2022(india):
    person = Person(birth_year=1985)
    history = doses("covishield", D(2021, 6, 1), D(2021, 9, 1))
    result = assess(india, person, history, D(2022, 8, 12))
    assert result.eligible
    assert set(result.offered) == {"covishield", "corbevax"}
    before = can_receive(india, person, history, "corbevax", 3, D(2022, 8, 11))
    assert [r.code for r in before.reasons] == ["series.complete", "booster.not_open_yet"]


def test_a_state_profile_extending_india_gives_the_same_answers(india):
    state = load_profile(PROFILES / "in-ka.yaml")
    person = Person(birth_year=1970, qualifiers=frozenset({"comorbidity"}))
    first = doses("covishield", D(2021, 3, 2))
    both = doses("covishield", D(2021, 3, 2), D(2021, 6, 1))
    for day, history in ((D(2021, 2, 1), []), (D(2021, 3, 1), []), (D(2021, 5, 1), first),
                         (D(2021, 6, 1), first), (D(2022, 1, 1), both)):  # fmt: skip
        assert assess(state, person, history, day) == assess(india, person, history, day)


def test_demo_country_counts_ages_on_its_reference_date_and_closes_a_cohort():
    demo = load_profile(PROFILES / "xx-demo.yaml")
    teen = Person(birth_date=D(2010, 6, 1))  # 15 on the reference date, 2026-01-01
    during = assess(demo, teen, [], D(2026, 5, 1))
    assert during.eligible and during.offered == ("comirnaty",)
    after = assess(demo, teen, [], D(2027, 2, 1))
    assert not after.eligible
    assert [r.code for r in after.reasons] == ["cohort.closed"]
