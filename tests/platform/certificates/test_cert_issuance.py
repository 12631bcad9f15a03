"""Issuance on dose recording, end to end: every format signed at issue time and verifiable with
the trust file the tenant publishes; provisional then final; re-issue; revocation."""

from __future__ import annotations

import pytest
from platform_cert_helpers import fetch_trust, record_first_dose, record_next_dose

from vaxkit.certificates import verify
from vaxkit.platform.audit.models import AuditLog
from vaxkit.platform.certificates.issuance import (
    certificates_for,
    current_certificate,
    get_certificate,
    issue_certificate,
    revoke_certificate,
)
from vaxkit.platform.certificates.keystore import keyring, revoke_key, rotate_key
from vaxkit.platform.certificates.models import Certificate
from vaxkit.platform.errors import ServiceError
from vaxkit.testing.factories import id_number, make_beneficiary, make_staff
from vaxkit.testing.tenants import TEST_ACTOR

SIGNED_FORMATS = ["eu_dcc", "shc", "w3c_vc", "icao_vds"]


def test_recording_a_dose_issues_a_certificate_in_every_format(
    all_formats, tenant_client, django_capture_on_commit_callbacks
):
    _, person, dose = record_first_dose(django_capture_on_commit_callbacks)
    certificate = Certificate.objects.get(dose=dose)
    assert sorted(certificate.payloads) == sorted(SIGNED_FORMATS)
    assert certificate.status == Certificate.Status.PROVISIONAL
    assert certificate.beneficiary == person
    trust = fetch_trust(tenant_client)
    for fmt, payload in certificate.payloads.items():
        verdict = verify(payload, trust)
        assert verdict.valid, (fmt, verdict.reason, verdict.message)
        assert verdict.format == fmt
        assert verdict.content.get("date_of_birth") == "1984-05-17", fmt
    assert certificate.payloads["eu_dcc"].startswith("HC1:")
    assert certificate.payloads["shc"].startswith("shc:/")
    assert AuditLog.objects.filter(action="certificate.issue", object_id=str(certificate.pk))


def test_profile_formats_decide_what_is_signed(dcc_only, django_capture_on_commit_callbacks):
    _, _, dose = record_first_dose(django_capture_on_commit_callbacks)
    assert list(Certificate.objects.get(dose=dose).payloads) == ["eu_dcc"]


def test_final_after_the_series_supersedes_the_provisional(
    all_formats, tenant_client, django_capture_on_commit_callbacks
):
    staff, person, first = record_first_dose(django_capture_on_commit_callbacks)
    second = record_next_dose(django_capture_on_commit_callbacks, staff, person, 2)
    provisional, final = list(certificates_for(person))
    assert (provisional.dose, final.dose) == (first, second)
    assert final.status == Certificate.Status.FINAL and final.is_current
    assert provisional.superseded_by == final and not provisional.is_current
    assert current_certificate(person) == final
    verdict = verify(final.payloads["eu_dcc"], fetch_trust(tenant_client))
    assert verdict.valid and verdict.content["dose_number"] == 2


def test_issuing_is_idempotent_and_reissue_supersedes(
    all_formats, django_capture_on_commit_callbacks
):
    _, person, dose = record_first_dose(django_capture_on_commit_callbacks)
    first = Certificate.objects.get(dose=dose)
    assert issue_certificate(dose, actor=TEST_ACTOR) == first
    again = issue_certificate(dose, actor=TEST_ACTOR, reissue=True)
    assert again != first and again.certificate_id != first.certificate_id
    first.refresh_from_db()
    assert first.superseded_by == again
    assert current_certificate(person) == again
    assert get_certificate(again.certificate_id) == again
    with pytest.raises(ServiceError) as missing:
        get_certificate("URN:UVCI:01:XA:NOPE")
    assert missing.value.code == "certificate.not_found"


