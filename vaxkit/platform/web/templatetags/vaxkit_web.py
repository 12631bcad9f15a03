"""Template tags of the web pages: the tenant's site, localized profile texts, local formats."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template

from vaxkit.platform.web import formatting
from vaxkit.platform.web.site import Site, site_for

register = template.Library()


@register.simple_tag(takes_context=True)
def site(context: template.Context) -> Site | None:
    """``{% site as site %}``: branding, languages and direction of the request's tenant."""
    request = context.get("request")
    return site_for(request) if request is not None else None


@register.simple_tag(takes_context=True)
def ptext(context: template.Context, value: dict[str, str] | None) -> str:
    """``{% ptext labels %}``: a profile text in the page language."""
    if not value:
        return ""
    current = site_for(context["request"])
    return current.text(value) if current else value.get("en", "")


@register.filter
def local_date(value: dt.date | str | None, style: str = "medium") -> str:
    """A date as the page language writes it (``style``: short, medium, long, full)."""
    return formatting.format_date(value, style)


@register.filter
def local_weekday(value: dt.date) -> str:
    return formatting.format_weekday(value)


@register.filter
def local_number(value: Any) -> str:
    return formatting.format_number(value)


@register.filter
def local_percent(value: float | None) -> str:
    return formatting.format_percent(value)


@register.filter
def appointment_status(value: str) -> str:
    """An appointment's status in the page language."""
    from vaxkit.platform.web.citizen.presenters import appointment_status_label

    return appointment_status_label(value)
