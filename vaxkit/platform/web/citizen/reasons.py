"""Eligibility reasons in the citizen's language.

The eligibility engine gives each reason a stable code, English message templates and plain
params (labels in English, dates in ISO form). Here each template is marked for translation (a
test keeps them identical to the engine's), labels are replaced by the profile's label in the
page language and dates are written the language's way.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from vaxkit.eligibility import Reason
from vaxkit.platform.web.formatting import format_date
from vaxkit.profiles.schema import Profile

TEMPLATES: dict[str, Promise] = {
    "first_dose.due": _("Eligible for a first dose in the cohort %(cohort_label)s."),
    "next_dose.due": _("Due for dose %(dose_number)s of %(vaccine_name)s."),
    "booster.due": _("Due for the %(booster_label)s (dose %(dose_number)s, %(vaccine_name)s)."),
    "interval.overdue": _("Dose %(dose_number)s is overdue: it was recommended by %(latest)s."),
    "cohort.none": _("No cohort includes this person (age %(age)s), now or later."),
    "cohort.not_open_yet": _("The cohort %(cohort_label)s opens on %(opens_on)s."),
    "cohort.closed": _("The cohort %(cohort_label)s closed on %(closes_on)s."),
    "age.too_young": _(
        "Too young for the cohort %(cohort_label)s: it starts at age %(min_age)s, "
        "reached on %(from_date)s."
    ),
    "age.too_old": _("Too old for the cohort %(cohort_label)s: it ends at age %(max_age)s."),
    "vaccine.age_limit": _(
        "%(vaccine_name)s is for ages %(limits)s; this person is %(age)s on %(date)s."
    ),
    "vaccine.not_offered": _("%(vaccine_name)s is not offered for dose %(dose_number)s."),
    "vaccine.unknown": _("Unknown vaccine %(vaccine)s."),
    "interval.too_early": _(
        "Too early for dose %(dose_number)s of %(vaccine_name)s: it comes at "
        "least %(min_days)s days after the previous dose, so not before %(earliest)s."
    ),
    "series.complete": _("The primary series of %(vaccine_name)s is complete (%(doses)s doses)."),
    "series.same_vaccine_required": _(
        "Dose %(dose_number)s must be %(series_vaccine_name)s, the vaccine of the earlier doses."
    ),
    "dose.wrong_number": _("The next dose is dose %(expected)s, not dose %(requested)s."),
    "booster.none": _("No further booster dose follows %(vaccine_name)s."),
    "booster.not_open_yet": _("The %(booster_label)s opens on %(opens_on)s."),
    "booster.too_young": _(
        "Too young for the %(booster_label)s: it starts at age %(min_age)s, "
        "reached on %(from_date)s."
    ),
    "booster.not_eligible": _(
        "The %(booster_label)s is only for people with one of: %(requires_any)s."
    ),
}
_DATE_PARAMS = ("latest", "opens_on", "closes_on", "from_date", "date", "earliest")


def _localized_params(reason: Reason, profile: Profile, language: str) -> dict[str, object]:
    params: dict[str, object] = dict(reason.params)
    for key in _DATE_PARAMS:
        if isinstance(params.get(key), str):
            params[key] = format_date(str(params[key]))
    cohort = params.get("cohort")
    if cohort:
        for group in profile.cohorts.groups:
            if group.code == cohort:
                params["cohort_label"] = profile.text(group.labels, language)
    booster, vaccine = params.get("booster"), params.get("vaccine")
    if booster and vaccine:
        try:
            for item in profile.vaccine(str(vaccine)).boosters:
                if item.code == booster:
                    params["booster_label"] = profile.text(item.labels, language)
        except KeyError:
            pass
    if "requires_any" in params:
        # the engine joins the English labels: put each in the page language
        labels = {
            profile.text(q.labels, "en"): profile.text(q.labels, language)
            for q in profile.cohorts.qualifiers
        }
        names = str(params["requires_any"]).split(", ")
        params["requires_any"] = ", ".join(labels.get(name, name) for name in names)
    return params


def reason_text(reason: Reason, profile: Profile, language: str) -> str:
    """``reason`` as a sentence in the page language."""
    template = TEMPLATES.get(reason.code)
    params = _localized_params(reason, profile, language)
    try:
        return str(template) % params if template is not None else reason.render()
    except (KeyError, TypeError, ValueError):
        return reason.render()
