"""The multi-tenant Django platform: one PostgreSQL schema per jurisdiction.

Layout: ``settings/`` (layered, from the environment), ``database.py`` (DATABASE_URL or an
embedded PostgreSQL), ``tenants/`` (jurisdictions, provisioning, host routing), ``reference/``
(areas, vaccines, ID types, cohorts seeded from the profile), ``registration/`` (OTP sign-in,
accounts, beneficiaries), ``scheduling/`` (centres, sessions, search, booking),
``vaccination/`` (staff, doses, adverse events), ``audit/``, ``sms/``, ``demo/``.
Every state change is a service function taking a keyword-only ``actor``; errors are
:class:`vaxkit.platform.errors.ServiceError` with a stable ``code``.
"""
