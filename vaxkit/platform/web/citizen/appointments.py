"""Booking, the appointment slip, cancelling and rescheduling."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from vaxkit.platform.errors import ServiceError
from vaxkit.platform.registration.beneficiaries import beneficiary_for
from vaxkit.platform.registration.status import beneficiary_status
from vaxkit.platform.scheduling.booking import (
    book_appointment,
    cancel_appointment,
    reschedule_appointment,
)
from vaxkit.platform.web.citizen.pages import language_of, safe_next, show_error
from vaxkit.platform.web.citizen.presenters import present_status
from vaxkit.platform.web.citizen.session import citizen, citizen_required


def _back_to_search(request: HttpRequest, reference_id: str) -> HttpResponse:
    fallback = f"{reverse('web:search')}?{urlencode({'for': reference_id})}"
    return redirect(safe_next(request, fallback))


@citizen_required
@require_POST
def book(request: HttpRequest, reference_id: str) -> HttpResponse:
    """Book the person's next dose in the chosen session and slot."""
    try:
        appointment = book_appointment(
            actor=citizen(request),
            beneficiary=reference_id,
            session_id=request.POST.get("session_id", ""),
            slot=request.POST.get("slot", ""),
        )
    except ServiceError as exc:
        show_error(request, exc)
        return _back_to_search(request, reference_id)
    messages.success(request, _("Your appointment is booked."))
    return redirect(
        "web:slip", reference_id=reference_id, appointment_id=str(appointment.appointment_id)
    )


def _person_and_appointment(request: HttpRequest, reference_id: str, appointment_id: str):
    person = beneficiary_for(citizen(request), reference_id)
    view = present_status(request, beneficiary_status(person, language=language_of(request)))
    for appointment in view.appointments:
        if appointment.appointment_id == appointment_id:
            return view, appointment
    raise Http404


@citizen_required
def slip(request: HttpRequest, reference_id: str, appointment_id: str) -> HttpResponse:
    """The appointment slip with its 4-digit security code (printable)."""
    try:
        person, appointment = _person_and_appointment(request, reference_id, appointment_id)
    except ServiceError as exc:
        show_error(request, exc)
        return redirect("web:account")
    return render(request, "citizen/slip.html", {"person": person, "appointment": appointment})


@citizen_required
@require_http_methods(["GET", "POST"])
def cancel(request: HttpRequest, reference_id: str, appointment_id: str) -> HttpResponse:
    """Ask for confirmation, then cancel."""
    try:
        person, appointment = _person_and_appointment(request, reference_id, appointment_id)
    except ServiceError as exc:
        show_error(request, exc)
        return redirect("web:account")
    if request.method == "POST":
        try:
            cancel_appointment(actor=citizen(request), appointment_id=appointment_id)
        except ServiceError as exc:
            show_error(request, exc)
        else:
            messages.success(request, _("The appointment is cancelled."))
        return redirect("web:beneficiary", reference_id=reference_id)
    return render(request, "citizen/cancel.html", {"person": person, "appointment": appointment})


@citizen_required
@require_POST
def reschedule(request: HttpRequest, reference_id: str, appointment_id: str) -> HttpResponse:
    """Move the appointment to the session chosen on the search page."""
    try:
        beneficiary_for(citizen(request), reference_id)
        appointment = reschedule_appointment(
            actor=citizen(request),
            appointment_id=appointment_id,
            session_id=request.POST.get("session_id", ""),
            slot=request.POST.get("slot", ""),
        )
    except ServiceError as exc:
        show_error(request, exc)
        return _back_to_search(request, reference_id)
    messages.success(request, _("Your appointment is moved. Note the new security code."))
    return redirect(
        "web:slip", reference_id=reference_id, appointment_id=str(appointment.appointment_id)
    )
