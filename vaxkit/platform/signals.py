"""Hooks other parts of the platform connect to.

``dose_recorded`` is sent after the transaction that recorded a dose commits, with
``schema_name`` and ``dose_id``. When the certificates app (``vaxkit.platform.certificates``)
is installed, :data:`CERTIFICATE_HOOK` is called the same way: it must be a function
``on_dose_recorded(*, schema_name: str, dose_id: int) -> None`` that enqueues issuance (it runs
after commit, in the request's process, so it should hand heavy work to a job). A missing hook
is reported by the system check ``vaxkit.E005``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.apps import apps
from django.db import connection, transaction
from django.dispatch import Signal
from django.utils.module_loading import import_string

dose_recorded = Signal()
"""Sent with ``schema_name`` and ``dose_id`` once a dose is committed."""

seats_changed = Signal()
"""Sent with ``facilities`` (Facility rows) once a booking, cancellation or reschedule that
changed their free seats is committed; cached availability listens to it."""


def announce_seats_changed(*facilities: object) -> None:
    """Send :data:`seats_changed` for ``facilities`` after the current transaction commits."""
    transaction.on_commit(lambda: seats_changed.send(sender=None, facilities=facilities))


CERTIFICATE_APP = "vaxkit.platform.certificates"
CERTIFICATE_HOOK = "vaxkit.platform.certificates.hooks.on_dose_recorded"

logger = logging.getLogger(__name__)


def certificate_hook() -> Callable[..., None] | None:
    """The certificates app's hook, or None when that app is not installed (or lacks it)."""
    if not apps.is_installed(CERTIFICATE_APP):
        return None
    try:
        return import_string(CERTIFICATE_HOOK)
    except ImportError:
        return None


def after_dose_recorded(dose_id: int) -> None:
    """Schedule the dose's follow-ups (certificate issuance) for after the commit."""
    schema_name = connection.schema_name

    def notify() -> None:
        dose_recorded.send(sender=None, schema_name=schema_name, dose_id=dose_id)
        hook = certificate_hook()
        if hook is not None:
            hook(schema_name=schema_name, dose_id=dose_id)
        elif apps.is_installed(CERTIFICATE_APP):
            # the dose is committed; a deployment without the hook is flagged by vaxkit.E005
            logger.error(
                "no certificate hook %s: dose %s has no certificate", CERTIFICATE_HOOK, dose_id
            )

    transaction.on_commit(notify)
