"""Mexico: the population registry key (CURP)."""

from __future__ import annotations

import datetime as dt
import random

from stdnum import exceptions as stdnum_errors
from stdnum.mx import curp

from vaxkit.identity.errors import IdNumberError
from vaxkit.identity.rules import Rule, register

# States of birth used in the CURP (RENAPO instructivo), as listed by python-stdnum; NE = born
# abroad.
STATES = frozenset(curp._valid_states)


@register
class Curp(Rule):
    # RENAPO's Clave Única de Registro de Población: 18 characters = 4 letters from the names,
    # birth date YYMMDD, sex (H or M), state of birth
    # (2 letters), 3 internal consonants, a homonym character (digit for births before 2000,
    # letter after) and a check digit. python-stdnum stdnum.mx.curp checks all of it.
    name = "mx.curp"
    noun = "A CURP"
    title = "CURP"
    summary = "Mexico's CURP: 18 characters with birth date, sex, state and a check digit."
    source = "RENAPO, Instructivo normativo de la CURP; python-stdnum stdnum.mx.curp"
    checksum = "CURP check digit (mod 10)"
    letters = True

    def check(self, compact: str) -> str:
        self.require_alnum(compact)
        if len(compact) != 18:
            raise self.length_error("18", len(compact), unit="characters")
        try:
            curp.validate(compact, validate_check_digits=False)
        except stdnum_errors.InvalidComponent:
            raise self._explain_component(compact) from None
        except stdnum_errors.ValidationError:
            raise self.format_error(
                f"{self.noun} is 4 letters, 6 digits (the birth date), 6 letters and 2 characters, "
                "like GODE561231HDFRRN04."
            ) from None
        if curp.get_birth_date(compact) > dt.date.today():
            raise self.date_error(
                f"The birth date in this CURP ({compact[4:10]}, YYMMDD) is in the future."
            )
        if curp.calc_check_digit(compact) != compact[17]:
            raise self.checksum_error()
        return compact

    def _explain_component(self, compact: str) -> IdNumberError:
        try:
            curp.get_birth_date(compact)
        except stdnum_errors.ValidationError:
            return self.date_error(
                f"The birth date in this CURP ({compact[4:10]}, YYMMDD) does not exist."
            )
        if compact[11:13] not in STATES:
            return self.format_error(
                f"'{compact[11:13]}' is not a state code: characters 12-13 of a CURP are the "
                "state of birth (NE if born abroad)."
            )
        if compact[10] not in "HM":
            return self.format_error(
                "The 11th character of a CURP is H or M (the sex recorded at registration)."
            )
        # RENAPO replaces the 2nd letter of offensive 4-letter words by X; the word itself never
        # appears in a real CURP.
        return self.format_error(f"{self.noun} cannot start with {compact[:4]}.")

    def generate(self, rng: random.Random) -> str:
        consonants = "BCDFGHJKLMNPRSTVZ"
        while True:
            born = dt.date(1940, 1, 1) + dt.timedelta(days=rng.randint(0, 365 * 65))
            head = (
                rng.choice(consonants)
                + rng.choice("AEIOU")
                + rng.choice(consonants)
                + rng.choice(consonants)
            )
            homonym = rng.choice("0123456789") if born.year < 2000 else rng.choice("ABCDEF")
            body = (
                head
                + born.strftime("%y%m%d")
                + rng.choice("HM")
                + rng.choice(sorted(STATES))
                + "".join(rng.choice(consonants) for _ in range(3))
                + homonym
            )
            number = body + curp.calc_check_digit(body + "0")
            if curp.is_valid(number) and born <= dt.date.today():
                return number

    def invalid_example(self) -> str:
        number = self.example()
        return number[:17] + str((int(number[17]) + 1) % 10)
