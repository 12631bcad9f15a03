"""Inline SVG charts: when cohorts open, and each vaccine's dose schedule.

Plain SVG text built here rather than a charting library: the page must work offline and stay
small, and two chart shapes do not justify a dependency.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape

from vaxkit.profiles.schema import Cohort, Profile, Vaccine

WIDTH = 960
LABEL_W = 300
ROW_H = 30
BOOSTER_H = 36
FONT = "font-family:system-ui,sans-serif;font-size:12px"


def _svg(height: int, body: list[str], title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" role="img" aria-label="{escape(title)}" style="{FONT}">'
        f"<title>{escape(title)}</title>{''.join(body)}</svg>"
    )


def _text(x: float, y: float, text: str, *, anchor: str = "start", cls: str = "") -> str:
    extra = f' class="{cls}"' if cls else ""
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{extra}>{escape(text)}</text>'


def cohort_label(profile: Profile, cohort: Cohort) -> str:
    """The cohort's name with its ages and qualifiers, for chart rows."""
    ages = f"{cohort.min_age}+" if cohort.max_age is None else f"{cohort.min_age}–{cohort.max_age}"
    need = f", {' or '.join(cohort.requires_any)}" if cohort.requires_any else ""
    return f"{profile.text(cohort.labels, 'en')} ({ages}{need})"


def timeline_svg(profile: Profile, today: dt.date | None = None) -> str:
    """Cohorts as bars from the day they open to the day they close (or an arrow: no end)."""
    groups = profile.cohorts.groups
    start = min(c.opens_on for c in groups)
    ends = [c.closes_on for c in groups if c.closes_on] + [c.opens_on for c in groups]
    end = max(ends)
    span_days = max((end - start).days, 1)
    # Leave room after the last opening for open-ended bars.
    end = start + dt.timedelta(days=int(span_days * 1.15) + 14)
    total = (end - start).days
    plot_w = WIDTH - LABEL_W - 20

    def x(day: dt.date) -> float:
        return LABEL_W + plot_w * ((day - start).days / total)

    top = 30
    height = top + ROW_H * len(groups) + 30
    body: list[str] = []
    for tick in _month_ticks(start, end):
        body.append(
            f'<line x1="{x(tick):.1f}" y1="{top - 8}" x2="{x(tick):.1f}" y2="{height - 24}" '
            'stroke="#ddd"/>'
        )
        body.append(_text(x(tick), top - 12, tick.strftime("%b %Y"), anchor="middle", cls="tick"))
    for index, cohort in enumerate(groups):
        y = top + ROW_H * index
        label = cohort_label(profile, cohort)
        if len(label) > 44:
            label = label[:43] + "…"
        body.append(_text(LABEL_W - 8, y + 19, label, anchor="end"))
        x0 = x(cohort.opens_on)
        x1 = x(cohort.closes_on) if cohort.closes_on else WIDTH - 20
        tip = f"{cohort.code}: opens {cohort.opens_on.isoformat()}" + (
            f", closes {cohort.closes_on.isoformat()}" if cohort.closes_on else ", no end"
        )
        body.append(
            f'<rect x="{x0:.1f}" y="{y + 6}" width="{max(x1 - x0, 3):.1f}" height="{ROW_H - 12}" '
            f'rx="3" class="bar{"" if cohort.closes_on else " open"}"><title>{escape(tip)}</title>'
            "</rect>"
        )
        if not cohort.closes_on:
            body.append(f'<path d="M{x1:.1f},{y + 15} l-8,-7 v14 z" class="arrow"/>')
        body.append(_text(x0 + 4, y + 19, cohort.opens_on.isoformat(), cls="on-bar"))
    if today and start <= today <= end:
        body.append(
            f'<line x1="{x(today):.1f}" y1="{top - 4}" x2="{x(today):.1f}" y2="{height - 24}" '
            'class="today"/>'
        )
        body.append(_text(x(today), height - 10, "today", anchor="middle", cls="tick"))
    return _svg(height, body, "When each cohort may book")


