"""Where a tenant's signing keys live, and how they are protected.

The key ring (``vaxkit.certificates.KeyRing``) is stored as ``KeyRing.to_json`` writes it: every
private key is an encrypted PKCS#8 envelope. Its passphrase is ``VAXKIT_KEY_PASSPHRASE`` when
set (the setting, else the environment variable; one secret for every tenant, kept outside the
database), else derived per tenant from
``VAXKIT_FIELD_KEY`` with HMAC-SHA256 (so a database dump alone never yields a key).

The ring is kept in the tenant's schema (:class:`KeyRingRecord`), or, when
``VAXKIT_SIGNING_KEYS_DIR`` is set, in ``<dir>/<tenant code>.keyring.json`` (mode 0600), which
suits deployments that mount keys from a secret store. A ring is generated on first use.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import threading
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.utils import timezone

from vaxkit.certificates import KeyRing, SigningKey, SigningKeyError
from vaxkit.platform.audit.records import audit
from vaxkit.platform.certificates.models import KeyRingRecord
from vaxkit.platform.errors import ServiceError
from vaxkit.platform.tenants.current import current_tenant
from vaxkit.platform.tenants.models import Tenant

_PASSPHRASE_LABEL = b"vaxkit signing key ring\x00"
_cache: dict[tuple[str, str], KeyRing] = {}
_lock = threading.Lock()


class KeyStoreError(ServiceError):
    """The key ring cannot be read or changed (``keys.*`` codes)."""


def passphrase(tenant: Tenant) -> str:
    """The passphrase protecting ``tenant``'s private keys (see the module docstring)."""
    configured = getattr(settings, "VAXKIT_KEY_PASSPHRASE", None) or os.environ.get(
        "VAXKIT_KEY_PASSPHRASE"
    )
    if configured:
        return configured.decode() if isinstance(configured, bytes) else str(configured)
    field_key = getattr(settings, "VAXKIT_FIELD_KEY", None)
    if not isinstance(field_key, bytes) or len(field_key) != 32:
        raise ImproperlyConfigured(
            "Set VAXKIT_KEY_PASSPHRASE, or VAXKIT_FIELD_KEY (32 bytes) to derive it from."
        )
    label = _PASSPHRASE_LABEL + tenant.code.encode()
    return hmac.new(field_key, label, hashlib.sha256).hexdigest()


def keys_dir() -> Path | None:
    """``VAXKIT_SIGNING_KEYS_DIR`` when configured (key rings as files), else ``None``."""
    value = getattr(settings, "VAXKIT_SIGNING_KEYS_DIR", None)
    return Path(value) if value else None


def _key_file(directory: Path, tenant: Tenant) -> Path:
    return directory / f"{tenant.code}.keyring.json"


def _read_document(tenant: Tenant) -> str | None:
    directory = keys_dir()
    if directory is not None:
        path = _key_file(directory, tenant)
        return path.read_text(encoding="utf-8") if path.exists() else None
    row = KeyRingRecord.objects.filter(slot=1).first()
    return row.document if row is not None else None


def _write_document(tenant: Tenant, document: str, *, create: bool) -> bool:
    """Store ``document``; with ``create``, only if none exists yet (False if one does)."""
    directory = keys_dir()
    if directory is not None:
        directory.mkdir(parents=True, exist_ok=True)
        path = _key_file(directory, tenant)
        if create:
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                return False
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(document)
            return True
        temporary = path.with_suffix(".tmp")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(document)
        os.replace(temporary, path)
        return True
    if create:
        try:
            with transaction.atomic():
                KeyRingRecord.objects.create(slot=1, document=document)
        except IntegrityError:
            return False
        return True
    KeyRingRecord.objects.update_or_create(
        slot=1, defaults={"document": document, "updated_at": timezone.now()}
    )
    return True


