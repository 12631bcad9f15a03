"""HTTP adapters: published trust material, the verification API and the offline verifier page.

Everything here is public (no personal data is served: trust material holds public keys and
hashed certificate ids; the verification API answers only about the payload it is sent).
Certificate downloads are personal and need an authorised caller: the citizen and staff pages
call :func:`pdf_response` / :func:`qr_response` after their own checks.
"""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from vaxkit.platform.certificates import publishing
from vaxkit.platform.certificates.models import Certificate
from vaxkit.platform.certificates.rendering import certificate_pdf, certificate_qr_png
from vaxkit.platform.certificates.verifying import (
    MAX_PAYLOAD_CHARS,
    payload_from_request,
    verify_payload,
)
from vaxkit.platform.errors import RateLimited, ServiceError, error_body, http_status
from vaxkit.platform.ratelimit import consume

TRUST_MAX_AGE = 300
MAX_BODY_BYTES = 4 * MAX_PAYLOAD_CHARS
VERIFY_LIMIT_PER_MINUTE = 120


def _public(response: HttpResponse, max_age: int = TRUST_MAX_AGE) -> HttpResponse:
    """Trust material is public and read by verifiers on other origins."""
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = f"public, max-age={max_age}"
    return response


def _json(document: Any, content_type: str = "application/json") -> HttpResponse:
    return _public(JsonResponse(document, safe=False, content_type=content_type))


@require_GET
def jwks_view(request: HttpRequest) -> HttpResponse:
    return _json(publishing.jwks())


@require_GET
def did_view(request: HttpRequest) -> HttpResponse:
    return _json(publishing.did_document(), "application/did+json")


@require_GET
def dsc_list_view(request: HttpRequest) -> HttpResponse:
    return _json(publishing.dsc_list())


@require_GET
def vds_signers_view(request: HttpRequest) -> HttpResponse:
    return _public(HttpResponse(publishing.vds_signer_pem(), content_type="application/x-pem-file"))


@require_GET
def revocation_view(request: HttpRequest) -> HttpResponse:
    return _json(publishing.revocation_list().to_json())


@require_GET
def trust_file_view(request: HttpRequest) -> HttpResponse:
    response = _json(publishing.trust_file())
    code = request.tenant.code  # type: ignore[attr-defined]
    response["Content-Disposition"] = f'inline; filename="{code}-trust.json"'
    return response


def _error(error: ServiceError, status: int | None = None) -> JsonResponse:
    response = JsonResponse(error_body(error), status=status or http_status(error))
    response["Access-Control-Allow-Origin"] = "*"
    return response


@csrf_exempt  # no cookie authority is used: anyone may ask whether a certificate is genuine
@require_http_methods(["POST", "OPTIONS"])
def verify_view(request: HttpRequest) -> HttpResponse:
    """``POST {"payload": "..."}`` -> the verdict (valid or not, with its reason code).

    400 with ``verify.*`` codes for a body that is not a verification request; 413 for a body
    over the limit; 429 when an address asks too often.
    """
    if request.method == "OPTIONS":
        response = HttpResponse(status=204)
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Allow-Methods"] = "POST"
        response["Access-Control-Allow-Headers"] = "Content-Type"
        return response
    count = consume(
        f"cert-verify:{request.META.get('REMOTE_ADDR', '')}", VERIFY_LIMIT_PER_MINUTE, 60
    )
    if not count.allowed:
        return _error(
            RateLimited(
                "verify.rate_limited",
                "Too many verifications; wait a minute.",
                retry_after=count.retry_after,
            )
        )
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > MAX_BODY_BYTES:
        return _error(
            ServiceError("verify.body_too_large", f"Send at most {MAX_BODY_BYTES} bytes."), 413
        )
    try:
        body = request.body
        if len(body) > MAX_BODY_BYTES:
            raise ServiceError("verify.body_too_large", f"Send at most {MAX_BODY_BYTES} bytes.")
        try:
            document = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            raise ServiceError("verify.bad_json", "The body is not JSON.") from None
        verdict = verify_payload(payload_from_request(document))
    except ServiceError as error:
        if error.code.startswith("keys."):  # the tenant's keys cannot be opened: ours, not theirs
            return _error(error, 503)
        too_large = error.code in ("verify.body_too_large", "verify.payload_too_large")
        return _error(error, 413 if too_large else None)
    response = JsonResponse(verdict.as_dict())
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def verifier_page(request: HttpRequest) -> HttpResponse:
    """The verifier: decodes and checks certificates in the browser, offline once loaded."""
    profile = request.tenant.profile  # type: ignore[attr-defined]
    response = render(
        request,
        "certificates/verifier.html",
        {
            "trust": publishing.verifier_keys(),
            "messages": _verifier_messages(),
            "platform_name": profile.text(profile.branding.platform_name, "en"),
        },
    )
    response["Cache-Control"] = (
        "no-cache"  # revalidated online; the service worker serves it offline
    )
    return response


def _verifier_messages() -> dict[str, Any]:
    """Texts the verifier's script shows, translated here (the script has no catalog)."""
    return {
        # Translators: verdict of the certificate verifier: the certificate is genuine.
        "valid": pgettext("certificate verdict", "Valid certificate"),
        # Translators: verdict of the certificate verifier, followed by a reason code.
        "invalid": pgettext("certificate verdict", "Not valid"),
        "checked_offline": _("Checked on this device"),
        "checked_online": _("Checked by the verification service"),
        "needs_network": _(
            "This certificate type is checked by the verification service: connect to the "
            "internet and try again."
        ),
        "no_qr": _("No QR code was found in the image."),
        "no_camera": _("The camera is not available; upload a photo of the QR code instead."),
        "start_camera": _("Scan with the camera"),
        "stop_camera": _("Stop the camera"),
        "online": _("online"),
        "offline": _("offline: checking on this device"),
        "labels": {
            "name": _("Name"),
            "date_of_birth": _("Date of birth"),
            "vaccine": _("Vaccine"),
            "dose_number": pgettext("certificate field", "Dose"),
            "total_doses": _("Doses in the series"),
            "date": _("Date of vaccination"),
            "country": _("Country"),
            "issuer": _("Issuer"),
            "certificate_id": _("Certificate ID"),
        },
    }


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    """Caches the verifier page and its scripts so that it opens without a network."""
    response = render(
        request, "certificates/verifier-sw.js", content_type="text/javascript; charset=utf-8"
    )
    response["Cache-Control"] = "no-cache"
    return response


# --- for pages and APIs that have authorised the caller ------------------------------------------


def pdf_response(certificate: Certificate, *, download: bool = True) -> HttpResponse:
    """The certificate's PDF as a response (rendered once, then cached)."""
    response = HttpResponse(certificate_pdf(certificate), content_type="application/pdf")
    disposition = "attachment" if download else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="certificate-{certificate.pk}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


def qr_response(certificate: Certificate, fmt: str | None = None) -> HttpResponse:
    """The certificate's QR code (PNG) in ``fmt`` as a response."""
    response = HttpResponse(certificate_qr_png(certificate, fmt), content_type="image/png")
    response["Cache-Control"] = "private, no-store"
    return response
