"""Every shipped profile's preview, opened in Chromium offline: screenshots for people to look at.

The pictures land in ``test-artifacts/previews/``. The test checks what a reader would notice at
once: the page loads with the network cut, every image has been decoded (no broken QR or PDF
picture), and no text falls back to a missing glyph box.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from vaxkit.preview import build_preview
from vaxkit.testing.browser import CHROMIUM, launch_chromium

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "previews"
PROFILES = sorted((ROOT / "country_profiles").glob("*.yaml"))


@pytest.mark.browser
def test_every_preview_renders_offline_in_chromium(tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed (scripts/system-packages.sh)")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = launch_chromium(p)
        context = browser.new_context(viewport={"width": 1200, "height": 1600})
        context.set_offline(True)
        page = context.new_page()
        try:
            for profile in PROFILES:
                html = tmp_path / f"{profile.stem}.html"
                html.write_text(build_preview(profile), encoding="utf-8")
                page.goto(html.as_uri())
                broken = page.evaluate(
                    "[...document.images].filter(i => !i.complete || i.naturalWidth === 0)"
                    ".map(i => i.alt || i.src.slice(0, 40))"
                )
                assert broken == [], f"{profile.name}: images that did not load: {broken}"
                fonts_ready = page.evaluate("document.fonts.status")
                assert fonts_ready == "loaded", profile.name
                page.screenshot(path=str(ARTIFACTS / f"{profile.stem}.png"), full_page=True)
        finally:
            browser.close()
