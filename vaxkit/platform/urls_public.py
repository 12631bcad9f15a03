"""The public URLconf (``localhost``, or any host that is not a tenant's)."""

from __future__ import annotations

from django.contrib import admin
from django.urls import path

from vaxkit.platform.health import healthz
from vaxkit.platform.landing import landing
from vaxkit.platform.urls_include import optional

_web = optional("vaxkit.platform.web.urls_public")

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    *optional("vaxkit.platform.api.urls_public"),
    *(_web or [path("", landing, name="landing")]),
]
