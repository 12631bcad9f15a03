"""Fixtures for the certificate codec tests: one tenant key ring, records, trust material."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from cert_helpers import NOW, make_trust

from vaxkit.certificates.keyring import KeyRing
from vaxkit.certificates.record import VaccinationRecord
from vaxkit.certificates.trust import TrustStore
from vaxkit.certificates.uvci import with_checksum


@pytest.fixture(scope="session")
def ring() -> KeyRing:
    """A tenant key ring: one DSC key (P-256) and one VC key (Ed25519)."""
    return KeyRing.generate("VN", "Ministry of Health", now=NOW - dt.timedelta(days=30))


@pytest.fixture(scope="session")
def other_ring() -> KeyRing:
    """Another tenant's keys, for forgeries."""
    return KeyRing.generate("VN", "Ministry of Health", now=NOW - dt.timedelta(days=30))


@pytest.fixture(scope="session")
def trust(ring: KeyRing) -> TrustStore:
    return make_trust(ring)


@pytest.fixture
def make_record() -> Callable[..., VaccinationRecord]:
    """Factory for records issued a day ago, valid for a year; keyword arguments override."""

    def factory(**overrides: Any) -> VaccinationRecord:
        values: dict[str, Any] = {
            "certificate_id": with_checksum("URN:UVCI:01:VN:MOH/K7RD42QZ8M3X5T"),
            "given_name": "Văn An",
            "family_name": "Nguyễn",
            "given_name_latin": "VAN<AN",
            "family_name_latin": "NGUYEN",
            "date_of_birth": "1990-04-12",
            "sex": "male",
            "vaccine_code": "comirnaty",
            "vaccine_name": "Comirnaty",
            "manufacturer": "BioNTech Manufacturing GmbH",
            "eu_vp": "1119349007",
            "eu_mp": "EU/1/20/1528",
            "eu_ma": "ORG-100030215",
            "dose_number": 2,
            "total_doses": 2,
            "date": (NOW - dt.timedelta(days=2)).date(),
            "country": "VN",
            "issuer": "Ministry of Health",
            "issued_at": NOW - dt.timedelta(days=1),
            "expires_at": NOW + dt.timedelta(days=364),
            "cvx": "208",
            "icd11": "XM8NQ0",
            "lot": "FF2587",
            "facility": "Bach Mai Hospital",
            "facility_area": "Dong Da, Ha Noi",
            "vaccinator": "Tran Thi B",
            "beneficiary_ref": "48213377019",
        }
        values.update(overrides)
        return VaccinationRecord(**values)

    return factory
