"""Ukraine: the taxpayer number (RNOKPP) and the demographic-register record number (UNZR)."""

from __future__ import annotations

import datetime as dt
import random

from stdnum.ua import rntrc

from vaxkit.identity.checksums import icao_check_digit
from vaxkit.identity.rules import Rule, random_digits, register

RNOKPP_EPOCH = dt.date(1899, 12, 31)


@register
class Rnokpp(Rule):
    # РНОКПП (registration number of the taxpayer's card, State Tax Service): 10 digits; the
    # first 5 count the days from 31 December 1899 to the birth date, the 9th is odd for men and
    # even for women, the 10th a check digit (weights -1,5,7,9,4,6,10,5,7, mod 11, mod 10).
    # python-stdnum stdnum.ua.rntrc. People who refused the number on religious grounds use
    # their passport instead.
    name = "ua.rnokpp"
    noun = "An RNOKPP (tax number)"
    title = "RNOKPP (tax number)"
    summary = "Ukraine's taxpayer number RNOKPP: 10 digits with birth date and a check digit."
    source = "State Tax Service of Ukraine, РНОКПП; python-stdnum stdnum.ua.rntrc"
    checksum = "RNOKPP check digit (mod 11)"

    def check(self, compact: str) -> str:
        self.require_digits(compact, 10)
        if rntrc.calc_check_digit(compact) != compact[9]:
            raise self.checksum_error()
        born = RNOKPP_EPOCH + dt.timedelta(days=int(compact[:5]))
        if int(compact[:5]) == 0 or born > dt.date.today():
            raise self.date_error(
                "The first 5 digits of an RNOKPP count days from 31.12.1899 to the birth date; "
                "here they give a date that is not possible."
            )
        return compact

    def generate(self, rng: random.Random) -> str:
        born = dt.date(1935, 1, 1) + dt.timedelta(days=rng.randint(0, 365 * 70))
        body = f"{(born - RNOKPP_EPOCH).days:05d}" + random_digits(rng, 4)
        return body + rntrc.calc_check_digit(body)


@register
class Unzr(Rule):
    # УНЗР, the unique record number in the Unified State Demographic Register, printed on the
    # ID card as YYYYMMDD-NNNNC: the birth date, a 4-digit number 0001-9999 and a check digit
    # computed "by the method used for check digits in the machine-readable zone of passports"
    # (State Migration Service, mvs.gov.ua, 14.11.2023), i.e. ICAO 9303 weights 7,3,1 repeated
    # over the 12 preceding digits, sum mod 10.
    name = "ua.unzr"
    noun = "A UNZR (record number)"
    title = "UNZR (record number)"
    summary = "Ukraine's demographic-register number UNZR: YYYYMMDD-NNNNC, 7-3-1 check digit."
    source = (
        "State Migration Service of Ukraine, 'Unique registration number in the Unified State "
        "Demographic Register' (mvs.gov.ua, 14.11.2023); ICAO 9303 Part 3, 4.9"
    )
    checksum = "ICAO 9303 7-3-1 (mod 10)"

    def check(self, compact: str) -> str:
        self.require_digits(compact, 13)
        try:
            born = dt.date(int(compact[:4]), int(compact[4:6]), int(compact[6:8]))
        except ValueError:
            raise self.date_error(
                f"A UNZR starts with the birth date as YYYYMMDD; {compact[:8]} is not a date."
            ) from None
        if born > dt.date.today() or born.year < 1900:
            raise self.date_error(
                f"A UNZR starts with the birth date; {born.isoformat()} is not possible."
            )
        if compact[8:12] == "0000":
            raise self.format_error("The 4 digits after the date in a UNZR run from 0001 to 9999.")
        if icao_check_digit(compact[:12]) != compact[12]:
            raise self.checksum_error()
        return compact

    def format(self, number: str) -> str:
        return f"{number[:8]}-{number[8:]}"

    def generate(self, rng: random.Random) -> str:
        born = dt.date(1935, 1, 1) + dt.timedelta(days=rng.randint(0, 365 * 70))
        body = born.strftime("%Y%m%d") + f"{rng.randint(1, 9999):04d}"
        return body + icao_check_digit(body)