def test_certificates_carry_no_id_or_phone_number(
    all_formats, tenant_client, django_capture_on_commit_callbacks
):
    from vaxkit.platform.tenants.current import local_today
    from vaxkit.platform.vaccination.services import record_dose

    doc, number = id_number()
    person = make_beneficiary(id_type=doc, id_number=number)
    staff = make_staff("vaccinator")
    with django_capture_on_commit_callbacks(execute=True):
        dose = record_dose(
            actor=staff.user,
            beneficiary=person,
            vaccine="twodose",
            dose_number=1,
            lot="L1",
            idempotency_key="no-id-1",
            date=local_today(),
        )
    certificate = Certificate.objects.get(dose=dose)
    digits = "".join(ch for ch in number if ch.isalnum())
    for fmt in SIGNED_FORMATS:
        verdict = verify(certificate.payloads[fmt], fetch_trust(tenant_client))
        decoded = str(verdict.payload) + str(verdict.content)
        assert digits not in decoded.replace("-", "").replace(" ", ""), fmt
    assert digits not in str(certificate.record)
    assert person.account.phone_masked not in str(certificate.payloads)


def test_revoked_certificates_are_rejected_in_every_format(
    all_formats, tenant_client, django_capture_on_commit_callbacks
):
    _, _, dose = record_first_dose(django_capture_on_commit_callbacks)
    certificate = Certificate.objects.get(dose=dose)
    with pytest.raises(ServiceError) as no_reason:
        revoke_certificate(certificate, actor=TEST_ACTOR, reason=" ")
    assert no_reason.value.code == "certificate.reason"
    revoke_certificate(certificate, actor=TEST_ACTOR, reason="issued to the wrong person")
    with pytest.raises(ServiceError) as twice:
        revoke_certificate(certificate, actor=TEST_ACTOR, reason="again")
    assert twice.value.code == "certificate.already_revoked"
    trust = fetch_trust(tenant_client)
    for fmt, payload in certificate.payloads.items():
        verdict = verify(payload, trust)
        assert not verdict.valid and verdict.reason == "revoked", (fmt, verdict.reason)
    assert current_certificate(certificate.beneficiary) is None


def test_revoked_keys_are_rejected_and_rotation_issues_again(
    all_formats, tenant_client, django_capture_on_commit_callbacks
):
    _, _, dose = record_first_dose(django_capture_on_commit_callbacks)
    certificate = Certificate.objects.get(dose=dose)
    dsc_id = certificate.key_ids["eu_dcc"]
    vc_id = certificate.key_ids["w3c_vc"]
    revoke_key(dsc_id, actor=TEST_ACTOR)
    revoke_key(vc_id, actor=TEST_ACTOR)
    trust = fetch_trust(tenant_client)
    for fmt, payload in certificate.payloads.items():
        verdict = verify(payload, trust)
        assert not verdict.valid, fmt
        assert verdict.reason in ("revoked", "unknown_kid", "unknown_issuer"), (fmt, verdict)
    assert verify(certificate.payloads["eu_dcc"], trust).reason == "revoked"
    jwks = tenant_client.get("/.well-known/jwks.json").json()
    assert dsc_id not in [k["kid"] for k in jwks["keys"]]
    with pytest.raises(ServiceError) as no_key:
        issue_certificate(dose, actor=TEST_ACTOR, reissue=True)
    assert no_key.value.code == "certificate.signing"
    rotate_key("dsc", actor=TEST_ACTOR)
    rotate_key("vc", actor=TEST_ACTOR)
    renewed = issue_certificate(dose, actor=TEST_ACTOR, reissue=True)
    trust = fetch_trust(tenant_client)
    for fmt, payload in renewed.payloads.items():
        assert verify(payload, trust).valid, fmt
    assert renewed.key_ids["eu_dcc"] == keyring().active("dsc").key_id != dsc_id


def test_rotation_keeps_earlier_certificates_valid(
    all_formats, tenant_client, django_capture_on_commit_callbacks
):
    _, _, dose = record_first_dose(django_capture_on_commit_callbacks)
    old = Certificate.objects.get(dose=dose)
    rotate_key("dsc", actor=TEST_ACTOR)
    trust = fetch_trust(tenant_client)
    assert len(trust["dsc"]) == 2
    for fmt, payload in old.payloads.items():
        assert verify(payload, trust).valid, fmt


def test_a_failed_issuance_never_fails_the_recorded_dose(
    tenant, django_capture_on_commit_callbacks, caplog
):
    # the session profile's ATC code J07BN01 is not in the EU DCC value set: signing fails
    _, _, dose = record_first_dose(django_capture_on_commit_callbacks)
    assert dose.pk and not Certificate.objects.filter(dose=dose).exists()
    assert "certificate.record (unknown_value)" in caplog.text
