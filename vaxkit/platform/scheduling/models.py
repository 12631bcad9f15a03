"""Facilities, sessions with their capacity, and appointments.

Capacity lives in its own rows (one shared row, ``dose_number = 0``, or one per dose number)
changed only by one conditional UPDATE, and the database refuses overbooking by itself: a CHECK
constraint keeps ``0 <= booked <= capacity``, a partial unique constraint allows one active
appointment per beneficiary and dose number (DESIGN.md house rule 6).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

SHARED_CAPACITY = 0
"""``SessionCapacity.dose_number`` of a capacity shared by every dose number."""


class Facility(models.Model):
    """A vaccination centre."""

    class Fee(models.TextChoices):
        FREE = "free", "Free"
        PAID = "paid", "Paid"

    name = models.CharField(max_length=200)
    address = models.CharField(max_length=300, blank=True)
    area = models.ForeignKey(
        "reference.AdminArea", on_delete=models.PROTECT, related_name="facilities"
    )
    area_path = models.CharField(
        max_length=400, db_index=True, help_text="Copy of the area's path for subtree search."
    )
    postal_code = models.CharField(max_length=16, db_index=True)
    latitude = models.FloatField()
    longitude = models.FloatField()
    fee_type = models.CharField(max_length=8, choices=Fee.choices, default=Fee.FREE)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["latitude", "longitude"])]
        verbose_name_plural = "facilities"

    def __str__(self) -> str:
        return self.name


class Session(models.Model):
    """One day of vaccination with one vaccine at one facility."""

    session_id = models.UUIDField(default=uuid.uuid4, unique=True)
    facility = models.ForeignKey(Facility, on_delete=models.PROTECT, related_name="sessions")
    date = models.DateField(db_index=True)
    vaccine = models.ForeignKey("reference.Vaccine", on_delete=models.PROTECT)
    min_age = models.PositiveSmallIntegerField(default=0)
    max_age = models.PositiveSmallIntegerField(null=True, blank=True)
    slots = models.JSONField(default=list, help_text="Time slot labels such as '09:00-11:00'.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    cancelled = models.BooleanField(default=False)

    class Meta:
        ordering = ["date", "facility_id", "id"]
        indexes = [models.Index(fields=["facility", "date"])]

    def __str__(self) -> str:
        return f"{self.facility_id} {self.date} {self.vaccine_id}"


class SessionCapacity(models.Model):
    """Seats of a session for one dose number (or for all: ``dose_number = 0``)."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="capacities")
    dose_number = models.PositiveSmallIntegerField(default=SHARED_CAPACITY)
    capacity = models.PositiveIntegerField()
    booked = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "dose_number"], name="capacity_one_per_dose"
            ),
            models.CheckConstraint(
                condition=Q(booked__gte=0) & Q(booked__lte=models.F("capacity")),
                name="capacity_booked_within_bounds",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.booked}/{self.capacity}"

    @property
    def available(self) -> int:
        return self.capacity - self.booked


class Appointment(models.Model):
    """A booked seat. At most one active appointment per beneficiary and dose number."""

    class Status(models.TextChoices):
        BOOKED = "booked", "Booked"
        CANCELLED = "cancelled", "Cancelled"
        COMPLETED = "completed", "Completed"

    ACTIVE = (Status.BOOKED, Status.COMPLETED)

    appointment_id = models.UUIDField(default=uuid.uuid4, unique=True)
    beneficiary = models.ForeignKey(
        "registration.Beneficiary", on_delete=models.PROTECT, related_name="appointments"
    )
    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="appointments")
    capacity = models.ForeignKey(SessionCapacity, on_delete=models.PROTECT, related_name="+")
    dose_number = models.PositiveSmallIntegerField()
    slot = models.CharField(max_length=40, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.BOOKED)
    security_code = models.CharField(max_length=4)
    reschedules = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["beneficiary", "dose_number"],
                condition=Q(status__in=["booked", "completed"]),
                name="appointment_one_active_per_dose",
            ),
        ]
        indexes = [models.Index(fields=["session", "status"])]

    def __str__(self) -> str:
        return f"appointment {self.appointment_id}"
