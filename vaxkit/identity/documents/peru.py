"""Peru: the national identity document (DNI) and the foreigners' card (carné de extranjería)."""

from __future__ import annotations

import random

from stdnum.pe import cui

from vaxkit.identity.rules import ASCII_DIGITS, Rule, random_digits, register


@register
class Dni(Rule):
    # RENIEC's DNI carries the 8-digit CUI (Código Único de Identificación) followed on the card
    # by a check character (a digit or a letter A-K). python-stdnum stdnum.pe.cui computes it
    # (weights 3,2,7,6,5,4,3,2, mod 11). People usually give only the 8 digits, so both forms are
    # accepted and the normalised form is the 8 digits: the same person always hashes alike.
    name = "pe.dni"
    noun = "A DNI number"
    title = "DNI number"
    summary = "Peru's DNI: 8 digits, optionally followed by the check character on the card."
    source = "RENIEC DNI / CUI; python-stdnum stdnum.pe.cui"
    checksum = "CUI check character (optional)"
    letters = True

    def check(self, compact: str) -> str:
        self.require_alnum(compact)
        if len(compact) not in (8, 9):
            raise self.length_error("8", len(compact))
        if not set(compact[:8]) <= ASCII_DIGITS:
            raise self.format_error(f"{self.noun} is 8 digits, then maybe a check character.")
        if len(compact) == 9 and compact[8] not in cui.calc_check_digits(compact[:8]):
            raise self.checksum_error()
        return compact[:8]

    def generate(self, rng: random.Random) -> str:
        return rng.choice("1234567") + random_digits(rng, 7)

    def invalid_example(self) -> str:
        number = self.example()
        wrong = next(c for c in "0123456789" if c not in cui.calc_check_digits(number))
        return f"{number}-{wrong}"


@register
class CarneExtranjeria(Rule):
    # Superintendencia Nacional de Migraciones' carné de extranjería: a 9-digit number on the
    # cards issued today (as in koblas/stdnum-js `pe/ce`). No check digit is published.
    name = "pe.ce"
    noun = "A carné de extranjería number"
    title = "carné de extranjería number"
    summary = "Peru's foreigners' card (carné de extranjería): 9 digits; no checksum."
    source = "Migraciones carné de extranjería; koblas/stdnum-js src/pe/ce.ts"

    def check(self, compact: str) -> str:
        self.require_digits(compact, 9)
        return compact

    def generate(self, rng: random.Random) -> str:
        return "00" + random_digits(rng, 7)
