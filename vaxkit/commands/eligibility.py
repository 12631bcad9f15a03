"""``vaxkit eligibility``: what a person is due and when, and what-if simulations of a policy."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Sequence
from typing import NoReturn
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import click

from vaxkit.eligibility.assessment import Assessment, assess
from vaxkit.eligibility.errors import EligibilityError
from vaxkit.eligibility.inputs import DoseTaken, Person
from vaxkit.eligibility.simulation import Counts, Simulation, simulate
from vaxkit.profiles.issues import ProfileError
from vaxkit.profiles.loader import load_profile
from vaxkit.profiles.schema import AgeRule, Profile

MAX_POPULATION = 100_000_000
DEFAULT_SPAN_DAYS = 364


class DateType(click.ParamType):
    """An ISO date, ``YYYY-MM-DD``."""

    name = "DATE"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None):
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"{value!r} is not a date; write it as YYYY-MM-DD.", param, ctx)


class DoseType(click.ParamType):
    """A dose already taken, ``VACCINE:YYYY-MM-DD``."""

    name = "VACCINE:DATE"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None):
        if isinstance(value, tuple):
            return value
        vaccine, sep, day = str(value).partition(":")
        if not sep or not vaccine.strip():
            self.fail(f"{value!r} is not VACCINE:DATE (e.g. covishield:2021-05-10).", param, ctx)
        try:
            return vaccine.strip(), dt.date.fromisoformat(day.strip())
        except ValueError:
            self.fail(f"{day!r} in {value!r} is not a date; write it as YYYY-MM-DD.", param, ctx)


DATE = DateType()
DOSE = DoseType()


def _load(path: str) -> Profile:
    try:
        return load_profile(path)
    except ProfileError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)


def _fail(message: str) -> NoReturn:
    click.echo(f"error: {message}", err=True)
    sys.exit(1)


def _today(profile: Profile) -> dt.date:
    """Today where the profile's country is ("today" decides bookings there)."""
    try:
        return dt.datetime.now(ZoneInfo(profile.country.time_zone)).date()
    except (ZoneInfoNotFoundError, ValueError):
        return dt.date.today()


def _history(profile: Profile, doses: Sequence[tuple[str, dt.date]]) -> list[DoseTaken]:
    """Doses numbered in date order (the order given breaks ties)."""
    known = [v.code for v in profile.vaccines]
    for vaccine, _ in doses:
        if vaccine not in known:
            raise click.BadParameter(
                f"unknown vaccine {vaccine!r}; the profile has: {', '.join(known)}.",
                param_hint="'--dose'",
            )
    ordered = sorted(doses, key=lambda dose: dose[1])
    return [DoseTaken(v, day, n) for n, (v, day) in enumerate(ordered, start=1)]


