"""The tenant URLconf (a jurisdiction's own host, e.g. ``xx.localhost``)."""

from __future__ import annotations

from django.contrib import admin
from django.urls import path

from vaxkit.platform.booking_http import book_view
from vaxkit.platform.health import healthz
from vaxkit.platform.urls_include import optional

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("booking/v1/appointments", book_view, name="booking-book"),
    *optional("vaxkit.platform.certificates.urls"),
    *optional("vaxkit.platform.api.urls"),
    *optional("vaxkit.platform.web.urls"),
]
