"""Writing audit rows: one call per state change or personal-data read."""

from __future__ import annotations

from typing import Any

from django.db import models

from vaxkit.platform.actors import describe
from vaxkit.platform.audit.models import AuditLog


def audit(
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    *,
    purpose: str = "",
    details: dict[str, Any] | None = None,
) -> AuditLog:
    """Record that ``actor`` did ``action`` (``booking.create``, ``beneficiary.read``) to ``obj``.

    ``details`` must not contain personal data: ids, codes and counts only.
    """
    info = describe(actor)
    return AuditLog.objects.create(
        actor_kind=info.kind,
        actor_id=info.id,
        actor_label=info.label[:150],
        action=action,
        purpose=purpose,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        ip=info.ip,
        details=details or {},
    )


def audit_many(
    actor: Any, action: str, objects: list[models.Model], *, purpose: str
) -> list[AuditLog]:
    """One row per object read (a list of beneficiaries shown to a vaccinator), in one query."""
    info = describe(actor)
    rows = [
        AuditLog(
            actor_kind=info.kind,
            actor_id=info.id,
            actor_label=info.label[:150],
            action=action,
            purpose=purpose,
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
            ip=info.ip,
        )
        for obj in objects
    ]
    return AuditLog.objects.bulk_create(rows)
