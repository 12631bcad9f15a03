"""PDF downloads: the appointment slip and the vaccination certificate."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from vaxkit.platform.actors import Citizen
from vaxkit.platform.api.cowin.endpoint import cowin_view
from vaxkit.platform.api.inputs import query_param
from vaxkit.platform.api.slips import appointment_slip_pdf, certificate_pdf_for


def _pdf(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response


@cowin_view("GET", signed_in=True)
def appointment_slip(request: HttpRequest, actor: Citizen) -> HttpResponse:
    appointment_id = query_param(request, "appointment_id")
    return _pdf(appointment_slip_pdf(actor, appointment_id), "appointment-slip")


@cowin_view("GET", signed_in=True)
def certificate(request: HttpRequest, actor: Citizen) -> HttpResponse:
    reference = query_param(request, "beneficiary_reference_id")
    return _pdf(certificate_pdf_for(actor, reference), "certificate")