def _month_ticks(start: dt.date, end: dt.date) -> list[dt.date]:
    months = (end.year - start.year) * 12 + end.month - start.month
    step = max(1, -(-months // 7))  # at most about seven labels
    ticks = []
    year, month = start.year, start.month
    while True:
        month += step
        while month > 12:
            month -= 12
            year += 1
        day = dt.date(year, month, 1)
        if day > end:
            return ticks
        ticks.append(day)


@dataclass(frozen=True)
class _Mark:
    day: int
    label: str
    window_to: int | None = None
    note: str = ""


def _marks(vaccine: Vaccine) -> tuple[list[_Mark], list[_Mark]]:
    """Primary doses (with their windows) and boosters, in days after dose 1."""
    gaps = {iv.after_dose: iv for iv in vaccine.intervals}
    doses = [_Mark(0, "Dose 1")]
    for number in range(2, vaccine.doses + 1):
        previous = doses[-1].day
        gap = gaps.get(number - 1)
        low = previous + (gap.min_days if gap else 0)
        high = previous + gap.max_days if gap and gap.max_days is not None else None
        rule = f"{gap.min_days}" + (f"–{gap.max_days}" if gap and gap.max_days is not None else "+")
        doses.append(_Mark(low, f"Dose {number}", high, f"{rule} days after dose {number - 1}"))
    boosters: list[_Mark] = []
    base = {0: doses[-1].day}
    for booster in sorted(vaccine.boosters, key=lambda b: (b.number, b.after_days)):
        start = base.get(booster.number - 1, doses[-1].day)
        day = start + booster.after_days
        base.setdefault(booster.number, day)
        base[booster.number] = min(base[booster.number], day)
        after = "the primary series" if booster.number == 1 else f"booster {booster.number - 1}"
        conditions = [f"{booster.after_days} days after {after}"]
        if booster.min_age:
            conditions.append(f"age {booster.min_age}+")
        if booster.requires_any:
            conditions.append(" or ".join(booster.requires_any))
        if booster.primary_vaccines:
            conditions.append("after " + ", ".join(booster.primary_vaccines))
        if booster.opens_on:
            conditions.append(f"from {booster.opens_on.isoformat()}")
        boosters.append(
            _Mark(day, f"Booster {booster.number}: {booster.code}", note="; ".join(conditions))
        )
    return doses, boosters


def schedule_svg(vaccine: Vaccine) -> str:
    """Doses on a day axis: windows between minimum and maximum intervals, boosters below."""
    doses, boosters = _marks(vaccine)
    last = max(
        [m.window_to or m.day for m in doses] + [m.day for m in boosters] + [1],
    )
    left, right = 40, WIDTH - 40
    scale = (right - left) / (last * 1.08)

    def x(day: int) -> float:
        return left + day * scale

    axis_y = 40
    height = axis_y + 50 + BOOSTER_H * len(boosters)
    body = [f'<line x1="{left}" y1="{axis_y}" x2="{right}" y2="{axis_y}" class="axis"/>']
    for mark in doses:
        if mark.window_to is not None:
            body.append(
                f'<rect x="{x(mark.day):.1f}" y="{axis_y - 9}" '
                f'width="{max(x(mark.window_to) - x(mark.day), 2):.1f}" height="18" '
                f'class="window"><title>{escape(mark.note)}</title></rect>'
            )
        body.append(
            f'<circle cx="{x(mark.day):.1f}" cy="{axis_y}" r="7" class="dose">'
            f"<title>{escape(mark.note or mark.label)}</title></circle>"
        )
        body.append(_text(x(mark.day), axis_y - 14, mark.label, anchor="middle"))
        body.append(_text(x(mark.day), axis_y + 24, f"day {mark.day}", anchor="middle", cls="tick"))
    for index, mark in enumerate(boosters):
        y = axis_y + 60 + BOOSTER_H * index
        body.append(
            f'<line x1="{x(0):.1f}" y1="{y}" x2="{x(mark.day):.1f}" y2="{y}" class="lead"/>'
        )
        body.append(
            f'<rect x="{x(mark.day) - 6:.1f}" y="{y - 6}" width="12" height="12" '
            f'class="booster"><title>{escape(mark.note)}</title></rect>'
        )
        body.append(_text(left, y - 8, f"{mark.label} (day {mark.day}+): {mark.note}"))
    return _svg(height, body, f"Dose schedule of {vaccine.name}")
