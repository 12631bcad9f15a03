"""The country profile: a typed, frozen description of everything that differs between countries.

Every field carries a description: the profile reference in ``docs/reference/profile.md`` and the
JSON Schema (``vaxkit profile schema``) are generated from them. Cross-field rules (an interval
whose minimum exceeds its maximum, overlapping cohorts, references to undefined vaccines) live in
``vaxkit.profiles.checks`` so that all of them are reported at once, each with its own path.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

SCHEMA_VERSION = 1

LanguageCode = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"),
    Field(description="A BCP 47 language tag such as `en`, `hi`, `es-PE`, `quz`."),
]
LocalizedText = Annotated[
    dict[str, str],
    Field(
        description="Text per language: keys are BCP 47 tags of the profile's languages "
        "(English, `en`, is always allowed as the lingua franca of travel documents)."
    ),
]
Color = Annotated[str, StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}$")]


class Model(BaseModel):
    """Base for every profile part: frozen, and unknown keys are errors."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


# --- country -------------------------------------------------------------------------------------


class PhoneRules(Model):
    country_code: int = Field(
        description="International calling code without `+` (91 for India).", ge=1, le=999
    )
    region: str | None = Field(
        None,
        description="Region whose numbering plan applies (ISO 3166-1 alpha-2, as in "
        "libphonenumber); defaults to the country code. Set it for jurisdictions that share a "
        "plan.",
        pattern=r"^[A-Z]{2}$",
    )
    mobile_only: bool = Field(
        True, description="Accept only mobile numbers for sign-in (OTPs are sent by SMS)."
    )
    example: str = Field(
        description="A valid national mobile number, shown as a placeholder in forms and used "
        "in tests.",
    )


class Country(Model):
    code: str = Field(
        description="ISO 3166-1 alpha-2 code, or a user-assigned code (`XX`, `XA`-`XZ`, `QM`-`QZ`, "
        "`AA`, `ZZ`) for fictional or test countries.",
        pattern=r"^[A-Z]{2}$",
    )
    alpha3: str = Field(description="ISO 3166-1 alpha-3 code.", pattern=r"^[A-Z]{3}$")
    names: LocalizedText = Field(description="The country's name in each profile language.")
    time_zone: str = Field(
        description="IANA time zone used for session dates and 'today' (e.g. `Asia/Kolkata`)."
    )
    currency: str | None = Field(
        None, description="ISO 4217 currency code, for paid centres' fees.", pattern=r"^[A-Z]{3}$"
    )
    phone: PhoneRules = Field(description="Phone numbering used for sign-in and SMS.")


class Jurisdiction(Model):
    code: str = Field(
        description="ISO 3166-2 subdivision code (e.g. `IN-KA`) when the profile describes a state "
        "of a federal country rather than the whole country.",
        pattern=r"^[A-Z]{2}-[A-Z0-9]{1,3}$",
    )
    names: LocalizedText = Field(description="The jurisdiction's name in each profile language.")


# --- languages -----------------------------------------------------------------------------------


class Languages(Model):
    default: LanguageCode = Field(description="Language shown when a visitor has not chosen one.")
    supported: list[LanguageCode] = Field(
        description="Every language the platform is offered in, in the order of the language "
        "switcher. Text direction (left-to-right or right-to-left) comes from CLDR, never from "
        "the profile.",
        min_length=1,
    )
    fallbacks: dict[str, LanguageCode] = Field(
        default_factory=dict,
        description="For a language CLDR has no locale data for (Aymara `ay`, Khasi `kha`): the "
        "language whose dates, numbers and direction are used instead (e.g. `ay: es`).",
    )


# --- personal names ------------------------------------------------------------------------------


class NamePart(Model):
    key: str = Field(
        description="Identifier of the part: `given`, `family`, `second_family`, `patronymic`, "
        "`father`, `grandfather`, `middle` or another lowercase word.",
        pattern=r"^[a-z][a-z0-9_]*$",
    )
    labels: LocalizedText = Field(description="Form label in each language.")
    required: bool = Field(False, description="Whether registration requires this part.")
    max_length: int = Field(100, description="Longest accepted value.", ge=1, le=500)
    travel_role: str | None = Field(
        None,
        description="Role of this part on travel certificates: `given` or `family` (EU DCC `gn` "
        "and `fn`, ICAO primary/secondary identifier). Parts without a role are left out there.",
        pattern=r"^(given|family)$",
    )


