"""At the centre: verify the person, record the dose, register a walk-in, report an AEFI."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from vaxkit.platform.errors import ServiceError
from vaxkit.platform.registration.beneficiaries import BeneficiaryInput
from vaxkit.platform.scheduling.booking import appointment_slip, book_appointment
from vaxkit.platform.vaccination.services import (
    Verified,
    find_dose,
    record_dose,
    register_walk_in,
    report_adverse_event,
    verify_beneficiary,
)
from vaxkit.platform.web.citizen.pages import language_of, profile_of, show_error
from vaxkit.platform.web.staff.access import staff_member, staff_required
from vaxkit.platform.web.staff.forms import AefiForm, DoseForm, VerifyForm, WalkInForm
from vaxkit.platform.web.staff.sessions import FACILITY_ROLES, facility_sessions


def _person_labels(request: HttpRequest, verified: Verified) -> dict[str, str]:
    profile = profile_of(request)
    lang = language_of(request)
    genders = {g.code: profile.text(g.labels, lang) for g in profile.registration.genders}
    documents = {d.code: profile.text(d.labels, lang) for d in profile.id_documents}
    return {
        "gender": genders.get(verified.gender, verified.gender),
        "id_type": documents.get(verified.id_type, verified.id_type),
    }


@staff_required(FACILITY_ROLES)
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """Reference ID and security code; then the person and the dose form."""
    form = VerifyForm(request.POST or request.GET or None)
    if form.is_bound and form.is_valid():
        try:
            verified = verify_beneficiary(
                form.cleaned_data["reference_id"],
                form.cleaned_data["security_code"],
                actor=request.user,
            )
        except ServiceError as exc:
            show_error(request, exc)
        else:
            appointment = verified.appointment
            dose_form = DoseForm(
                profile_of(request),
                initial={
                    "reference_id": form.cleaned_data["reference_id"].strip(),
                    "security_code": form.cleaned_data["security_code"].strip(),
                    "vaccine": appointment.session.vaccine.code if appointment else None,
                    "dose_number": verified.next_dose_number,
                },
            )
            return render(
                request,
                "staff/person.html",
                {
                    "verified": verified,
                    "labels": _person_labels(request, verified),
                    "form": dose_form,
                },
            )
    return render(request, "staff/verify.html", {"form": form})


@staff_required(FACILITY_ROLES)
@require_http_methods(["POST"])
def record(request: HttpRequest) -> HttpResponse:
    """Record the dose (checked again against the reference ID and security code)."""
    form = DoseForm(profile_of(request), request.POST)
    if not form.is_valid():
        messages.error(request, _("Please correct the marked fields."))
        verified = _reverify(request, form)
        if verified is None:
            return redirect("web:staff-verify")
        return render(
            request,
            "staff/person.html",
            {"verified": verified, "labels": _person_labels(request, verified), "form": form},
        )
    data = form.cleaned_data
    verified = _reverify(request, form)
    if verified is None:
        return redirect("web:staff-verify")
    try:
        dose = record_dose(
            actor=request.user,
            beneficiary=verified.beneficiary,
            vaccine=data["vaccine"],
            dose_number=data["dose_number"],
            lot=data["lot"],
            site=data["site"],
            idempotency_key=data["idempotency_key"],
            appointment=verified.appointment,
        )
    except ServiceError as exc:
        show_error(request, exc)
        return render(
            request,
            "staff/person.html",
            {"verified": verified, "labels": _person_labels(request, verified), "form": form},
        )
    messages.success(request, _("The dose is recorded."))
    return render(request, "staff/recorded.html", {"dose": dose, "verified": verified})


def _reverify(request: HttpRequest, form: DoseForm) -> Verified | None:
    try:
        return verify_beneficiary(
            form.data.get("reference_id", ""),
            form.data.get("security_code", ""),
            actor=request.user,
        )
    except ServiceError as exc:
        show_error(request, exc)
        return None


@staff_required(FACILITY_ROLES)
@require_http_methods(["GET", "POST"])
def walk_in(request: HttpRequest) -> HttpResponse:
    """Register a person at the centre and seat them in one of today's sessions."""
    profile = profile_of(request)
    sessions = [s for s in facility_sessions(request, staff_member(request)) if s.available]
    form = WalkInForm(profile, language_of(request), sessions, request.POST or None)
    if request.method == "POST":
        if not form.is_valid():
            messages.error(request, _("Please correct the marked fields."))
        else:
            data = form.cleaned_data
            entry = BeneficiaryInput(
                name_parts=form.name_parts(),
                gender=data["gender"],
                id_type=data["id_type"],
                id_number=data["id_number"],
                consent_version=profile.registration.consent_version,
                birth_date=data.get("birth_date"),
                birth_year=data.get("birth_year"),
                qualifiers=tuple(data.get("qualifiers") or ()),
            )
            try:
                person = register_walk_in(
                    entry, actor=request.user, mobile=data.get("mobile") or None
                )
                appointment = book_appointment(
                    actor=request.user, beneficiary=person, session_id=data["session_id"]
                )
            except ServiceError as exc:
                show_error(request, exc)
            else:
                slip = appointment_slip(appointment)
                messages.success(request, _("The person is registered and has a seat today."))
                return render(request, "staff/walk_in_done.html", {"slip": slip})
    return render(request, "staff/walk_in.html", {"form": form, "sessions": sessions})


@staff_required()
@require_http_methods(["GET", "POST"])
def adverse_event(request: HttpRequest, dose_id: int) -> HttpResponse:
    """Report an adverse event following immunisation against a recorded dose."""
    try:
        dose = find_dose(dose_id)
    except ServiceError as exc:
        show_error(request, exc)
        return redirect("web:staff-home")
    form = AefiForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report_adverse_event(
                actor=request.user,
                dose=dose,
                onset_date=data["onset_date"],
                severity=data["severity"],
                symptoms=form.symptom_list(),
                outcome=data["outcome"],
                serious=data["serious"],
                notes=data["notes"],
            )
        except ServiceError as exc:
            show_error(request, exc)
        else:
            messages.success(request, _("The adverse event is reported."))
            return redirect("web:staff-home")
    return render(request, "staff/aefi.html", {"form": form, "dose": dose})
