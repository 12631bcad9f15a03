"""Provisioning, profiles on tenants, and the tenant boundary."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django_tenants.utils import schema_context, tenant_context

from vaxkit.platform.reference.models import AdminArea, Cohort, IdDocumentType, Vaccine


def test_session_tenants_are_provisioned_with_seeds(tenant, other_tenant):
    assert tenant.code == "xa"
    assert other_tenant.code == "xb"
    assert tenant.profile.country.code == "XA"
    assert set(Vaccine.objects.values_list("code", flat=True)) == {"twodose", "onedose"}
    assert IdDocumentType.objects.get(code="passport").photo_id_type == 2
    assert list(Cohort.objects.values_list("code", flat=True)) == ["adults", "teens"]
    district = AdminArea.objects.get(code="XA-NO-02")
    assert district.parent.code == "XA-NO"
    assert district.path == "XA-NO/XA-NO-02/"
    assert district.level_key == "district"
    with tenant_context(other_tenant):
        assert list(AdminArea.objects.values_list("code", flat=True)) == ["XB-EA", "XB-EA-01"]


def test_healthz_on_tenant_and_public(tenant_client, client):
    response = tenant_client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "tenant": "xa"}
    assert client.get("/healthz", HTTP_HOST="localhost").json()["tenant"] is None


def _profile_copy(tmp_path, code: str, **replace: str):
    """xa-test.yaml under another country code (a new jurisdiction for provisioning tests)."""
    from tests.platform.conftest import DATA

    text = (DATA / "xa-test.yaml").read_text()
    text = text.replace("code: XA", f"code: {code.upper()}").replace("XAA", f"{code.upper()}A")
    text = text.replace("country: XA", f"country: {code.upper()}")
    for old, new in replace.items():
        text = text.replace(old, new)
    path = tmp_path / f"{code}.yaml"
    path.write_text(text)
    return path


def test_provision_and_reload_profile(db, tmp_path):
    from vaxkit.platform.actors import System
    from vaxkit.platform.audit.models import AuditLog
    from vaxkit.platform.tenants.provisioning import provision_tenant, reload_profile

    path = _profile_copy(tmp_path, "xc")
    result = provision_tenant(path, ["XC.Example.org", "xc.localhost"], actor=System("t"))
    tenant = result.tenant
    assert (tenant.code, tenant.schema_name, tenant.name) == ("xc", "tenant_xc", "Testland")
    assert [d.domain for d in tenant.domains.order_by("-is_primary")] == [
        "xc.example.org",
        "xc.localhost",
    ]
    assert result.seeded.vaccines == 2 and result.seconds < 10
    with tenant_context(tenant):
        assert AuditLog.objects.get().action == "tenant.provision"

    # the profile changes on disk: one vaccine goes, names change
    text = path.read_text()
    cut = text.index("  - code: onedose")
    path.write_text(text[:cut] + text[text.index("certificates:") :])
    reloaded = reload_profile("xc", actor=System("t"))
    assert [v.code for v in reloaded.profile.vaccines] == ["twodose"]
    with tenant_context(reloaded):
        assert dict(Vaccine.objects.values_list("code", "active")) == {
            "twodose": True,
            "onedose": False,
        }
        assert AuditLog.objects.filter(action="tenant.reload_profile").count() == 1


def test_provisioning_errors_have_codes(db, tmp_path, tenant):
    from vaxkit.platform.actors import System
    from vaxkit.platform.errors import ServiceError
    from vaxkit.platform.tenants.provisioning import provision_tenant, reload_profile
    from vaxkit.profiles.issues import ProfileError

    connection.set_schema_to_public()
    actor = System("t")
    path = _profile_copy(tmp_path, "xd")
    for domains, code in [
        (["xa.localhost"], "tenant.domain_taken"),
        (["not a host"], "tenant.domain_invalid"),
        (["xd.localhost:8000"], "tenant.domain_port"),
        ([], "tenant.no_domain"),
    ]:
        with pytest.raises(ServiceError) as failed:
            provision_tenant(path, domains, actor=actor)
        assert failed.value.code == code
    with pytest.raises(ServiceError) as exists:
        provision_tenant(_profile_copy(tmp_path, "xa"), ["other.localhost"], actor=actor)
    assert exists.value.code == "tenant.exists"
    broken = _profile_copy(tmp_path, "xe", **{"doses: 2": "doses: many"})
    with pytest.raises(ProfileError):
        provision_tenant(broken, ["xe.localhost"], actor=actor)
    with pytest.raises(ServiceError) as mismatch:
        reload_profile("xa", actor=actor, profile_path=path)
    assert mismatch.value.code == "tenant.profile_mismatch"
    with pytest.raises(ServiceError) as unknown:
        reload_profile("zz", actor=actor)
    assert unknown.value.code == "tenant.not_found"
    with schema_context("public"):
        from vaxkit.platform.tenants.models import Tenant

        assert not Tenant.objects.filter(code__in=["xd", "xe"]).exists()


def test_failed_provisioning_leaves_nothing_behind(db, tmp_path, monkeypatch):
    from django_tenants.utils import schema_exists

    from vaxkit.platform.actors import System
    from vaxkit.platform.tenants import provisioning
    from vaxkit.platform.tenants.models import Tenant

    def fail_while_seeding(profile):
        raise RuntimeError("disk full")

    # fault injection at the last step: schema and migrations are done by then
    monkeypatch.setattr(provisioning, "seed_reference_data", fail_while_seeding)
    with pytest.raises(RuntimeError, match="disk full"):
        provisioning.provision_tenant(
            _profile_copy(tmp_path, "xf"), ["xf.localhost"], actor=System("t")
        )
    assert not Tenant.objects.filter(code="xf").exists()
    assert not schema_exists("tenant_xf")


def test_profile_is_parsed_once_per_process(tenant):
    assert tenant.profile is tenant.profile
    from vaxkit.platform.tenants.models import Tenant

    fresh = Tenant.objects.get(pk=tenant.pk)
    assert fresh.profile is tenant.profile


def test_cli_tenant_commands(db, tmp_path):
    from click.testing import CliRunner

    from vaxkit.cli import cli

    runner = CliRunner()
    path = _profile_copy(tmp_path, "xg")
    added = runner.invoke(
        cli, ["tenant", "add", "--profile", str(path), "--domain", "xg.localhost"]
    )
    assert added.exit_code == 0, added.output
    assert "Tenant xg (Testland) is live at xg.localhost" in added.output
    listed = runner.invoke(cli, ["tenant", "list", "--json"])
    assert listed.exit_code == 0
    assert {"code": "xg", "domains": ["xg.localhost"]}.items() <= next(
        t for t in json.loads(listed.output) if t["code"] == "xg"
    ).items()
    again = runner.invoke(cli, ["tenant", "add", "--profile", str(path), "--domain", "x.localhost"])
    assert again.exit_code == 1 and "tenant.exists" in again.output
    reloaded = runner.invoke(cli, ["tenant", "reload-profile", "xg"])
    assert reloaded.exit_code == 0, reloaded.output
    missing = runner.invoke(cli, ["tenant", "reload-profile", "nope"])
    assert missing.exit_code == 1 and "tenant.not_found" in missing.output
    bad = runner.invoke(
        cli, ["tenant", "add", "--profile", str(tmp_path / "none.yaml"), "--domain", "n.localhost"]
    )
    assert bad.exit_code == 1 and "Traceback" not in bad.output


def test_management_commands(db, tmp_path):
    from io import StringIO

    from django.core.management import call_command
    from django.core.management.base import CommandError

    path = _profile_copy(tmp_path, "xh")
    out = StringIO()
    call_command("provision_tenant", profile=str(path), domain=["xh.localhost"], stdout=out)
    assert "Tenant xh ready" in out.getvalue()
    call_command("list_tenants", stdout=out)
    assert "xh\tTestland\txh.localhost" in out.getvalue()
    call_command("reload_tenant_profile", "xh", stdout=out)
    with pytest.raises(CommandError, match=r"tenant\.exists"):
        call_command("provision_tenant", profile=str(path), domain=["xh2.localhost"])
