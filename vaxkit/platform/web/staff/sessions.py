"""Today's sessions at the staff member's facility, one session's list, and new sessions."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from vaxkit.platform.errors import ServiceError
from vaxkit.platform.scheduling.centres import create_session
from vaxkit.platform.scheduling.search import SessionSummary, find_sessions
from vaxkit.platform.tenants.current import local_today
from vaxkit.platform.vaccination.models import Role, StaffMember
from vaxkit.platform.vaccination.services import session_beneficiaries
from vaxkit.platform.vaccination.staff import ADMIN_ROLES
from vaxkit.platform.web.citizen.pages import profile_of, show_error
from vaxkit.platform.web.staff.access import staff_member, staff_required
from vaxkit.platform.web.staff.forms import SessionForm

FACILITY_ROLES = (Role.VACCINATOR, Role.FACILITY_ADMIN)


def facility_sessions(
    request: HttpRequest, staff: StaffMember, days: int = 1
) -> list[SessionSummary]:
    """The sessions of the staff member's facility from today (through the public search)."""
    if staff.facility is None:
        return []
    found = find_sessions(
        on=local_today(profile_of(request)), days=days, postal_code=staff.facility.postal_code
    )
    return [s for s in found if s.facility.facility_id == staff.facility_id]


@staff_required()
def staff_home(request: HttpRequest) -> HttpResponse:
    staff = staff_member(request)
    return render(
        request,
        "staff/home.html",
        {
            "staff": staff,
            "today": facility_sessions(request, staff),
            "coming": facility_sessions(request, staff, days=7),
            "works_at_facility": staff.role in FACILITY_ROLES,
            "is_admin": staff.role in ADMIN_ROLES,
        },
    )


@staff_required(FACILITY_ROLES)
def session_detail(request: HttpRequest, session_id: str) -> HttpResponse:
    """The people booked in one session (each read is audited by the service)."""
    staff = staff_member(request)
    sessions = [s for s in facility_sessions(request, staff, days=7) if s.session_id == session_id]
    try:
        people = session_beneficiaries(actor=request.user, session_id=session_id)
    except ServiceError as exc:
        show_error(request, exc)
        return redirect("web:staff-home")
    return render(
        request,
        "staff/session.html",
        {"session": sessions[0] if sessions else None, "people": people},
    )


@staff_required((Role.FACILITY_ADMIN,))
@require_http_methods(["GET", "POST"])
def new_session(request: HttpRequest) -> HttpResponse:
    """A facility administrator opens a session at their facility."""
    staff = staff_member(request)
    form = SessionForm(profile_of(request), request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            create_session(
                actor=request.user,
                facility=staff.facility,
                date=data["date"],
                vaccine=data["vaccine"],
                capacity=data["capacity"],
                slots=form.slot_list(),
                min_age=data.get("min_age"),
                max_age=data.get("max_age"),
            )
        except ServiceError as exc:
            show_error(request, exc)
        else:
            messages.success(request, _("The session is open for booking."))
            return redirect("web:staff-home")
    return render(request, "staff/new_session.html", {"form": form})
