"""Cross-field rules a schema cannot express, each reported with its own path and position."""

from __future__ import annotations

import difflib
import re
import zoneinfo
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path as FsPath

import phonenumbers
import pycountry
from babel.localedata import locale_identifiers
from pydantic import BaseModel

from vaxkit.profiles.issues import Issue, Path, Severity, format_path
from vaxkit.profiles.languages import known_locale
from vaxkit.profiles.schema import (
    AdminArea,
    AgeRule,
    CertificateFormat,
    Cohort,
    Profile,
)
from vaxkit.profiles.yaml_source import SourceMap

# ISO 3166-1 user-assigned alpha-2 codes, for fictional and test countries.
USER_ASSIGNED = {"AA", "QM", "QN", "QO", "QP", "QQ", "QR", "QS", "QT", "QU", "QV", "QW", "QX"}
USER_ASSIGNED |= {"QY", "QZ", "XX", "XA", "XB", "XC", "XD", "XE", "XF", "XG", "XH", "XI", "XJ"}
USER_ASSIGNED |= {"XK", "XL", "XM", "XN", "XO", "XP", "XQ", "XR", "XS", "XT", "XU", "XV", "XW"}
USER_ASSIGNED |= {"XY", "XZ", "ZZ"}
TRAVEL_FORMATS = {CertificateFormat.eu_dcc, CertificateFormat.icao_vds, CertificateFormat.shc}

Check = Callable[[Profile, "Context"], Iterator[Issue]]
_CHECKS: list[Check] = []


class Context:
    """What checks need besides the profile: the source map and the profile's folder."""

    def __init__(self, source: SourceMap | None, base_dir: FsPath) -> None:
        self.source = source or SourceMap()
        self.base_dir = base_dir

    def issue(self, code: str, message: str, path: Path, **kw: object) -> Issue:
        """An issue located at ``path`` in the YAML source."""
        return Issue(code, message, path=path, location=self.source.locate(path), **kw)  # type: ignore[arg-type]


def check(fn: Check) -> Check:
    """Register a check."""
    _CHECKS.append(fn)
    return fn


def run_checks(
    profile: Profile, *, base_dir: FsPath | None = None, source: SourceMap | None = None
) -> Iterator[Issue]:
    """Every cross-field issue of ``profile``."""
    ctx = Context(source, base_dir or FsPath.cwd())
    for fn in _CHECKS:
        yield from fn(profile, ctx)


# --- country -------------------------------------------------------------------------------------


@check
def _country(p: Profile, ctx: Context) -> Iterator[Issue]:
    code = p.country.code
    if code not in USER_ASSIGNED:
        entry = pycountry.countries.get(alpha_2=code)
        if entry is None:
            yield ctx.issue(
                "country.unknown",
                f"'{code}' is not an ISO 3166-1 country code",
                ("country", "code"),
                hint="fictional countries use a user-assigned code such as XX",
            )
        elif entry.alpha_3 != p.country.alpha3:
            yield ctx.issue(
                "country.alpha3",
                "alpha3 does not belong to this country",
                ("country", "alpha3"),
                expected=entry.alpha_3,
                found=p.country.alpha3,
            )
    try:
        zoneinfo.ZoneInfo(p.country.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        close = difflib.get_close_matches(p.country.time_zone, zoneinfo.available_timezones(), n=1)
        yield ctx.issue(
            "country.time_zone",
            f"unknown time zone '{p.country.time_zone}'",
            ("country", "time_zone"),
            expected="an IANA time zone such as Asia/Kolkata",
            hint=f"did you mean '{close[0]}'?" if close else None,
        )
    yield from _phone(p, ctx)


def _phone(p: Profile, ctx: Context) -> Iterator[Issue]:
    rules = p.country.phone
    region = rules.region or (p.country.code if p.country.code not in USER_ASSIGNED else None)
    if region is None:
        return  # a fictional country has no numbering plan to check against
    expected_cc = phonenumbers.country_code_for_region(region)
    if expected_cc and expected_cc != rules.country_code:
        yield ctx.issue(
            "phone.country_code",
            f"the calling code of {region} is {expected_cc}",
            ("country", "phone", "country_code"),
            expected=str(expected_cc),
            found=str(rules.country_code),
        )
    try:
        number = phonenumbers.parse(rules.example, region)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        yield ctx.issue(
            "phone.example",
            "the example is not a valid phone number of this country",
            ("country", "phone", "example"),
            found=rules.example,
        )
    elif rules.mobile_only and phonenumbers.number_type(number) not in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    ):
        yield ctx.issue(
            "phone.example_not_mobile",
            "mobile_only is set but the example is not a mobile number",
            ("country", "phone", "example"),
            found=rules.example,
        )


