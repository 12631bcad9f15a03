"""This deployment works as a whole: its profile, its tenant, its settings and its overrides."""

from pathlib import Path

from django.conf import settings
from vaxkit.profiles.loader import load_profile

PROJECT_DIR = Path(__file__).resolve().parents[1]


def test_profile_is_valid_and_describes_this_deployment():
    profile = load_profile(PROJECT_DIR / "profile.yaml")
    assert profile.code == "xx"
    assert profile.languages.default in profile.languages.supported


def test_tenant_is_provisioned_from_the_profile(tenant):
    assert tenant.code == "xx"
    assert tenant.profile.country.code == "XX"


def test_health_endpoint_answers_on_the_tenant_host(tenant_client):
    response = tenant_client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["tenant"] == "xx"


def test_responses_carry_a_content_security_policy(tenant_client):
    response = tenant_client.get("/healthz")
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_overrides_are_searched_before_vaxkit():
    overrides = PROJECT_DIR / "overrides"
    assert Path(settings.TEMPLATES[0]["DIRS"][0]) == overrides / "templates"
    assert Path(settings.LOCALE_PATHS[0]) == overrides / "locale"
    assert Path(settings.STATICFILES_DIRS[0]) == overrides / "static"
    assert Path(settings.VAXKIT_CERTIFICATE_TEMPLATE_DIRS[0]) == overrides / "certificates"


def test_every_overriding_template_and_static_file_is_the_one_found():
    from django.contrib.staticfiles import finders
    from django.template.loader import get_template

    overrides = PROJECT_DIR / "overrides"
    for path in (overrides / "templates").rglob("*.html"):
        name = path.relative_to(overrides / "templates").as_posix()
        assert Path(get_template(name).origin.name) == path
    for path in (overrides / "static").rglob("*"):
        if path.is_file() and path.name != ".gitkeep":
            name = path.relative_to(overrides / "static").as_posix()
            assert Path(finders.find(name)) == path
