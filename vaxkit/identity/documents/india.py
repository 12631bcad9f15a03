"""India: Aadhaar, voter ID (EPIC), PAN and driving licence."""

from __future__ import annotations

import datetime as dt
import random
import string

from stdnum import luhn, verhoeff
from stdnum.in_ import pan as stdnum_pan

from vaxkit.identity.rules import ASCII_DIGITS, Rule, random_digits, register

LETTERS = string.ascii_uppercase


@register
class Aadhaar(Rule):
    # UIDAI, "A UID Numbering Scheme" (2010): 12 digits, the first never 0 or 1, the last a
    # Verhoeff check digit; python-stdnum stdnum.in_.aadhaar (which also rejects palindromes).
    # Display groups of four ("2341 2341 2346") as printed on the Aadhaar letter.
    name = "in.aadhaar"
    noun = "An Aadhaar number"
    title = "Aadhaar number"
    summary = "India's Aadhaar: 12 digits, not starting with 0 or 1, Verhoeff check digit."
    source = "UIDAI, A UID Numbering Scheme (2010); python-stdnum stdnum.in_.aadhaar"
    checksum = "Verhoeff"

    def check(self, compact: str) -> str:
        self.require_digits(compact, 12)
        if compact[0] in "01":
            raise self.format_error(
                f"{self.noun} never starts with 0 or 1.",
                hint="Check that you typed the 12-digit Aadhaar number, not an enrolment ID.",
            )
        if compact == compact[::-1]:
            raise self.format_error(f"{self.noun} is never a palindrome.")
        if not verhoeff.is_valid(compact):
            raise self.checksum_error()
        return compact

    def format(self, number: str) -> str:
        return f"{number[:4]} {number[4:8]} {number[8:]}"

    def generate(self, rng: random.Random) -> str:
        while True:
            body = rng.choice("23456789") + random_digits(rng, 10)
            number = body + verhoeff.calc_check_digit(body)
            if number != number[::-1]:
                return number


@register
class Epic(Rule):
    # Election Commission of India Electoral Photo Identity Card: a 3-letter Functional Unique
    # Serial Number (per assembly constituency), 6 serial digits and a Luhn check digit over the
    # 7 digits; python-stdnum stdnum.in_.epic. Older state-format cards (e.g. "MT/04/023/123456")
    # are not accepted: those holders can use another document or get a new EPIC.
    name = "in.epic"
    noun = "A voter ID (EPIC) number"
    title = "voter ID (EPIC) number"
    summary = "India's voter ID (EPIC): 3 letters, 7 digits, Luhn check digit."
    source = "Election Commission of India EPIC format; python-stdnum stdnum.in_.epic"
    checksum = "Luhn"
    letters = True

    def check(self, compact: str) -> str:
        self.require_alnum(compact)
        if len(compact) != 10:
            raise self.length_error("10", len(compact), unit="characters (3 letters, 7 digits)")
        if not (compact[:3].isalpha() and set(compact[3:]) <= ASCII_DIGITS):
            raise self.format_error(
                f"{self.noun} is 3 letters followed by 7 digits.",
                hint="Older voter IDs in other formats are not accepted; choose another document.",
            )
        if not luhn.is_valid(compact[3:]):
            raise self.checksum_error()
        return compact

    def generate(self, rng: random.Random) -> str:
        body = random_digits(rng, 6)
        return "".join(rng.choice(LETTERS) for _ in range(3)) + body + luhn.calc_check_digit(body)


