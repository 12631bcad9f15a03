"""The facts each section of the preview shows, computed from a loaded profile.

Each function returns plain data (dataclasses, lists); ``render`` turns them into HTML.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from babel import Locale

from vaxkit.identity.check import check_document, example_number
from vaxkit.identity.errors import IdentityError, IdNumberError
from vaxkit.identity.names import display_name, travel_names
from vaxkit.identity.phones import parse_mobile
from vaxkit.identity.rules import get_rule
from vaxkit.preview.sample_names import has_sample, sample_latin_parts, sample_name_parts
from vaxkit.profiles.issues import Issue, format_path
from vaxkit.profiles.languages import known_locale, language_name, text_direction
from vaxkit.profiles.schema import AdminArea, IdDocument, Profile

CoverageFn = Callable[[str], "tuple[float, float] | None"]
"""Language -> (percent of all strings, percent of citizen-page strings), or None if unknown."""


# --- languages -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class LanguageRow:
    code: str
    endonym: str
    english: str
    direction: str
    default: bool
    fallback: str | None
    coverage: float | None
    citizen_coverage: float | None


def languages(profile: Profile, coverage: CoverageFn) -> list[LanguageRow]:
    """Every supported language with its CLDR direction and translation coverage."""
    rows = []
    fallbacks = profile.languages.fallbacks
    for code in profile.languages.supported:
        english = code
        if known_locale(code):
            english = Locale.parse(code, sep="-").get_display_name("en") or code
        measured = coverage(code)
        rows.append(
            LanguageRow(
                code=code,
                endonym=language_name(code),
                english=english,
                direction=text_direction(code, fallbacks),
                default=code == profile.languages.default,
                fallback=fallbacks.get(code),
                coverage=measured[0] if measured else None,
                citizen_coverage=measured[1] if measured else None,
            )
        )
    return rows


# --- identity documents --------------------------------------------------------------------------


@dataclass(frozen=True)
class IdRow:
    code: str
    label: str
    rule: str
    holders: str
    for_travel: bool
    min_age: int | None
    example: str
    masked: str
    invalid: str
    error_code: str
    error_message: str
    error_hint: str | None


def _invalid_candidates(valid: str, rule: str) -> list[str]:
    """Plausible typing mistakes: one digit changed (from the right), a character dropped or
    added, then the rule's own rejected example."""
    out = []
    for index in range(len(valid) - 1, -1, -1):
        ch = valid[index]
        if ch.isdigit():
            out.append(valid[:index] + str((int(ch) + 1) % 10) + valid[index + 1 :])
    out += [
        valid[:-1],
        valid + valid[-1],
        valid + "12",
        valid[:2],
        get_rule(rule).invalid_example(),
    ]
    return out


def id_document(doc: IdDocument, profile: Profile) -> IdRow:
    """A valid example of ``doc`` in its printed and masked forms, and a rejected one."""
    valid = check_document(doc, example_number(doc))
    invalid, error = "", IdNumberError("id.none", "no rejected example was found")
    for candidate in _invalid_candidates(valid.normalised, doc.validator):
        try:
            check_document(doc, candidate)
        except IdNumberError as exc:
            invalid, error = candidate, exc
            break
    return IdRow(
        code=doc.code,
        label=profile.text(doc.labels, "en"),
        rule=doc.validator,
        holders=", ".join(h.value for h in doc.holders),
        for_travel=doc.for_travel,
        min_age=doc.min_age,
        example=valid.display,
        masked=valid.masked,
        invalid=invalid,
        error_code=error.code,
        error_message=error.message,
        error_hint=error.hint,
    )


@dataclass(frozen=True)
class PhoneRow:
    example: str
    international: str
    masked: str
    problem: str | None = None


def phone(profile: Profile) -> PhoneRow:
    """The profile's example mobile number, parsed as sign-in would, and masked."""
    rules = profile.country.phone
    try:
        number = parse_mobile(rules.example, rules, profile.country.code)
    except IdentityError as exc:
        return PhoneRow(rules.example, "", "", f"{exc.code}: {exc.message}")
    return PhoneRow(rules.example, number.international, number.masked)


# --- names ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NameCell:
    label: str
    value: str
    required: bool
    travel_role: str | None


@dataclass(frozen=True)
class NameRow:
    language: str
    direction: str
    has_sample: bool
    parts: list[NameCell]
    display: str
    travel_given: str
    travel_family: str


def names(profile: Profile) -> list[NameRow]:
    """A sample name per language: each part with its label, the display form and MRZ form."""
    model = profile.names
    rows = []
    for code in profile.languages.supported:
        parts = sample_name_parts(model, code)
        latin = sample_latin_parts(model, code) if model.transliteration == "ask" else None
        given, family = travel_names(model, parts, latin)
        rows.append(
            NameRow(
                language=code,
                direction=text_direction(code, profile.languages.fallbacks),
                has_sample=has_sample(code),
                parts=[
                    NameCell(profile.text(p.labels, code), parts[p.key], p.required, p.travel_role)
                    for p in model.parts
                ],
                display=display_name(model, parts),
                travel_given=given,
                travel_family=family,
            )
        )
    return rows


# --- admin areas ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class AreaNode:
    code: str
    name: str
    level: str
    postal_codes: str
    children: list[AreaNode] = field(default_factory=list)


def area_tree(profile: Profile) -> list[AreaNode]:
    """The area tree with names in the default language and each level's English label."""
    levels = [profile.text(level.labels, "en") for level in profile.admin_areas.levels]

    def node(area: AdminArea, depth: int) -> AreaNode:
        level = levels[depth] if depth < len(levels) else f"level {depth + 1}"
        return AreaNode(
            code=area.code,
            name=profile.text(area.names),
            level=level,
            postal_codes=", ".join(area.postal_codes),
            children=[node(child, depth + 1) for child in area.children],
        )

    return [node(area, 0) for area in profile.admin_areas.areas]


