"""Rules that are not tied to one country: passports, plain patterns and common check digits.

The check-digit rules combine with a profile's ``pattern`` for countries without a dedicated rule
(e.g. ``validator: luhn`` plus ``pattern: ^[0-9]{10}$``).
"""

from __future__ import annotations

import random

from stdnum import luhn, verhoeff
from stdnum.iso7064 import mod_11_2

from vaxkit.identity.errors import IdNumberError
from vaxkit.identity.pattern_examples import example_from_pattern
from vaxkit.identity.rules import ASCII_DIGITS, Rule, random_digits, register


@register
class Passport(Rule):
    # ICAO Doc 9303 Part 4 (8th ed., 2021), 4.2.2 and Appendix B: the document number field of the
    # passport MRZ holds up to 9 characters A-Z and 0-9 (shorter numbers are padded with '<').
    # Issuing states choose the format; a profile narrows it with `pattern` (India:
    # ^[A-Z][0-9]{7}$, per the Passport Seva sample passport).
    name = "passport"
    noun = "A passport number"
    title = "passport number"
    summary = "Passport document number: 1-9 letters A-Z and digits (ICAO 9303); add a pattern."
    source = "ICAO Doc 9303 Part 4, 4.2.2 (document number field, 9 characters)"
    letters = True

    def clean(self, raw: str) -> str:
        # '<' is the MRZ filler: people copying from the MRZ type it at the end.
        return super().clean(raw).rstrip("<")

    def check(self, compact: str) -> str:
        self.require_alnum(compact)
        if len(compact) > 9:
            raise self.length_error("at most 9", len(compact), unit="characters")
        return compact

    def generate(self, rng: random.Random) -> str:
        return rng.choice("ABCDEFGHJKLMNPRSTUVWZ") + random_digits(rng, 7)

    def invalid_example(self) -> str:
        return self.example() + "12"  # 10 characters: longer than the MRZ field


@register
class Pattern(Rule):
    # No format of its own: only the profile's `pattern` decides (house rule: per-country
    # behaviour comes from the profile).
    name = "pattern"
    noun = "The document number"
    title = "document number"
    summary = "Only the profile's `pattern` (required): for documents without a known structure."
    source = "the country profile's `pattern`"
    letters = True
    needs_pattern = True
    demo_pattern = "^[A-Z]{2}[0-9]{6}$"

    def check(self, compact: str) -> str:
        return compact

    def generate(self, rng: random.Random) -> str:
        raise IdNumberError(
            "id.pattern_missing",
            "The 'pattern' rule makes examples only from a profile's pattern.",
            hint="Use generate_matching(rng, pattern).",
        )

    def generate_matching(self, rng: random.Random, pattern: str | None) -> str:
        if pattern is None:
            return super().generate_matching(rng, pattern)
        return example_from_pattern(pattern, rng)

    def example(self) -> str:
        return example_from_pattern(self.demo_pattern)

    def invalid_example(self) -> str:
        return self.example()[:-1]


class _DigitsWithCheck(Rule):
    """Digits only, any length from ``min_length``, the last character a check character."""

    min_length = 2
    body_length = 9

    def check(self, compact: str) -> str:
        allowed = ASCII_DIGITS | set(self.extra_check_chars)
        if not set(compact) <= allowed or not set(compact[:-1]) <= ASCII_DIGITS:
            raise self.format_error(f"{self.noun} contains only digits.")
        if len(compact) < self.min_length:
            raise self.length_error(f"at least {self.min_length}", len(compact))
        if not self.is_valid(compact):
            raise self.checksum_error()
        return compact

    extra_check_chars = ""

    def is_valid(self, number: str) -> bool:
        raise NotImplementedError

    def check_char(self, body: str) -> str:
        raise NotImplementedError

    def generate(self, rng: random.Random) -> str:
        body = rng.choice("123456789") + random_digits(rng, self.body_length - 1)
        return body + self.check_char(body)


@register
class Luhn(_DigitsWithCheck):
    # ISO/IEC 7812-1 Annex B (the Luhn mod-10 algorithm), through python-stdnum's `luhn`.
    name = "luhn"
    noun = "The document number"
    title = "number (Luhn check digit)"
    summary = "Digits ending in a Luhn (mod 10) check digit; combine with a pattern."
    source = "ISO/IEC 7812-1 Annex B; python-stdnum stdnum.luhn"
    checksum = "Luhn"

    def is_valid(self, number: str) -> bool:
        return luhn.is_valid(number)

    def check_char(self, body: str) -> str:
        return luhn.calc_check_digit(body)


@register
class Verhoeff(_DigitsWithCheck):
    # Verhoeff (1969) dihedral-group check digit, through python-stdnum's `verhoeff`.
    name = "verhoeff"
    noun = "The document number"
    title = "number (Verhoeff check digit)"
    summary = "Digits ending in a Verhoeff check digit; combine with a pattern."
    source = "J. Verhoeff, Error Detecting Decimal Codes (1969); python-stdnum stdnum.verhoeff"
    checksum = "Verhoeff"

    def is_valid(self, number: str) -> bool:
        return verhoeff.is_valid(number)

    def check_char(self, body: str) -> str:
        return verhoeff.calc_check_digit(body)


@register
class Iso7064Mod11_2(_DigitsWithCheck):
    # ISO 7064 MOD 11-2 (check character 0-9 or X), through python-stdnum's `iso7064.mod_11_2`.
    name = "iso7064_mod11_2"
    noun = "The document number"
    title = "number (ISO 7064 MOD 11-2 check character)"
    summary = "Digits ending in an ISO 7064 MOD 11-2 check character (0-9 or X)."
    source = "ISO 7064:2003 MOD 11-2; python-stdnum stdnum.iso7064.mod_11_2"
    checksum = "ISO 7064 MOD 11-2"
    letters = True
    extra_check_chars = "X"
    body_length = 17

    def is_valid(self, number: str) -> bool:
        return mod_11_2.is_valid(number)

    def check_char(self, body: str) -> str:
        return mod_11_2.calc_check_digit(body)
