"""Test support shipped with vaxkit: a pytest plugin with tenant fixtures, and factories.

Enable it in a ``conftest.py`` with ``pytest_plugins = ["vaxkit.testing.plugin"]`` and list
the profiles to provision once per test session with the ``vaxkit_profiles`` ini option (or by
overriding the ``vaxkit_tenant_profiles`` fixture).
"""
