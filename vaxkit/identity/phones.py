"""Mobile numbers for sign-in and SMS, parsed with ``phonenumbers`` (libphonenumber's data).

People type numbers nationally (``098765 43210``, ``0772 123456``) or internationally
(``+91 98765 43210``, ``0091...``), in any digits their keyboard gives (Devanagari, Arabic-Indic);
everything is stored and hashed in E.164 (``+919876543210``).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat, PhoneNumberType

from vaxkit.identity.errors import PhoneNumberError
from vaxkit.profiles.schema import PhoneRules

MOBILE_TYPES = frozenset({PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE})
# Without a numbering plan (fictional countries), accept national numbers of these lengths.
FREE_PLAN_LENGTHS = range(6, 13)
MAX_E164_DIGITS = 15


@dataclass(frozen=True, slots=True)
class PhoneNumber:
    """A valid number. ``e164`` is what is stored (encrypted), hashed and sent to SMS gateways."""

    e164: str
    country_code: int
    national_number: str
    region: str | None
    is_mobile: bool | None
    """``None`` where no numbering plan tells (fictional countries)."""

    @property
    def international(self) -> str:
        """``+91 98765 43210``: for the holder's own eyes only."""
        if self.region is None:
            return f"+{self.country_code} {self.national_number}"
        parsed = phonenumbers.parse(self.e164)
        return phonenumbers.format_number(parsed, PhoneNumberFormat.INTERNATIONAL)

    @property
    def masked(self) -> str:
        """``+91 XXXXXX3210``: the form shown everywhere else."""
        return mask_phone(self)

    def __repr__(self) -> str:  # keep full numbers out of logs and tracebacks
        return f"PhoneNumber({self.masked!r})"

    def __str__(self) -> str:
        return self.masked


def parse_mobile(text: str, rules: PhoneRules, country_code: str | None = None) -> PhoneNumber:
    """Parse a number typed by a citizen of the country whose phone ``rules`` are given.

    ``country_code`` is the country's ISO 3166-1 alpha-2 code (``IN``); ``rules.region``, when
    set, takes precedence. Raises :class:`PhoneNumberError` with code ``phone.invalid``,
    ``phone.wrong_country`` or ``phone.not_mobile``.
    """
    region = (rules.region or country_code or "").upper() or None
    cleaned = _clean(text)
    if not cleaned.strip("+"):
        raise PhoneNumberError("phone.invalid", "Type your mobile number.", params={"got": 0})
    if region is None or phonenumbers.country_code_for_region(region) == 0:
        return _parse_without_plan(cleaned, rules)
    own_prefix = f"00{rules.country_code}"
    if cleaned.startswith(own_prefix):
        # "00" is the international prefix in most but not all countries (Nigeria dials 009,
        # Uganda 000); people still copy numbers written as 00<calling code>...
        cleaned = "+" + cleaned[2:]
    try:
        number = phonenumbers.parse(cleaned, region)
    except NumberParseException:
        raise _invalid(rules, region) from None
    if number.country_code != rules.country_code:
        raise PhoneNumberError(
            "phone.wrong_country",
            f"This number is from another country (+{number.country_code}); numbers here start "
            f"with +{rules.country_code}.",
            hint="Use a mobile number of this country: OTPs are sent by SMS to it.",
            params={"found": number.country_code, "expected": rules.country_code},
        )
    if not phonenumbers.is_valid_number(number):
        raise _invalid(rules, region)
    if not phonenumbers.is_valid_number_for_region(number, region):
        found = phonenumbers.region_code_for_number(number)
        raise PhoneNumberError(
            "phone.wrong_country",
            f"This number belongs to another country or territory ({found}) that shares the "
            f"calling code +{rules.country_code}.",
            hint="Use a mobile number of this country.",
            params={"found": found, "expected": region},
        )
    is_mobile = phonenumbers.number_type(number) in MOBILE_TYPES
    if rules.mobile_only and not is_mobile:
        raise PhoneNumberError(
            "phone.not_mobile",
            "This is not a mobile number: the one-time password is sent by SMS, so a mobile "
            "number is needed.",
            hint=f"For example {_national_example(rules, region)}.",
        )
    return PhoneNumber(
        e164=phonenumbers.format_number(number, PhoneNumberFormat.E164),
        country_code=number.country_code,
        national_number=str(number.national_number),
        region=region,
        is_mobile=is_mobile,
    )


def mask_phone(number: PhoneNumber | str, *, keep_last: int = 4) -> str:
    """``+91 XXXXXX3210``: the calling code and at most ``keep_last`` final digits are shown.

    Never more than half of the national number is shown.
    """
    if isinstance(number, str):
        try:
            parsed = phonenumbers.parse(number if number.startswith("+") else f"+{number}")
            country_code, national = parsed.country_code, str(parsed.national_number)
        except NumberParseException:
            digits = "".join(ch for ch in number if ch.isdigit())
            shown = min(keep_last, len(digits) // 2)
            return "+" + "X" * (len(digits) - shown) + digits[len(digits) - shown :]
    else:
        country_code, national = number.country_code, number.national_number
    shown = min(keep_last, len(national) // 2)
    return f"+{country_code} " + "X" * (len(national) - shown) + national[len(national) - shown :]


def _clean(text: str) -> str:
    out = []
    for ch in unicodedata.normalize("NFKC", text or ""):
        digit = unicodedata.decimal(ch, None)
        out.append(str(digit) if digit is not None else ch)
    return "".join(out).strip()


def _invalid(rules: PhoneRules, region: str) -> PhoneNumberError:
    return PhoneNumberError(
        "phone.invalid",
        "This is not a valid phone number here: check the number of digits.",
        hint=f"For example {_national_example(rules, region)}.",
    )


def _national_example(rules: PhoneRules, region: str) -> str:
    try:
        return phonenumbers.format_number(
            phonenumbers.parse(rules.example, region), PhoneNumberFormat.NATIONAL
        )
    except NumberParseException:
        return rules.example


def _parse_without_plan(cleaned: str, rules: PhoneRules) -> PhoneNumber:
    """Fictional or unknown plans: digits only, national or with the profile's calling code."""
    prefix = f"+{rules.country_code}"
    text = cleaned.replace(" ", "").replace("-", "").replace("(", "").replace(")", "")
    if text.startswith("00"):
        text = "+" + text[2:]
    if text.startswith("+"):
        if not text.startswith(prefix):
            raise PhoneNumberError(
                "phone.wrong_country",
                f"This number is from another country; numbers here start with {prefix}.",
                params={"expected": rules.country_code},
            )
        national = text[len(prefix) :]
    else:
        national = text[1:] if text.startswith("0") else text
    if not national.isdigit() or len(national) not in FREE_PLAN_LENGTHS:
        raise PhoneNumberError(
            "phone.invalid",
            "This is not a valid phone number here: check the number of digits.",
            hint=f"For example {rules.example}.",
        )
    if len(str(rules.country_code)) + len(national) > MAX_E164_DIGITS:
        raise PhoneNumberError("phone.invalid", "This phone number is too long.")
    return PhoneNumber(
        e164=prefix + national,
        country_code=rules.country_code,
        national_number=national,
        region=None,
        is_mobile=None,
    )
