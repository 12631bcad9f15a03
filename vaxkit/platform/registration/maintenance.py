"""Housekeeping jobs: expired OTPs and sessions are deleted, per tenant."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from vaxkit.platform.jobs import tenant_task
from vaxkit.platform.registration.models import CitizenSession, OtpChallenge

KEEP_FOR = dt.timedelta(days=1)


@tenant_task("vaxkit.registration.purge_expired")
def purge_expired() -> dict[str, int]:
    """Delete OTP challenges and sessions that ended more than a day ago (in the task's tenant:
    the first task argument is its schema name)."""
    cutoff = timezone.now() - KEEP_FOR
    with transaction.atomic():
        otps, _ = OtpChallenge.objects.filter(expires_at__lt=cutoff).delete()
        sessions, _ = CitizenSession.objects.filter(expires_at__lt=cutoff).delete()
    return {"otps": otps, "sessions": sessions}
