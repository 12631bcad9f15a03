"""Dose windows: for each vaccine that could be the next dose, when it may be given and why not.

A window is the meeting of lower bounds (the previous dose plus the minimum interval, the day a
cohort or booster opens, the day an age is reached) and hard upper bounds (a cohort's closing day,
the last day a vaccine's age limits or a cohort's age band still fit). Each bound carries the
reason it gives when it is what stands in the way, so "why not" falls out of "when".

- The first dose is gated by the cohort; its vaccines are the cohort's list, or every vaccine.
- Later primary doses use the vaccine of dose 1 and the interval after the previous dose; cohorts
  no longer gate them (a person who started a series may finish it after their cohort closes).
- After a complete series comes a booster. Every booster entry of every vaccine whose
  ``primary_vaccines`` admit the person's primary vaccine is a rule for that dose, and the rule
  that allows it soonest applies: policy changes are written as new rules with their own opening
  day (India's precaution dose opened for health workers and for people over 60 with
  comorbidities on 10 January 2022, for every adult on 10 April 2022, and came 26 weeks instead
  of 39 after the second dose from 6 July 2022). The schema has no field saying that a rule is
  for a second or later booster, so one booster follows the primary series
  (:func:`booster_number`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum

from vaxkit.eligibility.ages import Ages, limits_text
from vaxkit.eligibility.cohorts import CohortMatch, has_any
from vaxkit.eligibility.errors import EligibilityError
from vaxkit.eligibility.history import SeriesState
from vaxkit.eligibility.reasons import Reason
from vaxkit.profiles.schema import Booster, Cohort, Profile, Vaccine

ReasonAt = Callable[[dt.date], Reason]
"""Builds the reason for a bound, given the day the person is judged on."""


class DoseKind(StrEnum):
    primary = "primary"
    booster = "booster"


@dataclass(frozen=True)
class DoseWindow:
    """When one vaccine may be given as the next dose, judged on one day."""

    vaccine: str
    dose_number: int
    kind: DoseKind
    booster: str | None
    """The booster code, for booster doses."""
    earliest: dt.date | None
    """First day the dose may be given; ``None`` when it never may be."""
    latest: dt.date | None
    """Latest recommended day (the maximum interval, or the last possible day if sooner)."""
    last_possible: dt.date | None
    """Last day the dose may be given at all (a cohort closes, an age limit is passed)."""
    overdue: bool
    """The recommended latest day has passed."""
    blockers: tuple[Reason, ...]
    """Why the dose cannot be given on the day judged; empty when it can."""
    cohort: str | None = None
    """The cohort that gives access to a first dose."""

    @property
    def open(self) -> bool:
        """Whether the dose may be given on the day judged."""
        return not self.blockers

    def starts(self, on: dt.date) -> dt.date | None:
        """First day on or after ``on`` the dose may be given, or ``None`` if no such day."""
        if self.earliest is None:
            return None
        start = max(self.earliest, on)
        if self.last_possible is not None and start > self.last_possible:
            return None
        return start

    def as_dict(self) -> dict[str, object]:
        return {
            "vaccine": self.vaccine,
            "dose_number": self.dose_number,
            "kind": str(self.kind),
            "booster": self.booster,
            "cohort": self.cohort,
            "earliest": _iso(self.earliest),
            "latest": _iso(self.latest),
            "last_possible": _iso(self.last_possible),
            "overdue": self.overdue,
            "open": self.open,
            "blockers": [reason.as_dict() for reason in self.blockers],
        }


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def plus_days(day: dt.date, days: int) -> dt.date:
    """``day`` plus ``days``, stopping at the end of the calendar."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max


