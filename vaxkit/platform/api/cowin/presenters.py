"""Shaping core query results as CoWIN's JSON: centres, sessions, slots, translated twins.

Field names, types and formats follow the captured CoWIN responses: ``pincode`` an integer
(0 where the country has no postal codes), dates ``dd-mm-yyyy``, both dose capacities always
present, slots as plain strings (``09:00AM-11:00AM``), ``fee`` as a string.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.http import HttpRequest

from vaxkit.platform.api.queries import BLOCK, DISTRICT, STATE, AreaNames, area_names_by_code
from vaxkit.platform.scheduling.search import SessionSummary
from vaxkit.profiles.schema import Profile

DEFAULT_FROM, DEFAULT_TO = dt.time(9, 0), dt.time(17, 0)
_CORE_SLOT = re.compile(r"^(\d{2}):(\d{2})-(\d{2}):(\d{2})$")
_COWIN_SLOT = re.compile(r"^(\d{1,2}):(\d{2})(AM|PM)-(\d{1,2}):(\d{2})(AM|PM)$", re.IGNORECASE)


def cowin_day(day: dt.date) -> str:
    return day.strftime("%d-%m-%Y")


def _ampm(hour: int, minute: int) -> str:
    return f"{(hour % 12) or 12:02d}:{minute:02d}{'AM' if hour < 12 else 'PM'}"


def _h24(hour: int, minute: int, half: str) -> str:
    hour = hour % 12 + (12 if half.upper() == "PM" else 0)
    return f"{hour:02d}:{minute:02d}"


def cowin_slot(slot: str) -> str:
    """``09:00-11:00`` -> ``09:00AM-11:00AM``."""
    m = _CORE_SLOT.match(slot)
    if not m:
        return slot
    h1, m1, h2, m2 = (int(x) for x in m.groups())
    return f"{_ampm(h1, m1)}-{_ampm(h2, m2)}"


def core_slot(slot: str) -> str:
    """``09:00AM-11:00AM`` (as a client sends it back) -> ``09:00-11:00``; other forms as given."""
    m = _COWIN_SLOT.match(slot.strip())
    if not m:
        return slot.strip()
    h1, m1, a1, h2, m2, a2 = m.groups()
    return f"{_h24(int(h1), int(m1), a1)}-{_h24(int(h2), int(m2), a2)}"


def _hours(slots: tuple[str, ...]) -> tuple[str, str, list[str]]:
    """``from``, ``to`` and the slot labels (one slot spanning the day when none are set)."""
    spans = [m.groups() for m in map(_CORE_SLOT.match, slots) if m]
    if spans:
        start = min(f"{a}:{b}" for a, b, _, _ in spans)
        end = max(f"{c}:{d}" for _, _, c, d in spans)
        return f"{start}:00", f"{end}:00", [cowin_slot(s) for s in slots]
    start, end = DEFAULT_FROM.strftime("%H:%M"), DEFAULT_TO.strftime("%H:%M")
    return f"{start}:00", f"{end}:00", [cowin_slot(f"{start}-{end}")]


def pincode(postal_code: str) -> int:
    """The postal code as CoWIN's integer ``pincode`` (0 when absent or not numeric)."""
    digits = postal_code.strip()
    return int(digits) if digits.isdigit() and len(digits) <= 15 else 0


def request_language(request: HttpRequest, profile: Profile) -> str | None:
    """The profile language asked for in ``Accept-Language`` (``hi_IN`` -> ``hi``), if any."""
    header = request.headers.get("Accept-Language", "")
    first = header.split(",")[0].split(";")[0].strip().replace("_", "-").lower()
    if not first:
        return None
    for candidate in (first, first.split("-")[0]):
        if candidate in profile.languages.supported:
            return candidate
    return None


def vaccine_label(summary: SessionSummary) -> str:
    """CoWIN's vaccine names are upper-case product names (``COVISHIELD``)."""
    return summary.vaccine_name.upper()


class CentreShaper:
    """Builds centre and session objects for one answer, with area names looked up once."""

    def __init__(self, sessions: list[SessionSummary], language: str | None) -> None:
        codes = {code for s in sessions for code in s.facility.area_path[: BLOCK + 1]}
        self.areas = area_names_by_code(codes)
        self.language = language

    def _area(self, path: tuple[str, ...], level: int) -> AreaNames | None:
        return self.areas.get(path[level]) if len(path) > level else None

    def centre(self, summary: SessionSummary) -> dict[str, Any]:
        f = summary.facility
        start, end, _ = _hours(summary.slots)
        names = [self._area(f.area_path, level) for level in (STATE, DISTRICT, BLOCK)]
        out: dict[str, Any] = {
            "center_id": f.facility_id,
            "name": f.name,
            "address": f.address,
            "state_name": names[0].name() if names[0] else "",
            "district_name": names[1].name() if names[1] else "",
            "block_name": names[2].name() if names[2] else "",
            "pincode": pincode(f.postal_code),
            "lat": round(f.latitude, 6),
            "long": round(f.longitude, 6),
            "from": start,
            "to": end,
            "fee_type": "Paid" if f.fee_type == "paid" else "Free",
        }
        if self.language:
            # facilities have one name and address; areas have one per language
            out.update(
                name_l=f.name,
                address_l=f.address,
                state_name_l=names[0].name(self.language) if names[0] else "",
                district_name_l=names[1].name(self.language) if names[1] else "",
                block_name_l=names[2].name(self.language) if names[2] else "",
            )
        return out

    def session(self, summary: SessionSummary) -> dict[str, Any]:
        start, end, slots = _hours(summary.slots)
        out: dict[str, Any] = {
            "session_id": summary.session_id,
            "date": cowin_day(summary.date),
            "available_capacity": summary.available,
            "available_capacity_dose1": summary.available_for(1),
            "available_capacity_dose2": summary.available_for(2),
            "min_age_limit": summary.min_age,
            "allow_all_age": summary.max_age is None,
            "vaccine": vaccine_label(summary),
            "slots": slots,
            # the published spec lists these for calendar sessions too; clients ignore them
            "fee": "0",
            "fee_type": "Paid" if summary.facility.fee_type == "paid" else "Free",
            "from": start,
            "to": end,
        }
        if summary.max_age is not None:
            out["max_age_limit"] = summary.max_age
        return out

    def flat(self, summary: SessionSummary) -> dict[str, Any]:
        """A ``findBy*`` entry: the centre's fields and the session's in one object."""
        return {**self.centre(summary), **self.session(summary)}

    def calendar(self, sessions: list[SessionSummary]) -> list[dict[str, Any]]:
        """``calendarBy*`` centres, each with its sessions, in first-seen order."""
        centres: dict[int, dict[str, Any]] = {}
        for summary in sessions:
            entry = centres.get(summary.facility.facility_id)
            if entry is None:
                entry = centres[summary.facility.facility_id] = self.centre(summary)
                entry["sessions"] = []
            entry["sessions"].append(self.session(summary))
            if summary.facility.fee_type == "paid":
                fees = entry.setdefault("vaccine_fees", [])
                label = vaccine_label(summary)
                if all(fee["vaccine"] != label for fee in fees):
                    fees.append({"vaccine": label, "fee": "0"})
        return list(centres.values())