class NameModel(Model):
    parts: list[NamePart] = Field(description="Name parts in form order.", min_length=1)
    display_order: list[str] = Field(
        description="Order in which parts are joined for display (keys of `parts`)."
    )
    transliteration: str = Field(
        "none",
        description="Latin transliteration for travel certificates (ICAO 9303 rules): `none` "
        "(names are already Latin), `automatic` (derived with ICAO 9303 tables), or `ask` "
        "(the citizen types the Latin form, pre-filled automatically).",
        pattern=r"^(none|automatic|ask)$",
    )
    single_name_allowed: bool = Field(
        False, description="Accept people who have only one name (mononyms)."
    )


# --- administrative areas ------------------------------------------------------------------------


class AdminLevel(Model):
    key: str = Field(
        description="Identifier of the level (`state`, `district`, `block`, `province`, ...).",
        pattern=r"^[a-z][a-z0-9_]*$",
    )
    labels: LocalizedText = Field(description="Name of the level in each language.")


class AdminArea(Model):
    code: str = Field(
        description="Stable code of the area (ISO 3166-2 for first-level areas where it exists).",
        min_length=1,
        max_length=32,
    )
    names: LocalizedText = Field(description="Name of the area in each language.")
    postal_codes: list[str] = Field(
        default_factory=list,
        description="Postal codes (or prefixes ending in `*`) inside this area, for search and "
        "for seeding demo centres.",
    )
    children: list[AdminArea] = Field(
        default_factory=list, description="Areas of the next level inside this one."
    )


class PostalCode(Model):
    labels: LocalizedText = Field(description="What the postal code is called (`PIN code`).")
    pattern: str = Field(
        description="Regular expression a postal code must match in full. Countries without "
        "postal codes (the UAE, Uganda) set an empty pattern and an empty example."
    )
    example: str = Field(description="A valid postal code, used as a placeholder and in tests.")


class AdminAreas(Model):
    levels: list[AdminLevel] = Field(
        description="Named levels from the top down; the first three map onto CoWIN's "
        "state/district/block.",
        min_length=1,
        max_length=6,
    )
    postal_code: PostalCode = Field(description="Postal code format.")
    areas: list[AdminArea] = Field(
        default_factory=list,
        description="The area tree (at least the top level; deeper levels as far as known).",
    )


# --- identity documents --------------------------------------------------------------------------


class IdHolder(StrEnum):
    citizen = "citizen"
    resident = "resident"
    foreigner = "foreigner"


class IdDocument(Model):
    code: str = Field(
        description="Identifier of the document type (`aadhaar`, `passport`).",
        pattern=r"^[a-z][a-z0-9_]*$",
    )
    labels: LocalizedText = Field(description="Name of the document in each language.")
    validator: str = Field(
        description="Named check rule in `vaxkit.identity` (e.g. `in.aadhaar`, `ae.emirates_id`, "
        "`passport`, `pattern`). See `vaxkit id rules`.",
    )
    pattern: str | None = Field(
        None,
        description="Extra regular expression the normalised number must match in full; "
        "required by the `pattern` rule.",
    )
    mask: str = Field(
        "keep_last:4",
        description="How the number is shown: `keep_last:N` (all but the last N characters "
        "replaced by `X`) or a template such as `XXXX-XXXX-####`, where `#` shows a character "
        "and `X` hides one.",
    )
    holders: list[IdHolder] = Field(
        default_factory=lambda: [IdHolder.citizen, IdHolder.resident],
        description="Who may use this document: `citizen`, `resident`, `foreigner`.",
    )
    for_travel: bool = Field(
        False, description="Accepted as the identity on travel certificates (e.g. passports)."
    )
    min_age: int | None = Field(
        None, description="Youngest age at which the document is issued.", ge=0, le=120
    )
    cowin_photo_id_type: int | None = Field(
        None,
        description="Id of this document type in the CoWIN-compatible API (`photo_id_type`); "
        "assigned in order when omitted.",
        ge=1,
    )


# --- cohorts and eligibility ---------------------------------------------------------------------


class AgeRule(StrEnum):
    reference_date = "reference_date"
    booking_date = "booking_date"
    birth_year = "birth_year"


