"""Tenant URLs of the certificates app (included from ``vaxkit.platform.urls``)."""

from __future__ import annotations

from django.urls import path

from vaxkit.platform.certificates import views

urlpatterns = [
    path(".well-known/jwks.json", views.jwks_view, name="certificates-jwks"),
    path(".well-known/did.json", views.did_view, name="certificates-did"),
    path("trust.json", views.trust_file_view, name="certificates-trust"),
    path("certificates/trust.json", views.trust_file_view),
    path("certificates/trust/dsc.json", views.dsc_list_view, name="certificates-dsc"),
    path("certificates/trust/vds-signers.pem", views.vds_signers_view, name="certificates-vds"),
    path(
        "certificates/trust/revocation.json", views.revocation_view, name="certificates-revocation"
    ),
    path("certificates/verify", views.verify_view, name="certificates-verify"),
    path("certificates/verifier/", views.verifier_page, name="certificates-verifier"),
    path("certificates/verifier/sw.js", views.service_worker, name="certificates-verifier-sw"),
]
