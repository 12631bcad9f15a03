"""India's real 2021-2022 policy, as CoWIN applied it (profile built in policies.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from vaxkit.eligibility import DoseKind, DoseTaken, Person, assess, can_receive, next_dose_window

from .policies import india

D = dt.date
INDIA = india()


def codes(reasons) -> list[str]:
    return [reason.code for reason in reasons]


def doses(vaccine: str, *days: dt.date) -> list[DoseTaken]:
    return [DoseTaken(vaccine, day, n) for n, day in enumerate(days, start=1)]


# --- cohorts -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("birth_year", "qualifiers", "on", "cohort"),
    [
        (1990, {"health_worker"}, D(2021, 1, 16), "health_workers"),
        (1955, set(), D(2021, 3, 1), "age_60_plus"),
        (1961, set(), D(2021, 3, 1), "age_60_plus"),  # 60 by birth year all 2021
        (1976, {"comorbidity"}, D(2021, 3, 1), "age_45_plus_comorbid"),
        (1976, set(), D(2021, 4, 1), "age_45_plus"),
        (2003, set(), D(2021, 5, 1), "age_18_44"),
        (2007, set(), D(2022, 1, 3), "age_15_17"),
        (2010, set(), D(2022, 3, 16), "age_12_14"),
    ],
)
def test_each_cohort_opens_on_its_day(birth_year, qualifiers, on, cohort) -> None:
    person = Person(birth_year=birth_year, qualifiers=frozenset(qualifiers))
    before = assess(INDIA, person, [], on - dt.timedelta(days=1))
    assert not before.eligible
    assert before.later_cohort is not None and before.later_cohort_from == on
    assert "cohort.not_open_yet" in codes(before.reasons)
    now = assess(INDIA, person, [], on)
    assert now.eligible
    assert now.cohort is not None and now.cohort.code == cohort
    assert codes(now.reasons) == ["first_dose.due"]


def test_a_birthday_late_in_1961_still_counts_as_60_in_march_2021() -> None:
    result = assess(INDIA, Person(birth_date=D(1961, 12, 31)), [], D(2021, 3, 1))
    assert result.age == 60
    assert result.cohort is not None and result.cohort.code == "age_60_plus"


def test_45_without_comorbidity_waits_for_april() -> None:
    result = assess(INDIA, Person(birth_year=1970), [], D(2021, 3, 10))
    assert result.later_cohort is not None and result.later_cohort.code == "age_45_plus"
    assert result.next_dose is not None and result.next_dose.earliest == D(2021, 4, 1)


def test_a_17_year_old_in_may_2021_waits_for_the_new_year_as_an_adult() -> None:
    # Born 2004: 17 in 2021, 18 in 2022 by birth year; the 18-44 cohort is open by then.
    result = assess(INDIA, Person(birth_year=2004), [], D(2021, 5, 1))
    assert result.cohort is None
    assert result.later_cohort is not None and result.later_cohort.code == "age_18_44"
    assert result.later_cohort_from == D(2022, 1, 1)
    young = next(r for r in result.reasons if r.code == "age.too_young")
    assert young.params["from_date"] == "2022-01-01"


def test_a_child_has_no_cohort_for_years() -> None:
    result = assess(INDIA, Person(birth_year=2015), [], D(2022, 6, 1))
    assert result.later_cohort is not None and result.later_cohort.code == "age_12_14"
    assert result.later_cohort_from == D(2027, 1, 1)
    assert not result.eligible


# --- vaccines offered ----------------------------------------------------------------------------


def test_adolescents_are_offered_only_their_cohorts_vaccine() -> None:
    teen = assess(INDIA, Person(birth_year=2007), [], D(2022, 1, 3))
    assert teen.offered == ("covaxin",)
    child = assess(INDIA, Person(birth_year=2010), [], D(2022, 3, 16))
    assert child.offered == ("corbevax",)
    adult = assess(INDIA, Person(birth_year=1990), [], D(2021, 5, 1))
    assert adult.offered == ("covishield", "covaxin")


def test_asking_for_a_vaccine_the_cohort_does_not_offer() -> None:
    verdict = can_receive(INDIA, Person(birth_year=2007), [], "covishield", 1, D(2022, 1, 3))
    assert not verdict.allowed
    assert codes(verdict.reasons) == ["vaccine.not_offered"]


def test_a_started_series_continues_with_the_same_vaccine() -> None:
    history = doses("covaxin", D(2021, 5, 10))
    result = assess(INDIA, Person(birth_year=1990), history, D(2021, 6, 10))
    assert result.offered == ("covaxin",)
    verdict = can_receive(INDIA, Person(birth_year=1990), history, "covishield", 2, D(2021, 6, 10))
    assert codes(verdict.reasons) == ["series.same_vaccine_required"]


# --- intervals -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("vaccine", "first", "earliest", "latest"),
    [
        ("covishield", D(2021, 5, 10), D(2021, 8, 2), D(2021, 8, 30)),  # 84-112 days
        ("covaxin", D(2021, 5, 10), D(2021, 6, 7), D(2021, 6, 21)),  # 28-42 days
    ],
)
def test_second_dose_window(vaccine, first, earliest, latest) -> None:
    person = Person(birth_year=1990)
    history = doses(vaccine, first)
    window = next_dose_window(INDIA, person, history, first)
    assert window is not None
    assert (window.earliest, window.latest, window.dose_number) == (earliest, latest, 2)
    day_before = can_receive(INDIA, person, history, vaccine, 2, earliest - dt.timedelta(days=1))
    assert codes(day_before.reasons) == ["interval.too_early"]
    assert day_before.reasons[0].params["earliest"] == earliest.isoformat()
    assert can_receive(INDIA, person, history, vaccine, 2, earliest).allowed
    assert can_receive(INDIA, person, history, vaccine, 2, latest).allowed


def test_a_late_second_dose_is_allowed_and_marked_overdue() -> None:
    person = Person(birth_year=1990)
    history = doses("covishield", D(2021, 5, 10))
    result = assess(INDIA, person, history, D(2021, 9, 15))
    assert result.eligible
    assert result.next_dose is not None and result.next_dose.overdue
    assert codes(result.reasons) == ["next_dose.due", "interval.overdue"]


def test_corbevax_has_no_latest_day() -> None:
    history = doses("corbevax", D(2022, 3, 16))
    window = next_dose_window(INDIA, Person(birth_year=2009), history, D(2022, 3, 20))
    assert window is not None
    assert window.earliest == D(2022, 4, 13)
    assert window.latest is None


# --- the precaution dose -------------------------------------------------------------------------


def test_precaution_for_60_plus_with_comorbidity_waits_for_10_january_2022() -> None:
    person = Person(birth_year=1950, qualifiers=frozenset({"comorbidity"}))
    history = doses("covaxin", D(2021, 3, 5), D(2021, 4, 5))  # + 273 days = 2022-01-03
    before = assess(INDIA, person, history, D(2022, 1, 9))
    assert not before.eligible
    assert codes(before.reasons) == ["series.complete", "booster.not_open_yet"]
    assert before.next_dose is not None
    assert before.next_dose.kind == DoseKind.booster
    assert before.next_dose.earliest == D(2022, 1, 10)
    on_day = assess(INDIA, person, history, D(2022, 1, 10))
    assert on_day.eligible and codes(on_day.reasons) == ["booster.due"]
    assert on_day.offered == ("covaxin",)


def test_precaution_for_a_health_worker_comes_39_weeks_after_dose_2() -> None:
    person = Person(birth_year=1990, qualifiers=frozenset({"health_worker"}))
    history = doses("covishield", D(2021, 1, 20), D(2021, 4, 20))
    window = next_dose_window(INDIA, person, history, D(2022, 1, 10))
    assert window is not None
    assert window.earliest == D(2021, 4, 20) + dt.timedelta(days=273)
    assert window.booster == "precaution_hcw_flw"
    assert window.dose_number == 3


def test_other_adults_wait_for_april_2022() -> None:
    person = Person(birth_year=1990)
    history = doses("covishield", D(2021, 1, 20), D(2021, 4, 20))
    result = assess(INDIA, person, history, D(2022, 2, 1))
    assert codes(result.reasons) == ["series.complete", "booster.not_open_yet"]
    assert result.next_dose is not None and result.next_dose.earliest == D(2022, 4, 10)
    assert result.next_dose.booster == "precaution_18"


def test_a_teenager_gets_the_precaution_dose_only_as_an_adult() -> None:
    person = Person(birth_year=2005)  # 17 in 2022
    history = doses("covaxin", D(2022, 1, 3), D(2022, 1, 31))
    result = assess(INDIA, person, history, D(2022, 11, 1))
    assert "booster.too_young" in codes(result.reasons)
    assert result.next_dose is not None and result.next_dose.earliest == D(2023, 1, 1)


def test_a_corbevax_series_has_no_precaution_dose() -> None:
    history = doses("corbevax", D(2022, 3, 16), D(2022, 4, 13))
    result = assess(INDIA, Person(birth_year=2010), history, D(2023, 6, 1))
    assert result.series_complete
    assert codes(result.reasons) == ["series.complete", "booster.none"]
    assert result.next_dose is None


def test_after_the_precaution_dose_nothing_more_is_due() -> None:
    person = Person(birth_year=1950, qualifiers=frozenset({"comorbidity"}))
    history = doses("covaxin", D(2021, 3, 5), D(2021, 4, 5), D(2022, 1, 10))
    result = assess(INDIA, person, history, D(2023, 1, 10))
    assert codes(result.reasons) == ["series.complete", "booster.none"]
    assert can_receive(INDIA, person, history, "covaxin", 4, D(2023, 1, 10)).allowed is False
