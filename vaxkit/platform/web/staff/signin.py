"""Staff sign-in and sign-out (Django accounts of the tenant's schema)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from vaxkit.platform.web.citizen.pages import safe_next
from vaxkit.platform.web.staff.forms import StaffSignInForm


@require_http_methods(["GET", "POST"])
def staff_signin(request: HttpRequest) -> HttpResponse:
    form = StaffSignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = authenticate(
            request,
            username=form.cleaned_data["username"],
            password=form.cleaned_data["password"],
        )
        if user is None:
            messages.error(request, _("The user name or the password is not right."))
        else:
            login(request, user)
            return redirect(safe_next(request, reverse("web:staff-home")))
    return render(request, "staff/signin.html", {"form": form, "next": safe_next(request, "")})


@require_POST
def staff_signout(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.success(request, _("You are signed out."))
    return redirect("web:staff-signin")
