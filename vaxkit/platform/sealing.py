"""Encrypted fields (AES-256-GCM) and keyed lookup hashes for ID and phone numbers.

A sealed value loads from the database as :class:`Sealed`: it prints as a placeholder, so a
number cannot reach a page, a log line or an error report by accident; ``reveal()`` gives the
plaintext to the code that has a reason to read it (and audits that read). Lookups and
uniqueness use an HMAC of the normalised value (``VAXKIT_LOOKUP_KEY``), never the ciphertext.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

VERSION = "v1"
NONCE_BYTES = 12


class SealingError(ValueError):
    """A stored value cannot be decrypted (wrong key, or tampered with)."""

    code = "sealing.invalid"


def _key(name: str) -> bytes:
    key = getattr(settings, name, None)
    if not isinstance(key, bytes) or len(key) != 32:
        raise ImproperlyConfigured(f"{name} must be set to a 32-byte key (see the settings docs).")
    return key


def seal(plaintext: str, context: str) -> str:
    """Encrypt ``plaintext``; ``context`` (the field) is bound as associated data, so a value
    copied into another column does not decrypt."""
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(_key("VAXKIT_FIELD_KEY")).encrypt(nonce, plaintext.encode(), context.encode())
    return f"{VERSION}:{base64.urlsafe_b64encode(nonce + sealed).decode()}"


def unseal(token: str, context: str) -> str:
    """Decrypt a value made by :func:`seal` for the same ``context``."""
    version, _, data = token.partition(":")
    if version != VERSION:
        raise SealingError(f"unknown sealed-value version '{version}'")
    raw = base64.urlsafe_b64decode(data)
    try:
        plain = AESGCM(_key("VAXKIT_FIELD_KEY")).decrypt(
            raw[:NONCE_BYTES], raw[NONCE_BYTES:], context.encode()
        )
    except InvalidTag:
        raise SealingError("a sealed value does not decrypt with VAXKIT_FIELD_KEY") from None
    return plain.decode()


def id_digest(doc_type: str, normalised: str) -> str:
    """Keyed hash (HMAC-SHA256, hex) of a normalised ID number of the profile document
    ``doc_type``, for lookups and uniqueness (:func:`vaxkit.identity.hashing.lookup_hash`)."""
    from vaxkit.identity.hashing import lookup_hash

    return lookup_hash(_key("VAXKIT_LOOKUP_KEY"), doc_type, normalised)


def phone_digest(e164: str) -> str:
    """Keyed hash of a phone number in E.164 form."""
    from vaxkit.identity.hashing import phone_lookup_hash

    return phone_lookup_hash(_key("VAXKIT_LOOKUP_KEY"), e164)


def secret_digest(purpose: str, value: str) -> str:
    """HMAC-SHA256 of a short-lived secret (an OTP, a session token) under the lookup key."""
    mac = hmac.new(_key("VAXKIT_LOOKUP_KEY"), f"{purpose}\x00{value}".encode(), hashlib.sha256)
    return mac.hexdigest()


class Sealed:
    """A stored encrypted value; shows only a placeholder until ``reveal()``."""

    __slots__ = ("context", "token")

    def __init__(self, token: str, context: str) -> None:
        self.token = token
        self.context = context

    def reveal(self) -> str:
        """The plaintext. Callers reading personal data for a person audit it."""
        return unseal(self.token, self.context)

    def __str__(self) -> str:
        return "[sealed]"

    __repr__ = __str__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sealed) and other.token == self.token

    def __hash__(self) -> int:
        return hash(self.token)


class SealedField(models.TextField):
    """A text column holding AES-GCM ciphertext; assign plaintext, read :class:`Sealed`."""

    def contribute_to_class(self, cls: type[models.Model], name: str, **kwargs: Any) -> None:
        super().contribute_to_class(cls, name, **kwargs)
        self.context = f"{cls._meta.label_lower}.{name}"

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> Sealed | None:
        return None if value is None else Sealed(value, self.context)

    def to_python(self, value: Any) -> Any:
        return value

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        # seal once and keep only the sealed form on the instance after saving
        value = getattr(model_instance, self.attname)
        if isinstance(value, str) and value:
            value = Sealed(seal(value, self.context), self.context)
            setattr(model_instance, self.attname, value)
        return value

    def get_prep_value(self, value: Any) -> str | None:
        if value is None or value == "":
            return value
        if isinstance(value, Sealed):
            return value.token
        return seal(str(value), self.context)

    def value_to_string(self, obj: models.Model) -> str:
        # serialisation (dumpdata) keeps the ciphertext, never the plaintext
        value = self.value_from_object(obj)
        return value.token if isinstance(value, Sealed) else ""
