"""Take the documentation's pictures: run the demo, drive Chromium through it, render a
certificate, and write small PNGs into ``docs/images/``.

Run by hand after a change to the pages, from the checkout's root::

    .venv/bin/python scripts/docs_pictures.py

Needs Chromium (``apt-get install chromium``; Playwright's own browser download is not used),
the ``playwright`` and ``pypdfium2`` packages, and nothing else: the demo runs on an embedded
PostgreSQL in a temporary folder (or on ``DATABASE_URL`` when it is set; the demo tenants there
are reused). Pictures are quantised to 256 colours so that each stays well under 150 KB.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from vaxkit.testing.browser import CHROMIUM, launch_chromium

ROOT = Path(__file__).resolve().parents[1]
IMAGES = ROOT / "docs" / "images"
DEMO_PASSWORD = "vaxkit-demo"  # noqa: S105 - the demo's published staff password
VIEWPORT = {"width": 960, "height": 720}
COUNTRIES = ("xx", "ae")
"""Demoland (English, Hindi: left to right) and the UAE (Arabic: right to left)."""


class PicturesError(RuntimeError):
    """The pictures cannot be taken; ``code`` is stable."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def save_png(png: bytes, path: Path, *, colours: int = 256) -> int:
    """Write ``png`` quantised to ``colours`` (small files for the docs); returns its size."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    small = image.quantize(
        colors=colours, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    small.save(path, format="PNG", optimize=True)
    return path.stat().st_size


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _answers(port: int) -> bool:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/healthz", headers={"Host": "localhost"}
    )
    try:
        with urllib.request.urlopen(request, timeout=5):  # noqa: S310 - loopback only
            return True
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False


@contextmanager
def running_demo(data_dir: Path) -> Iterator[int]:
    """``vaxkit demo`` for :data:`COUNTRIES` on a free port, stopped on exit; yields the port."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(VAXKIT_DATA_DIR=str(data_dir), VAXKIT_NO_BOOTSTRAP="1")
    countries = [arg for code in COUNTRIES for arg in ("--country", code)]
    server = subprocess.Popen(  # noqa: S603 - our own interpreter and cli.py
        [sys.executable, str(ROOT / "cli.py"), "demo", *countries, "--port", str(port)],
        env=env,
        cwd=data_dir,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 180
        while not _answers(port):
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                output = server.communicate(timeout=30)[0]
                raise PicturesError("pictures.demo", f"the demo did not start:\n{output}")
            time.sleep(0.5)
        yield port
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGTERM)
            server.communicate(timeout=60)


def _otp(page: Any, base: str, last4: str) -> str:
    """The newest OTP sent to the number ending in ``last4``, from the development inbox."""
    inbox = page.context.new_page()
    inbox.goto(f"{base}/dev/sms")
    row = inbox.locator("tr.sms", has=inbox.locator(".sms-to", has_text=last4)).first
    body = row.locator(".sms-body").inner_text()
    inbox.close()
    found = re.search(r"\b(\d{6})\b", body)
    if not found:
        raise PicturesError("pictures.otp", f"no OTP in the inbox for …{last4}")
    return found.group(1)


def _shoot(page: Any, name: str, written: dict[str, int]) -> None:
    written[name] = save_png(page.screenshot(full_page=False), IMAGES / f"{name}.png")


def citizen_journey(page: Any, base: str, mobile: str, prefix: str, written: dict) -> None:
    """Home, sign-in, OTP and the account page, as a citizen sees them."""
    page.goto(f"{base}/")
    _shoot(page, f"{prefix}-home", written)
    page.goto(f"{base}/signin")
    page.fill("input[name=mobile]", mobile)
    _shoot(page, f"{prefix}-signin", written)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/signin/otp$"))
    digits = re.sub(r"\D", "", mobile)
    page.fill("input[name=otp]", _otp(page, base, digits[-4:]))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/account$"))
    _shoot(page, f"{prefix}-account", written)
    page.goto(f"{base}/account/add")
    _shoot(page, f"{prefix}-add-person", written)


