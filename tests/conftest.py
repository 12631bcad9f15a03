"""Suite-wide test settings.

Tests that need something outside Python (Chromium, poppler, Redis) skip with a reason on a
developer's machine that lacks it; CI sets ``VAXKIT_REQUIRE_ALL=1`` so that such a skip fails
instead of hiding a missing install step.
"""

from __future__ import annotations

import os

import pytest

REQUIRE_ALL = os.environ.get("VAXKIT_REQUIRE_ALL") == "1"

# Tenant fixtures and factories, the same plugin generated deployments use. pytest only accepts
# `pytest_plugins` in the top-level conftest.
pytest_plugins = ["vaxkit.testing.plugin"]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    outcome = yield
    report = outcome.get_result()
    if REQUIRE_ALL and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, where everything must run: {reason}"
