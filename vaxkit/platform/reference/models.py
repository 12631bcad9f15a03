"""Rows mirroring parts of the profile, so that facilities, sessions and doses can point at them.

The profile stays authoritative for behaviour (eligibility, formats); these rows exist for
foreign keys, search and reports. Seeding never deletes: a part removed from the profile is
marked inactive so that history keeps its references.
"""

from __future__ import annotations

from django.db import models


class LocalizedNames(models.Model):
    """Base for rows with a name per language (``{"en": "Karnataka", "kn": "ಕರ್ನಾಟಕ"}``)."""

    names = models.JSONField(default=dict)
    active = models.BooleanField(default=True)

    class Meta:
        abstract = True

    def name(self, language: str | None = None) -> str:
        """The name in ``language``, else English, else any."""
        names = self.names or {}
        return names.get(language or "") or names.get("en") or next(iter(names.values()), "")


class AdminArea(LocalizedNames):
    """A node of the administrative tree (state, district, block ...)."""

    code = models.CharField(max_length=32, unique=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    level = models.PositiveSmallIntegerField(help_text="0 for the top level.")
    level_key = models.CharField(max_length=32)
    path = models.CharField(
        max_length=400,
        db_index=True,
        help_text="Codes from the top, each ending in '/'; a subtree is a prefix.",
    )
    postal_codes = models.JSONField(default=list, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["level", "position", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name()}"


class Vaccine(LocalizedNames):
    """A vaccine product in use in this jurisdiction."""

    code = models.CharField(max_length=64, unique=True)
    product_name = models.CharField(max_length=120)
    manufacturer = models.CharField(max_length=200)
    doses = models.PositiveSmallIntegerField()
    paid = models.BooleanField(default=False)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.product_name


class IdDocumentType(LocalizedNames):
    """An identity document accepted at registration."""

    code = models.CharField(max_length=64, unique=True)
    photo_id_type = models.PositiveIntegerField(help_text="Id in the CoWIN-compatible API.")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.code


class Cohort(LocalizedNames):
    """An age/priority group, most prioritised first."""

    code = models.CharField(max_length=64, unique=True)
    min_age = models.PositiveSmallIntegerField(default=0)
    max_age = models.PositiveSmallIntegerField(null=True, blank=True)
    opens_on = models.DateField()
    closes_on = models.DateField(null=True, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.code
