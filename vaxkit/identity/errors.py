"""Exceptions of the identity package: a stable ``code`` and a message a citizen can act on.

The ``code`` is what crosses API boundaries (``id.checksum``, ``phone.not_mobile``, ...); web pages
translate by code, and ``params`` holds the values a translated message needs.
"""

from __future__ import annotations

from collections.abc import Mapping


class IdentityError(ValueError):
    """Base class: a value was rejected, with a machine-readable ``code``."""

    def __init__(
        self,
        code: str,
        message: str,
        hint: str | None = None,
        params: Mapping[str, object] | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.hint = hint
        self.params: dict[str, object] = dict(params or {})

    def as_dict(self) -> dict[str, object]:
        """JSON-friendly form for APIs and ``--json`` output."""
        return {"code": self.code, "message": self.message, "hint": self.hint, **self.params}

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.code!r}, {self.message!r})"


class IdNumberError(IdentityError):
    """An identity-document number is not valid (``id.length``, ``id.checksum``, ...).

    Messages never repeat the full number: it may end up in logs.
    """


class MaskSpecError(IdentityError):
    """A masking spec (``keep_last:N`` or a template) is malformed (``mask.spec``)."""


class PhoneNumberError(IdentityError):
    """A phone number was rejected: ``phone.invalid``, ``phone.not_mobile``,
    ``phone.wrong_country``."""


class PersonNameError(IdentityError):
    """A personal name was rejected; ``problems`` lists every problem found, first one first."""

    def __init__(
        self,
        code: str,
        message: str,
        hint: str | None = None,
        params: Mapping[str, object] | None = None,
        problems: tuple[PersonNameError, ...] = (),
    ) -> None:
        super().__init__(code, message, hint, params)
        self.problems: tuple[PersonNameError, ...] = problems or (self,)


class HashKeyError(IdentityError):
    """The key given for keyed hashing is unusable (``hash.key``)."""
