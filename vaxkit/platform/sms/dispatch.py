"""Queueing SMS after the transaction commits; the job delivers through the backend."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from vaxkit.platform.jobs import current_schema, enqueue, tenant_task
from vaxkit.platform.sealing import seal, unseal
from vaxkit.platform.sms.backends import SmsMessage, get_backend

_CONTEXT = "sms.job"


def send_sms(to_e164: str, body: str, *, tenant_code: str) -> None:
    """Send ``body`` to ``to_e164`` once the current transaction commits (never if it rolls
    back). Number and text travel sealed through the broker, which may keep them on disk."""
    schema = current_schema()
    payload = (seal(to_e164, _CONTEXT), seal(body, _CONTEXT), tenant_code)
    transaction.on_commit(lambda: enqueue(deliver_sms, schema, *payload))


@tenant_task(
    "vaxkit.sms.deliver", autoretry_for=(OSError, RuntimeError), retry_backoff=True, max_retries=5
)
def deliver_sms(sealed_to: str, sealed_body: str, tenant_code: str) -> None:
    """Deliver one message through the configured backend."""
    get_backend().send(
        SmsMessage(
            to=unseal(sealed_to, _CONTEXT),
            body=unseal(sealed_body, _CONTEXT),
            tenant=tenant_code,
            sent_at=timezone.now().isoformat(),
        )
    )
