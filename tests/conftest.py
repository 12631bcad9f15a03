"""Suite-wide test settings.

Tests that need something outside Python (Chromium, poppler, Redis) skip with a reason on a
developer's machine that lacks it; CI sets ``VAXKIT_REQUIRE_ALL=1`` so that such a skip fails
instead of hiding a missing install step.
"""

from __future__ import annotations

import os
import shutil
import tempfile

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


def pytest_configure(config: pytest.Config) -> None:
    # As root, embedded PostgreSQL servers below pytest's private temp folder keep their files
    # in a separate folder (vaxkit.platform.database.server_data_dir); give this run its own,
    # removed at the end, so test runs leave no clusters behind.
    if os.name == "posix" and os.geteuid() == 0 and "VAXKIT_ROOT_PGDATA_BASE" not in os.environ:
        base = tempfile.mkdtemp(prefix="vaxkit-test-pg-")
        os.chmod(base, 0o755)  # noqa: S103 - the server's system user must reach its data
        os.environ["VAXKIT_ROOT_PGDATA_BASE"] = base
        config._vaxkit_pg_base = base  # type: ignore[attr-defined]


def pytest_unconfigure(config: pytest.Config) -> None:
    base = getattr(config, "_vaxkit_pg_base", None)
    if base:
        shutil.rmtree(base, ignore_errors=True)
