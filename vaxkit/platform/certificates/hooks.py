"""The hook the core calls after a dose commits (``vaxkit.platform.signals.CERTIFICATE_HOOK``)."""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)


def on_dose_recorded(*, schema_name: str, dose_id: int) -> None:
    """Enqueue the certificate issuance of ``dose_id`` in tenant ``schema_name``.

    Runs after the dose's transaction committed, in the recording request: a failure here must
    not turn the (already saved) dose into an error page, so it is logged instead.
    """
    from vaxkit.platform.certificates.tasks import issue_for_dose
    from vaxkit.platform.jobs import enqueue

    try:
        enqueue(issue_for_dose, schema_name, dose_id)
    except Exception:  # the broker is down, or an eager run failed unexpectedly
        log.exception("could not enqueue certificate issuance for dose %s", dose_id)
