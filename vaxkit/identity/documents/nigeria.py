"""Nigeria: the National Identification Number (NIN)."""

from __future__ import annotations

import random

from vaxkit.identity.rules import Rule, random_digits, register


@register
class Nin(Rule):
    # National Identity Management Commission (NIMC): the NIN is 11 digits, randomly assigned
    # (National Identity Management Commission Act 2007, s. 16). NIMC publishes no check-digit
    # algorithm, so only the length can be checked; a real check needs the NIMC verification
    # service. The 16-character virtual NIN (vNIN) is a short-lived token for verification,
    # not an identity number to store, so it has no rule here.
    name = "ng.nin"
    noun = "A NIN"
    title = "NIN"
    summary = "Nigeria's National Identification Number: 11 digits; no public checksum."
    source = "NIMC, National Identification Number (NIMC Act 2007)"

    def check(self, compact: str) -> str:
        self.require_digits(compact, 11)
        return compact

    def format(self, number: str) -> str:
        return f"{number[:4]} {number[4:7]} {number[7:]}"

    def generate(self, rng: random.Random) -> str:
        return rng.choice("123456789") + random_digits(rng, 10)
