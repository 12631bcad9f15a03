"""Staff members with a role and a scope, doses given, adverse events following immunisation."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Role(models.TextChoices):
    VACCINATOR = "vaccinator", "Vaccinator"
    FACILITY_ADMIN = "facility_admin", "Facility administrator"
    DISTRICT_ADMIN = "district_admin", "District administrator"
    NATIONAL_ADMIN = "national_admin", "National administrator"


class StaffMember(models.Model):
    """A user's role in this tenant, scoped to a facility (vaccinator, facility admin), an
    admin area (district admin) or the whole jurisdiction (national admin)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    facility = models.ForeignKey(
        "scheduling.Facility", null=True, blank=True, on_delete=models.PROTECT, related_name="staff"
    )
    area = models.ForeignKey(
        "reference.AdminArea", null=True, blank=True, on_delete=models.PROTECT, related_name="staff"
    )
    display_name = models.CharField(max_length=200, blank=True)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="staff_scope_matches_role",
                condition=(
                    Q(role__in=["vaccinator", "facility_admin"], facility__isnull=False)
                    | Q(role="district_admin", area__isnull=False)
                    | Q(role="national_admin")
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user.get_username()} ({self.role})"


class Dose(models.Model):
    """A dose given. Unique per beneficiary and dose number; also unique per idempotency key,
    so a vaccinator's app can retry a submission without recording twice."""

    class Site(models.TextChoices):
        LEFT_ARM = "left_arm", "Left upper arm"
        RIGHT_ARM = "right_arm", "Right upper arm"
        LEFT_THIGH = "left_thigh", "Left thigh"
        RIGHT_THIGH = "right_thigh", "Right thigh"
        OTHER = "other", "Other"

    beneficiary = models.ForeignKey(
        "registration.Beneficiary", on_delete=models.PROTECT, related_name="doses"
    )
    vaccine = models.ForeignKey("reference.Vaccine", on_delete=models.PROTECT)
    dose_number = models.PositiveSmallIntegerField()
    lot = models.CharField(max_length=40)
    date = models.DateField()
    site = models.CharField(max_length=12, choices=Site.choices, default=Site.LEFT_ARM)
    facility = models.ForeignKey(
        "scheduling.Facility", on_delete=models.PROTECT, related_name="doses"
    )
    vaccinator = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="doses")
    appointment = models.OneToOneField(
        "scheduling.Appointment",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dose",
    )
    idempotency_key = models.CharField(max_length=80, unique=True)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["beneficiary_id", "dose_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["beneficiary", "dose_number"], name="dose_one_per_number"
            ),
        ]

    def __str__(self) -> str:
        return f"dose {self.dose_number} of {self.beneficiary_id} on {self.date}"


class AdverseEvent(models.Model):
    """An adverse event following immunisation (AEFI), reported against a dose."""

    class Severity(models.TextChoices):
        MILD = "mild", "Mild"
        MODERATE = "moderate", "Moderate"
        SEVERE = "severe", "Severe"

    class Outcome(models.TextChoices):
        RECOVERED = "recovered", "Recovered"
        RECOVERING = "recovering", "Recovering"
        NOT_RECOVERED = "not_recovered", "Not recovered"
        RECOVERED_WITH_SEQUELAE = "sequelae", "Recovered with sequelae"
        FATAL = "fatal", "Fatal"
        UNKNOWN = "unknown", "Unknown"

    dose = models.ForeignKey(Dose, on_delete=models.PROTECT, related_name="adverse_events")
    onset_date = models.DateField()
    severity = models.CharField(max_length=10, choices=Severity.choices)
    symptoms = models.JSONField(default=list)
    outcome = models.CharField(max_length=16, choices=Outcome.choices)
    serious = models.BooleanField()
    notes = models.TextField(blank=True)
    reported_by = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="+")
    reported_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"AEFI {self.pk} on dose {self.dose_id} ({self.severity})"
