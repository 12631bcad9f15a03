"""Debian's Chromium driven by Playwright, launched the same way by every browser test and script.

Playwright's own browser download does not work on machines without general internet access, so
the system Chromium is used, headless, without the sandbox (tests often run as root) and without
background networking (its connection attempts fail on closed networks).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


def launch_chromium(playwright: Any) -> Any:
    """A headless Debian Chromium from a ``sync_playwright()`` handle."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS))
