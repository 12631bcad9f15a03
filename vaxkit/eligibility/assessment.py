"""The questions the platform asks: what is this person due, from when, and may this dose be given.

:func:`assess` answers everything for one person on one day; :func:`next_dose_window` and
:func:`can_receive` are the narrower questions asked before a booking and before a dose is
recorded. All three give the same :class:`~vaxkit.eligibility.reasons.Reason` codes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from vaxkit.eligibility.ages import Ages
from vaxkit.eligibility.cohorts import CohortMatch, match_cohort
from vaxkit.eligibility.history import SeriesState, read_history
from vaxkit.eligibility.inputs import DoseTaken, Person
from vaxkit.eligibility.reasons import Reason
from vaxkit.eligibility.schedule import DoseKind, DoseWindow, dose_windows
from vaxkit.profiles.schema import AgeRule, Cohort, Profile


@dataclass(frozen=True)
class NextDose:
    """The next dose a person can have: the soonest vaccines and their combined window."""

    dose_number: int
    kind: DoseKind
    booster: str | None
    vaccines: tuple[str, ...]
    earliest: dt.date
    latest: dt.date | None
    """Latest recommended day; ``None`` when any of the vaccines has none."""
    overdue: bool
    windows: tuple[DoseWindow, ...]

    def as_dict(self) -> dict[str, object]:
        return {
            "dose_number": self.dose_number,
            "kind": str(self.kind),
            "booster": self.booster,
            "vaccines": list(self.vaccines),
            "earliest": self.earliest.isoformat(),
            "latest": self.latest.isoformat() if self.latest else None,
            "overdue": self.overdue,
        }


@dataclass(frozen=True)
class Assessment:
    """Everything about one person's eligibility on one day."""

    on: dt.date
    age: int
    """Age as the profile's age rule computes it for cohorts."""
    age_rule: AgeRule
    cohort: Cohort | None
    later_cohort: Cohort | None
    """When no cohort fits now: the one that will, from ``later_cohort_from``."""
    later_cohort_from: dt.date | None
    eligible: bool
    """Whether some dose may be given on ``on``."""
    reasons: tuple[Reason, ...]
    """Why (not): ``first_dose.due``, ``interval.too_early``, ``cohort.not_open_yet``..."""
    offered: tuple[str, ...]
    """Vaccines that may be given on ``on``."""
    next_dose: NextDose | None
    """The next dose possible on or after ``on``; ``None`` if there is none."""
    doses_taken: int
    series_vaccine: str | None
    series_complete: bool
    windows: tuple[DoseWindow, ...]
    """Every candidate for the next dose (one per vaccine), open or not."""

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready form."""
        return {
            "on": self.on.isoformat(),
            "age": self.age,
            "age_rule": str(self.age_rule),
            "cohort": self.cohort.code if self.cohort else None,
            "later_cohort": self.later_cohort.code if self.later_cohort else None,
            "later_cohort_from": _iso(self.later_cohort_from),
            "eligible": self.eligible,
            "reasons": [reason.as_dict() for reason in self.reasons],
            "offered": list(self.offered),
            "next_dose": self.next_dose.as_dict() if self.next_dose else None,
            "doses_taken": self.doses_taken,
            "series_vaccine": self.series_vaccine,
            "series_complete": self.series_complete,
            "windows": [window.as_dict() for window in self.windows],
        }


@dataclass(frozen=True)
class Verdict:
    """May this dose be given on this day, and why (not)."""

    allowed: bool
    reasons: tuple[Reason, ...]
    window: DoseWindow | None
    """The window of the requested vaccine, if it is a candidate for the next dose at all."""


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


@dataclass(frozen=True)
class Evaluation:
    """The working state behind every answer: ages, series, cohort and candidate windows."""

    profile: Profile
    ages: Ages
    state: SeriesState
    match: CohortMatch
    windows: tuple[DoseWindow, ...]
    on: dt.date

    @property
    def open(self) -> tuple[DoseWindow, ...]:
        return tuple(w for w in self.windows if w.open)

    def soonest(self) -> tuple[DoseWindow, ...]:
        """The open windows, or else those that open soonest."""
        if self.open:
            return self.open
        starts = [(w.starts(self.on), w) for w in self.windows]
        first = min((start for start, _ in starts if start is not None), default=None)
        return tuple(w for start, w in starts if first is not None and start == first)

    def due_reasons(self, window: DoseWindow) -> list[Reason]:
        """Why ``window`` (open) may be given now."""
        vaccine = self.profile.vaccine(window.vaccine)
        names = {"vaccine": vaccine.code, "vaccine_name": vaccine.name}
        if window.kind == DoseKind.booster:
            booster = next(b for b in vaccine.boosters if b.code == window.booster)
            label = self.profile.text(booster.labels, "en")
            reasons = [
                Reason(
                    "booster.due",
                    {
                        **names,
                        "booster": booster.code,
                        "booster_label": label,
                        "dose_number": window.dose_number,
                    },
                )
            ]
        elif window.dose_number == 1:
            cohort = self.match.now
            assert cohort is not None
            label = self.profile.text(cohort.labels, "en")
            reasons = [Reason("first_dose.due", {"cohort": cohort.code, "cohort_label": label})]
        else:
            reasons = [Reason("next_dose.due", {**names, "dose_number": window.dose_number})]
        if window.overdue and window.latest is not None:
            reasons.append(
                Reason(
                    "interval.overdue",
                    {
                        **names,
                        "dose_number": window.dose_number,
                        "latest": window.latest.isoformat(),
                    },
                )
            )
        return reasons

    def general_reasons(self) -> list[Reason]:
        """Reasons that hold whatever the vaccine: the series is complete, there is no cohort."""
        reasons = []
        state = self.state
        if state.complete and state.vaccine is not None:
            reasons.append(
                Reason(
                    "series.complete",
                    {
                        "vaccine": state.vaccine.code,
                        "vaccine_name": state.vaccine.name,
                        "doses": state.vaccine.doses,
                    },
                )
            )
            if not self.windows:
                reasons.append(
                    Reason(
                        "booster.none",
                        {"vaccine": state.vaccine.code, "vaccine_name": state.vaccine.name},
                    )
                )
        if state.taken == 0 and self.match.now is None and self.match.later is None:
            closed = self.match.closed
            if closed is not None and closed.closes_on is not None:
                label = self.profile.text(closed.labels, "en")
                reasons.append(
                    Reason(
                        "cohort.closed",
                        {
                            "cohort": closed.code,
                            "cohort_label": label,
                            "closes_on": closed.closes_on.isoformat(),
                        },
                    )
                )
            else:
                reasons.append(Reason("cohort.none", {"age": self.ages.cohort.age(self.on)}))
        return reasons


def evaluate(
    profile: Profile, person: Person, history: Iterable[DoseTaken], on: dt.date
) -> Evaluation:
    """Evaluate ``person`` on ``on``; the questions below and the simulator read the result."""
    ages = Ages.of(profile, person)
    state = read_history(profile, history, on)
    match = match_cohort(profile, ages, person.qualifiers, on)
    windows = dose_windows(profile, ages, person.qualifiers, state, match, on)
    return Evaluation(profile, ages, state, match, tuple(windows), on)


def assess(
    profile: Profile, person: Person, history: Iterable[DoseTaken], on: dt.date
) -> Assessment:
    """Assess ``person`` with dose ``history`` on day ``on`` under ``profile``.

    Raises :class:`~vaxkit.eligibility.errors.EligibilityError` for a history that cannot be
    (gaps in dose numbers, unknown vaccines, doses after ``on``, a mixed primary series).
    """
    ev = evaluate(profile, person, history, on)
    chosen = ev.soonest()
    offered = tuple(w.vaccine for w in ev.open)
    if offered:
        reasons = ev.due_reasons(ev.open[0])
        reasons += [r for w in ev.open[1:] for r in ev.due_reasons(w) if r not in reasons]
    else:
        blockers = chosen or ev.windows
        reasons = ev.general_reasons() + [r for w in blockers for r in w.blockers]
    next_dose = None
    if chosen:
        earliest = [w.earliest for w in chosen if w.earliest is not None]
        latest = [w.latest for w in chosen]
        next_dose = NextDose(
            dose_number=chosen[0].dose_number,
            kind=chosen[0].kind,
            booster=chosen[0].booster,
            vaccines=tuple(w.vaccine for w in chosen),
            earliest=min(earliest),
            latest=None if None in latest else max(d for d in latest if d is not None),
            overdue=any(w.overdue for w in chosen),
            windows=chosen,
        )
    state = ev.state
    return Assessment(
        on=on,
        age=ev.ages.cohort.age(on),
        age_rule=ev.ages.rule,
        cohort=ev.match.now,
        later_cohort=ev.match.later,
        later_cohort_from=ev.match.later_from,
        eligible=bool(offered),
        reasons=tuple(dict.fromkeys(reasons)),
        offered=offered,
        next_dose=next_dose,
        doses_taken=state.taken,
        series_vaccine=state.vaccine.code if state.vaccine else None,
        series_complete=state.complete,
        windows=ev.windows,
    )


def next_dose_window(
    profile: Profile,
    person: Person,
    history: Iterable[DoseTaken],
    on: dt.date,
    vaccine: str | None = None,
) -> DoseWindow | None:
    """The window of the next dose: of ``vaccine`` if given, else of the vaccine possible soonest.

    ``None`` when that vaccine is not a candidate for the next dose, or no dose ever will be.
    """
    ev = evaluate(profile, person, history, on)
    if vaccine is not None:
        return next((w for w in ev.windows if w.vaccine == vaccine), None)
    chosen = ev.soonest()
    return chosen[0] if chosen else None


def can_receive(
    profile: Profile,
    person: Person,
    history: Iterable[DoseTaken],
    vaccine: str,
    dose_number: int,
    on: dt.date,
) -> Verdict:
    """May ``person`` receive dose ``dose_number`` of ``vaccine`` on ``on``? Call before booking a
    slot and before recording a dose."""
    ev = evaluate(profile, person, history, on)
    try:
        product = profile.vaccine(vaccine)
    except KeyError:
        return Verdict(False, (Reason("vaccine.unknown", {"vaccine": vaccine}),), None)
    expected = ev.state.taken + 1
    if dose_number != expected:
        reason = Reason("dose.wrong_number", {"expected": expected, "requested": dose_number})
        return Verdict(False, (reason,), None)
    window = next((w for w in ev.windows if w.vaccine == vaccine), None)
    if window is None:
        series = ev.state.vaccine
        if series is not None and not ev.state.complete:
            reason = Reason(
                "series.same_vaccine_required",
                {
                    "vaccine": vaccine,
                    "vaccine_name": product.name,
                    "dose_number": dose_number,
                    "series_vaccine": series.code,
                    "series_vaccine_name": series.name,
                },
            )
        else:
            reason = Reason(
                "vaccine.not_offered",
                {"vaccine": vaccine, "vaccine_name": product.name, "dose_number": dose_number},
            )
        return Verdict(False, tuple(dict.fromkeys([reason, *ev.general_reasons()])), None)
    if window.open:
        return Verdict(True, tuple(ev.due_reasons(window)), window)
    return Verdict(False, tuple(dict.fromkeys([*ev.general_reasons(), *window.blockers])), window)
