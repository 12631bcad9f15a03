"""Booster rules carry their number: a second booster follows the first, never replaces it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from vaxkit.eligibility import DoseTaken, Person, assess
from vaxkit.profiles.loader import load_profile

DEMO = Path(__file__).resolve().parents[2] / "country_profiles" / "xx-demo.yaml"


def test_second_booster_comes_after_the_first() -> None:
    profile = load_profile(DEMO)
    person = Person(birth_date=dt.date(1950, 1, 1), qualifiers=frozenset({"comorbidity"}))
    primary = [
        DoseTaken("comirnaty", dt.date(2026, 1, 1), 1),
        DoseTaken("comirnaty", dt.date(2026, 2, 1), 2),
    ]
    first = assess(profile, person, primary, dt.date(2026, 11, 27))
    assert first.next_dose is not None and first.next_dose.booster == "booster"
    boosted = [*primary, DoseTaken("comirnaty", dt.date(2026, 8, 15), 3)]
    second = assess(profile, person, boosted, dt.date(2026, 11, 27))
    assert second.next_dose is not None and second.next_dose.booster == "second_booster"
    assert second.next_dose.earliest == dt.date(2026, 8, 15) + dt.timedelta(days=120)
    without_condition = Person(birth_date=dt.date(1950, 1, 1))
    none = assess(profile, without_condition, boosted, dt.date(2026, 11, 27))
    assert none.next_dose is None or none.next_dose.booster != "second_booster"
