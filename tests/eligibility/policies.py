"""Profiles built in Python for the eligibility tests: a minimal valid frame, and India's policy.

India's cohorts, intervals and precaution dose, as announced by the Ministry of Health and Family
Welfare (MoHFW) and applied by CoWIN in 2021-2022, ages by birth year as CoWIN computed them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from vaxkit.profiles.schema import (
    AdminAreas,
    AdminLevel,
    AgeRule,
    Booster,
    Branding,
    Certificates,
    Cohort,
    Cohorts,
    Colors,
    Country,
    DoseInterval,
    Gender,
    IdDocument,
    Languages,
    NameModel,
    NamePart,
    PhoneRules,
    PostalCode,
    Profile,
    Qualifier,
    Registration,
    Vaccine,
)

D = dt.date


def label(text: str) -> dict[str, str]:
    return {"en": text}


PHONES = {"XX": PhoneRules(country_code=999, example="5550100"),
          "IN": PhoneRules(country_code=91, example="9812345678")}  # fmt: skip


def frame(
    cohorts: Cohorts, vaccines: Sequence[Vaccine], *, code: str = "XX", alpha3: str = "XXX"
) -> Profile:
    """A minimal valid profile around the given cohorts and vaccines (country ``XX`` or ``IN``)."""
    return Profile(
        vaxkit_profile=1,
        country=Country(
            code=code,
            alpha3=alpha3,
            names=label("Testland"),
            time_zone="UTC",
            phone=PHONES[code],
        ),
        languages=Languages(default="en", supported=["en"]),
        names=NameModel(
            parts=[NamePart(key="given", labels=label("Name"), required=True)],
            display_order=["given"],
        ),
        admin_areas=AdminAreas(
            levels=[AdminLevel(key="state", labels=label("State"))],
            postal_code=PostalCode(labels=label("Postal code"), pattern=r"\d{6}", example="110001"),
        ),
        id_documents=[IdDocument(code="passport", labels=label("Passport"), validator="passport")],
        cohorts=cohorts,
        vaccines=list(vaccines),
        certificates=Certificates(
            formats=["pdf"],
            issuer_name=label("Ministry of Health"),
            issuer_url="https://example.org",
            country=code,
            id_prefix="TEST",
        ),
        registration=Registration(
            genders=[Gender(code="f", labels=label("Female"), fhir="female")]
        ),
        branding=Branding(
            platform_name=label("Vaccines"),
            ministry=label("Ministry of Health"),
            colors=Colors(primary="#123456", secondary="#654321"),
        ),
    )


PRECAUTION = label("Precaution dose")


def _precaution(primary: str) -> list[Booster]:
    # Rules for the one precaution dose, 39 weeks after dose 2: from 10 January 2022 for people
    # over 60 with comorbidities and for health and front-line workers, from 10 April 2022 for
    # every adult (at private centres).
    common = {"labels": PRECAUTION, "after_days": 273, "primary_vaccines": [primary]}
    return [
        Booster(code="precaution_60_comorbid", min_age=60, requires_any=["comorbidity"],
                opens_on=D(2022, 1, 10), **common),
        Booster(code="precaution_hcw_flw", min_age=18,
                requires_any=["health_worker", "front_line_worker"], opens_on=D(2022, 1, 10),
                **common),
        Booster(code="precaution_18", min_age=18, opens_on=D(2022, 4, 10), **common),
    ]  # fmt: skip


COVISHIELD = Vaccine(
    code="covishield",
    name="Covishield",
    manufacturer="Serum Institute of India",
    doses=2,
    intervals=[DoseInterval(after_dose=1, min_days=84, max_days=112)],
    min_age=18,
    boosters=_precaution("covishield"),
)
COVAXIN = Vaccine(
    code="covaxin",
    name="Covaxin",
    manufacturer="Bharat Biotech",
    doses=2,
    intervals=[DoseInterval(after_dose=1, min_days=28, max_days=42)],
    min_age=15,
    boosters=_precaution("covaxin"),
)
CORBEVAX = Vaccine(
    code="corbevax",
    name="Corbevax",
    manufacturer="Biological E",
    doses=2,
    intervals=[DoseInterval(after_dose=1, min_days=28)],
    min_age=12,
)

INDIA_COHORTS = Cohorts(
    age_rule=AgeRule.birth_year,
    qualifiers=[
        Qualifier(code="comorbidity", kind="condition", labels=label("Comorbidity")),
        Qualifier(code="health_worker", kind="occupation", labels=label("Health worker")),
        Qualifier(code="front_line_worker", kind="occupation", labels=label("Front-line worker")),
    ],
    groups=[
        Cohort(code="health_workers", labels=label("Health and front-line workers"), min_age=18,
               requires_any=["health_worker", "front_line_worker"], opens_on=D(2021, 1, 16),
               vaccines=["covishield", "covaxin"]),
        Cohort(code="age_60_plus", labels=label("60 and over"), min_age=60,
               opens_on=D(2021, 3, 1), vaccines=["covishield", "covaxin"]),
        Cohort(code="age_45_plus_comorbid", labels=label("45 and over with comorbidities"),
               min_age=45, requires_any=["comorbidity"], opens_on=D(2021, 3, 1),
               vaccines=["covishield", "covaxin"]),
        Cohort(code="age_45_plus", labels=label("45 and over"), min_age=45,
               opens_on=D(2021, 4, 1), vaccines=["covishield", "covaxin"]),
        Cohort(code="age_18_44", labels=label("18 to 44"), min_age=18, max_age=44,
               opens_on=D(2021, 5, 1), vaccines=["covishield", "covaxin"]),
        Cohort(code="age_15_17", labels=label("15 to 17"), min_age=15, max_age=17,
               opens_on=D(2022, 1, 3), vaccines=["covaxin"]),
        Cohort(code="age_12_14", labels=label("12 to 14"), min_age=12, max_age=14,
               opens_on=D(2022, 3, 16), vaccines=["corbevax"]),
    ],
)  # fmt: skip


def india() -> Profile:
    """India's 2021-2022 COVID-19 vaccination policy on a minimal frame."""
    return frame(INDIA_COHORTS, [COVISHIELD, COVAXIN, CORBEVAX], code="IN", alpha3="IND")


def to_yaml(profile: Profile) -> str:
    """The profile as YAML text, as a profile author would write it."""
    import yaml

    data = profile.model_dump(mode="json", exclude_none=True)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def replace_vaccine(profile: Profile, vaccine: Vaccine) -> Profile:
    """``profile`` with the vaccine of the same code replaced (a policy change)."""
    vaccines = [vaccine if v.code == vaccine.code else v for v in profile.vaccines]
    return profile.model_copy(update={"vaccines": vaccines})
