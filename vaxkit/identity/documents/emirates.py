"""United Arab Emirates: the Emirates ID number."""

from __future__ import annotations

import datetime as dt
import random

from stdnum import luhn

from vaxkit.identity.rules import Rule, random_digits, register

FIRST_BIRTH_YEAR = 1900


@register
class EmiratesId(Rule):
    # Federal Authority for Identity, Citizenship, Customs and Port Security (ICP): the ID number
    # printed as 784-YYYY-NNNNNNN-C = 784 (ISO 3166 numeric code of the UAE), the holder's year of
    # birth, a 7-digit serial and a Luhn check digit over all 15 digits (as implemented by
    # identique/idnumbers `are/emirates_id.py`, after GitHub gist
    # geordee/e51d111426de675c0c0f8503c2003047).
    name = "ae.emirates_id"
    noun = "An Emirates ID number"
    title = "Emirates ID number"
    summary = "UAE Emirates ID: 784-YYYY-NNNNNNN-C, 15 digits, birth year, Luhn check digit."
    source = "ICP Emirates ID card layout; identique/idnumbers are/emirates_id.py"
    checksum = "Luhn"

    def check(self, compact: str) -> str:
        self.require_digits(compact, 15)
        if not compact.startswith("784"):
            raise self.format_error(
                f"{self.noun} starts with 784, the country code of the UAE.",
                hint="Type the 15-digit number printed as 784-YYYY-NNNNNNN-N on the card.",
            )
        year = int(compact[3:7])
        if not FIRST_BIRTH_YEAR <= year <= dt.date.today().year:
            raise self.date_error(
                f"Digits 4-7 of an Emirates ID are the year of birth; {compact[3:7]} is not "
                "possible."
            )
        if not luhn.is_valid(compact):
            raise self.checksum_error()
        return compact

    def format(self, number: str) -> str:
        return f"{number[:3]}-{number[3:7]}-{number[7:14]}-{number[14]}"

    def generate(self, rng: random.Random) -> str:
        body = "784" + str(rng.randint(1945, 2015)) + random_digits(rng, 7)
        return body + luhn.calc_check_digit(body)
