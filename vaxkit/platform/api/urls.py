"""Routes of the public APIs on a tenant's host."""

from __future__ import annotations

from django.urls import include, path

from vaxkit.platform.api.guard import guard_all
from vaxkit.platform.api.v1.api import api
from vaxkit.platform.api.v1.docs import docs_page

_v1_patterns, _v1_app, _v1_namespace = api.urls

urlpatterns = [
    path("api/v2/", include("vaxkit.platform.api.cowin.urls")),
    path("api/v1/docs", docs_page, name="api-v1-docs"),
    path("api/v1/", include((guard_all(list(_v1_patterns)), _v1_app), namespace=_v1_namespace)),
]
