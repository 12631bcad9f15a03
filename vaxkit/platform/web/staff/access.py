"""Staff sign-in (Django accounts of the tenant) and the check every staff page makes."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from vaxkit.platform.errors import ServiceError
from vaxkit.platform.vaccination.models import StaffMember
from vaxkit.platform.vaccination.staff import staff_of
from vaxkit.platform.web.citizen.errors import error_message


def staff_required(
    roles: tuple[str, ...] | None = None,
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Only signed-in staff (of one of ``roles``); the staff member is ``request.staff``."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                query = urlencode({"next": request.get_full_path()})
                return redirect(f"{reverse('web:staff-signin')}?{query}")
            try:
                request.staff = staff_of(request.user, roles=roles)  # type: ignore[attr-defined]
            except ServiceError as exc:
                messages.error(request, error_message(exc.code, exc.params))
                return redirect("web:staff-signin")
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


def staff_member(request: HttpRequest) -> StaffMember:
    return request.staff  # type: ignore[attr-defined]