# --- languages and texts -------------------------------------------------------------------------


@check
def _languages(p: Profile, ctx: Context) -> Iterator[Issue]:
    langs = p.languages
    if langs.default not in langs.supported:
        yield ctx.issue(
            "language.default",
            f"the default language '{langs.default}' is not in 'supported'",
            ("languages", "default"),
            hint=f"add {langs.default} to languages.supported",
        )
    seen: set[str] = set()
    for i, code in enumerate(langs.supported):
        if code in seen:
            yield ctx.issue(
                "language.duplicate", f"'{code}' is listed twice", ("languages", "supported", i)
            )
        seen.add(code)
        if not known_locale(code) and code not in langs.fallbacks:
            close = difflib.get_close_matches(code, _all_locales(), n=1, cutoff=0.5)
            yield ctx.issue(
                "language.unknown",
                f"'{code}' is not a language CLDR knows",
                ("languages", "supported", i),
                expected="a BCP 47 code known to CLDR, or one with an entry in languages.fallbacks",
                hint=f"did you mean '{close[0]}'?"
                if close
                else f"add a fallback: fallbacks: {{{code}: en}}",
            )
    for code, target in langs.fallbacks.items():
        if code not in langs.supported:
            yield ctx.issue(
                "language.fallback_unused",
                f"a fallback is given for '{code}', which is not a supported language",
                ("languages", "fallbacks", code),
                severity=Severity.warning,
            )
        if not known_locale(target):
            yield ctx.issue(
                "language.fallback_unknown",
                f"the fallback '{target}' is not a language CLDR knows",
                ("languages", "fallbacks", code),
            )


_LOCALES: list[str] = []


def _all_locales() -> list[str]:
    if not _LOCALES:
        _LOCALES.extend(code.replace("_", "-") for code in locale_identifiers())
    return _LOCALES


def _localized_texts(value: object, path: Path) -> Iterator[tuple[Path, dict[str, str]]]:
    """Every LocalizedText in the profile (fields annotated ``dict[str, str]``)."""
    if isinstance(value, BaseModel):
        for name, field in type(value).model_fields.items():
            child = getattr(value, name)
            if field.annotation == dict[str, str]:
                yield (*path, name), child
            else:
                yield from _localized_texts(child, (*path, name))
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from _localized_texts(item, (*path, i))


@check
def _texts(p: Profile, ctx: Context) -> Iterator[Issue]:
    allowed = set(p.languages.supported) | {"en"}
    untranslated: list[Path] = []
    for path, text in _localized_texts(p, ()):
        for lang in text:
            if lang not in allowed:
                yield ctx.issue(
                    "text.language",
                    f"text in '{lang}', which is not one of the profile's languages",
                    (*path, lang),
                    hint="allowed: " + ", ".join(sorted(allowed)),
                )
        if text and p.languages.default not in text and "en" not in text:
            yield ctx.issue(
                "text.default_missing",
                f"no text in the default language '{p.languages.default}' (nor English)",
                path,
            )
        if text and p.languages.default not in text:
            untranslated.append(path)
    if untranslated:
        default = p.languages.default
        yield ctx.issue(
            "text.untranslated",
            f"{len(untranslated)} text(s) have no version in the default language '{default}' "
            "(English is shown instead)",
            untranslated[0],
            hint="first at " + format_path(untranslated[0]),
            severity=Severity.warning,
        )


