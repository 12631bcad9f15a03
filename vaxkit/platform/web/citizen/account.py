"""The signed-in citizen's pages: the people registered under the number, and each one's status."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from vaxkit.platform.errors import ServiceError
from vaxkit.platform.registration.beneficiaries import (
    BeneficiaryInput,
    beneficiaries_of,
    beneficiary_for,
    register_beneficiary,
)
from vaxkit.platform.registration.status import BeneficiaryStatus, beneficiary_status
from vaxkit.platform.web.citizen.forms import BeneficiaryForm
from vaxkit.platform.web.citizen.pages import language_of, profile_of, show_error
from vaxkit.platform.web.citizen.presenters import present_status
from vaxkit.platform.web.citizen.session import citizen, citizen_required, current_account


@citizen_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Everyone registered under this mobile number, with what each is due."""
    account = current_account(request)
    assert account is not None
    language = language_of(request)
    people: list[BeneficiaryStatus] = [
        beneficiary_status(person, language=language) for person in beneficiaries_of(account)
    ]
    limit = profile_of(request).registration.beneficiaries_per_account
    return render(
        request,
        "citizen/dashboard.html",
        {
            "account": account,
            "people": [present_status(request, status) for status in people],
            "can_add": len(people) < limit,
            "limit": limit,
        },
    )


@citizen_required
@require_http_methods(["GET", "POST"])
def add_beneficiary(request: HttpRequest) -> HttpResponse:
    """Register a person under this number."""
    profile = profile_of(request)
    form = BeneficiaryForm(profile, language_of(request), request.POST or None)
    if request.method == "POST":
        if form.is_valid():
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
                person = register_beneficiary(entry, actor=citizen(request))
            except ServiceError as exc:
                show_error(request, exc)
            else:
                messages.success(
                    request,
                    _("%(name)s is registered. Reference ID: %(reference)s")
                    % {"name": person.display_name, "reference": person.reference_id},
                )
                return redirect("web:beneficiary", reference_id=person.reference_id)
        else:
            messages.error(request, _("Please correct the marked fields."))
    return render(request, "citizen/add_beneficiary.html", {"form": form})


@citizen_required
def beneficiary(request: HttpRequest, reference_id: str) -> HttpResponse:
    """One person's status: cohort, eligibility and why, doses, next dose, appointments."""
    try:
        person = beneficiary_for(citizen(request), reference_id)
    except ServiceError as exc:
        show_error(request, exc)
        return redirect("web:account")
    status = beneficiary_status(person, language=language_of(request))
    return render(request, "citizen/beneficiary.html", {"person": present_status(request, status)})
