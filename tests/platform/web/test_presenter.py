"""The presenter page on the public host: tenants, languages, demo accounts, ready journeys;
absent where the development SMS inbox is off."""

from __future__ import annotations

import html

from django.test import Client
from django_tenants.utils import tenant_context

from vaxkit.platform.demo.prepare import DEMO_PASSWORD
from vaxkit.platform.demo.seed import seed_demo_tenant
from vaxkit.platform.web.languages import page_languages


def _presenter_page() -> tuple[int, str]:
    response = Client(HTTP_HOST="localhost").get("/presenter/")
    return response.status_code, html.unescape(response.content.decode())


def test_lists_every_tenant_with_its_languages_and_journeys(tenant, other_tenant):
    status, page = _presenter_page()
    assert status == 200
    for t in (tenant, other_tenant):
        base = f"http://{t.get_primary_domain().domain}"
        profile = t.profile
        assert f'id="tenant-{t.code}"' in page
        for path in ("/signin", "/dev/sms", "/certificates/verifier/"):
            assert f'href="{base}{path}"' in page
        for language in page_languages(profile):
            assert f"<code>{language.code}</code>" in page
        assert (
            f"mobile {profile.country.phone.example} (+{profile.country.phone.country_code})"
            in page
        )
    # right-to-left languages are marked, and only those
    rtl = [lang for t in (tenant, other_tenant) for lang in page_languages(t.profile)]
    assert page.count("(RTL)") == sum(lang.direction == "rtl" for lang in rtl)
    assert DEMO_PASSWORD in page


def test_shows_the_demo_staff_accounts_once_seeded(tenant, other_tenant):
    _, before = _presenter_page()
    assert "/staff/signin" not in before and "No demo staff accounts" in before
    with tenant_context(tenant):
        seed_demo_tenant()
    _, after = _presenter_page()
    section = after.split(f'id="tenant-{tenant.code}"')[1].split("</section>")[0]
    for username in ("admin", "centre", "vaccinator"):
        assert f"<code>{username}</code>" in section
    assert f'href="http://{tenant.get_primary_domain().domain}/staff/signin"' in section
    other = after.split(f'id="tenant-{other_tenant.code}"')[1].split("</section>")[0]
    assert "No demo staff accounts" in other


def test_absent_where_the_development_inbox_is_off(tenant, settings):
    settings.VAXKIT_SMS_INBOX_VISIBLE = False
    assert _presenter_page()[0] == 404
    # the landing page itself stays
    assert Client(HTTP_HOST="localhost").get("/").status_code == 200


def test_landing_page_links_the_presenter_page_only_in_demo_mode(tenant, settings):
    landing = Client(HTTP_HOST="localhost")
    settings.VAXKIT_SMS_INBOX_VISIBLE = True
    assert b'href="/presenter/"' in landing.get("/").content
    settings.VAXKIT_SMS_INBOX_VISIBLE = False
    assert b'href="/presenter/"' not in landing.get("/").content