# --- names ---------------------------------------------------------------------------------------


@check
def _names(p: Profile, ctx: Context) -> Iterator[Issue]:
    keys = [part.key for part in p.names.parts]
    for i, key in enumerate(keys):
        if keys.index(key) != i:
            yield ctx.issue(
                "names.duplicate", f"the name part '{key}' is defined twice", ("names", "parts", i)
            )
    for i, key in enumerate(p.names.display_order):
        if key not in keys:
            yield ctx.issue(
                "names.display_order",
                f"'{key}' is not one of the name parts",
                ("names", "display_order", i),
                hint=_did_you_mean(key, keys),
            )
    if not any(part.required for part in p.names.parts):
        yield ctx.issue(
            "names.none_required", "at least one name part must be required", ("names", "parts")
        )
    roles = [part.travel_role for part in p.names.parts if part.travel_role]
    if (
        set(p.certificates.formats) & TRAVEL_FORMATS
        and "given" not in roles
        and "family" not in roles
    ):
        yield ctx.issue(
            "names.travel_roles",
            "travel certificates need name parts with travel_role 'given' or 'family'",
            ("names", "parts"),
        )


# --- areas ---------------------------------------------------------------------------------------


@check
def _areas(p: Profile, ctx: Context) -> Iterator[Issue]:
    postal = p.admin_areas.postal_code
    try:
        pattern = re.compile(postal.pattern)
    except re.error as exc:
        yield ctx.issue(
            "postal.pattern",
            f"not a valid regular expression: {exc}",
            ("admin_areas", "postal_code", "pattern"),
        )
        pattern = None
    if pattern and not pattern.fullmatch(postal.example):
        yield ctx.issue(
            "postal.example",
            "the example postal code does not match the pattern",
            ("admin_areas", "postal_code", "example"),
            expected=postal.pattern,
            found=postal.example,
        )
    codes: dict[str, Path] = {}
    depth = len(p.admin_areas.levels)

    def walk(areas: list[AdminArea], path: Path, level: int) -> Iterator[Issue]:
        for i, area in enumerate(areas):
            here = (*path, i)
            if area.code in codes:
                yield ctx.issue(
                    "area.duplicate", f"the area code '{area.code}' is used twice", (*here, "code")
                )
            codes[area.code] = here
            if level >= depth:
                yield ctx.issue(
                    "area.too_deep",
                    f"areas are nested deeper than the {depth} levels defined",
                    here,
                )
            for j, code in enumerate(area.postal_codes):
                if pattern and not code.endswith("*") and not pattern.fullmatch(code):
                    yield ctx.issue(
                        "area.postal_code",
                        "postal code does not match admin_areas.postal_code.pattern",
                        (*here, "postal_codes", j),
                        expected=postal.pattern,
                        found=code,
                    )
            yield from walk(area.children, (*here, "children"), level + 1)

    yield from walk(p.admin_areas.areas, ("admin_areas", "areas"), 0)
    level_keys = [level.key for level in p.admin_areas.levels]
    for i, key in enumerate(level_keys):
        if level_keys.index(key) != i:
            yield ctx.issue(
                "area.level_duplicate",
                f"the level '{key}' is defined twice",
                ("admin_areas", "levels", i),
            )


# --- identity documents --------------------------------------------------------------------------


def _identity_rules() -> set[str] | None:
    try:
        from vaxkit.identity.rules import rule_names
    except ImportError:
        return None
    return set(rule_names())


