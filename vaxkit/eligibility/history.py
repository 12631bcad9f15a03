"""Reading a dose history into the state of a person's series, rejecting impossible histories."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from vaxkit.eligibility.errors import EligibilityError
from vaxkit.eligibility.inputs import DoseTaken
from vaxkit.profiles.schema import Profile, Vaccine


@dataclass(frozen=True)
class SeriesState:
    """Where a person stands: which primary vaccine, how many doses of each kind, the last dose."""

    doses: tuple[DoseTaken, ...]
    vaccine: Vaccine | None
    """The primary-series vaccine (the vaccine of dose 1), or ``None`` before any dose."""

    @property
    def taken(self) -> int:
        return len(self.doses)

    @property
    def primary_taken(self) -> int:
        return min(self.taken, self.vaccine.doses) if self.vaccine else 0

    @property
    def boosters_taken(self) -> int:
        return self.taken - self.primary_taken

    @property
    def complete(self) -> bool:
        """Whether the primary series is complete."""
        return self.vaccine is not None and self.taken >= self.vaccine.doses

    @property
    def last(self) -> DoseTaken | None:
        return self.doses[-1] if self.doses else None


def read_history(profile: Profile, history: Iterable[DoseTaken], on: dt.date) -> SeriesState:
    """Check ``history`` and return the series state.

    Dose numbers must run 1, 2, 3... in date order, no dose may lie after ``on``, every vaccine
    must be in the profile, and the primary series must use one vaccine (later doses are
    boosters and may use another). Doses given against the rules in the past are accepted: they
    happened; only what comes next is decided here.
    """
    doses = tuple(sorted(history, key=lambda d: d.dose_number))
    for expected, dose in enumerate(doses, start=1):
        if dose.dose_number != expected:
            numbers = ", ".join(str(d.dose_number) for d in doses)
            raise EligibilityError(
                "history.dose_numbers",
                f"Dose numbers must run 1, 2, 3... without gaps or repeats; got {numbers}.",
            )
        try:
            profile.vaccine(dose.vaccine)
        except KeyError:
            raise EligibilityError(
                "history.unknown_vaccine",
                f"Dose {dose.dose_number} uses vaccine {dose.vaccine!r}, which the profile does "
                "not define.",
            ) from None
        if dose.date > on:
            raise EligibilityError(
                "history.future_dose",
                f"Dose {dose.dose_number} is dated {dose.date.isoformat()}, after "
                f"{on.isoformat()}.",
            )
    for earlier, later in pairwise(doses):
        if later.date < earlier.date:
            raise EligibilityError(
                "history.order",
                f"Dose {later.dose_number} ({later.date.isoformat()}) is dated before dose "
                f"{earlier.dose_number} ({earlier.date.isoformat()}).",
            )
    if not doses:
        return SeriesState(doses, None)
    vaccine = profile.vaccine(doses[0].vaccine)
    for dose in doses[1 : vaccine.doses]:
        if dose.vaccine != vaccine.code:
            raise EligibilityError(
                "history.mixed_series",
                f"Dose {dose.dose_number} is {dose.vaccine!r} but the primary series started "
                f"with {vaccine.code!r}; a series of {vaccine.doses} doses uses one vaccine.",
            )
    return SeriesState(doses, vaccine)
