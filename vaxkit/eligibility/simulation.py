"""What-if simulation: how many people become eligible each day under a profile, and how a
changed profile (a shorter interval, an earlier cohort) moves those numbers.

Each person of a synthetic population (see :mod:`vaxkit.eligibility.population`) is walked
through the real engine: they take every dose on the first day it is allowed (full, immediate
uptake: the curve shows when demand *can* arise), and people offered several vaccines for their
first dose split equally between them. Counted per day, from ``start`` to ``end``:

- ``first_dose``: people who become eligible for a first dose;
- ``next_dose``: people who become eligible for a later dose of their primary series;
- ``booster``: people who become eligible for a booster.

People are walked from the day the first cohort opens (or ``start`` if earlier), so a
simulation starting mid-campaign sees second doses of people vaccinated before it.

Speed comes from grouping, not from looping over people: two people behave the same when their
qualifiers meet the same ``requires_any`` lists and they reach every age the profile tests
(each ``min_age`` and ``max_age + 1``) on the same day within the simulated span, or both before
it, or both after it. Each such group is walked once.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from vaxkit.eligibility.ages import Ages
from vaxkit.eligibility.assessment import evaluate
from vaxkit.eligibility.cohorts import has_any
from vaxkit.eligibility.errors import EligibilityError
from vaxkit.eligibility.inputs import DoseTaken, Person
from vaxkit.eligibility.population import SyntheticPopulation, synthetic_population
from vaxkit.eligibility.schedule import DoseKind
from vaxkit.profiles.schema import Profile

MAX_DAYS = 20 * 366
MAX_STEPS = 64  # evaluations along one path; far more than any schedule needs


@dataclass(frozen=True)
class Counts:
    """People newly eligible for each kind of dose."""

    first_dose: int = 0
    next_dose: int = 0
    booster: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.first_dose + other.first_dose,
            self.next_dose + other.next_dose,
            self.booster + other.booster,
        )

    def __sub__(self, other: Counts) -> Counts:
        return Counts(
            self.first_dose - other.first_dose,
            self.next_dose - other.next_dose,
            self.booster - other.booster,
        )

    @property
    def total(self) -> int:
        return self.first_dose + self.next_dose + self.booster

    def as_dict(self) -> dict[str, int]:
        return {"first_dose": self.first_dose, "next_dose": self.next_dose, "booster": self.booster}


@dataclass(frozen=True)
class Series:
    """Counts for each day from ``start``."""

    start: dt.date
    counts: tuple[Counts, ...]

    def days(self) -> list[tuple[dt.date, Counts]]:
        return [(self.start + dt.timedelta(days=i), c) for i, c in enumerate(self.counts)]

    def total(self) -> Counts:
        return sum(self.counts, Counts())

    def weekly(self) -> list[tuple[dt.date, Counts]]:
        """Sums over 7-day blocks from ``start`` (the last block may be shorter)."""
        return [
            (self.start + dt.timedelta(days=i), sum(self.counts[i : i + 7], Counts()))
            for i in range(0, len(self.counts), 7)
        ]

    def __sub__(self, other: Series) -> Series:
        if (self.start, len(self.counts)) != (other.start, len(other.counts)):
            raise ValueError("series cover different days")
        return Series(
            self.start, tuple(a - b for a, b in zip(self.counts, other.counts, strict=True))
        )

    def as_list(self) -> list[dict[str, object]]:
        return [{"date": day.isoformat(), **c.as_dict()} for day, c in self.days()]


@dataclass(frozen=True)
class Simulation:
    """A simulation of one profile, and optionally of a changed one on the same population."""

    population: int
    start: dt.date
    end: dt.date
    seed: int
    baseline: Series
    changed: Series | None = None

    @property
    def difference(self) -> Series | None:
        """Changed minus baseline, per day."""
        return None if self.changed is None else self.changed - self.baseline

    def as_dict(self) -> dict[str, object]:
        result: dict[str, object] = {
            "population": self.population,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "seed": self.seed,
            "baseline": {
                "total": self.baseline.total().as_dict(),
                "days": self.baseline.as_list(),
            },
        }
        if self.changed is not None and (difference := self.difference) is not None:
            result["changed"] = {
                "total": self.changed.total().as_dict(),
                "days": self.changed.as_list(),
            }
            result["difference"] = {
                "total": difference.total().as_dict(),
                "days": difference.as_list(),
            }
        return result


def _tested_ages(profile: Profile) -> list[int]:
    ages = set()
    for cohort in profile.cohorts.groups:
        ages.add(cohort.min_age)
        if cohort.max_age is not None:
            ages.add(cohort.max_age + 1)
    for vaccine in profile.vaccines:
        ages.add(vaccine.min_age)
        if vaccine.max_age is not None:
            ages.add(vaccine.max_age + 1)
        ages.update(booster.min_age for booster in vaccine.boosters)
    return sorted(ages)


def _requirements(profile: Profile) -> list[tuple[str, ...]]:
    lists = [tuple(c.requires_any) for c in profile.cohorts.groups]
    lists += [tuple(b.requires_any) for v in profile.vaccines for b in v.boosters]
    return list(dict.fromkeys(r for r in lists if r))


class _Walker:
    """Walks groups of equivalent people through one profile and adds up their events."""

    def __init__(self, profile: Profile, first: dt.date, start: dt.date, end: dt.date) -> None:
        self.profile = profile
        self.first, self.start, self.end = first, start, end
        self.tested_ages = _tested_ages(profile)
        self.requirements = _requirements(profile)
        self._age_keys: dict[dt.date, tuple[object, ...]] = {}

    def _clamp(self, day: dt.date | None) -> object:
        if day is None or day > self.end:
            return "after"
        return "before" if day <= self.first else day

    def age_key(self, birth: dt.date) -> tuple[object, ...]:
        key = self._age_keys.get(birth)
        if key is None:
            ages = Ages.of(self.profile, Person(birth_date=birth))
            key = tuple(
                self._clamp(scale.reaches(years))
                for years in self.tested_ages
                for scale in (ages.cohort, ages.dose)
            )
            self._age_keys[birth] = key
        return key

    def key(self, birth: dt.date, qualifiers: frozenset[str]) -> tuple[object, ...]:
        held = tuple(has_any(required, qualifiers) for required in self.requirements)
        return (held, self.age_key(birth))

    def walk(self, person: Person) -> list[tuple[int, str, float]]:
        """Events ``(day index, kind, share of the person)`` along the person's path."""
        events: list[tuple[int, str, float]] = []
        self._walk(person, (), self.first, 1.0, events)
        return events

    def _walk(
        self,
        person: Person,
        history: tuple[DoseTaken, ...],
        day: dt.date,
        share: float,
        events: list[tuple[int, str, float]],
    ) -> None:
        for _ in range(MAX_STEPS):
            ev = evaluate(self.profile, person, history, day)
            if ev.open:
                window = ev.open[0]
                if window.dose_number == 1:
                    kind = "first_dose"
                elif window.kind == DoseKind.booster:
                    kind = "booster"
                else:
                    kind = "next_dose"
                if day >= self.start:
                    events.append(((day - self.start).days, kind, share))
                # Only the first dose's vaccine shapes what follows (the interval, which
                # boosters may follow); a booster's vaccine does not, so one path suffices.
                chosen = ev.open if window.dose_number == 1 else ev.open[:1]
                for option in chosen:
                    dose = DoseTaken(option.vaccine, day, option.dose_number)
                    self._walk(person, (*history, dose), day, share / len(chosen), events)
                return
            soonest = ev.soonest()
            following = soonest[0].starts(day) if soonest else None
            if following is None or following > self.end:
                return
            day = following

    def run(self, population: SyntheticPopulation) -> Series:
        people: Counter[tuple[object, ...]] = Counter()
        example: dict[tuple[object, ...], Person] = {}
        for (birth, qualifiers), count in population.groups.items():
            key = self.key(birth, qualifiers)
            people[key] += count
            if key not in example:
                example[key] = Person(birth_date=birth, qualifiers=qualifiers)
        days = (self.end - self.start).days + 1
        totals: dict[str, list[float]] = defaultdict(lambda: [0.0] * days)
        for key, count in people.items():
            for index, kind, share in self.walk(example[key]):
                totals[kind][index] += count * share
        return Series(
            self.start,
            tuple(
                Counts(*(round(totals[kind][i]) for kind in ("first_dose", "next_dose", "booster")))
                for i in range(days)
            ),
        )