class Qualifier(Model):
    code: str = Field(
        description="Identifier of a condition or occupation (`comorbidity`, `health_worker`).",
        pattern=r"^[a-z][a-z0-9_]*$",
    )
    kind: str = Field(
        description="`condition` (medical) or `occupation`.", pattern=r"^(condition|occupation)$"
    )
    labels: LocalizedText = Field(description="Label in each language.")


class Cohort(Model):
    code: str = Field(description="Identifier of the cohort.", pattern=r"^[a-z0-9][a-z0-9_]*$")
    labels: LocalizedText = Field(description="Name of the cohort in each language.")
    min_age: int = Field(0, description="Youngest age (inclusive).", ge=0, le=130)
    max_age: int | None = Field(
        None, description="Oldest age (inclusive); none means no upper bound.", ge=0, le=130
    )
    requires_any: list[str] = Field(
        default_factory=list,
        description="Qualifier codes of which a person needs at least one (empty: none needed).",
    )
    opens_on: dt.date = Field(description="First day people of this cohort may book.")
    closes_on: dt.date | None = Field(None, description="Last day, if the cohort closes.")
    vaccines: list[str] = Field(
        default_factory=list,
        description="Vaccines offered to this cohort (empty: every vaccine whose age limits fit).",
    )
    source: str | None = Field(None, description="Where this policy is documented.")


class Cohorts(Model):
    age_rule: AgeRule = Field(
        description="How age is computed: on a fixed `reference_date`, on the `booking_date`, or "
        "by `birth_year` (current year minus birth year, as CoWIN did)."
    )
    reference_date: dt.date | None = Field(
        None, description="The date ages are computed on when `age_rule` is `reference_date`."
    )
    qualifiers: list[Qualifier] = Field(
        default_factory=list, description="Conditions and occupations that cohorts may require."
    )
    groups: list[Cohort] = Field(
        description="Cohorts, most prioritised first; a person belongs to the first that fits.",
        min_length=1,
    )


# --- vaccines ------------------------------------------------------------------------------------


class VaccineCodes(Model):
    eu_mp: str | None = Field(
        None,
        description="EU DCC medicinal product (`vaccine-medicinal-product`, e.g. "
        "`EU/1/20/1528`, `Covishield`).",
    )
    eu_vp: str | None = Field(
        None, description="EU DCC vaccine or prophylaxis (`vaccine-prophylaxis`, e.g. `J07BX03`)."
    )
    eu_ma: str | None = Field(
        None,
        description="EU DCC marketing authorisation holder (`vaccine-mah-manf`, e.g. "
        "`ORG-100030215`).",
    )
    icd11: str | None = Field(None, description="ICD-11 code of the vaccine (e.g. `XM9QW8`).")
    cvx: str | None = Field(None, description="CDC CVX code (SMART Health Cards, e.g. `208`).")
    snomed: str | None = Field(None, description="SNOMED CT code of the product, where known.")
    atc: str | None = Field(None, description="WHO ATC code (e.g. `J07BN01`).")


class DoseInterval(Model):
    after_dose: int = Field(
        description="The dose this interval starts from (1 = first dose).", ge=1
    )
    min_days: int = Field(description="Earliest day after that dose for the next one.", ge=0)
    max_days: int | None = Field(
        None, description="Latest recommended day; none means no upper limit.", ge=0
    )


class Booster(Model):
    code: str = Field(
        description="Identifier of the booster (`precaution`, `booster1`).",
        pattern=r"^[a-z0-9][a-z0-9_]*$",
    )
    labels: LocalizedText = Field(description="Name shown to citizens (e.g. 'Precaution dose').")
    number: int = Field(
        1,
        description="Which booster this rule is for: 1 for the first after the primary series, "
        "2 for the second, and so on. Several rules may share a number (policy changes, "
        "different groups): the one that allows the dose soonest applies.",
        ge=1,
        le=10,
    )
    after_days: int = Field(
        description="Days after the last dose of the primary series (or previous booster).", ge=0
    )
    min_age: int = Field(0, description="Youngest age for this booster.", ge=0, le=130)
    requires_any: list[str] = Field(
        default_factory=list, description="Qualifier codes of which at least one is needed."
    )
    opens_on: dt.date | None = Field(None, description="First day this booster may be booked.")
    primary_vaccines: list[str] = Field(
        default_factory=list,
        description="Primary-series vaccines after which this booster may be given (empty: any).",
    )
    source: str | None = Field(None, description="Where this policy is documented.")


