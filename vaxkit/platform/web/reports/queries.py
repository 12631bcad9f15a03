"""Aggregate figures for the reports, within the staff member's scope. Counts only: no row
about a person leaves these functions.

A national administrator sees the jurisdiction, a district administrator their area and
everything inside it, facility staff their facility.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from vaxkit.eligibility import Person
from vaxkit.eligibility.ages import Ages
from vaxkit.eligibility.cohorts import cohort_on
from vaxkit.platform.registration.models import Beneficiary
from vaxkit.platform.vaccination.models import Dose, Role, StaffMember
from vaxkit.profiles.schema import Profile


@dataclass(frozen=True)
class Coverage:
    registered: int | None
    """People registered (jurisdiction-wide figure; ``None`` for narrower scopes)."""
    at_least_one: int
    completed: int


def scoped_doses(staff: StaffMember) -> QuerySet[Dose]:
    """Doses given within ``staff``'s scope."""
    doses = Dose.objects.all()
    if staff.role == Role.NATIONAL_ADMIN:
        return doses
    if staff.role == Role.DISTRICT_ADMIN and staff.area is not None:
        return doses.filter(facility__area_path__startswith=staff.area.path)
    return doses.filter(facility_id=staff.facility_id)


def doses_per_day(
    doses: QuerySet[Dose], until: dt.date, days: int = 14
) -> list[tuple[dt.date, int]]:
    """Doses on each of the ``days`` days up to ``until`` (zero days included)."""
    start = until - dt.timedelta(days=days - 1)
    counts = dict(
        doses.filter(date__gte=start, date__lte=until)
        .values("date")
        .annotate(n=Count("id"))
        .values_list("date", "n")
    )
    return [(day, counts.get(day, 0)) for day in (start + dt.timedelta(d) for d in range(days))]


def doses_per_vaccine(doses: QuerySet[Dose]) -> list[tuple[str, int]]:
    rows = doses.values("vaccine__product_name").annotate(n=Count("id")).order_by("-n")
    return [(row["vaccine__product_name"], row["n"]) for row in rows]


def doses_per_area(doses: QuerySet[Dose], profile: Profile, language: str) -> list[tuple[str, int]]:
    """Doses per top-level area (state, region) of the facility."""
    names = {area.code: profile.text(area.names, language) for area in profile.admin_areas.areas}
    counts: Counter[str] = Counter()
    for path, n in doses.values_list("facility__area_path").annotate(n=Count("id")):
        top = path.split("/", 1)[0]
        counts[names.get(top, top)] += n
    return counts.most_common()


def doses_per_cohort(
    doses: QuerySet[Dose], profile: Profile, language: str
) -> list[tuple[str, int]]:
    """Doses by the cohort the person belonged to on the day of the dose."""
    rows = doses.values(
        "date", "beneficiary__birth_date", "beneficiary__birth_year", "beneficiary__qualifiers"
    ).annotate(n=Count("id"))
    counts: Counter[str] = Counter()
    other = "—"
    for row in rows:
        person = Person(
            birth_date=row["beneficiary__birth_date"],
            birth_year=None if row["beneficiary__birth_date"] else row["beneficiary__birth_year"],
            qualifiers=frozenset(row["beneficiary__qualifiers"] or ()),
        )
        cohort = cohort_on(profile, Ages.of(profile, person), person.qualifiers, row["date"])
        counts[profile.text(cohort.labels, language) if cohort else other] += row["n"]
    return counts.most_common()


def coverage(doses: QuerySet[Dose], staff: StaffMember, profile: Profile) -> Coverage:
    """People with at least one dose, and with their primary series complete, in scope."""
    people = doses.values("beneficiary_id").distinct().count()
    series = {vaccine.code: vaccine.doses for vaccine in profile.vaccines}
    completed_q = Q()
    for code, number in series.items():
        completed_q |= Q(vaccine__code=code, dose_number__gte=number)
    completed = (
        doses.filter(completed_q).values("beneficiary_id").distinct().count() if series else 0
    )
    registered = Beneficiary.objects.count() if staff.role == Role.NATIONAL_ADMIN else None
    return Coverage(registered=registered, at_least_one=people, completed=completed)