def hindi_home(page: Any, base: str, written: dict) -> None:
    """The LTR tenant's home page switched to Hindi (Devanagari from the bundled fonts)."""
    page.goto(f"{base}/")
    page.select_option("#language-select", "hi")
    page.locator("form.language-switch button").click()
    page.wait_for_selector("html[lang=hi]")
    page.evaluate("document.fonts.ready")
    _shoot(page, "citizen-hi-home", written)


def vaccinator_journey(page: Any, base: str, written: dict) -> None:
    """Staff sign-in and the vaccinator's day at their centre."""
    page.goto(f"{base}/staff/signin")
    page.fill("input[name=username]", "vaccinator")
    page.fill("input[name=password]", DEMO_PASSWORD)
    _shoot(page, "vaccinator-signin", written)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/staff/$"))
    _shoot(page, "vaccinator-home", written)
    session = page.locator("main a[href*='/staff/sessions/']").first
    if session.count():
        session.click()
        page.wait_for_load_state()
        _shoot(page, "vaccinator-session", written)


def browser_pictures(port: int) -> dict[str, int]:
    """Every screenshot, through Chromium; returns ``{name: bytes}``."""
    from playwright.sync_api import sync_playwright

    from vaxkit.profiles.loader import load_profile

    phones = {
        code: load_profile(ROOT / "country_profiles" / name).country.phone.example
        for code, name in (("xx", "xx-demo.yaml"), ("ae", "ae.yaml"))
    }
    written: dict[str, int] = {}
    with sync_playwright() as p:
        browser = launch_chromium(p)
        try:
            for code, prefix, locale in (("xx", "citizen-en", "en-US"), ("ae", "citizen-ar", "ar")):
                context = browser.new_context(locale=locale, viewport=VIEWPORT)
                page = context.new_page()
                page.set_default_timeout(20_000)
                base = f"http://{code}.localhost:{port}"
                citizen_journey(page, base, phones[code], prefix, written)
                if code == "xx":
                    hindi_home(page, base, written)
                context.close()
            # a context of its own: the Hindi chosen above would otherwise stick
            context = browser.new_context(locale="en-US", viewport=VIEWPORT)
            page = context.new_page()
            page.set_default_timeout(20_000)
            vaccinator_journey(page, f"http://xx.localhost:{port}", written)
            context.close()
        finally:
            browser.close()
    return written


def certificate_picture() -> dict[str, int]:
    """Page 1 of Demoland's sample certificate PDF, rendered with pdfium."""
    from vaxkit.preview.certificates import build_samples
    from vaxkit.profiles.loader import load_profile

    path = ROOT / "country_profiles" / "xx-demo.yaml"
    now = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)  # a fixed day: the same picture each run
    samples = build_samples(load_profile(path), path.parent, now=now)
    if samples.pdf is None:
        raise PicturesError("pictures.pdf", f"no PDF sample: {samples.pdf_error}")
    return {"certificate-pdf": save_png(samples.pdf.page_png, IMAGES / "certificate-pdf.png")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-browser", action="store_true", help="Only the certificate.")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    written = certificate_picture()
    if not args.no_browser:
        if not CHROMIUM.exists():
            raise PicturesError(
                "pictures.chromium", "Chromium is missing: apt-get install chromium"
            )
        with tempfile.TemporaryDirectory(prefix="vaxkit-pictures-") as folder:
            os.chmod(folder, 0o755)  # noqa: S103 - the embedded server's own user reads it as root
            with running_demo(Path(folder)) as port:
                written.update(browser_pictures(port))
    print(json.dumps({f"docs/images/{k}.png": v for k, v in written.items()}, indent=1))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except PicturesError as error:
        print(f"error: {error} [{error.code}]", file=sys.stderr)
        sys.exit(1)
