"""Uganda: the National Identification Number (NIN) on the Ndaga Muntu card."""

from __future__ import annotations

import random
import string

from vaxkit.identity.rules import ASCII_DIGITS, Rule, random_digits, register

ALNUM = string.ascii_uppercase + string.digits


@register
class Nin(Rule):
    # National Identification and Registration Authority (NIRA, Registration of Persons Act
    # 2015): 14 characters A-Z/0-9. Publicly documented structure (e.g. the NIN decoder at
    # tools.gera.services/uganda-nin-validator): C = citizen, then M or F (sex), two digits of
    # the year of birth and a 10-character serial assigned by NIRA, as in CM930121003EGE. Legally
    # resident aliens receive a separate Alien Identification Number (AIN; "NINs/AINs" on the
    # Uganda embassy's National ID page, abudhabi.mofa.go.ug/node/20), not accepted by this rule.
    # NIRA publishes no check digit.
    name = "ug.nin"
    noun = "A NIN"
    title = "NIN"
    summary = "Uganda's NIN: 14 characters, CM/CF + 2-digit birth year + 10-character serial."
    source = "NIRA, Registration of Persons Act 2015; structure as documented publicly (C, M/F, YY)"
    letters = True

    def check(self, compact: str) -> str:
        self.require_alnum(compact)
        if len(compact) != 14:
            raise self.length_error("14", len(compact), unit="characters, like CM930121003EGE")
        if compact[0] != "C" or compact[1] not in "MF":
            raise self.format_error(
                f"{self.noun} starts with CM or CF (citizen, male or female).",
                hint="Copy the NIN from your national ID card; it is not the card number.",
            )
        if not set(compact[2:4]) <= ASCII_DIGITS:
            raise self.format_error("Characters 3 and 4 of a NIN are digits (the year of birth).")
        return compact

    def generate(self, rng: random.Random) -> str:
        serial = random_digits(rng, 7) + "".join(rng.choice(string.ascii_uppercase) for _ in "abc")
        return "C" + rng.choice("MF") + f"{rng.randint(40, 99):02d}" + serial
