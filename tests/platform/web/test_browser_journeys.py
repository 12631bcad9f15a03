"""Browser journeys in Chromium (Playwright) against a live server, in a left-to-right tenant
(Testland, English and Hindi) and a right-to-left one (Rimaland, Arabic).

The application runs in a thread behind Django's threaded WSGI server; Chromium reaches each
tenant at ``<code>.localhost:PORT``, which it resolves to loopback by itself. The tenants, their
centres, sessions and staff are made through the platform's services and committed, since the
server's threads use their own database connections; they are dropped after the module.
Screenshots go to ``test-artifacts/screens/``.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import shutil
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from vaxkit.i18n.catalogs import ROOT, compile_catalogs
from vaxkit.testing.browser import CHROMIUM, launch_chromium

SCREENS = ROOT / "test-artifacts" / "screens"
DATA = Path(__file__).parent / "data"
PLATFORM_DATA = Path(__file__).parent.parent / "data"
PASSWORD = "test-password-1"

pytestmark = [
    pytest.mark.browser,
    # tells pytest-django to create the test database even when only these tests run; the
    # journeys themselves read and write through the live server's own connections
    pytest.mark.django_db,
    pytest.mark.skipif(
        not CHROMIUM.exists() or shutil.which("chromium") is None,
        reason="Chromium is not installed: apt-get install chromium "
        "(or run scripts/system-packages.sh)",
    ),
]


@dataclass
class Site:
    """One tenant served by the live server, with what the journeys need."""

    code: str
    url: str
    rtl: bool
    postal_code: str
    staff_username: str
    reference_id: str
    security_code: str
    id_number: str


def _seed(tenant: Any) -> dict[str, str]:
    """A centre with sessions, a vaccinator, and one booked person for the vaccinator journey."""
    from django_tenants.utils import tenant_context

    from vaxkit.platform.scheduling.booking import book_appointment
    from vaxkit.platform.tenants.current import local_today
    from vaxkit.testing.factories import (
        id_number,
        make_beneficiary,
        make_citizen,
        make_facility,
        make_session,
        make_staff,
    )

    with tenant_context(tenant):
        today = local_today(tenant.profile)
        facility = make_facility()
        staff = make_staff("vaccinator", facility=facility)
        make_session(facility, date=today + dt.timedelta(days=2), capacity=20)
        today_session = make_session(facility, date=today, capacity=20, slots=())
        citizen = make_citizen()
        person = make_beneficiary(citizen)
        appointment = book_appointment(
            actor=citizen, beneficiary=person.reference_id, session_id=today_session.session_id
        )
        _, number = id_number()
        return {
            "postal_code": facility.postal_code,
            "staff": staff.user.username,
            "reference_id": person.reference_id,
            "security_code": appointment.security_code,
            "id_number": number,
        }


@pytest.fixture(scope="module")
def live_sites(vaxkit_tenants: Any, django_db_blocker: Any) -> Iterator[dict[str, Site]]:
    """Two committed tenants and a threaded server for them."""
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.db import connection, connections

    from vaxkit.testing.tenants import provision_test_tenant, remove_tenant

    compile_catalogs()

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

    application = StaticFilesHandler(WSGIHandler())

    def app(environ: dict[str, Any], start_response: Any) -> Any:
        # Browsers keep connections alive, so a request thread can outlive its request: close
        # its database connection now, or it would keep the test database open.
        try:
            return application(environ, start_response)
        finally:
            connections.close_all()

    server = ThreadedWSGIServer(("127.0.0.1", 0), QuietHandler, allow_reuse_address=False)
    server.set_app(app)
    port = server.server_address[1]
    tenants = []
    sites: dict[str, Site] = {}
    with django_db_blocker.unblock():
        try:
            for profile, suffix, rtl in (
                (PLATFORM_DATA / "xa-test.yaml", "web", False),
                (DATA / "xr-test.yaml", "", True),
            ):
                tenant = provision_test_tenant(profile, code_suffix=suffix)
                tenants.append(tenant)
                seeded = _seed(tenant)
                sites["rtl" if rtl else "ltr"] = Site(
                    code=tenant.code,
                    url=f"http://{tenant.code}.localhost:{port}",
                    rtl=rtl,
                    postal_code=seeded["postal_code"],
                    staff_username=seeded["staff"],
                    reference_id=seeded["reference_id"],
                    security_code=seeded["security_code"],
                    id_number=seeded["id_number"],
                )
            connection.set_schema_to_public()
            thread = threading.Thread(target=server.serve_forever, daemon=True)
            thread.start()
            yield sites
        finally:
            server.shutdown()
            server.server_close()
            connection.set_schema_to_public()
            for tenant in tenants:
                remove_tenant(tenant)


def in_browser(site: Site, journey: Callable[[Any], None]) -> None:
    """Run ``journey(page)`` in Chromium, in a thread of its own.

    Playwright's sync API keeps an event loop running in the thread that uses it; Django refuses
    database calls from such a thread, and the test's own database fixture runs in this one.
    """
    failure: list[BaseException] = []

    def run() -> None:
        from playwright.sync_api import sync_playwright

        try:
            with sync_playwright() as p:
                browser = launch_chromium(p)
                context = browser.new_context(
                    locale="ar" if site.rtl else "en-US",
                    viewport={"width": 1100, "height": 900},
                )
                page = context.new_page()
                page.set_default_timeout(15_000)
                try:
                    journey(page)
                finally:
                    browser.close()
        except BaseException as exc:  # handed to the test's thread
            failure.append(exc)

    worker = threading.Thread(target=run, name=f"chromium-{site.code}")
    worker.start()
    worker.join(timeout=180)
    if worker.is_alive():
        pytest.fail("the browser journey did not finish within 180 s")
    if failure:
        raise failure[0]


def _shot(page: Any, site: Site, name: str) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / f"{site.code}-{name}.png"), full_page=True)


def _submit(page: Any, form: str = "main form") -> None:
    page.locator(f"{form} button[type=submit]").first.click()


def _otp_from_inbox(page: Any, site: Site, last4: str) -> str:
    inbox = page.context.new_page()
    inbox.goto(f"{site.url}/dev/sms")
    row = inbox.locator("tr.sms", has=inbox.locator(".sms-to", has_text=last4)).first
    body = row.locator(".sms-body").inner_text()
    inbox.close()
    return re.search(r"\b(\d{6})\b", body).group(1)


@pytest.mark.parametrize("direction", ["ltr", "rtl"])
def test_citizen_signs_in_registers_books_and_cancels(live_sites, direction):
    site = live_sites[direction]
    in_browser(site, lambda page: _citizen_journey(page, site))


def _citizen_journey(page: Any, site: Site) -> None:
    page.goto(f"{site.url}/")
    html = page.locator("html")
    assert html.get_attribute("dir") == ("rtl" if site.rtl else "ltr")
    assert html.get_attribute("lang") == ("ar" if site.rtl else "en")
    _shot(page, site, "1-home")
    # the layout mirrors: the platform's name sits at the start edge of the header
    brand = page.locator(".brand").bounding_box()
    if site.rtl:
        assert brand["x"] > 500
        assert page.locator("main h1").inner_text() == "مرحبًا بك في ريما للتطعيم"
    else:
        assert brand["x"] < 100

    page.locator("main a.button").first.click()
    # a fresh mobile number in India's plan (both test profiles borrow it)
    mobile = "9" + "".join(random.choice("0123456789") for _ in range(9))
    page.fill("input[name=mobile]", mobile)
    _submit(page)
    page.wait_for_url(re.compile(r"/signin/otp$"))
    page.fill("input[name=otp]", _otp_from_inbox(page, site, mobile[-4:]))
    _submit(page)
    page.wait_for_url(re.compile(r"/account$"))

    page.locator("main a.button[href='/account/add']").click()
    page.fill("input[name=name_given]", "ليلى" if site.rtl else "Asha")
    page.fill("input[name=name_family]", "حداد" if site.rtl else "Rao")
    page.fill("input[name=birth_date]", "1985-03-14")
    page.locator("input[name=gender]").first.check()
    page.fill("input[name=id_number]", site.id_number)
    page.check("input[name=consent]")
    _shot(page, site, "2-add-person")
    _submit(page, "main form.stack")
    page.wait_for_url(re.compile(r"/account/people/\d{14}$"))
    assert site.id_number not in page.content()
    _shot(page, site, "3-person")

    page.locator("main a.button[href*='/search?for=']").click()
    page.fill("input[name=postal_code]", site.postal_code)
    page.check("input[name=week]")
    _submit(page, "main form.card")
    # the last session is two days ahead (today's own would be too late to cancel)
    page.locator("article.session form button[type=submit]").last.click()
    page.wait_for_url(re.compile(r"/appointments/[0-9a-f-]+$"))
    code = page.locator(".security-code").inner_text().strip()
    assert re.fullmatch(r"\d{4}", code)
    _shot(page, site, "4-slip")

    page.goto(page.url + "/cancel")
    page.locator("main form button.danger").click()
    page.wait_for_url(re.compile(r"/account/people/\d{14}$"))
    _shot(page, site, "5-cancelled")
    status = "ملغى" if site.rtl else "Cancelled"
    assert page.locator("table tbody tr td", has_text=status).count() == 1


@pytest.mark.parametrize("direction", ["ltr", "rtl"])
def test_vaccinator_verifies_and_records_a_dose(live_sites, direction):
    site = live_sites[direction]
    in_browser(site, lambda page: _vaccinator_journey(page, site))


def _vaccinator_journey(page: Any, site: Site) -> None:
    page.goto(f"{site.url}/staff/")
    page.wait_for_url(re.compile(r"/staff/signin"))
    page.fill("input[name=username]", site.staff_username)
    page.fill("input[name=password]", PASSWORD)
    _submit(page)
    page.wait_for_url(re.compile(r"/staff/$"))
    _shot(page, site, "6-staff-home")

    page.goto(f"{site.url}/staff/verify")
    page.fill("input[name=reference_id]", site.reference_id)
    page.fill("input[name=security_code]", site.security_code)
    _submit(page)
    page.check("input[name=id_checked]")
    page.fill("input[name=lot]", "LOT-2024-07")
    _shot(page, site, "7-verified")
    _submit(page, "main form.stack")
    heading = page.locator("main h1").inner_text()
    assert heading == ("تم تسجيل الجرعة" if site.rtl else "Dose recorded")
    _shot(page, site, "8-recorded")


def test_devanagari_renders_with_the_bundled_font(live_sites):
    site = live_sites["ltr"]
    in_browser(site, lambda page: _hindi_home(page, site))


def _hindi_home(page: Any, site: Site) -> None:
    page.goto(f"{site.url}/")
    page.select_option("#language-select", "hi")
    page.locator("form.language-switch button").click()
    page.wait_for_selector("html[lang=hi]")
    assert "टेस्टवैक्स" in page.locator("main h1").inner_text()
    loaded = page.evaluate(
        """async () => { await document.fonts.ready;
        return [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family); }"""
    )
    assert any("Noto Sans Devanagari" in family for family in loaded), loaded
    _shot(page, site, "9-hindi-home")