@dataclass
class _Bounds:
    lower: list[tuple[dt.date, ReasonAt]] = field(default_factory=list)
    upper: list[tuple[dt.date, ReasonAt]] = field(default_factory=list)
    never: list[ReasonAt] = field(default_factory=list)

    def not_before(self, day: dt.date | None, reason: ReasonAt) -> None:
        if day is None:  # an age that is never reached
            self.never.append(reason)
        else:
            self.lower.append((day, reason))

    def not_after(self, day: dt.date | None, reason: ReasonAt) -> None:
        if day is None:  # an age that is already passed for good
            self.never.append(reason)
        else:
            self.upper.append((day, reason))

    def window(
        self,
        on: dt.date,
        *,
        vaccine: Vaccine,
        dose_number: int,
        kind: DoseKind,
        booster: str | None = None,
        recommended: dt.date | None = None,
        cohort: str | None = None,
    ) -> DoseWindow:
        def make(
            earliest: dt.date | None,
            latest: dt.date | None,
            last_possible: dt.date | None,
            blockers: Iterable[Reason],
        ) -> DoseWindow:
            return DoseWindow(
                vaccine=vaccine.code,
                dose_number=dose_number,
                kind=kind,
                booster=booster,
                earliest=earliest,
                latest=latest,
                last_possible=last_possible,
                overdue=latest is not None and on > latest,
                blockers=tuple(dict.fromkeys(blockers)),
                cohort=cohort,
            )

        if self.never:
            return make(None, None, None, (reason(on) for reason in self.never))
        earliest = max((day for day, _ in self.lower), default=dt.date.min)
        last_possible = min((day for day, _ in self.upper), default=None)
        if last_possible is not None and earliest > last_possible:
            # Empty window: what closes too soon, and what is not yet reached today.
            judged = max(earliest, on)
            return make(
                None,
                None,
                None,
                [reason(judged) for day, reason in self.upper if day < earliest]
                + [reason(on) for day, reason in self.lower if day > on],
            )
        latest = None
        if recommended is not None:
            # If the window opens only after the recommended day, the dose is due at once.
            latest = max(recommended, earliest)
            if last_possible is not None:
                latest = min(latest, last_possible)
        blockers = [reason(on) for day, reason in self.lower if day > on]
        blockers += [reason(on) for day, reason in self.upper if day < on]
        return make(earliest, latest, last_possible, blockers)


# --- reasons -------------------------------------------------------------------------------------


def _label(profile: Profile, labels: dict[str, str]) -> str:
    return profile.text(labels, "en")


def _vaccine_age_bounds(bounds: _Bounds, ages: Ages, vaccine: Vaccine) -> None:
    def reason(at: dt.date) -> Reason:
        return Reason(
            "vaccine.age_limit",
            {
                "vaccine": vaccine.code,
                "vaccine_name": vaccine.name,
                "limits": limits_text(vaccine.min_age, vaccine.max_age),
                "age": ages.dose.age(at),
                "date": at.isoformat(),
            },
        )

    bounds.not_before(ages.dose.reaches(vaccine.min_age), reason)
    if vaccine.max_age is not None:
        bounds.not_after(ages.dose.until(vaccine.max_age), reason)


def _interval_reason(
    vaccine: Vaccine, dose_number: int, min_days: int, earliest: dt.date
) -> ReasonAt:
    params = {
        "vaccine": vaccine.code,
        "vaccine_name": vaccine.name,
        "dose_number": dose_number,
        "min_days": min_days,
        "earliest": earliest.isoformat(),
    }
    return lambda at: Reason("interval.too_early", params)


# --- the three kinds of next dose ----------------------------------------------------------------


def _profile_vaccine(profile: Profile, code: str, where: str) -> Vaccine:
    try:
        return profile.vaccine(code)
    except KeyError:
        raise EligibilityError(
            "profile.unknown_vaccine", f"{where} names vaccine {code!r}, which is not defined."
        ) from None


def first_dose_windows(
    profile: Profile, ages: Ages, cohort: Cohort, on: dt.date
) -> list[DoseWindow]:
    """Windows for a first dose through ``cohort`` (the person's cohort now or later)."""
    reached = ages.cohort.reaches(cohort.min_age)

    def reason(code: str, **params: str | int | None) -> ReasonAt:
        label = _label(profile, cohort.labels)
        return lambda at: Reason(code, {"cohort": cohort.code, "cohort_label": label, **params})

    codes = cohort.vaccines or [vaccine.code for vaccine in profile.vaccines]
    windows = []
    for code in codes:
        vaccine = _profile_vaccine(profile, code, f"Cohort {cohort.code!r}")
        bounds = _Bounds()
        bounds.not_before(
            cohort.opens_on, reason("cohort.not_open_yet", opens_on=cohort.opens_on.isoformat())
        )
        bounds.not_before(
            reached,
            reason("age.too_young", min_age=cohort.min_age, from_date=_iso(reached)),
        )
        if cohort.closes_on is not None:
            bounds.not_after(
                cohort.closes_on, reason("cohort.closed", closes_on=cohort.closes_on.isoformat())
            )
        if cohort.max_age is not None:
            bounds.not_after(
                ages.cohort.until(cohort.max_age), reason("age.too_old", max_age=cohort.max_age)
            )
        _vaccine_age_bounds(bounds, ages, vaccine)
        windows.append(
            bounds.window(
                on, vaccine=vaccine, dose_number=1, kind=DoseKind.primary, cohort=cohort.code
            )
        )
    return windows