@check
def _id_documents(p: Profile, ctx: Context) -> Iterator[Issue]:
    names = _identity_rules()
    seen: set[str] = set()
    for i, doc in enumerate(p.id_documents):
        path: Path = ("id_documents", i)
        if doc.code in seen:
            yield ctx.issue(
                "id.duplicate", f"the document type '{doc.code}' is defined twice", (*path, "code")
            )
        seen.add(doc.code)
        if names is not None and doc.validator not in names:
            yield ctx.issue(
                "id.unknown_rule",
                f"there is no check rule named '{doc.validator}'",
                (*path, "validator"),
                hint=_did_you_mean(doc.validator, sorted(names)) or "see `vaxkit id rules`",
            )
        if doc.pattern is not None:
            try:
                re.compile(doc.pattern)
            except re.error as exc:
                yield ctx.issue(
                    "id.pattern", f"not a valid regular expression: {exc}", (*path, "pattern")
                )
        elif doc.validator == "pattern":
            yield ctx.issue("id.pattern_missing", "the 'pattern' rule needs a pattern", path)
        if not re.fullmatch(r"keep_last:\d{1,2}|[X#\- ./]+", doc.mask) or (
            not doc.mask.startswith("keep_last:") and "#" not in doc.mask and "X" not in doc.mask
        ):
            yield ctx.issue(
                "id.mask",
                "a mask is keep_last:N or a template of X (hidden), # (shown) and separators",
                (*path, "mask"),
                found=doc.mask,
                expected="keep_last:4 or XXXX-XXXX-####",
            )
    photo_ids = [d.cowin_photo_id_type for d in p.id_documents if d.cowin_photo_id_type is not None]
    if len(photo_ids) != len(set(photo_ids)):
        yield ctx.issue(
            "id.photo_id_type", "cowin_photo_id_type values must be unique", ("id_documents",)
        )


# --- cohorts -------------------------------------------------------------------------------------


def _age_overlap(a: Cohort, b: Cohort) -> bool:
    a_max = a.max_age if a.max_age is not None else 10**3
    b_max = b.max_age if b.max_age is not None else 10**3
    return a.min_age <= b_max and b.min_age <= a_max


def _window_overlap(a: Cohort, b: Cohort) -> bool:
    a_end = a.closes_on or date.max
    b_end = b.closes_on or date.max
    return a.opens_on <= b_end and b.opens_on <= a_end


def _contains(outer: Cohort, inner: Cohort) -> bool:
    outer_max = outer.max_age if outer.max_age is not None else 10**3
    inner_max = inner.max_age if inner.max_age is not None else 10**3
    return outer.min_age <= inner.min_age and inner_max <= outer_max


@check
def _cohorts(p: Profile, ctx: Context) -> Iterator[Issue]:
    c = p.cohorts
    if c.age_rule is AgeRule.reference_date and c.reference_date is None:
        yield ctx.issue(
            "cohort.reference_date",
            "age_rule is reference_date but no reference_date is given",
            ("cohorts", "age_rule"),
        )
    qualifiers = [q.code for q in c.qualifiers]
    vaccines = [v.code for v in p.vaccines]
    seen: set[str] = set()
    for i, group in enumerate(c.groups):
        path: Path = ("cohorts", "groups", i)
        if group.code in seen:
            yield ctx.issue(
                "cohort.duplicate", f"the cohort '{group.code}' is defined twice", (*path, "code")
            )
        seen.add(group.code)
        if group.max_age is not None and group.min_age > group.max_age:
            yield ctx.issue(
                "cohort.age_order",
                f"min_age {group.min_age} is above max_age {group.max_age}",
                (*path, "min_age"),
            )
        if group.closes_on and group.closes_on < group.opens_on:
            yield ctx.issue("cohort.dates", "closes_on is before opens_on", (*path, "closes_on"))
        for j, q in enumerate(group.requires_any):
            if q not in qualifiers:
                yield ctx.issue(
                    "cohort.qualifier",
                    f"'{q}' is not a defined qualifier",
                    (*path, "requires_any", j),
                    hint=_did_you_mean(q, qualifiers) or "define it under cohorts.qualifiers",
                )
        for j, v in enumerate(group.vaccines):
            if v not in vaccines:
                yield ctx.issue(
                    "cohort.vaccine",
                    f"the vaccine '{v}' is not defined",
                    (*path, "vaccines", j),
                    hint=_did_you_mean(v, vaccines) or "define it under vaccines",
                )
        for k in range(i):
            other = c.groups[k]
            if set(other.requires_any) != set(group.requires_any):
                continue
            if not (_age_overlap(other, group) and _window_overlap(other, group)):
                continue
            if _contains(other, group) or _contains(group, other):
                if (
                    _contains(other, group)
                    and other.opens_on <= group.opens_on
                    and ((other.closes_on or date.max) >= (group.closes_on or date.max))
                ):
                    yield ctx.issue(
                        "cohort.unreachable",
                        f"nobody can ever fall into '{group.code}': the earlier cohort "
                        f"'{other.code}' covers the same people from the same date",
                        path,
                        hint="cohorts are matched in order; list the narrower one first",
                    )
                continue
            yield ctx.issue(
                "cohort.overlap",
                f"ages overlap with cohort '{other.code}' ({_ages(other)}) while both are open",
                path,
                found=_ages(group),
                hint="make the age ranges meet without overlapping, or nest one inside the other",
            )