def draw_population(
    profiles: Sequence[Profile],
    size: int,
    on: dt.date,
    seed: int,
    rates: Mapping[str, float] | None = None,
) -> SyntheticPopulation:
    """The synthetic people a simulation of ``profiles`` walks (the same for every profile)."""
    required = {code for p in profiles for req in _requirements(p) for code in req}
    qualifiers = [q for p in profiles for q in p.cohorts.qualifiers if q.code in required]
    return synthetic_population(qualifiers, size, on, seed, rates)


def simulate(
    profile: Profile,
    population: int,
    start: dt.date,
    end: dt.date,
    seed: int,
    changes: Profile | None = None,
    *,
    rates: Mapping[str, float] | None = None,
) -> Simulation:
    """Simulate ``population`` synthetic people from ``start`` to ``end`` (inclusive).

    With ``changes`` (a second profile), the same people are also walked through it, and the
    result carries both series and their difference. ``rates`` overrides qualifier rates by code.
    """
    if end < start:
        raise EligibilityError(
            "simulation.dates", f"The end ({end.isoformat()}) is before the start ({start})."
        )
    if (end - start).days >= MAX_DAYS:
        raise EligibilityError(
            "simulation.dates", f"A simulation spans at most {MAX_DAYS} days (about 20 years)."
        )
    profiles = [profile] if changes is None else [profile, changes]
    people = draw_population(profiles, population, start, seed, rates)
    series = []
    for p in profiles:
        first = min([start, *(cohort.opens_on for cohort in p.cohorts.groups)])
        series.append(_Walker(p, first, start, end).run(people))
    return Simulation(
        population, start, end, seed, series[0], series[1] if len(series) > 1 else None
    )