# --- abuse limits --------------------------------------------------------------------------------


def duration(seconds: int) -> str:
    """``180`` -> ``3 minutes``; ``90`` -> ``90 seconds``; ``3600`` -> ``1 hour``."""
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size and seconds % size == 0:
            count = seconds // size
            return f"{count} {unit}{'s' if count != 1 else ''}"
    return f"{seconds} second{'s' if seconds != 1 else ''}"


def _plural(count: int, noun: str, plural: str | None = None) -> str:
    return f"{count} {noun if count == 1 else plural or noun + 's'}"


def limits(profile: Profile) -> list[str]:
    """The abuse limits as sentences a ministry official can check."""
    reg, otp, booking, api = (
        profile.registration,
        profile.registration.otp,
        profile.booking,
        profile.api_limits,
    )
    birth = "only the year of birth" if reg.year_of_birth_only else "the full date of birth"
    return [
        f"One mobile number can register up to "
        f"{_plural(reg.beneficiaries_per_account, 'person', 'people')}; registration asks for "
        f"{birth}.",
        f"Sign-in codes (OTPs) have {otp.length} digits, expire after "
        f"{duration(otp.expiry_seconds)} and are void after "
        f"{_plural(otp.max_tries, 'wrong entry', 'wrong entries')}. A new code can be requested "
        f"after {duration(otp.resend_after_seconds)}.",
        f"At most {_plural(otp.max_per_number_per_day, 'code')} are sent to one number a day, and "
        f"at most {_plural(otp.max_per_ip_per_hour, 'code')} are requested from one IP address "
        "an hour.",
        f"Appointments can be booked up to {_plural(booking.window_days, 'day')} ahead, "
        f"cancelled or moved until {_plural(booking.cancel_until_hours, 'hour')} before the slot, "
        f"and moved at most {_plural(booking.max_reschedules, 'time')}.",
        f"The public API answers one IP address at most {_plural(api.public_requests, 'call')} "
        f"every {duration(api.public_window_seconds)}; a signed-in user can search for free "
        f"slots {_plural(api.searches_per_user_per_day, 'time')} a day; a list returns at most "
        f"{_plural(api.page_size_max, 'item')}.",
        f"Public availability may be up to {duration(api.cache_seconds)} old; booking always "
        "checks the live capacity."
        if api.cache_seconds
        else "Public availability is never cached.",
    ]


# --- readiness -----------------------------------------------------------------------------------


def _outcome(fmt: str, ok: bool) -> str:
    if not ok:
        return "FAILS"
    return "renders" if fmt == "pdf" else "verifies"


@dataclass(frozen=True)
class CheckItem:
    done: bool
    text: str
    where: str = ""


def readiness(
    profile: Profile,
    warnings: tuple[Issue, ...],
    language_rows: list[LanguageRow],
    certificate_checks: list[tuple[str, bool, str]],
) -> list[CheckItem]:
    """What is still open before the ministry can sign the profile off, and what is done."""
    items: list[CheckItem] = []
    for index, question in enumerate(profile.todo):
        items.append(CheckItem(False, f"Open question: {question}", f"todo[{index}]"))
    if not profile.todo:
        items.append(CheckItem(True, "No open questions (todo: is empty)."))
    for issue in warnings:
        if issue.code.startswith("todo"):
            continue  # listed above, one per question
        where = format_path(issue.path)
        if issue.location:
            where = f"{where} (line {issue.location.line})"
        items.append(CheckItem(False, f"Warning [{issue.code}]: {issue.message}", where))
    for index, cohort in enumerate(profile.cohorts.groups):
        if not cohort.source:
            items.append(
                CheckItem(
                    False,
                    f"Cohort '{cohort.code}' has no source: where is this policy documented?",
                    f"cohorts.groups[{index}].source",
                )
            )
    for index, vaccine in enumerate(profile.vaccines):
        if not vaccine.source:
            items.append(
                CheckItem(
                    False,
                    f"Vaccine '{vaccine.code}' has no source for its schedule.",
                    f"vaccines[{index}].source",
                )
            )
        for b_index, booster in enumerate(vaccine.boosters):
            if not booster.source:
                items.append(
                    CheckItem(
                        False,
                        f"Booster '{booster.code}' of '{vaccine.code}' has no source.",
                        f"vaccines[{index}].boosters[{b_index}].source",
                    )
                )
    sourced = all(c.source for c in profile.cohorts.groups) and all(
        v.source and all(b.source for b in v.boosters) for v in profile.vaccines
    )
    if sourced:
        items.append(CheckItem(True, "Every cohort, vaccine and booster cites its source."))
    for row in language_rows:
        if row.citizen_coverage is None:
            items.append(
                CheckItem(False, f"Translation coverage of '{row.code}' could not be measured.")
            )
        elif row.citizen_coverage < 100:
            items.append(
                CheckItem(
                    False,
                    f"Citizen pages in '{row.code}' are {row.citizen_coverage:.0f}% translated.",
                    f"locales/{row.code}",
                )
            )
    if all(r.citizen_coverage == 100 for r in language_rows):
        items.append(CheckItem(True, "Citizen pages are fully translated in every language."))
    for fmt, ok, detail in certificate_checks:
        items.append(CheckItem(ok, f"Sample {fmt} certificate {_outcome(fmt, ok)}{detail}."))
    if not profile.branding.logo:
        items.append(
            CheckItem(False, "No logo: pages and PDFs show the name only.", "branding.logo")
        )
    if not profile.branding.helpline:
        items.append(
            CheckItem(False, "No helpline number for the page footer.", "branding.helpline")
        )
    return items
