"""The reports page: doses per day, vaccine, cohort and area, and coverage, within scope."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from vaxkit.platform.tenants.current import local_today
from vaxkit.platform.web.citizen.pages import language_of, profile_of
from vaxkit.platform.web.formatting import format_date, format_number
from vaxkit.platform.web.reports import charts, queries
from vaxkit.platform.web.staff.access import staff_member, staff_required


@staff_required()
def reports(request: HttpRequest) -> HttpResponse:
    staff = staff_member(request)
    profile = profile_of(request)
    language = language_of(request)
    rtl = request.page_language.direction == "rtl"  # type: ignore[attr-defined]
    doses = queries.scoped_doses(staff)
    per_day = queries.doses_per_day(doses, local_today(profile))
    tables = [
        (_("Doses per vaccine"), queries.doses_per_vaccine(doses)),
        (_("Doses per group"), queries.doses_per_cohort(doses, profile, language)),
        (_("Doses per area"), queries.doses_per_area(doses, profile, language)),
    ]
    day_rows = [(format_date(day, "d MMM"), n) for day, n in per_day]
    title = _("Doses per day, last 14 days")
    return render(
        request,
        "reports/reports.html",
        {
            "coverage": queries.coverage(doses, staff, profile),
            "per_day": [(format_date(day), n) for day, n in per_day],
            "per_day_title": title,
            "per_day_chart": charts.vertical_bars(
                day_rows, title=title, rtl=rtl, number=format_number
            ),
            "tables": [
                (
                    name,
                    rows,
                    charts.horizontal_bars(rows, title=name, rtl=rtl, number=format_number),
                )
                for name, rows in tables
            ],
        },
    )
