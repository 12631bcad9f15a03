"""Reading the development outbox, for the clearly marked SMS inbox page of demos.

Only when ``VAXKIT_SMS_INBOX_VISIBLE`` is on (local, demo and test settings; never production).
"""

from __future__ import annotations

import json
from collections import deque
from pathlib import Path

from django.conf import settings

from vaxkit.platform.sms import backends
from vaxkit.platform.sms.backends import SmsMessage


class InboxDisabled(PermissionError):
    code = "sms.inbox_disabled"


def inbox_visible() -> bool:
    return bool(getattr(settings, "VAXKIT_SMS_INBOX_VISIBLE", False))


def read_outbox(tenant_code: str | None = None, *, limit: int = 50) -> list[SmsMessage]:
    """The latest messages (newest first), of one tenant if ``tenant_code`` is given.

    Reads the file outbox, or the memory outbox when that backend is in use.
    """
    if not inbox_visible():
        raise InboxDisabled("The development SMS inbox is disabled in this installation.")
    if settings.VAXKIT_SMS_BACKEND == "memory":
        messages = list(backends.outbox)
    else:
        messages = _read_file(Path(settings.VAXKIT_SMS_OUTBOX), limit * 20)
    if tenant_code:
        messages = [m for m in messages if m.tenant == tenant_code]
    return list(reversed(messages))[:limit]


def _read_file(path: Path, tail: int) -> list[SmsMessage]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as lines:
        recent = deque(lines, maxlen=tail)
    messages = []
    for line in recent:
        try:
            data = json.loads(line)
            messages.append(
                SmsMessage(data["to"], data["body"], data["tenant"], data.get("sent_at", ""))
            )
        except (ValueError, KeyError, TypeError):
            continue  # a line being written, or not ours
    return messages
