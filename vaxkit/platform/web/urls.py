"""The tenant's web pages (included by ``vaxkit.platform.urls``).

Every page goes through the tenant language middleware, applied here so that the pages get
the tenant's languages whether or not the settings list it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.urls import URLPattern, path
from django.utils.decorators import decorator_from_middleware

from vaxkit.platform.web import devinbox
from vaxkit.platform.web.citizen import account, appointments, home, search, signin
from vaxkit.platform.web.middleware import TenantLanguageMiddleware
from vaxkit.platform.web.reports import views as reports
from vaxkit.platform.web.staff import sessions, vaccination
from vaxkit.platform.web.staff import signin as staff_signin

app_name = "web"
_in_language = decorator_from_middleware(TenantLanguageMiddleware)


def page(route: str, view: Callable[..., Any], name: str) -> URLPattern:
    return path(route, _in_language(view), name=name)


urlpatterns = [
    page("", home.home, "home"),
    page("language", home.set_language, "language"),
    page("branding/logo", home.logo, "logo"),
    page("search", search.search, "search"),
    page("signin", signin.signin, "signin"),
    page("signin/otp", signin.otp, "otp"),
    page("signout", signin.signout, "signout"),
    page("account", account.dashboard, "account"),
    page("account/add", account.add_beneficiary, "add-beneficiary"),
    page("account/people/<str:reference_id>", account.beneficiary, "beneficiary"),
    page("account/people/<str:reference_id>/book", appointments.book, "book"),
    page(
        "account/people/<str:reference_id>/appointments/<str:appointment_id>",
        appointments.slip,
        "slip",
    ),
    page(
        "account/people/<str:reference_id>/appointments/<str:appointment_id>/cancel",
        appointments.cancel,
        "cancel",
    ),
    page(
        "account/people/<str:reference_id>/appointments/<str:appointment_id>/reschedule",
        appointments.reschedule,
        "reschedule",
    ),
    page("dev/sms", devinbox.sms_inbox, "sms-inbox"),
    page("staff/", sessions.staff_home, "staff-home"),
    page("staff/signin", staff_signin.staff_signin, "staff-signin"),
    page("staff/signout", staff_signin.staff_signout, "staff-signout"),
    page("staff/sessions/new", sessions.new_session, "staff-new-session"),
    page("staff/sessions/<str:session_id>", sessions.session_detail, "staff-session"),
    page("staff/verify", vaccination.verify, "staff-verify"),
    page("staff/record", vaccination.record, "staff-record"),
    page("staff/walk-in", vaccination.walk_in, "staff-walk-in"),
    page("staff/doses/<int:dose_id>/adverse-event", vaccination.adverse_event, "staff-aefi"),
    page("staff/reports", reports.reports, "reports"),
]
