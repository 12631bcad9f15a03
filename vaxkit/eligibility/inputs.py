"""What the engine is told about a person: birth data, qualifiers and the doses already taken."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from vaxkit.eligibility.errors import EligibilityError


@dataclass(frozen=True)
class Person:
    """The facts about a person that eligibility depends on.

    Either ``birth_date`` or ``birth_year`` is needed (CoWIN asked only for the year); when both are
    given they must agree. ``qualifiers`` are the profile's qualifier codes the person has
    (``comorbidity``, ``health_worker``).
    """

    birth_date: dt.date | None = None
    birth_year: int | None = None
    qualifiers: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        if self.birth_date is None and self.birth_year is None:
            raise EligibilityError(
                "person.birth_missing", "A birth date or a birth year is needed."
            )
        if self.birth_year is not None and not 1 <= self.birth_year <= 9999:
            raise EligibilityError(
                "person.birth_year_invalid", f"Birth year {self.birth_year} is not a valid year."
            )
        if (
            self.birth_date is not None
            and self.birth_year is not None
            and self.birth_date.year != self.birth_year
        ):
            raise EligibilityError(
                "person.birth_mismatch",
                f"Birth date {self.birth_date.isoformat()} is not in birth year {self.birth_year}.",
            )
        if not isinstance(self.qualifiers, frozenset):
            object.__setattr__(self, "qualifiers", frozenset(self.qualifiers))

    @property
    def year_of_birth(self) -> int:
        """The birth year, from whichever birth datum was given."""
        if self.birth_date is not None:
            return self.birth_date.year
        assert self.birth_year is not None  # enforced in __post_init__
        return self.birth_year


@dataclass(frozen=True)
class DoseTaken:
    """One dose in a person's history. Boosters continue the count (3 after a 2-dose series)."""

    vaccine: str
    date: dt.date
    dose_number: int
