"""EU Unique Vaccination Certificate Identifiers (UVCI) with their Luhn mod N check character.

Format per the eHealth Network UVCI guidelines: ``URN:UVCI:01:<CC>:<issuer-specific part>``, where
the issuer-specific part uses ``A-Z``, ``0-9`` and the ``/`` separator. The optional check
character is appended as ``#`` + one character, computed with the Luhn mod N algorithm over the
whole identifier before ``#`` (prefix included) in the alphabet ``A-Z0-9/:`` (N = 38), as the
EU DCC schema FAQ specifies (``URN:UVCI:01:NL:187/37512422923#Z`` is its worked example).
"""

from __future__ import annotations

import re
import secrets

from vaxkit.certificates.errors import CertificateError

CHARSET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/:"
_INDEX = {c: i for i, c in enumerate(CHARSET)}
_N = len(CHARSET)
_OPAQUE = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: identifiers are read aloud and typed
UVCI_RE = re.compile(r"^URN:UVCI:01:[A-Z]{2}:[A-Z0-9/]+(#[A-Z0-9/:])?$")


def check_character(text: str) -> str:
    """Luhn mod N check character of ``text`` (characters from ``CHARSET`` only)."""
    total = 0
    factor = 2
    for char in reversed(text):
        try:
            code_point = _INDEX[char]
        except KeyError:
            raise CertificateError(
                "bad_uvci", f"character {char!r} is not allowed in a UVCI"
            ) from None
        addend = factor * code_point
        total += addend // _N + addend % _N
        factor = 1 if factor == 2 else 2
    return CHARSET[(_N - total % _N) % _N]


def with_checksum(uvci: str) -> str:
    """``uvci`` + ``#`` + its check character."""
    return f"{uvci}#{check_character(uvci)}"


def is_valid(uvci: str, *, require_checksum: bool = False) -> bool:
    """Whether ``uvci`` is well-formed and, if it carries one, its check character is right."""
    if not UVCI_RE.match(uvci):
        return False
    body, hash_sign, check = uvci.partition("#")
    if not hash_sign:
        return not require_checksum
    return check_character(body) == check


def new_uvci(country: str, issuer_prefix: str, *, length: int = 14) -> str:
    """A fresh random UVCI (option 3: issuing entity + opaque id) with its check character.

    ``issuer_prefix`` is the profile's certificate-id prefix; ``length`` random characters from a
    32-letter alphabet give 5 bits each (70 bits by default).
    """
    if not re.fullmatch(r"[A-Z]{2}", country):
        raise CertificateError("bad_uvci", f"country must be an alpha-2 code, not {country!r}")
    if not re.fullmatch(r"[A-Z0-9]{1,20}", issuer_prefix):
        raise CertificateError("bad_uvci", f"invalid issuing-entity prefix {issuer_prefix!r}")
    opaque = "".join(secrets.choice(_OPAQUE) for _ in range(length))
    return with_checksum(f"URN:UVCI:01:{country}:{issuer_prefix}/{opaque}")
