"""Why a person may or may not receive a dose: stable codes, parameters and English messages.

A :class:`Reason` is a ``code`` plus ``params``. :data:`MESSAGES` holds the English template of
each code with ``%(name)s`` placeholders, the form Django's translation functions expect: the web
application translates the template, then fills in the params. Params are plain ``str`` / ``int``
values (dates as ISO strings) so that they travel unchanged through JSON.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

ParamValue = str | int | None


def N_(message: str) -> str:
    """Mark ``message`` for extraction into translation catalogs, without translating it here
    (``N_`` is one of Babel's default keywords)."""
    return message


MESSAGES: dict[str, str] = {
    # the verdict is "yes"
    "first_dose.due": N_("Eligible for a first dose in the cohort %(cohort_label)s."),
    "next_dose.due": N_("Due for dose %(dose_number)s of %(vaccine_name)s."),
    "booster.due": N_("Due for the %(booster_label)s (dose %(dose_number)s, %(vaccine_name)s)."),
    "interval.overdue": N_("Dose %(dose_number)s is overdue: it was recommended by %(latest)s."),
    # cohorts and age
    "cohort.none": N_("No cohort includes this person (age %(age)s), now or later."),
    "cohort.not_open_yet": N_("The cohort %(cohort_label)s opens on %(opens_on)s."),
    "cohort.closed": N_("The cohort %(cohort_label)s closed on %(closes_on)s."),
    "age.too_young": N_(
        "Too young for the cohort %(cohort_label)s: it starts at age %(min_age)s, "
        "reached on %(from_date)s."
    ),
    "age.too_old": N_("Too old for the cohort %(cohort_label)s: it ends at age %(max_age)s."),
    # vaccines and intervals
    "vaccine.age_limit": N_(
        "%(vaccine_name)s is for ages %(limits)s; this person is %(age)s on %(date)s."
    ),
    "vaccine.not_offered": N_("%(vaccine_name)s is not offered for dose %(dose_number)s."),
    "vaccine.unknown": N_("Unknown vaccine %(vaccine)s."),
    "interval.too_early": N_(
        "Too early for dose %(dose_number)s of %(vaccine_name)s: it comes at "
        "least %(min_days)s days after the previous dose, so not before %(earliest)s."
    ),
    "series.complete": N_("The primary series of %(vaccine_name)s is complete (%(doses)s doses)."),
    "series.same_vaccine_required": N_(
        "Dose %(dose_number)s must be %(series_vaccine_name)s, the vaccine of the earlier doses."
    ),
    "dose.wrong_number": N_("The next dose is dose %(expected)s, not dose %(requested)s."),
    # boosters
    "booster.none": N_("No further booster dose follows %(vaccine_name)s."),
    "booster.not_open_yet": N_("The %(booster_label)s opens on %(opens_on)s."),
    "booster.too_young": N_(
        "Too young for the %(booster_label)s: it starts at age %(min_age)s, "
        "reached on %(from_date)s."
    ),
    "booster.not_eligible": N_(
        "The %(booster_label)s is only for people with one of: %(requires_any)s."
    ),
}


@dataclass(frozen=True)
class Reason:
    """One machine-readable reason with the values its message needs."""

    code: str
    params: Mapping[str, ParamValue] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.code not in MESSAGES:
            raise KeyError(f"no message for reason code {self.code!r}")

    def __hash__(self) -> int:
        return hash((self.code, tuple(sorted(self.params.items()))))

    @property
    def template(self) -> str:
        """The English template, to be translated before :meth:`render`."""
        return MESSAGES[self.code]

    def render(self, template: str | None = None) -> str:
        """The message in plain words, from ``template`` (a translation) or the English one."""
        return (template or self.template) % dict(self.params)

    @property
    def message(self) -> str:
        """The English message."""
        return self.render()

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready form: code, params and the English message."""
        return {"code": self.code, "params": dict(self.params), "message": self.message}
