"""Citizen forms. Fields and labels of the registration form come from the tenant's profile
(name model, genders, identity documents, qualifiers); the checks themselves stay in the
services, which the views call with what these forms parse."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vaxkit.profiles.schema import AdminArea, Profile

FIELD_ERRORS = {
    "required": _("Please fill in this field."),
    "invalid": _("Please enter a valid value."),
    "invalid_choice": _("Please choose from the list."),
    "max_length": _("This is too long."),
    "min_value": _("This number is too small."),
    "max_value": _("This number is too large."),
}


class PlainForm(forms.Form):
    """A form whose fields say what went wrong in the page language, in plain words."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plain_errors()

    def plain_errors(self) -> None:
        """Use this module's messages for the fields' errors (call after adding fields)."""
        for field in self.fields.values():
            for key, message in FIELD_ERRORS.items():
                if key in field.error_messages or key in ("required", "invalid"):
                    field.error_messages[key] = message


class MobileForm(PlainForm):
    mobile = forms.CharField(
        label=_("Mobile number"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )


class OtpForm(PlainForm):
    otp = forms.RegexField(
        label=_("OTP"),
        regex=r"^\s*\d{4,8}\s*$",
        max_length=12,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "dir": "ltr"}
        ),
    )


class BeneficiaryForm(PlainForm):
    """Registration of one person, shaped by the profile."""

    def __init__(self, profile: Profile, language: str, *args: Any, **kwargs: Any) -> None:
        self.profile = profile
        super().__init__(*args, **kwargs)
        text = lambda value: profile.text(value, language)  # noqa: E731
        names = profile.names
        for part in names.parts:
            self.fields[f"name_{part.key}"] = forms.CharField(
                label=text(part.labels),
                max_length=part.max_length,
                required=part.required and not names.single_name_allowed,
            )
        if profile.registration.year_of_birth_only:
            self.fields["birth_year"] = forms.IntegerField(
                label=_("Year of birth"), min_value=1890, max_value=2100
            )
        else:
            self.fields["birth_date"] = forms.DateField(
                label=_("Date of birth"),
                required=False,
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            )
            self.fields["birth_year"] = forms.IntegerField(
                label=_("Year of birth (only if the date is not known)"),
                required=False,
                min_value=1890,
                max_value=2100,
            )
        self.fields["gender"] = forms.ChoiceField(
            label=_("Gender"),
            choices=[(g.code, text(g.labels)) for g in profile.registration.genders],
            widget=forms.RadioSelect,
        )
        self.fields["id_type"] = forms.ChoiceField(
            label=_("Identity document"),
            choices=[(d.code, text(d.labels)) for d in profile.id_documents],
        )
        self.fields["id_number"] = forms.CharField(
            label=_("Document number"),
            max_length=40,
            widget=forms.TextInput(attrs={"autocomplete": "off", "dir": "ltr"}),
        )
        if profile.cohorts.qualifiers:
            self.fields["qualifiers"] = forms.MultipleChoiceField(
                label=_("Does any of these apply? (optional)"),
                required=False,
                choices=[(q.code, text(q.labels)) for q in profile.cohorts.qualifiers],
                widget=forms.CheckboxSelectMultiple,
            )
        self.fields["consent"] = forms.BooleanField(
            label=_(
                "I agree that this information is used to register me for vaccination "
                "and to issue my certificate."
            ),
        )
        self.plain_errors()

    def name_fields(self) -> list[forms.BoundField]:
        return [self[f"name_{part.key}"] for part in self.profile.names.parts]

    def other_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if not name.startswith("name_")]

    def name_parts(self) -> dict[str, str]:
        return {
            part.key: self.cleaned_data.get(f"name_{part.key}") or ""
            for part in self.profile.names.parts
        }


def area_choices(profile: Profile, language: str) -> list[tuple[str, str]]:
    """Admin areas as ``(code, label)``, indented by level for a select box."""
    choices: list[tuple[str, str]] = [("", "—")]

    def walk(areas: list[AdminArea], depth: int) -> None:
        for area in areas:
            choices.append((area.code, "\u00a0\u00a0" * depth + profile.text(area.names, language)))
            walk(area.children, depth + 1)

    walk(profile.admin_areas.areas, 0)
    return choices


class SearchForm(PlainForm):
    """Public search: one place criterion, a day, and one day or the week from it."""

    postal_code = forms.CharField(required=False, max_length=16)
    area = forms.ChoiceField(label=_("Area"), required=False)
    latitude = forms.FloatField(label=_("Latitude"), required=False, min_value=-90, max_value=90)
    longitude = forms.FloatField(
        label=_("Longitude"), required=False, min_value=-180, max_value=180
    )
    radius = forms.FloatField(
        label=_("Distance (km)"), required=False, min_value=1, max_value=100, initial=10
    )
    date = forms.DateField(
        label=_("Date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    week = forms.BooleanField(label=_("Show the whole week"), required=False)

    def __init__(self, profile: Profile, language: str, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        postal = profile.admin_areas.postal_code
        self.fields["postal_code"].label = profile.text(postal.labels, language)
        self.fields["postal_code"].widget.attrs.update(
            {"placeholder": postal.example, "inputmode": "numeric", "dir": "ltr"}
        )
        self.fields["area"].choices = area_choices(profile, language)

    def criteria(self, today: dt.date) -> dict[str, Any] | None:
        """Keyword arguments for the search service, or ``None`` when nothing was asked."""
        data = self.cleaned_data
        place: dict[str, Any] = {}
        if data.get("postal_code"):
            place["postal_code"] = data["postal_code"].strip()
        if data.get("area"):
            place["area_code"] = data["area"]
        if data.get("latitude") is not None and data.get("longitude") is not None:
            place["near"] = (data["latitude"], data["longitude"])
            place["radius_km"] = data.get("radius") or 10.0
        if not place:
            return None
        return {
            **place,
            "on": data.get("date") or today,
            "days": 7 if data.get("week") else 1,
        }
