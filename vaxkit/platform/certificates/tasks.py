"""Background jobs of the certificates app (Celery; eager without a broker).

Imported by the app's ``ready()``, so every process that sets up Django (workers included)
registers the tasks.
"""

from __future__ import annotations

import logging

from django.db import OperationalError

from vaxkit.platform.actors import System
from vaxkit.platform.errors import ServiceError
from vaxkit.platform.jobs import tenant_task

log = logging.getLogger(__name__)
ACTOR = System("certificates")


@tenant_task(
    "certificates.issue_for_dose",
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
)
def issue_for_dose(dose_id: int) -> str | None:
    """Issue the certificate of a committed dose; returns its id (``None`` if it could not be
    issued: the reason is logged with codes only, and a later re-issue can fix it)."""
    from vaxkit.platform.certificates.issuance import issue_certificate
    from vaxkit.platform.vaccination.models import Dose

    dose = (
        Dose.objects.select_related("beneficiary", "vaccine", "facility__area", "vaccinator")
        .filter(pk=dose_id)
        .first()
    )
    if dose is None:
        log.warning("certificate not issued: dose %s does not exist", dose_id)
        return None
    try:
        return issue_certificate(dose, actor=ACTOR).certificate_id
    except ServiceError as error:
        if error.code == "certificate.no_formats":  # a profile that prints unsigned PDFs only
            log.info(
                "no signed certificate for dose %s: the profile selects no signed format", dose_id
            )
            return None
        log.error(
            "certificate not issued for dose %s: %s (%s)",
            dose_id,
            error.code,
            error.params.get("reason", ""),
        )
        return None
