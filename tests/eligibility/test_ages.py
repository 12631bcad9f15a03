"""Ages under each age rule, and the days ages are reached."""

from __future__ import annotations

import datetime as dt

import pytest

from vaxkit.eligibility.ages import (
    Ages,
    BirthdayScale,
    FixedScale,
    YearScale,
    anniversary,
    completed_years,
    limits_text,
)
from vaxkit.eligibility.errors import EligibilityError
from vaxkit.eligibility.inputs import Person
from vaxkit.profiles.schema import AgeRule

from .policies import INDIA_COHORTS, india

D = dt.date


def with_rule(rule: AgeRule, reference: dt.date | None = None):
    cohorts = INDIA_COHORTS.model_copy(update={"age_rule": rule, "reference_date": reference})
    return india().model_copy(update={"cohorts": cohorts})


@pytest.mark.parametrize(
    ("birth", "day", "years"),
    [
        (D(2000, 5, 10), D(2018, 5, 9), 17),
        (D(2000, 5, 10), D(2018, 5, 10), 18),
        (D(2000, 2, 29), D(2018, 2, 28), 17),
        (D(2000, 2, 29), D(2018, 3, 1), 18),
        (D(2000, 2, 29), D(2020, 2, 29), 20),
        (D(2000, 5, 10), D(2000, 5, 9), -1),
    ],
)
def test_completed_years(birth: dt.date, day: dt.date, years: int) -> None:
    assert completed_years(birth, day) == years


def test_anniversary_of_29_february_falls_on_1_march_in_common_years() -> None:
    assert anniversary(D(2004, 2, 29), 18) == D(2022, 3, 1)
    assert anniversary(D(2004, 2, 29), 16) == D(2020, 2, 29)
    assert anniversary(D(2004, 2, 29), -3000) == dt.date.min
    assert anniversary(D(2004, 2, 29), 9000) is None


def test_year_scale_is_cowins_rule() -> None:
    scale = YearScale(1961)
    # Everyone born in 1961 counts as 60 for the whole of 2021.
    assert scale.age(D(2021, 1, 1)) == 60
    assert scale.age(D(2021, 12, 31)) == 60
    assert scale.reaches(60) == D(2021, 1, 1)
    assert scale.until(60) == D(2021, 12, 31)


def test_birthday_scale_reaches_and_until_bracket_an_age() -> None:
    scale = BirthdayScale(D(2004, 6, 15))
    assert scale.reaches(18) == D(2022, 6, 15)
    assert scale.until(17) == D(2022, 6, 14)
    assert scale.age(scale.until(17)) == 17
    assert scale.age(scale.reaches(18)) == 18


def test_fixed_scale_is_always_or_never() -> None:
    scale = FixedScale(40)
    assert scale.reaches(18) == dt.date.min
    assert scale.reaches(41) is None
    assert scale.until(40) == dt.date.max
    assert scale.until(39) is None


def test_profile_rules_pick_the_scales() -> None:
    person = Person(birth_date=D(1990, 7, 1))
    by_year = Ages.of(with_rule(AgeRule.birth_year), person)
    on_day = Ages.of(with_rule(AgeRule.booking_date), person)
    fixed = Ages.of(with_rule(AgeRule.reference_date, D(2021, 1, 1)), person)
    day = D(2021, 3, 1)
    assert by_year.cohort.age(day) == 31
    assert on_day.cohort.age(day) == 30
    assert fixed.cohort.age(D(2030, 1, 1)) == 30  # counted on the reference date
    assert fixed.dose.age(D(2030, 1, 1)) == 39  # but vaccines look at the dose date


def test_birth_year_alone_under_a_date_rule_counts_as_31_december() -> None:
    ages = Ages.of(with_rule(AgeRule.booking_date), Person(birth_year=2004))
    assert ages.cohort.reaches(18) == D(2022, 12, 31)


def test_reference_rule_without_a_date_is_a_clear_error() -> None:
    with pytest.raises(EligibilityError) as exc:
        Ages.of(with_rule(AgeRule.reference_date), Person(birth_year=1990))
    assert exc.value.code == "profile.reference_date_missing"


def test_limits_text() -> None:
    assert limits_text(18, None) == "18+"
    assert limits_text(12, 14) == "12-14"
