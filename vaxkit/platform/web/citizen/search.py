"""Public search for vaccination sessions, without sign-in; also where booking starts."""

from __future__ import annotations

from collections import OrderedDict

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from vaxkit.platform.errors import ServiceError
from vaxkit.platform.registration.beneficiaries import beneficiary_for
from vaxkit.platform.scheduling.search import SessionSummary, find_sessions
from vaxkit.platform.tenants.current import local_today
from vaxkit.platform.web.citizen.forms import SearchForm
from vaxkit.platform.web.citizen.pages import language_of, profile_of, show_error
from vaxkit.platform.web.citizen.session import citizen, current_account


def _booking_for(request: HttpRequest) -> tuple[object | None, str]:
    """The signed-in citizen's person to book for (``?for=``) and the appointment to move."""
    reference = request.GET.get("for", "")
    if not reference or current_account(request) is None:
        return None, ""
    try:
        person = beneficiary_for(citizen(request), reference)
    except ServiceError:
        return None, ""
    return person, request.GET.get("move", "")


def search(request: HttpRequest) -> HttpResponse:
    """Sessions by postal code, by area or near a point, for a day or a week."""
    profile = profile_of(request)
    form = SearchForm(profile, language_of(request), request.GET or None)
    results: list[SessionSummary] | None = None
    if request.GET and form.is_valid():
        criteria = form.criteria(local_today(profile))
        if criteria is not None:
            try:
                results = find_sessions(**criteria)
            except ServiceError as exc:
                show_error(request, exc)
    person, move = _booking_for(request)
    by_day: OrderedDict[object, list[SessionSummary]] = OrderedDict()
    for session in results or []:
        by_day.setdefault(session.date, []).append(session)
    return render(
        request,
        "citizen/search.html",
        {
            "form": form,
            "searched": results is not None,
            "days": list(by_day.items()),
            "count": len(results or []),
            "person": person,
            "move": move,
        },
    )
