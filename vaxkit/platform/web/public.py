"""The public landing page: every jurisdiction hosted here, each in its own name and colours."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from vaxkit.platform.sms.outbox import inbox_visible
from vaxkit.platform.tenants.directory import tenant_directory
from vaxkit.platform.tenants.provisioning import get_tenant
from vaxkit.platform.web.languages import default_language


def landing(request: HttpRequest) -> HttpResponse:
    port = request.get_port()
    entries = []
    for entry in tenant_directory():
        profile = get_tenant(entry.code).profile
        language = default_language(profile)
        entries.append(
            {
                "url": entry.url(request.scheme or "http", port),
                "name": profile.text(profile.branding.platform_name, language.code),
                "place": entry.name,
                "code": entry.code,
                "language": language,
                "color": profile.branding.colors.primary,
            }
        )
    return render(
        request, "public/landing.html", {"entries": entries, "presenter": inbox_visible()}
    )