def _decode(tenant: Tenant, document: str) -> KeyRing:
    cache_key = (tenant.schema_name, hashlib.sha256(document.encode()).hexdigest())
    ring = _cache.get(cache_key)
    if ring is None:
        try:
            ring = KeyRing.from_json(document, passphrase(tenant))
        except SigningKeyError as error:
            raise KeyStoreError(
                "keys.unreadable",
                f"The key ring of {tenant.code} cannot be opened ({error.code}): check "
                "VAXKIT_KEY_PASSPHRASE / VAXKIT_FIELD_KEY.",
            ) from None
        with _lock:
            _cache[cache_key] = ring
    return ring


def keyring(*, create: bool = True) -> KeyRing:
    """The active tenant's key ring; generated and stored on first use when ``create``.

    Treat the result as read-only: change keys through :func:`rotate_key`,
    :func:`revoke_key` and :func:`import_key`, which store the change.
    """
    tenant = current_tenant()
    document = _read_document(tenant)
    if document is None:
        if not create:
            raise KeyStoreError("keys.none", f"{tenant.code} has no signing keys yet.")
        document = _generate(tenant)
    return _decode(tenant, document)


def has_keyring() -> bool:
    """Whether the active tenant has a key ring already (without creating one)."""
    return _read_document(current_tenant()) is not None


def _generate(tenant: Tenant) -> str:
    profile = tenant.profile
    ring = KeyRing.generate(
        profile.certificates.country, profile.text(profile.certificates.issuer_name, "en")
    )
    document = ring.to_json(passphrase(tenant))
    if not _write_document(tenant, document, create=True):
        # another process generated one first: use theirs
        existing = _read_document(tenant)
        assert existing is not None
        return existing
    return document


def _change(actor: object, action: str, change: str, apply: object) -> SigningKey | None:
    tenant = current_tenant()
    with transaction.atomic():
        if keys_dir() is None:
            KeyRingRecord.objects.select_for_update().filter(slot=1).first()
        document = _read_document(tenant) or _generate(tenant)
        ring = KeyRing.from_json(document, passphrase(tenant))
        try:
            result = apply(ring)  # type: ignore[operator]
        except SigningKeyError as error:
            raise KeyStoreError(f"keys.{error.code}", error.message) from None
        _write_document(tenant, ring.to_json(passphrase(tenant)), create=False)
        audit(actor, action, details={"key": change or getattr(result, "key_id", "")})
    return result  # type: ignore[no-any-return]


def rotate_key(purpose: str, *, actor: object, valid_days: int = 730) -> SigningKey:
    """Generate a new key for ``purpose`` (``dsc`` or ``vc``); the old one is retired and stays
    published, so certificates it signed keep verifying."""
    key = _change(
        actor,
        "certificates.key_rotate",
        "",
        lambda ring: ring.rotate(purpose, valid_days=valid_days),
    )
    assert key is not None
    return key


def revoke_key(key_id: str, *, actor: object) -> None:
    """Revoke a key: certificates it signed fail verification once trust is fetched again.
    Revoking the active key of a purpose leaves none: rotate to issue again."""
    _change(actor, "certificates.key_revoke", key_id, lambda ring: ring.revoke(key_id))


def import_key(key: SigningKey, *, actor: object, activate: bool = True) -> SigningKey:
    """Add an existing key (e.g. a DSC signed by the national CSCA) to the ring."""

    def add(ring: KeyRing) -> SigningKey:
        profile = current_tenant().profile
        if key.certificate is not None and key.purpose == "dsc":
            country = key.certificate.subject.get_attributes_for_oid(_country_oid())
            if country and country[0].value != profile.certificates.country:
                raise SigningKeyError(
                    "wrong_country",
                    f"the certificate is for {country[0].value}, the tenant issues for "
                    f"{profile.certificates.country}",
                )
        ring.add(key, activate=activate)
        return key

    result = _change(actor, "certificates.key_import", key.key_id, add)
    assert result is not None
    return result


def _country_oid() -> object:
    from cryptography.x509.oid import NameOID

    return NameOID.COUNTRY_NAME
