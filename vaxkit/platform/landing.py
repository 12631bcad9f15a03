"""The public landing page: the jurisdictions hosted here, each with a link to its site.

A minimal page of its own so the public host works in every build; the web interface replaces
it with a styled one (``vaxkit.platform.web.urls_public``) when present.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.html import format_html, format_html_join

from vaxkit.platform.tenants.directory import tenant_directory


def landing(request: HttpRequest) -> HttpResponse:
    """List tenants with their primary URL on this server's port."""
    port = request.get_port()
    rows = format_html_join(
        "\n",
        '<li><a href="{}">{}</a> <small>{}</small></li>',
        ((entry.url(request.scheme, port), entry.name, entry.code) for entry in tenant_directory()),
    )
    body = format_html(
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<title>vaxkit</title></head><body><h1>Vaccination platforms on this server</h1>"
        "<ul>{}</ul></body></html>",
        rows,
    )
    return HttpResponse(body)