def primary_window(ages: Ages, state: SeriesState, on: dt.date) -> DoseWindow:
    """The window of the next dose of a started, incomplete primary series."""
    vaccine, last = state.vaccine, state.last
    assert vaccine is not None and last is not None
    after = state.taken
    interval = next((i for i in vaccine.intervals if i.after_dose == after), None)
    if interval is None:
        raise EligibilityError(
            "profile.interval_missing",
            f"Vaccine {vaccine.code!r} has no interval after dose {after} of its "
            f"{vaccine.doses}-dose series.",
        )
    bounds = _Bounds()
    earliest = plus_days(last.date, interval.min_days)
    bounds.not_before(earliest, _interval_reason(vaccine, after + 1, interval.min_days, earliest))
    _vaccine_age_bounds(bounds, ages, vaccine)
    recommended = None
    if interval.max_days is not None:
        recommended = plus_days(last.date, interval.max_days)
    return bounds.window(
        on, vaccine=vaccine, dose_number=after + 1, kind=DoseKind.primary, recommended=recommended
    )


def booster_number(booster: Booster) -> int:
    """Which booster dose a rule is for (1: the first after the primary series)."""
    return booster.number


def _booster_window(
    profile: Profile,
    ages: Ages,
    qualifiers: Collection[str],
    vaccine: Vaccine,
    booster: Booster,
    state: SeriesState,
    on: dt.date,
) -> DoseWindow:
    last = state.last
    assert last is not None
    dose_number = state.taken + 1

    def reason(code: str, **params: str | int | None) -> ReasonAt:
        label = _label(profile, booster.labels)
        return lambda at: Reason(code, {"booster": booster.code, "booster_label": label, **params})

    bounds = _Bounds()
    if not has_any(booster.requires_any, qualifiers):
        # Outside the booster's group: nothing else matters.
        labels = {q.code: _label(profile, q.labels) for q in profile.cohorts.qualifiers}
        wanted = ", ".join(labels.get(code, code) for code in booster.requires_any)
        bounds.never.append(reason("booster.not_eligible", requires_any=wanted))
    earliest = plus_days(last.date, booster.after_days)
    bounds.not_before(
        earliest, _interval_reason(vaccine, dose_number, booster.after_days, earliest)
    )
    if booster.opens_on is not None:
        opens_on = booster.opens_on.isoformat()
        bounds.not_before(booster.opens_on, reason("booster.not_open_yet", opens_on=opens_on))
    reached = ages.dose.reaches(booster.min_age)
    bounds.not_before(
        reached, reason("booster.too_young", min_age=booster.min_age, from_date=_iso(reached))
    )
    _vaccine_age_bounds(bounds, ages, vaccine)
    return bounds.window(
        on, vaccine=vaccine, dose_number=dose_number, kind=DoseKind.booster, booster=booster.code
    )


def booster_windows(
    profile: Profile, ages: Ages, qualifiers: Collection[str], state: SeriesState, on: dt.date
) -> list[DoseWindow]:
    """One window per vaccine that offers the next booster after the person's primary vaccine."""
    assert state.vaccine is not None
    primary = state.vaccine.code
    number = state.boosters_taken + 1
    windows = []
    for vaccine in profile.vaccines:
        rules = [
            booster
            for booster in vaccine.boosters
            if booster_number(booster) == number
            and (not booster.primary_vaccines or primary in booster.primary_vaccines)
        ]
        if rules:
            alternatives = [
                _booster_window(profile, ages, qualifiers, vaccine, booster, state, on)
                for booster in rules
            ]
            windows.append(soonest(alternatives, on))
    return windows


def soonest(windows: list[DoseWindow], on: dt.date) -> DoseWindow:
    """Of alternative windows for one dose, the one that allows it soonest; when none ever will,
    the first, carrying every alternative's reasons."""
    starts = [(w.starts(on), i) for i, w in enumerate(windows)]
    possible = [(start, i) for start, i in starts if start is not None]
    if possible:
        return windows[min(possible)[1]]
    blockers = dict.fromkeys(reason for w in windows for reason in w.blockers)
    return replace(
        windows[0],
        earliest=None,
        latest=None,
        last_possible=None,
        overdue=False,
        blockers=tuple(blockers),
    )


def dose_windows(
    profile: Profile,
    ages: Ages,
    qualifiers: Collection[str],
    state: SeriesState,
    match: CohortMatch,
    on: dt.date,
) -> list[DoseWindow]:
    """Every candidate for the next dose, one window per vaccine."""
    if state.taken == 0:
        cohort = match.now or match.later
        return [] if cohort is None else first_dose_windows(profile, ages, cohort, on)
    if not state.complete:
        return [primary_window(ages, state, on)]
    return booster_windows(profile, ages, qualifiers, state, on)