@register
class Pan(Rule):
    # Income Tax Department PAN: 5 letters, 4 digits (0001-9999), 1 letter; the 4th letter is the
    # holder type and is 'P' for an individual, the 5th the initial of the surname. The last
    # letter is a check character whose algorithm is not published, so it cannot be verified.
    # python-stdnum stdnum.in_.pan.
    name = "in.pan"
    noun = "A PAN"
    title = "PAN"
    summary = "India's PAN of an individual: AAAPA9999A, 4th letter P; no public checksum."
    source = "Income Tax Department, PAN structure; python-stdnum stdnum.in_.pan"
    letters = True

    def check(self, compact: str) -> str:
        self.require_alnum(compact)
        if len(compact) != 10:
            raise self.length_error("10", len(compact), unit="characters")
        if not stdnum_pan.is_valid(compact):
            raise self.format_error(
                f"{self.noun} is 5 letters, 4 digits and a letter, like ABCPE1234F.",
            )
        if compact[3] != "P":
            raise self.format_error(
                "This PAN does not belong to a person: the 4th letter of a personal PAN is P.",
                hint="Use your own PAN card, not one of a company, trust or family (HUF).",
            )
        return compact

    def generate(self, rng: random.Random) -> str:
        serial = f"{rng.randint(1, 9999):04d}"
        letters = "".join(rng.choice(LETTERS) for _ in range(3))
        return letters + "P" + rng.choice(LETTERS) + serial + rng.choice(LETTERS)


# Vehicle-registration state codes used as the first two letters of a driving licence (Ministry
# of Road Transport and Highways, Sarathi). Renamed states keep their old code valid for licences
# issued before the change: OR->OD (Odisha, 2012), UA->UK (Uttarakhand, 2007), TS->TG
# (Telangana, 2024), DN merged into DD (2020).
_STATE_CODES = (
    "AN AP AR AS BR CG CH DD DL DN GA GJ HP HR JH JK KA KL LA LD MH ML MN MP MZ NL OD OR PB PY "
    "RJ SK TG TN TR TS UA UK UP WB"
)
STATE_CODES = frozenset(_STATE_CODES.split())
FIRST_LICENCE_YEAR = 1940


@register
class DrivingLicence(Rule):
    # Unified licence number of the Sarathi system (MoRTH, since 2019 in every state):
    # SS RR YYYY NNNNNNN = state code (2 letters), RTO code (2 digits), year of issue (4 digits),
    # serial (7 digits), 15 characters, printed as "MH14 20110062821". The format has no check
    # digit, so only structure, state code and year can be checked.
    name = "in.driving_licence"
    noun = "A driving licence number"
    title = "driving licence number"
    summary = "India's driving licence (Sarathi): state, RTO, year, 7-digit serial; no checksum."
    source = "MoRTH Sarathi unified driving licence number (state, RTO, year of issue, serial)"
    letters = True

    def check(self, compact: str) -> str:
        self.require_alnum(compact)
        if len(compact) != 15:
            raise self.length_error("15", len(compact), unit="characters, like MH14 20110062821")
        state, rto, year, serial = compact[:2], compact[2:4], compact[4:8], compact[8:]
        if not (state.isalpha() and (rto + year + serial).isdigit()):
            raise self.format_error(
                f"{self.noun} is 2 letters (the state) followed by 13 digits.",
                hint="Example: MH14 20110062821 (MH = Maharashtra, RTO 14, issued 2011).",
            )
        if state not in STATE_CODES:
            raise self.format_error(
                f"'{state}' is not the code of an Indian state or union territory.",
                hint="The licence number starts with the state code, like MH, DL or KA.",
            )
        if rto == "00":
            raise self.format_error(f"{self.noun} has an RTO code from 01; 00 is not used.")
        if not FIRST_LICENCE_YEAR <= int(year) <= dt.date.today().year:
            raise self.date_error(
                f"The year of issue in this driving licence number ({year}) is not possible."
            )
        return compact

    def format(self, number: str) -> str:
        return f"{number[:4]} {number[4:]}"

    def generate(self, rng: random.Random) -> str:
        state = rng.choice(sorted(STATE_CODES))
        rto = f"{rng.randint(1, 60):02d}"
        year = str(rng.randint(1995, 2021))
        return state + rto + year + random_digits(rng, 7)
