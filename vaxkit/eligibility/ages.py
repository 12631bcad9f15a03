"""Age as a profile computes it, and the dates on which a person reaches a given age.

A profile's ``age_rule`` decides the age used for **cohorts**:

- ``birth_year``: the year of the day minus the birth year (CoWIN's rule: everyone born in 1961
  counts as 60 for all of 2021);
- ``booking_date``: completed years on the day;
- ``reference_date``: completed years on the profile's fixed reference date (a constant).

Vaccine and booster age limits apply to the age **on the dose date**: the year difference under the
``birth_year`` rule, completed years otherwise (a fixed reference date says who belongs to a cohort,
not how old a person is when a product is given).

When only a birth year is known under a date-based rule, the person is taken as born on 31 December
of that year: the youngest they can be, so no limit is ever passed too early.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from vaxkit.eligibility.errors import EligibilityError
from vaxkit.eligibility.inputs import Person
from vaxkit.profiles.schema import AgeRule, Profile

_DAY = dt.timedelta(days=1)


def completed_years(birth: dt.date, day: dt.date) -> int:
    """Whole years from ``birth`` to ``day`` (negative before birth)."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def anniversary(birth: dt.date, years: int) -> dt.date | None:
    """The day ``years`` completed years are reached (29 February births reach it on 1 March in
    common years); ``date.min`` if before the calendar starts, ``None`` if after it ends."""
    year = birth.year + years
    if year < 1:
        return dt.date.min
    if year > 9999:
        return None
    try:
        return birth.replace(year=year)
    except ValueError:  # 29 February in a common year
        return dt.date(year, 3, 1)


class AgeScale(Protocol):
    """How old a person is on a day, and when an age is first and last held."""

    def age(self, day: dt.date) -> int: ...

    def reaches(self, years: int) -> dt.date | None:
        """First day the age is at least ``years`` (``date.min``: always; ``None``: never)."""
        ...

    def until(self, years: int) -> dt.date | None:
        """Last day the age is at most ``years`` (``date.max``: always; ``None``: never)."""
        ...


@dataclass(frozen=True)
class YearScale:
    """Age as the calendar year minus the birth year."""

    birth_year: int

    def age(self, day: dt.date) -> int:
        return day.year - self.birth_year

    def reaches(self, years: int) -> dt.date | None:
        year = self.birth_year + years
        if year < 1:
            return dt.date.min
        return None if year > 9999 else dt.date(year, 1, 1)

    def until(self, years: int) -> dt.date | None:
        year = self.birth_year + years
        if year > 9999:
            return dt.date.max
        return None if year < 1 else dt.date(year, 12, 31)


@dataclass(frozen=True)
class BirthdayScale:
    """Age in completed years since a birth date."""

    birth: dt.date

    def age(self, day: dt.date) -> int:
        return completed_years(self.birth, day)

    def reaches(self, years: int) -> dt.date | None:
        return anniversary(self.birth, years)

    def until(self, years: int) -> dt.date | None:
        end = anniversary(self.birth, years + 1)
        if end is None:
            return dt.date.max
        return None if end == dt.date.min else end - _DAY


@dataclass(frozen=True)
class FixedScale:
    """An age that does not change (ages computed on a reference date)."""

    years: int

    def age(self, day: dt.date) -> int:
        return self.years

    def reaches(self, years: int) -> dt.date | None:
        return dt.date.min if self.years >= years else None

    def until(self, years: int) -> dt.date | None:
        return dt.date.max if self.years <= years else None


@dataclass(frozen=True)
class Ages:
    """The two age scales of one person under one profile."""

    rule: AgeRule
    cohort: AgeScale
    dose: AgeScale

    @classmethod
    def of(cls, profile: Profile, person: Person) -> Ages:
        rule = profile.cohorts.age_rule
        if rule == AgeRule.birth_year:
            scale = YearScale(person.year_of_birth)
            return cls(rule, scale, scale)
        birth = person.birth_date or dt.date(person.year_of_birth, 12, 31)
        dose = BirthdayScale(birth)
        if rule == AgeRule.booking_date:
            return cls(rule, dose, dose)
        reference = profile.cohorts.reference_date
        if reference is None:
            raise EligibilityError(
                "profile.reference_date_missing",
                "The profile computes ages on a reference date but does not set "
                "cohorts.reference_date.",
            )
        return cls(rule, FixedScale(completed_years(birth, reference)), dose)


def limits_text(min_age: int, max_age: int | None) -> str:
    """Age limits in a language-neutral notation: ``18+`` or ``12-14``."""
    return f"{min_age}+" if max_age is None else f"{min_age}-{max_age}"
