"""The development SMS inbox: the tenant's latest SMS (OTPs included), for demos and tests.

Shown only when the settings enable it (``VAXKIT_SMS_INBOX_VISIBLE``: local, demo, test; never
production); otherwise the page does not exist. Numbers are masked as everywhere else.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from vaxkit.identity.phones import mask_phone
from vaxkit.platform.sms.outbox import InboxDisabled, read_outbox


@never_cache
def sms_inbox(request: HttpRequest) -> HttpResponse:
    try:
        outbox = read_outbox(request.tenant.code, limit=50)  # type: ignore[attr-defined]
    except InboxDisabled:
        raise Http404 from None
    rows = [
        {"to": mask_phone(message.to), "body": message.body, "sent_at": message.sent_at}
        for message in outbox
    ]
    return render(request, "dev/sms_inbox.html", {"messages_sent": rows})
