"""Turning the status service's answer into what the citizen pages show, in the page language."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import pgettext

from vaxkit.platform.registration.status import AppointmentInfo, BeneficiaryStatus
from vaxkit.platform.tenants.current import local_today
from vaxkit.platform.web.citizen.pages import language_of, profile_of
from vaxkit.platform.web.citizen.reasons import reason_text
from vaxkit.profiles.schema import Profile

CERTIFICATES_APP = "vaxkit.platform.certificates"
# The certificates app's page for one person's certificates, when that app is installed.
CERTIFICATES_URL = "certificates:beneficiary"


def appointment_status_label(status: str) -> str:
    labels = {
        "booked": pgettext("appointment status", "Booked"),
        "cancelled": pgettext("appointment status", "Cancelled"),
        "completed": pgettext("appointment status", "Completed"),
    }
    return labels.get(status, status)


@dataclass(frozen=True)
class NextDoseView:
    dose_number: int
    vaccines: str
    earliest: dt.date
    latest: dt.date | None
    overdue: bool
    booster: str | None


@dataclass(frozen=True)
class PersonView:
    """One person as the citizen pages show them (masked ID only)."""

    status: BeneficiaryStatus
    reference_id: str
    name: str
    id_type: str
    id_masked: str
    gender: str
    cohort: str | None
    eligible: bool
    reasons: tuple[str, ...]
    doses: tuple[Any, ...]
    next_dose: NextDoseView | None
    series_complete: bool
    appointments: tuple[AppointmentInfo, ...]
    booked: AppointmentInfo | None
    certificates_url: str | None

    @property
    def can_book(self) -> bool:
        return self.booked is None and self.next_dose is not None


def _vaccine_name(profile: Profile, code: str) -> str:
    try:
        return profile.vaccine(code).name
    except KeyError:
        return code


def _booster_label(
    profile: Profile, vaccines: tuple[str, ...], code: str | None, lang: str
) -> str | None:
    if not code:
        return None
    for vaccine in vaccines:
        try:
            for booster in profile.vaccine(vaccine).boosters:
                if booster.code == code:
                    return profile.text(booster.labels, lang)
        except KeyError:
            continue
    return code


def _certificates_url(reference_id: str, has_doses: bool) -> str | None:
    if not has_doses or not apps.is_installed(CERTIFICATES_APP):
        return None
    try:
        return reverse(CERTIFICATES_URL, kwargs={"reference_id": reference_id})
    except NoReverseMatch:
        return None


def present_status(request: HttpRequest, status: BeneficiaryStatus) -> PersonView:
    """The page's view of ``status`` with labels and reasons in the page language."""
    profile = profile_of(request)
    lang = language_of(request)
    genders = {g.code: profile.text(g.labels, lang) for g in profile.registration.genders}
    documents = {d.code: profile.text(d.labels, lang) for d in profile.id_documents}
    nxt = status.next_dose
    next_view = (
        NextDoseView(
            dose_number=nxt.dose_number,
            vaccines=", ".join(_vaccine_name(profile, code) for code in nxt.vaccines),
            # a window that opened in the past is open from today
            earliest=max(nxt.earliest, local_today(profile)),
            latest=nxt.latest,
            overdue=nxt.overdue,
            booster=_booster_label(profile, nxt.vaccines, nxt.booster, lang),
        )
        if nxt is not None
        else None
    )
    booked = next((a for a in status.appointments if a.status == "booked"), None)
    return PersonView(
        status=status,
        reference_id=status.reference_id,
        name=status.display_name,
        id_type=documents.get(status.id_type, status.id_type),
        id_masked=status.id_masked,
        gender=genders.get(status.gender, status.gender),
        cohort=status.cohort_label,
        eligible=status.eligible,
        reasons=tuple(reason_text(r, profile, lang) for r in status.reasons),
        doses=status.doses,
        next_dose=next_view,
        series_complete=status.series_complete,
        appointments=status.appointments,
        booked=booked,
        certificates_url=_certificates_url(status.reference_id, bool(status.doses)),
    )
