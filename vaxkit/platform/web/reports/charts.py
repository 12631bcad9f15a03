"""Bar charts drawn as SVG on the server: no script, no CDN, printable, readable offline.

Charts mirror for right-to-left languages (bars grow from the right, the first day sits on the
right), and their text uses the page's fonts. Each chart carries a title and a description for
screen readers; the reports page also shows the same figures as a table.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

ROW = 26
LABEL_WIDTH = 190
VALUE_WIDTH = 70


def horizontal_bars(
    rows: Sequence[tuple[str, int]],
    *,
    title: str,
    rtl: bool = False,
    number: Callable[[int], str] = str,
    width: int = 640,
) -> SafeString:
    """One bar per ``(label, value)`` row."""
    height = max(1, len(rows)) * ROW + 10
    top = max((value for _, value in rows), default=0) or 1
    span = width - LABEL_WIDTH - VALUE_WIDTH
    parts = []
    for index, (label, value) in enumerate(rows):
        y = 5 + index * ROW
        length = round(span * value / top)
        if rtl:
            bar_x, label_x, value_x, anchor, value_anchor = (
                width - LABEL_WIDTH - length,
                width - 4,
                width - LABEL_WIDTH - length - 6,
                "start",
                "end",
            )
        else:
            bar_x, label_x, value_x, anchor, value_anchor = (
                LABEL_WIDTH,
                4,
                LABEL_WIDTH + length + 6,
                "start",
                "start",
            )
        parts.append(
            (
                bar_x,
                y,
                length,
                ROW - 8,
                label_x,
                y + ROW / 2,
                anchor,
                label,
                value_x,
                value_anchor,
                number(value),
            )
        )
    body = format_html_join(
        "",
        '<rect class="bar" x="{}" y="{}" width="{}" height="{}"></rect>'
        '<text x="{}" y="{}" text-anchor="{}" dominant-baseline="middle">{}</text>'
        '<text x="{}" y="{}" text-anchor="{}" dominant-baseline="middle">{}</text>',
        (
            (b, y, w, h, lx, ty, a, label, vx, ty, va, v)
            for b, y, w, h, lx, ty, a, label, vx, va, v in parts
        ),
    )
    return _svg(width, height, title, body, rtl)


def vertical_bars(
    rows: Sequence[tuple[str, int]],
    *,
    title: str,
    rtl: bool = False,
    number: Callable[[int], str] = str,
    width: int = 640,
    height: int = 220,
) -> SafeString:
    """One column per ``(label, value)`` row, in reading order (right to left for RTL)."""
    count = max(1, len(rows))
    slot = width / count
    top = max((value for _, value in rows), default=0) or 1
    plot = height - 40
    items = []
    for index, (label, value) in enumerate(rows):
        position = count - 1 - index if rtl else index
        x = position * slot
        bar = round(plot * value / top)
        items.append(
            (
                round(x + slot * 0.15, 1),
                15 + plot - bar,
                round(slot * 0.7, 1),
                bar,
                round(x + slot / 2, 1),
                10 + plot - bar,
                number(value),
                round(x + slot / 2, 1),
                height - 8,
                label,
            )
        )
    body = format_html_join(
        "",
        '<rect class="bar" x="{}" y="{}" width="{}" height="{}"></rect>'
        '<text x="{}" y="{}" text-anchor="middle">{}</text>'
        '<text x="{}" y="{}" text-anchor="middle">{}</text>',
        items,
    )
    axis = format_html(
        '<line class="axis" x1="0" x2="{}" y1="{}" y2="{}"></line>', width, 15 + plot, 15 + plot
    )
    return _svg(width, height, title, axis + body, rtl)


def _svg(width: int, height: int, title: str, body: SafeString, rtl: bool) -> SafeString:
    return format_html(
        '<svg class="chart" role="img" viewBox="0 0 {w} {h}" width="{w}" height="{h}" '
        'direction="{d}" xmlns="http://www.w3.org/2000/svg"><title>{t}</title>{b}</svg>',
        w=width,
        h=height,
        d="rtl" if rtl else "ltr",
        t=title,
        b=body,
    )
