"""Check rules for identity documents, one module per country plus ``generic``.

Importing a module registers its rules in :mod:`vaxkit.identity.rules`; look rules up there.
"""
