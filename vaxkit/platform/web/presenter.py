"""The presenter page on the public host: every tenant with its address, languages, demo staff
accounts and ready journeys, so that a workshop presenter can click rather than type.

It exists only where the development SMS inbox does (``VAXKIT_SMS_INBOX_VISIBLE``: local, demo,
test; never production), because it prints the demo's shared password and points to the inbox.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django_tenants.utils import tenant_context

from vaxkit.platform.demo.prepare import DEMO_PASSWORD
from vaxkit.platform.demo.seed import demo_logins
from vaxkit.platform.sms.outbox import inbox_visible
from vaxkit.platform.tenants.directory import TenantEntry, tenant_directory
from vaxkit.platform.tenants.provisioning import get_tenant
from vaxkit.platform.web.languages import default_language, page_languages


@never_cache
def presenter(request: HttpRequest) -> HttpResponse:
    """``/presenter/`` on the landing host; 404 unless the development inbox is on."""
    if not inbox_visible():
        raise Http404
    scheme, port = request.scheme or "http", request.get_port()
    tenants = [presenter_entry(entry, scheme, port) for entry in tenant_directory()]
    return render(request, "public/presenter.html", {"tenants": tenants, "password": DEMO_PASSWORD})


def presenter_entry(entry: TenantEntry, scheme: str, port: int | str | None) -> dict[str, Any]:
    """What the presenter page shows of one tenant (one tenant-schema query for its staff)."""
    tenant = get_tenant(entry.code)
    profile = tenant.profile
    language = default_language(profile)
    base = entry.url(scheme, port).rstrip("/")
    with tenant_context(tenant):
        logins = demo_logins()
    phone = profile.country.phone
    journeys = [
        {
            "title": "Citizen: sign in, register, book",
            "url": f"{base}/signin",
            "detail": f"mobile {phone.example} (+{phone.country_code}); OTP in the SMS inbox",
        },
        {"title": "Development SMS inbox (OTPs)", "url": f"{base}/dev/sms", "detail": ""},
        {
            "title": "Verify a certificate offline",
            "url": f"{base}/certificates/verifier/",
            "detail": "scan the QR code of a certificate, or paste its payload",
        },
    ]
    if logins:
        journeys.append(
            {
                "title": "Staff: sign in (vaccinator, centre, admin)",
                "url": f"{base}/staff/signin",
                "detail": ", ".join(login.username for login in logins),
            }
        )
    return {
        "code": entry.code,
        "name": profile.text(profile.branding.platform_name, language.code),
        "place": entry.name,
        "url": f"{base}/",
        "language": language,
        "languages": page_languages(profile),
        "logins": logins,
        "journeys": journeys,
        "color": profile.branding.colors.primary,
    }
