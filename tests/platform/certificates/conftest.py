"""Certificate tests: the session tenants, switched to issue every signed format.

The session profiles issue EU DCCs only (with an ATC code the EU value set lacks);
``all_formats`` rewrites the active tenant's stored
profile (inside the test's transaction, so it is rolled back) to select every format and to
give its vaccines the CVX codes SMART Health Cards need.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import yaml

from vaxkit.platform.tenants.middleware import forget_domains
from vaxkit.platform.tenants.profiles import text_digest

ALL_FORMATS = ["eu_dcc", "shc", "w3c_vc", "icao_vds", "pdf"]
CVX = {"twodose": "208", "onedose": "212"}


def _switch_profile(tenant: Any, formats: list[str] = ALL_FORMATS) -> tuple[str, str]:
    old = (tenant.profile_text, tenant.profile_sha256)
    data = yaml.safe_load(tenant.profile_text)
    data["certificates"]["formats"] = formats
    data["certificates"]["languages"] = ["en", "hi"]  # the PDF is bilingual
    for vaccine in data["vaccines"]:
        codes = vaccine.setdefault("codes", {})
        codes.setdefault("cvx", CVX.get(vaccine["code"], "208"))
        # the session profiles' ATC code J07BN01 is not in the bundled EU DCC value set
        codes["eu_vp"] = "J07BX03"
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    tenant.profile_text, tenant.profile_sha256 = text, text_digest(text)
    type(tenant).objects.filter(pk=tenant.pk).update(
        profile_text=text, profile_sha256=tenant.profile_sha256
    )
    forget_domains()
    return old


def _restore(tenant: Any, old: tuple[str, str]) -> None:
    tenant.profile_text, tenant.profile_sha256 = old
    forget_domains()


_key_rings: dict[str, str] = {}


def _reuse_key_ring(tenant: Any) -> None:
    """Store the key ring made by an earlier test (writing a new one costs ~0.7 s of PBKDF2);
    the test's rollback removes it again."""
    from django_tenants.utils import tenant_context

    from vaxkit.platform.certificates.keystore import keyring
    from vaxkit.platform.certificates.models import KeyRingRecord

    with tenant_context(tenant):
        if tenant.code in _key_rings:
            KeyRingRecord.objects.create(slot=1, document=_key_rings[tenant.code])
        else:
            keyring()
            _key_rings[tenant.code] = KeyRingRecord.objects.get().document


@pytest.fixture
def all_formats_without_keys(tenant: Any) -> Iterator[Any]:
    """The active tenant (Testland), issuing every signed format, with no key ring yet."""
    old = _switch_profile(tenant)
    yield tenant
    _restore(tenant, old)


@pytest.fixture
def all_formats(all_formats_without_keys: Any) -> Any:
    """The active tenant (Testland), issuing every signed format, with its key ring."""
    _reuse_key_ring(all_formats_without_keys)
    return all_formats_without_keys


@pytest.fixture
def dcc_only(tenant: Any) -> Iterator[Any]:
    """The active tenant issuing EU DCCs (and their PDF) only."""
    old = _switch_profile(tenant, ["eu_dcc", "pdf"])
    yield tenant
    _restore(tenant, old)


@pytest.fixture
def other_all_formats(other_tenant: Any) -> Iterator[Any]:
    """The second tenant (Otherland), issuing every signed format."""
    old = _switch_profile(other_tenant)
    _reuse_key_ring(other_tenant)
    yield other_tenant
    _restore(other_tenant, old)
