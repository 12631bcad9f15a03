"""PostgreSQL backend that starts the embedded server on first connection when configured.

django-tenants wraps it (``ORIGINAL_BACKEND``), so tenant schema switching is unchanged.
"""
