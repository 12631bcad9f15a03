"""Dates and numbers written the way each language writes them (CLDR through Babel).

Django's own formats cover only the languages Django ships; Babel's CLDR data covers nearly
all, and a profile's ``languages.fallbacks`` covers the rest (Aymara is formatted as Spanish).
The page language's Babel locale is set per request by the language middleware.
"""

from __future__ import annotations

import datetime as dt
from contextvars import ContextVar

from babel import dates as babel_dates
from babel import numbers as babel_numbers

_format_locale: ContextVar[str] = ContextVar("vaxkit_format_locale", default="en")


def use_format_locale(locale: str) -> None:
    """Format the rest of this request in ``locale`` (a Babel locale id)."""
    _format_locale.set(locale)


def format_locale() -> str:
    """The Babel locale id of the current request."""
    return _format_locale.get()


def format_date(value: dt.date | str | None, style: str = "medium") -> str:
    """``value`` (a date or an ISO date string) in the page's language."""
    if value in (None, ""):
        return ""
    day = dt.date.fromisoformat(value) if isinstance(value, str) else value
    if isinstance(day, dt.datetime):
        day = day.date()
    return babel_dates.format_date(day, format=style, locale=format_locale())


def format_datetime(value: dt.datetime | None, time_zone: str | None = None) -> str:
    """A date with its time, in ``time_zone`` (the tenant's) when given."""
    if value is None:
        return ""
    return babel_dates.format_datetime(
        value, format="medium", tzinfo=babel_dates.get_timezone(time_zone), locale=format_locale()
    )


def format_weekday(value: dt.date) -> str:
    """Short weekday name (``Mon``, ``सोम``)."""
    return babel_dates.format_date(value, format="EEE", locale=format_locale())


def format_number(value: int | float | None) -> str:
    """A number with the language's grouping and decimal signs."""
    if value is None:
        return ""
    return babel_numbers.format_decimal(value, locale=format_locale())


def format_percent(value: float | None) -> str:
    """A share (0..1) as a percentage with one decimal."""
    if value is None:
        return ""
    return babel_numbers.format_percent(value, format="#,##0.0%", locale=format_locale())
