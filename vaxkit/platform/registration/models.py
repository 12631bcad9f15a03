"""Accounts (a mobile number), OTP challenges, citizen sessions and beneficiaries.

Phone and ID numbers are sealed (AES-GCM) with a keyed hash beside them for lookups; the
masked form is stored for display, so nothing needs to decrypt just to show a row.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone

from vaxkit.platform.sealing import SealedField


class Account(models.Model):
    """A mobile number that has signed in at least once."""

    phone = SealedField()
    phone_hash = models.CharField(max_length=64, unique=True)
    phone_masked = models.CharField(max_length=32)
    created_at = models.DateTimeField(default=timezone.now)
    last_sign_in_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.phone_masked


class OtpChallenge(models.Model):
    """One OTP sent to a number, bound to its transaction id; the code is stored hashed."""

    txn_id = models.UUIDField(default=uuid.uuid4, unique=True)
    phone = SealedField(help_text="The number the OTP went to, to open its account.")
    phone_hash = models.CharField(max_length=64, db_index=True)
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    tries = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)
    void = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"OTP {self.txn_id}"


class CitizenSession(models.Model):
    """A signed-in session: the bearer token is stored hashed."""

    token_hash = models.CharField(max_length=64, unique=True)
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="sessions")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"session {self.pk} of {self.account_id}"


class Beneficiary(models.Model):
    """A person registered for vaccination, by a citizen's account or at a centre (walk-in)."""

    class Source(models.TextChoices):
        SELF = "self", "Self-registered"
        WALK_IN = "walk_in", "Registered at a centre"

    reference_id = models.CharField(max_length=14, unique=True)
    account = models.ForeignKey(
        Account, null=True, blank=True, on_delete=models.PROTECT, related_name="beneficiaries"
    )
    name_parts = models.JSONField(help_text="Name parts keyed as in the profile's name model.")
    display_name = models.CharField(max_length=400)
    birth_date = models.DateField(null=True, blank=True)
    birth_year = models.PositiveSmallIntegerField()
    gender = models.CharField(max_length=12)
    id_type = models.CharField(max_length=64)
    id_number = SealedField()
    id_hash = models.CharField(max_length=64, unique=True)
    id_masked = models.CharField(max_length=64)
    qualifiers = models.JSONField(default=list, blank=True)
    consent_version = models.CharField(max_length=16)
    consented_at = models.DateTimeField(default=timezone.now)
    source = models.CharField(max_length=12, choices=Source.choices, default=Source.SELF)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.reference_id} ({self.id_masked})"