class Vaccine(Model):
    code: str = Field(description="Identifier of the vaccine.", pattern=r"^[a-z0-9][a-z0-9_]*$")
    name: str = Field(description="Product name as printed on certificates.")
    manufacturer: str = Field(description="Manufacturer as printed on certificates.")
    codes: VaccineCodes = Field(
        default_factory=VaccineCodes, description="Codes in the systems certificates use."
    )
    doses: int = Field(description="Doses in the primary series.", ge=1, le=5)
    intervals: list[DoseInterval] = Field(
        default_factory=list, description="Interval after each dose of the series but the last."
    )
    min_age: int = Field(0, description="Youngest age (inclusive).", ge=0, le=130)
    max_age: int | None = Field(None, description="Oldest age (inclusive).", ge=0, le=130)
    boosters: list[Booster] = Field(
        default_factory=list, description="Booster or precaution doses given with this vaccine."
    )
    paid: bool = Field(False, description="Whether centres may charge a fee for it.")
    source: str | None = Field(None, description="Where the schedule is documented.")


# --- certificates --------------------------------------------------------------------------------


class CertificateFormat(StrEnum):
    eu_dcc = "eu_dcc"
    shc = "shc"
    w3c_vc = "w3c_vc"
    icao_vds = "icao_vds"
    pdf = "pdf"


class Certificates(Model):
    formats: list[CertificateFormat] = Field(
        description="Formats issued for each dose: `eu_dcc`, `shc`, `w3c_vc`, `icao_vds`, `pdf`.",
        min_length=1,
    )
    issuer_name: LocalizedText = Field(
        description="Issuing authority as printed on certificates (EU DCC `is`)."
    )
    issuer_url: str = Field(
        description="Public base URL of the issuer (SMART Health Card `iss`, W3C VC issuer).",
        pattern=r"^https://",
    )
    country: str = Field(
        description="Country of vaccination (ISO 3166-1 alpha-2; EU DCC `co`).",
        pattern=r"^[A-Z]{2}$",
    )
    id_prefix: str = Field(
        description="Prefix of certificate ids (the issuing entity in an EU UVCI, "
        "`URN:UVCI:01:CC:<prefix>...`).",
        pattern=r"^[A-Z0-9]{1,20}$",
    )
    validity_days: int = Field(
        365, description="Validity of a signed certificate (CWT `exp` minus `iat`).", ge=1
    )
    languages: list[LanguageCode] = Field(
        default_factory=list,
        description="Languages printed on the PDF (default: the profile's default language and "
        "English).",
    )


# --- registration, booking, limits ---------------------------------------------------------------


class Gender(Model):
    code: str = Field(description="Identifier (`m`, `f`, `x`).", pattern=r"^[a-z]{1,12}$")
    labels: LocalizedText = Field(description="Label in each language.")
    fhir: str = Field(
        description="FHIR administrative gender: `male`, `female`, `other` or `unknown`.",
        pattern=r"^(male|female|other|unknown)$",
    )


class OtpRules(Model):
    length: int = Field(6, description="Digits in a one-time password.", ge=4, le=8)
    expiry_seconds: int = Field(180, description="Lifetime of an OTP.", ge=30, le=1800)
    max_tries: int = Field(3, description="Wrong entries before the OTP is void.", ge=1, le=10)
    resend_after_seconds: int = Field(60, description="Wait before a new OTP may be sent.", ge=0)
    max_per_number_per_day: int = Field(
        50, description="OTPs sent to one number in a day (CoWIN: 50).", ge=1
    )
    max_per_ip_per_hour: int = Field(
        100, description="OTPs requested from one IP in an hour.", ge=1
    )


class Registration(Model):
    beneficiaries_per_account: int = Field(
        4, description="People one mobile number may register (CoWIN: 4).", ge=1, le=20
    )
    otp: OtpRules = Field(default_factory=OtpRules, description="One-time password rules.")
    genders: list[Gender] = Field(description="Genders offered on the registration form.")
    year_of_birth_only: bool = Field(
        False, description="Ask only for the year of birth (as CoWIN did) instead of the date."
    )
    consent_version: str = Field(
        "1", description="Version of the consent text people agree to when registering."
    )


