"""A CoWIN-style profile (one "Name" part, no travel role, W3C VC + PDF) still gets certificates."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from tests.platform.certificates.conftest import _restore, _reuse_key_ring
from tests.platform.certificates.platform_cert_helpers import record_first_dose
from vaxkit.platform.tenants.middleware import forget_domains
from vaxkit.platform.tenants.profiles import text_digest


@pytest.fixture
def single_name_vc(tenant: Any) -> Any:
    old = (tenant.profile_text, tenant.profile_sha256)
    data = yaml.safe_load(tenant.profile_text)
    data["certificates"]["formats"] = ["w3c_vc", "pdf"]
    data["names"] = {
        "parts": [{"key": "name", "labels": {"en": "Name"}, "required": True}],
        "display_order": ["name"],
        "transliteration": "none",
        "single_name_allowed": True,
    }
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    tenant.profile_text, tenant.profile_sha256 = text, text_digest(text)
    type(tenant).objects.filter(pk=tenant.pk).update(
        profile_text=text, profile_sha256=tenant.profile_sha256
    )
    forget_domains()
    _reuse_key_ring(tenant)
    yield tenant
    _restore(tenant, old)


def test_single_name_profile_issues_a_verifiable_credential(
    single_name_vc: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from vaxkit.platform.certificates.issuance import certificates_for

    _, person, _ = record_first_dose(django_capture_on_commit_callbacks)
    [certificate] = certificates_for(person)
    assert set(certificate.payloads) == {"w3c_vc"}
    assert "credentialSubject" in certificate.payloads["w3c_vc"]
