"""Vietnam: the 12-digit personal identification number (CCCD) and the old 9-digit ID (CMND)."""

from __future__ import annotations

import datetime as dt
import random

from vaxkit.identity.rules import Rule, random_digits, register

# Province codes of the place of birth registration, Appendix I of Circular 07/2016/TT-BCA
# (Ministry of Public Security, 1 February 2016): 63 codes between 001 and 096. The 2025
# merger into 34 provinces does not change numbers already issued. Citizens whose birth was
# registered abroad carry a country code instead (Article 7); that list is not published in a
# usable form, so such numbers are rejected with a hint to use the passport.
_PROVINCE_CODES = (
    "001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 034 "
    "035 036 037 038 040 042 044 045 046 048 049 051 052 054 056 058 060 062 064 066 067 068 "
    "070 072 074 075 077 079 080 082 083 084 086 087 089 091 092 093 094 095 096"
)
PROVINCE_CODES = frozenset(_PROVINCE_CODES.split())


@register
class Cccd(Rule):
    # Decree 137/2015/ND-CP Article 13 and Circular 07/2016/TT-BCA Article 7: 12 digits =
    # province code of birth registration (3), century-and-sex code (1: 0/1 = male/female born
    # 1900-1999, 2/3 = 2000-2099, 4/5 = 2100-2199, ...), last two digits of the birth year (2),
    # random digits (6). There is no check digit.
    name = "vn.cccd"
    noun = "A citizen ID (CCCD) number"
    title = "citizen ID (CCCD) number"
    summary = "Vietnam's 12-digit personal ID: province, century+sex, birth year, 6 digits."
    source = "Decree 137/2015/ND-CP Art. 13; Circular 07/2016/TT-BCA Art. 7 and Appendix I"

    def check(self, compact: str) -> str:
        self.require_digits(compact, 12)
        if compact[:3] not in PROVINCE_CODES:
            raise self.format_error(
                f"{compact[:3]} is not a province code: a CCCD number starts with the code of "
                "the province where the birth was registered (001 to 096).",
                hint="If your birth was registered abroad, use your passport instead.",
            )
        century = 1900 + 100 * (int(compact[3]) // 2)
        year = century + int(compact[4:6])
        if year > dt.date.today().year:
            raise self.date_error(
                f"The birth year in this CCCD number ({year}) is in the future: the 4th and "
                "5th-6th digits are probably mistyped."
            )
        return compact

    def generate(self, rng: random.Random) -> str:
        province = rng.choice(sorted(PROVINCE_CODES))
        year = rng.randint(1930, 2010)
        sex = rng.randint(0, 1)
        century_sex = (year // 100 - 19) * 2 + sex
        return f"{province}{century_sex}{year % 100:02d}{random_digits(rng, 6)}"


@register
class Cmnd(Rule):
    # People's identity card (Chứng minh nhân dân) under Decree 05/1999/ND-CP: 9 digits, the
    # first two identifying the issuing province; no check digit. Valid CMNDs were still accepted
    # during the COVID-19 campaign; 12-digit CMNDs issued from 2012 follow the CCCD structure.
    name = "vn.cmnd"
    noun = "An old ID card (CMND) number"
    title = "old ID card (CMND) number"
    summary = "Vietnam's old 9-digit people's ID card (CMND); no checksum."
    source = "Decree 05/1999/ND-CP on people's identity cards"

    def check(self, compact: str) -> str:
        if len(compact) == 12 and compact.isdigit():
            error = self.length_error("9", 12)
            error.hint = "A 12-digit number is a citizen ID (CCCD): choose that document instead."
            raise error
        self.require_digits(compact, 9)
        return compact

    def generate(self, rng: random.Random) -> str:
        return f"{rng.randint(1, 38):02d}" + random_digits(rng, 7)