class Booking(Model):
    window_days: int = Field(
        28, description="How many days ahead sessions may be booked.", ge=1, le=365
    )
    cancel_until_hours: int = Field(
        2, description="Latest time before a slot that it may be cancelled or rescheduled.", ge=0
    )
    max_reschedules: int = Field(
        3, description="Reschedules allowed per appointment (CoWIN: 3).", ge=0
    )


class ApiLimits(Model):
    public_requests: int = Field(
        100, description="Public API calls one IP may make per `public_window_seconds`.", ge=1
    )
    public_window_seconds: int = Field(300, description="Window for `public_requests`.", ge=1)
    searches_per_user_per_day: int = Field(
        1000, description="Availability searches a signed-in user may make a day.", ge=1
    )
    page_size_max: int = Field(500, description="Largest page a list endpoint returns.", ge=10)
    cache_seconds: int = Field(
        60, description="Freshness of cached public availability.", ge=0, le=1800
    )


class Colors(Model):
    primary: Color = Field(description="Main colour (header, buttons).")
    secondary: Color = Field(description="Accent colour (links, highlights).")
    text_on_primary: Color = Field("#FFFFFF", description="Text colour on the main colour.")


class Branding(Model):
    platform_name: LocalizedText = Field(description="Name of the platform (e.g. CoWIN).")
    ministry: LocalizedText = Field(description="Ministry or agency that runs it.")
    colors: Colors = Field(description="Colours of the web pages and PDF certificates.")
    logo: str | None = Field(
        None, description="Logo file (SVG or PNG), relative to the profile file."
    )
    helpline: str | None = Field(None, description="Public helpline number shown in the footer.")


# --- the profile ---------------------------------------------------------------------------------


class Profile(Model):
    """A country (or a state's) profile, as loaded and validated."""

    vaxkit_profile: int = Field(
        description="Version of the profile format; this release reads version 1.", ge=1, le=1
    )
    country: Country = Field(description="The country.")
    jurisdiction: Jurisdiction | None = Field(
        None, description="Set when the profile describes a state of a federal country."
    )
    languages: Languages = Field(description="Languages of the platform.")
    names: NameModel = Field(description="How personal names are structured.")
    admin_areas: AdminAreas = Field(description="Administrative hierarchy and postal codes.")
    id_documents: list[IdDocument] = Field(
        description="Identity documents accepted at registration.", min_length=1
    )
    cohorts: Cohorts = Field(description="Who may be vaccinated, and from when.")
    vaccines: list[Vaccine] = Field(description="Vaccines in use.", min_length=1)
    certificates: Certificates = Field(description="Certificate formats and issuer data.")
    registration: Registration = Field(description="Registration and sign-in rules.")
    booking: Booking = Field(default_factory=Booking, description="Booking rules.")
    api_limits: ApiLimits = Field(default_factory=ApiLimits, description="Public API limits.")
    branding: Branding = Field(description="Names, colours and logo.")
    todo: list[str] = Field(
        default_factory=list,
        description="Open questions for the ministry; `vaxkit profile validate --strict` fails "
        "while any remain.",
    )

    @property
    def code(self) -> str:
        """The tenant code: the jurisdiction code if set, else the country code (lowercase)."""
        if self.jurisdiction:
            return self.jurisdiction.code.lower()
        return self.country.code.lower()

    def vaccine(self, code: str) -> Vaccine:
        """The vaccine with this code (``KeyError`` if undefined)."""
        for vaccine in self.vaccines:
            if vaccine.code == code:
                return vaccine
        raise KeyError(code)

    def id_document(self, code: str) -> IdDocument:
        """The identity-document type with this code (``KeyError`` if undefined)."""
        for doc in self.id_documents:
            if doc.code == code:
                return doc
        raise KeyError(code)

    def text(self, value: dict[str, str], language: str | None = None) -> str:
        """Pick the best text for ``language`` from a localized mapping."""
        for lang in (
            language,
            self.languages.fallbacks.get(language or ""),
            self.languages.default,
        ):
            if lang and lang in value:
                return value[lang]
        return value.get("en") or next(iter(value.values()), "")