@click.group("eligibility", invoke_without_command=True)
@click.option("--profile", "profile_path", type=click.Path(dir_okay=False), help="Profile file.")
@click.option("--birth-date", type=DATE, help="Date of birth, YYYY-MM-DD.")
@click.option("--birth-year", type=click.IntRange(1, 9999), help="Year of birth (if no date).")
@click.option(
    "--qualifier",
    "qualifiers",
    multiple=True,
    help="A qualifier code the person has (comorbidity, health_worker...); repeatable.",
)
@click.option(
    "--dose", "doses", type=DOSE, multiple=True, help="A dose taken, VACCINE:DATE; repeatable."
)
@click.option("--on", type=DATE, help="Day to judge on (default: today in the profile's zone).")
@click.option("--json", "as_json", is_flag=True, help="Print the assessment as JSON.")
@click.pass_context
def eligibility(
    ctx: click.Context,
    profile_path: str | None,
    birth_date: dt.date | None,
    birth_year: int | None,
    qualifiers: tuple[str, ...],
    doses: tuple[tuple[str, dt.date], ...],
    on: dt.date | None,
    as_json: bool,
) -> None:
    """What a person is due, and when.

    \b
    vaxkit eligibility --profile country_profiles/in.yaml --birth-year 1990 \\
        --dose covishield:2021-05-10 --on 2021-06-01
    vaxkit eligibility simulate --profile country_profiles/in.yaml --population 1000000
    """
    if ctx.invoked_subcommand is not None:
        given = [profile_path, birth_date, birth_year, on, *qualifiers, *doses]
        if any(value is not None for value in given) or as_json:
            raise click.UsageError(
                f"options before '{ctx.invoked_subcommand}' are for a person; give the "
                f"subcommand's own options after it."
            )
        return
    if profile_path is None:
        raise click.UsageError("Missing option '--profile'.")
    if birth_date is None and birth_year is None:
        raise click.UsageError("Give --birth-date or --birth-year.")
    profile = _load(profile_path)
    known = sorted(q.code for q in profile.cohorts.qualifiers)
    for code in qualifiers:
        if code not in known:
            raise click.BadParameter(
                f"unknown qualifier {code!r}; the profile has: {', '.join(known) or 'none'}.",
                param_hint="'--qualifier'",
            )
    history = _history(profile, doses)
    try:
        person = Person(birth_date, birth_year, frozenset(qualifiers))
        result = assess(profile, person, history, on or _today(profile))
    except EligibilityError as exc:
        if exc.code.startswith(("person.", "history.")):
            raise click.UsageError(exc.message) from None
        _fail(exc.message)
    if as_json:
        click.echo(json.dumps(result.as_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(_describe(profile, result))


def _describe(profile: Profile, result: Assessment) -> str:
    name = profile.text(profile.country.names, "en")
    vaccines = {v.code: v.name for v in profile.vaccines}
    rule = {
        AgeRule.birth_year: "by year of birth",
        AgeRule.booking_date: "on the day",
        AgeRule.reference_date: f"on {profile.cohorts.reference_date}",
    }[result.age_rule]
    lines = [f"{name} ({profile.code.upper()}), on {result.on.isoformat()}"]
    lines.append(f"Age:         {result.age} ({rule})")
    if result.cohort is not None:
        cohort = f"{profile.text(result.cohort.labels, 'en')} ({result.cohort.code})"
    elif result.later_cohort is not None and result.later_cohort_from is not None:
        later = profile.text(result.later_cohort.labels, "en")
        cohort = f"none yet; {later} ({result.later_cohort.code}) from {result.later_cohort_from}"
    else:
        cohort = "none"
    lines.append(f"Cohort:      {cohort}")
    if result.series_vaccine is not None:
        series = vaccines[result.series_vaccine]
        total = profile.vaccine(result.series_vaccine).doses
        state = "complete" if result.series_complete else "in progress"
        lines.append(f"Doses taken: {result.doses_taken} ({series}; {total}-dose series {state})")
    else:
        lines.append("Doses taken: none")
    lines.append(f"Verdict:     {'ELIGIBLE' if result.eligible else 'NOT ELIGIBLE'}")
    lines += [f"  - {reason.message}" for reason in result.reasons]
    offered = ", ".join(vaccines[code] for code in result.offered) or "none"
    lines.append(f"Offered now: {offered}")
    nxt = result.next_dose
    if nxt is None:
        lines.append("Next dose:   none")
    else:
        kind = f"booster, {nxt.booster}" if nxt.booster else "primary"
        names = ", ".join(vaccines[code] for code in nxt.vaccines)
        lines.append(f"Next dose:   dose {nxt.dose_number} ({kind}): {names}")
        window = f"from {nxt.earliest}"
        if nxt.latest is not None:
            window += f", recommended by {nxt.latest}"
        if nxt.overdue:
            window += " (overdue)"
        lines.append(f"Window:      {window}")
    return "\n".join(lines)


@eligibility.command("simulate")
@click.option(
    "--profile", "profile_path", required=True, type=click.Path(dir_okay=False), help="Profile."
)
@click.option(
    "--population",
    type=click.IntRange(1, MAX_POPULATION),
    default=1_000_000,
    show_default=True,
    help="Synthetic people to draw.",
)
@click.option("--from", "start", type=DATE, help="First day (default: the first cohort opens).")
@click.option(
    "--to", "end", type=DATE, help=f"Last day (default: {DEFAULT_SPAN_DAYS} days after the first)."
)
@click.option("--seed", type=int, default=1, show_default=True, help="Seed of the population.")
@click.option(
    "--compare",
    "compare_path",
    type=click.Path(dir_okay=False),
    help="A changed profile to compare with, on the same people.",
)
@click.option("--json", "as_json", is_flag=True, help="Print daily counts as JSON.")
def simulate_command(
    profile_path: str,
    population: int,
    start: dt.date | None,
    end: dt.date | None,
    seed: int,
    compare_path: str | None,
    as_json: bool,
) -> None:
    """People newly eligible per week for a first dose, a next dose and a booster.

    Everyone takes each dose on the first day it is allowed; see vaxkit.eligibility.population
    for the age pyramid and qualifier rates of the synthetic population.
    """
    profile = _load(profile_path)
    changed = _load(compare_path) if compare_path else None
    profiles = [profile] if changed is None else [profile, changed]
    if start is None:
        start = min(c.opens_on for p in profiles for c in p.cohorts.groups)
    if end is None:
        end = start + dt.timedelta(days=DEFAULT_SPAN_DAYS)
    if end < start:
        raise click.BadParameter(f"{end} is before the first day, {start}.", param_hint="'--to'")
    try:
        result = simulate(profile, population, start, end, seed, changed)
    except EligibilityError as exc:
        if exc.code == "simulation.dates":
            raise click.UsageError(exc.message) from None
        _fail(exc.message)
    if as_json:
        click.echo(json.dumps(result.as_dict(), indent=2))
    else:
        click.echo(_table(profile, result))


_KINDS = (("first_dose", "first dose"), ("next_dose", "next dose"), ("booster", "booster"))


def _table(profile: Profile, result: Simulation) -> str:
    name = profile.text(profile.country.names, "en")
    lines = [
        f"{result.population:,} synthetic people under {name} ({profile.code.upper()}), "
        f"{result.start} to {result.end}, seed {result.seed}",
        "People newly eligible, by week:",
    ]
    baseline, changed = result.baseline, result.changed
    if changed is None:
        lines.append(f"{'week of':<12}" + "".join(f"{label:>13}" for _, label in _KINDS))
        rows = [(day, [counts]) for day, counts in baseline.weekly()]
        rows.append(("total", [baseline.total()]))
    else:
        lines.append(f"{'':<12}" + "".join(f"{label:^30}" for _, label in _KINDS))
        lines.append(f"{'week of':<12}" + f"{'before':>10}{'after':>10}{'change':>10}" * 3)
        weeks = zip(baseline.weekly(), changed.weekly(), strict=True)
        rows = [(day, [before, after]) for (day, before), (_, after) in weeks]
        rows.append(("total", [baseline.total(), changed.total()]))
    for day, counts in rows:
        lines.append(f"{day!s:<12}" + "".join(_cells(counts)))
    return "\n".join(line.rstrip() for line in lines)


def _cells(counts: list[Counts]) -> list[str]:
    cells = []
    for kind, _ in _KINDS:
        values = [getattr(c, kind) for c in counts]
        if len(values) == 1:
            cells.append(f"{values[0]:>13,}")
        else:
            before, after = values
            cells.append(f"{before:>10,}{after:>10,}{after - before:>+10,}")
    return cells


commands = [eligibility]
