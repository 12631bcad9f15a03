"""``/healthz``: the process is up and the database answers."""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, JsonResponse


def healthz(request: HttpRequest) -> JsonResponse:
    """200 with ``{"status": "ok"}`` when a query succeeds, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # any database failure means "not healthy"
        return JsonResponse({"status": "unavailable", "database": "error"}, status=503)
    tenant = getattr(request, "tenant", None)
    return JsonResponse({"status": "ok", "tenant": tenant.code if tenant else None})
