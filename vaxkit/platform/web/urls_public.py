"""The public host's pages (included by ``vaxkit.platform.urls_public``): the list of hosted
jurisdictions."""

from __future__ import annotations

from django.urls import path

from vaxkit.platform.web.presenter import presenter
from vaxkit.platform.web.public import landing

urlpatterns = [
    path("", landing, name="landing"),
    path("presenter/", presenter, name="presenter"),
]
