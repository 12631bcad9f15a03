"""A tenant's signing key ring (encrypted) and the certificates it issued.

A certificate row keeps the canonical record and every signed payload string, exactly as
signed at issue time; QR images and PDFs are rendered from them on demand and cached.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone


class KeyRingRecord(models.Model):
    """The tenant's key ring as ``KeyRing.to_json`` writes it: every private key inside is an
    encrypted PKCS#8 envelope, so the database never holds a key in the clear. One row per
    tenant schema (``slot`` is always 1)."""

    slot = models.PositiveSmallIntegerField(default=1, unique=True)
    document = models.TextField()
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.CheckConstraint(name="keyring_single_slot", condition=Q(slot=1))]

    def __str__(self) -> str:
        return f"key ring (updated {self.updated_at:%Y-%m-%d %H:%M})"


class Certificate(models.Model):
    """One signed vaccination certificate, in every format the profile selects."""

    class Status(models.TextChoices):
        PROVISIONAL = "provisional", "Provisional"
        FINAL = "final", "Final"

    certificate_id = models.CharField(max_length=80, unique=True)
    beneficiary = models.ForeignKey(
        "registration.Beneficiary", on_delete=models.PROTECT, related_name="certificates"
    )
    dose = models.ForeignKey(
        "vaccination.Dose", on_delete=models.PROTECT, related_name="certificates"
    )
    status = models.CharField(max_length=12, choices=Status.choices)
    record = models.JSONField(help_text="The canonical record the payloads were encoded from.")
    payloads = models.JSONField(help_text="Signed payload string per format.")
    key_ids = models.JSONField(help_text="Id of the key that signed each format.")
    issued_at = models.DateTimeField(default=timezone.now)
    superseded_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="supersedes"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["beneficiary_id", "issued_at", "id"]
        indexes = [models.Index(fields=["beneficiary", "issued_at"])]

    def __str__(self) -> str:
        return self.certificate_id

    @property
    def is_current(self) -> bool:
        """Neither superseded by a later certificate nor revoked."""
        return self.superseded_by_id is None and self.revoked_at is None
