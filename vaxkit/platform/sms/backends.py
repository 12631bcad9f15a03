"""SMS backends: ``console``, ``file`` (development outbox), ``http`` (a gateway), ``memory``.

Select one with ``VAXKIT_SMS_BACKEND`` (a name above or a dotted path to a class with
``send(message)``).
"""

from __future__ import annotations

import fcntl
import json
import sys
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from vaxkit.identity.phones import mask_phone


@dataclass(frozen=True)
class SmsMessage:
    to: str
    """E.164 number."""
    body: str
    tenant: str
    """Tenant code."""
    sent_at: str
    """ISO 8601 UTC time of sending."""


class SmsDeliveryError(RuntimeError):
    """The gateway refused or could not be reached; the job retries."""

    code = "sms.delivery_failed"


class ConsoleBackend:
    """Prints messages (number masked) for development."""

    def send(self, message: SmsMessage) -> None:
        print(
            f"[sms {message.tenant}] to {mask_phone(message.to)}: {message.body}", file=sys.stderr
        )


class FileBackend:
    """Appends one JSON object per message to ``VAXKIT_SMS_OUTBOX`` (the development inbox)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path or settings.VAXKIT_SMS_OUTBOX)

    def send(self, message: SmsMessage) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        line = json.dumps(asdict(message), ensure_ascii=False) + "\n"
        with self.path.open("a", encoding="utf-8") as out:
            fcntl.flock(out, fcntl.LOCK_EX)  # several web processes append to one file
            out.write(line)
            fcntl.flock(out, fcntl.LOCK_UN)


class HttpBackend:
    """POSTs ``{"to", "body", "tenant", "sent_at"}`` as JSON to ``VAXKIT_SMS_HTTP_URL`` with
    ``Authorization: Bearer VAXKIT_SMS_HTTP_TOKEN``; any non-2xx answer is a failure."""

    def __init__(self, url: str | None = None, token: str | None = None) -> None:
        self.url = url or settings.VAXKIT_SMS_HTTP_URL
        self.token = token if token is not None else settings.VAXKIT_SMS_HTTP_TOKEN
        if not self.url.startswith(("http://", "https://")):
            raise ImproperlyConfigured("VAXKIT_SMS_HTTP_URL must be an http(s) URL of the gateway.")

    def send(self, message: SmsMessage) -> None:
        request = urllib.request.Request(  # noqa: S310 (scheme checked above)
            self.url,
            data=json.dumps(asdict(message)).encode(),
            method="POST",
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {self.token}"},
        )
        try:
            with urllib.request.urlopen(  # noqa: S310
                request, timeout=settings.VAXKIT_SMS_HTTP_TIMEOUT
            ) as response:
                status = response.status
        except urllib.error.HTTPError as exc:
            raise SmsDeliveryError(f"SMS gateway answered {exc.code}") from None
        except OSError as exc:
            raise SmsDeliveryError(f"SMS gateway unreachable: {exc}") from None
        if not 200 <= status < 300:
            raise SmsDeliveryError(f"SMS gateway answered {status}")


outbox: list[SmsMessage] = []
"""Messages sent through the memory backend (tests read and clear it)."""


class MemoryBackend:
    """Keeps messages in :data:`outbox`."""

    def send(self, message: SmsMessage) -> None:
        outbox.append(message)


BACKENDS = {
    "console": ConsoleBackend,
    "file": FileBackend,
    "http": HttpBackend,
    "memory": MemoryBackend,
}


def get_backend() -> ConsoleBackend | FileBackend | HttpBackend | MemoryBackend:
    """The configured backend."""
    name = settings.VAXKIT_SMS_BACKEND
    if name in BACKENDS:
        return BACKENDS[name]()
    try:
        return import_string(name)()
    except ImportError:
        raise ImproperlyConfigured(
            f"VAXKIT_SMS_BACKEND '{name}' is neither one of {', '.join(BACKENDS)} nor an "
            "importable class."
        ) from None
