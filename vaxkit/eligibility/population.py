"""A synthetic population for what-if simulations: ages from a simple pyramid, qualifiers at set
rates, drawn with a seeded generator so that a simulation is reproducible.

The model, deliberately simple and stated here so results can be read for what they are:

- **Ages** 0-99 on the start day, with weight ``100 - age``: a linear pyramid, roughly the shape of
  a young, growing population (about 28% under 15 and 12% over 64). Birth dates are spread evenly
  over the 365 days before each birthday.
- **Qualifiers** are independent of one another. A ``condition`` (comorbidity) is held by 5% of
  people under 45, 20% of those aged 45-59 and 35% of those 60 and over; an ``occupation`` (health
  or front-line worker) by 2% of people aged 18-64 and nobody else. ``rates`` replaces these with
  a flat rate per qualifier code.
- Only qualifiers some cohort or booster requires are drawn: the others change nothing.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate, product

from vaxkit.eligibility.ages import anniversary
from vaxkit.eligibility.errors import EligibilityError
from vaxkit.profiles.schema import Qualifier

MAX_AGE = 99
MAX_DRAWN_QUALIFIERS = 10  # 2**10 combinations per age: still a small table
CHUNK = 1_000_000


def age_weight(age: int) -> int:
    """Relative number of people of ``age`` in the linear pyramid."""
    return MAX_AGE + 1 - age


def qualifier_rate(qualifier: Qualifier, age: int, rates: Mapping[str, float] | None) -> float:
    """Share of people of ``age`` who hold ``qualifier``."""
    if rates is not None and qualifier.code in rates:
        return rates[qualifier.code]
    if qualifier.kind == "occupation":
        return 0.02 if 18 <= age <= 64 else 0.0
    if age >= 60:
        return 0.35
    return 0.20 if age >= 45 else 0.05


@dataclass(frozen=True)
class SyntheticPopulation:
    """People grouped by birth date and qualifiers: ``groups[(birth_date, qualifiers)] = count``."""

    size: int
    on: dt.date
    groups: Mapping[tuple[dt.date, frozenset[str]], int]


def synthetic_population(
    qualifiers: Iterable[Qualifier],
    size: int,
    on: dt.date,
    seed: int,
    rates: Mapping[str, float] | None = None,
) -> SyntheticPopulation:
    """Draw ``size`` people as of day ``on``, holding any of ``qualifiers`` at the model's rates."""
    if size < 1:
        raise EligibilityError("simulation.population", "The population needs at least 1 person.")
    for code, rate in (rates or {}).items():
        if not 0.0 <= rate <= 1.0:
            raise EligibilityError(
                "simulation.rate", f"The rate of {code!r} is {rate}; rates lie between 0 and 1."
            )
    drawn: Sequence[Qualifier] = list({q.code: q for q in qualifiers}.values())
    if len(drawn) > MAX_DRAWN_QUALIFIERS:
        raise EligibilityError(
            "simulation.qualifiers",
            f"{len(drawn)} qualifiers are required by cohorts or boosters; the simulation draws "
            f"at most {MAX_DRAWN_QUALIFIERS}.",
        )
    rng = random.Random(seed)
    # Stage 1: one categorical draw over (age, combination of qualifiers): exact and fast, since
    # random.choices bisects a cumulative table instead of looping over people in Python.
    combos = list(product((False, True), repeat=len(drawn)))
    cells: list[tuple[int, frozenset[str]]] = []
    weights: list[float] = []
    for age in range(MAX_AGE + 1):
        held = [qualifier_rate(q, age, rates) for q in drawn]
        for combo in combos:
            share = 1.0
            for has, rate in zip(combo, held, strict=True):
                share *= rate if has else 1.0 - rate
            if share > 0.0:
                cells.append(
                    (age, frozenset(q.code for q, has in zip(drawn, combo, strict=True) if has))
                )
                weights.append(age_weight(age) * share)
    cumulative = list(accumulate(weights))
    counts: Counter[int] = Counter()
    for drawn_so_far in range(0, size, CHUNK):  # in chunks, to bound memory
        k = min(CHUNK, size - drawn_so_far)
        counts.update(rng.choices(range(len(cells)), cum_weights=cumulative, k=k))
    # Stage 2: spread each cell over the 365 days before the birthday.
    groups: Counter[tuple[dt.date, frozenset[str]]] = Counter()
    for cell in sorted(counts):
        age, held_codes = cells[cell]
        birthday = anniversary(on, -age) or on
        remaining = counts[cell]
        while remaining:
            k = min(CHUNK, remaining)
            remaining -= k
            for offset, count in Counter(rng.choices(range(365), k=k)).items():
                groups[(birthday - dt.timedelta(days=offset), held_codes)] += count
    return SyntheticPopulation(size, on, dict(groups))
