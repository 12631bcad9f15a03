"""Forms of the staff pages: sign-in, verification, dose, adverse event, session, walk-in."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from vaxkit.platform.scheduling.search import SessionSummary
from vaxkit.platform.web.citizen.forms import BeneficiaryForm, PlainForm
from vaxkit.profiles.schema import Profile

SITES = [
    ("left_arm", _("Left upper arm")),
    ("right_arm", _("Right upper arm")),
    ("left_thigh", _("Left thigh")),
    ("right_thigh", _("Right thigh")),
    ("other", pgettext_lazy("injection site", "Other")),
]
SEVERITIES = [
    ("mild", _("Mild")),
    ("moderate", _("Moderate")),
    ("severe", _("Severe")),
]
OUTCOMES = [
    ("recovering", _("Recovering")),
    ("recovered", _("Recovered")),
    ("sequelae", _("Recovered with lasting effects")),
    ("not_recovered", _("Not recovered")),
    ("fatal", _("Fatal")),
    ("unknown", pgettext_lazy("outcome", "Unknown")),
]


class StaffSignInForm(PlainForm):
    username = forms.CharField(
        label=_("User name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class VerifyForm(PlainForm):
    reference_id = forms.CharField(
        label=_("Reference ID"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "dir": "ltr"}),
    )
    security_code = forms.RegexField(
        label=_("Security code"),
        regex=r"^\s*\d{4}\s*$",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "dir": "ltr", "maxlength": 4}),
    )


class DoseForm(PlainForm):
    """The dose given; the idempotency key makes a resubmission record nothing twice."""

    reference_id = forms.CharField(widget=forms.HiddenInput)
    security_code = forms.CharField(widget=forms.HiddenInput)
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=80)
    id_checked = forms.BooleanField(
        label=_("I have checked the identity document: it matches the name and the last digits.")
    )
    vaccine = forms.ChoiceField(label=_("Vaccine"))
    dose_number = forms.IntegerField(label=_("Dose number"), min_value=1, max_value=20)
    lot = forms.CharField(
        label=_("Lot (batch) number"), max_length=40, widget=forms.TextInput(attrs={"dir": "ltr"})
    )
    site = forms.ChoiceField(label=_("Injection site"), choices=SITES)

    def __init__(self, profile: Profile, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["vaccine"].choices = [(v.code, v.name) for v in profile.vaccines]
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", uuid.uuid4().hex)
        self.plain_errors()


class AefiForm(PlainForm):
    onset_date = forms.DateField(
        label=_("Date the symptoms began"), widget=forms.DateInput(attrs={"type": "date"})
    )
    severity = forms.ChoiceField(label=_("Severity"), choices=SEVERITIES, widget=forms.RadioSelect)
    symptoms = forms.CharField(
        label=_("Symptoms (one per line)"), widget=forms.Textarea(attrs={"rows": 4})
    )
    outcome = forms.ChoiceField(label=_("Outcome"), choices=OUTCOMES)
    serious = forms.BooleanField(
        label=_("Serious (hospital stay, disability, life-threatening or death)"), required=False
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def symptom_list(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["symptoms"].splitlines() if line.strip()]


class SessionForm(PlainForm):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    vaccine = forms.ChoiceField(label=_("Vaccine"))
    capacity = forms.IntegerField(label=_("Seats"), min_value=1, max_value=100_000)
    slots = forms.CharField(
        label=_("Time slots"),
        required=False,
        help_text=_("Separated by commas, for example 09:00-11:00, 11:00-13:00"),
        widget=forms.TextInput(attrs={"dir": "ltr"}),
    )
    min_age = forms.IntegerField(label=_("Minimum age"), required=False, min_value=0, max_value=130)
    max_age = forms.IntegerField(label=_("Maximum age"), required=False, min_value=0, max_value=130)

    def __init__(self, profile: Profile, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["vaccine"].choices = [(v.code, v.name) for v in profile.vaccines]
        self.plain_errors()

    def slot_list(self) -> list[str]:
        return [s.strip() for s in (self.cleaned_data.get("slots") or "").split(",") if s.strip()]


class WalkInForm(BeneficiaryForm):
    """A person registered at the centre, seated in one of today's sessions."""

    def __init__(
        self,
        profile: Profile,
        language: str,
        sessions: list[SessionSummary],
        *args: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(profile, language, *args, **kwargs)
        self.fields["mobile"] = forms.CharField(
            label=_("Mobile number (optional)"),
            required=False,
            max_length=20,
            widget=forms.TextInput(attrs={"inputmode": "tel"}),
        )
        self.fields["session_id"] = forms.ChoiceField(
            label=_("Session"),
            choices=[
                (s.session_id, f"{s.vaccine_name} · {', '.join(s.slots)}".rstrip(" ·"))
                for s in sessions
            ],
        )
        self.plain_errors()