def _ages(c: Cohort) -> str:
    return f"{c.min_age}+" if c.max_age is None else f"{c.min_age}-{c.max_age}"


# --- vaccines ------------------------------------------------------------------------------------


@check
def _vaccines(p: Profile, ctx: Context) -> Iterator[Issue]:
    codes = [v.code for v in p.vaccines]
    qualifiers = [q.code for q in p.cohorts.qualifiers]
    for i, v in enumerate(p.vaccines):
        path: Path = ("vaccines", i)
        if codes.index(v.code) != i:
            yield ctx.issue(
                "vaccine.duplicate", f"the vaccine '{v.code}' is defined twice", (*path, "code")
            )
        if v.max_age is not None and v.min_age > v.max_age:
            yield ctx.issue(
                "vaccine.age_order",
                f"min_age {v.min_age} is above max_age {v.max_age}",
                (*path, "min_age"),
            )
        after = [iv.after_dose for iv in v.intervals]
        wanted = list(range(1, v.doses))
        if sorted(after) != wanted:
            yield ctx.issue(
                "vaccine.intervals",
                f"a {v.doses}-dose series needs one interval after each dose but the last",
                (*path, "intervals"),
                expected="after_dose " + (", ".join(map(str, wanted)) or "(none)"),
                found="after_dose " + (", ".join(map(str, after)) or "(none)"),
            )
        for j, iv in enumerate(v.intervals):
            if iv.max_days is not None and iv.min_days > iv.max_days:
                yield ctx.issue(
                    "vaccine.interval_order",
                    f"the minimum interval ({iv.min_days} days) exceeds "
                    f"the maximum ({iv.max_days} days)",
                    (*path, "intervals", j, "min_days"),
                    hint="swap min_days and max_days?",
                )
        boosters: set[str] = set()
        for j, b in enumerate(v.boosters):
            bpath: Path = (*path, "boosters", j)
            if b.code in boosters:
                yield ctx.issue(
                    "booster.duplicate",
                    f"the booster '{b.code}' is defined twice",
                    (*bpath, "code"),
                )
            boosters.add(b.code)
            for k, q in enumerate(b.requires_any):
                if q not in qualifiers:
                    yield ctx.issue(
                        "booster.qualifier",
                        f"'{q}' is not a defined qualifier",
                        (*bpath, "requires_any", k),
                        hint=_did_you_mean(q, qualifiers),
                    )
            for k, pv in enumerate(b.primary_vaccines):
                if pv not in codes:
                    yield ctx.issue(
                        "booster.vaccine",
                        f"the vaccine '{pv}' is not defined",
                        (*bpath, "primary_vaccines", k),
                        hint=_did_you_mean(pv, codes) or "define it under vaccines",
                    )
        if set(p.certificates.formats) & {CertificateFormat.eu_dcc} and not (
            v.codes.eu_mp and v.codes.eu_vp and v.codes.eu_ma
        ):
            yield ctx.issue(
                "vaccine.eu_codes",
                "EU DCC certificates need codes.eu_mp, codes.eu_vp and codes.eu_ma",
                (*path, "codes"),
            )


_EU_SETS = {
    "eu_vp": "vaccine-prophylaxis",
    "eu_mp": "vaccine-medicinal-product",
    "eu_ma": "vaccine-mah-manf",
}


@check
def _eu_codes(p: Profile, ctx: Context) -> Iterator[Issue]:
    """EU DCC codes must come from the EU value sets, or verifiers abroad reject the certificate.

    A warning rather than an error: the profile still loads (issuance refuses such a vaccine),
    and ``--strict`` fails until it is fixed.
    """
    if CertificateFormat.eu_dcc not in p.certificates.formats:
        return
    from vaxkit.certificates.valuesets import valueset

    for i, vaccine in enumerate(p.vaccines):
        for field, name in _EU_SETS.items():
            code = getattr(vaccine.codes, field)
            if not code:
                continue  # reported by the vaccine.eu_codes check
            values = valueset(name)
            path: Path = ("vaccines", i, "codes", field)
            active = sorted(k for k, v in values.items() if v.get("active", True))
            if code not in values:
                yield ctx.issue(
                    "vaccine.eu_code_unknown",
                    f"'{code}' is not in the EU value set {name}",
                    path,
                    hint=_did_you_mean(code, active) or f"see {name}.json; e.g. {active[0]}",
                    severity=Severity.warning,
                )
            elif not values[code].get("active", True):
                yield ctx.issue(
                    "vaccine.eu_code_deprecated",
                    f"'{code}' is deprecated in the EU value set {name}",
                    path,
                    hint=f"use an active code, e.g. {active[0]}",
                    severity=Severity.warning,
                )


# --- certificates, registration, branding, todo --------------------------------------------------


@check
def _certificates(p: Profile, ctx: Context) -> Iterator[Issue]:
    allowed = set(p.languages.supported) | {"en"}
    for i, lang in enumerate(p.certificates.languages):
        if lang not in allowed:
            yield ctx.issue(
                "certificates.language",
                f"'{lang}' is not one of the profile's languages",
                ("certificates", "languages", i),
            )
    if len(set(p.certificates.formats)) != len(p.certificates.formats):
        yield ctx.issue(
            "certificates.duplicate", "a format is listed twice", ("certificates", "formats")
        )


@check
def _registration(p: Profile, ctx: Context) -> Iterator[Issue]:
    codes = [g.code for g in p.registration.genders]
    if not codes:
        yield ctx.issue(
            "registration.genders",
            "at least one gender must be offered",
            ("registration", "genders"),
        )
    for i, code in enumerate(codes):
        if codes.index(code) != i:
            yield ctx.issue(
                "registration.gender_duplicate",
                f"the gender '{code}' is defined twice",
                ("registration", "genders", i),
            )


@check
def _branding(p: Profile, ctx: Context) -> Iterator[Issue]:
    logo = p.branding.logo
    if logo and not (ctx.base_dir / logo).is_file():
        yield ctx.issue(
            "branding.logo",
            f"the logo file '{logo}' does not exist",
            ("branding", "logo"),
            hint=f"paths are relative to the profile's folder ({ctx.base_dir})",
        )


@check
def _todo(p: Profile, ctx: Context) -> Iterator[Issue]:
    for i, item in enumerate(p.todo):
        yield ctx.issue(
            "todo.open", f"open question: {item}", ("todo", i), severity=Severity.warning
        )


def _did_you_mean(value: str, options: list[str]) -> str | None:
    close = difflib.get_close_matches(value, options, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None
