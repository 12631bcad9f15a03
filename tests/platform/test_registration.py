"""Registering beneficiaries: validation, sealed IDs, uniqueness, limits, masking, status."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging

import pytest
from django.db import connection

from vaxkit.platform.errors import ServiceError
from vaxkit.platform.registration.beneficiaries import (
    beneficiaries_of,
    beneficiary_for,
    register_beneficiary,
    remove_beneficiary,
)
from vaxkit.platform.registration.models import Beneficiary
from vaxkit.platform.registration.status import beneficiary_status
from vaxkit.testing.factories import beneficiary_input, make_beneficiary, make_citizen


def test_register_stores_the_id_sealed_hashed_and_masked(tenant):
    citizen = make_citizen()
    data = beneficiary_input(birth_year=1975)
    person = register_beneficiary(data, actor=citizen)
    assert len(person.reference_id) == 14 and person.reference_id.isdigit()
    assert person.id_masked == f"XXXX-XXXX-{data.id_number[-4:]}"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id_number, id_hash FROM registration_beneficiary WHERE id = %s", [person.pk]
        )
        stored, digest = cursor.fetchone()
    assert data.id_number not in stored and data.id_number not in digest
    fresh = Beneficiary.objects.get(pk=person.pk)
    assert str(fresh.id_number) == "[sealed]"
    assert fresh.id_number.reveal() == data.id_number
    assert data.id_number not in str(fresh) and data.id_number not in repr(fresh)
    assert fresh.display_name == f"{data.name_parts['given']} {data.name_parts['family']}"


def test_the_same_document_cannot_register_twice(tenant):
    data = beneficiary_input()
    register_beneficiary(data, actor=make_citizen())
    spaced = dataclasses.replace(
        data, id_number=" ".join(data.id_number[i : i + 4] for i in (0, 4, 8))
    )
    with pytest.raises(ServiceError) as dup:
        register_beneficiary(spaced, actor=make_citizen())
    assert dup.value.code == "registration.duplicate_id"


def test_account_limit(tenant):
    citizen = make_citizen()
    limit = tenant.profile.registration.beneficiaries_per_account
    for _ in range(limit):
        register_beneficiary(beneficiary_input(), actor=citizen)
    with pytest.raises(ServiceError) as full:
        register_beneficiary(beneficiary_input(), actor=citizen)
    assert full.value.code == "registration.limit"
    assert len(beneficiaries_of(citizen.account)) == limit


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"id_type": "passport", "id_number": "A12345678901"}, "id.length"),
        ({"id_type": "passport", "id_number": "1234"}, "id.pattern"),
        ({"id_number": "2ab"}, "id.format"),
        ({"id_type": "driving_licence"}, "id.type_unknown"),
        ({"gender": "q"}, "gender.unknown"),
        ({"consent_version": "1"}, "consent.outdated"),
        ({"name_parts": {"given": "  "}}, "name.empty"),
        ({"name_parts": {"given": "R2-D2"}}, "name.characters"),
        ({"name_parts": {"given": "A" * 61}}, "name.too_long"),
        ({"name_parts": {"nickname": "Bo"}}, "name.unknown_part"),
        ({"birth_year": 1850}, "birth.implausible"),
        ({"qualifiers": ("astronaut",)}, "qualifier.unknown"),
    ],
)
def test_bad_input_gets_a_specific_code(tenant, change, code):
    data = dataclasses.replace(beneficiary_input(), **change)
    with pytest.raises(ServiceError) as bad:
        register_beneficiary(data, actor=make_citizen())
    assert bad.value.code == code
    assert bad.value.message and bad.value.message != code


def test_checksum_failure(tenant):
    data = beneficiary_input()
    last = data.id_number[-1]
    broken = data.id_number[:-1] + str((int(last) + 1) % 10)
    with pytest.raises(ServiceError) as bad:
        register_beneficiary(dataclasses.replace(data, id_number=broken), actor=make_citizen())
    assert bad.value.code == "id.checksum"


def test_mononym_allowed_by_profile(tenant):
    person = make_beneficiary(name_parts={"given": "Madonna"})
    assert person.display_name == "Madonna"


def test_future_birth_date_rejected(tenant):
    tomorrow = dt.date.today() + dt.timedelta(days=2)
    with pytest.raises(ServiceError) as bad:
        make_beneficiary(birth_date=tomorrow)
    assert bad.value.code == "birth.future"


def test_citizens_see_only_their_own_beneficiaries(tenant):
    mine = make_citizen()
    person = make_beneficiary(mine)
    assert beneficiary_for(mine, person.reference_id) == person
    with pytest.raises(ServiceError) as other:
        beneficiary_for(make_citizen(), person.reference_id)
    assert other.value.code == "beneficiary.not_found"


def test_remove_beneficiary(tenant):
    citizen = make_citizen()
    person = make_beneficiary(citizen)
    remove_beneficiary(person.reference_id, actor=citizen)
    assert not Beneficiary.objects.filter(pk=person.pk).exists()


def test_status_for_a_new_adult(tenant):
    person = make_beneficiary(birth_year=1970)
    status = beneficiary_status(person, on=dt.date(2024, 6, 1))
    assert status.cohort == "adults"
    assert status.eligible
    assert status.next_dose.dose_number == 1
    assert set(status.next_dose.vaccines) == {"twodose", "onedose"}
    assert status.doses == () and status.appointments == ()
    assert status.id_masked.startswith("XXXX-XXXX-")


def test_status_for_a_child_explains_why_not(tenant):
    person = make_beneficiary(birth_year=dt.date.today().year - 8)
    status = beneficiary_status(person)
    assert not status.eligible
    assert status.reasons and status.reasons[0].code in {"cohort.none", "age.too_young"}


def test_no_full_numbers_in_log_output(tenant, caplog):
    caplog.set_level(logging.DEBUG)
    data = beneficiary_input()
    citizen = make_citizen()
    mobile = citizen.account.phone.reveal()
    person = register_beneficiary(data, actor=citizen)
    logging.getLogger("vaxkit.test").info("registered %s for %s", person, citizen.account)
    text = caplog.text
    assert data.id_number not in text and mobile not in text and mobile[-10:] not in text


def test_admin_pages_show_masked_numbers_and_audit_the_reads(tenant, tenant_client):
    from vaxkit.platform.audit.models import AuditLog
    from vaxkit.testing.factories import make_staff

    admin = make_staff("national_admin")
    tenant_client.force_login(admin.user)
    citizen = make_citizen()
    data = beneficiary_input()
    person = register_beneficiary(data, actor=citizen)
    mobile = citizen.account.phone.reveal()
    pages = [
        tenant_client.get("/admin/registration/beneficiary/"),
        tenant_client.get(f"/admin/registration/beneficiary/{person.pk}/change/"),
        tenant_client.get("/admin/registration/account/"),
        tenant_client.get(f"/admin/registration/account/{citizen.account.pk}/change/"),
    ]
    assert [p.status_code for p in pages] == [200] * 4
    html = "".join(p.content.decode() for p in pages)
    assert data.id_number not in html and mobile not in html and mobile[3:] not in html
    assert person.id_masked in html and citizen.account.phone_masked in html
    reads = AuditLog.objects.filter(action="beneficiary.read", object_id=str(person.pk))
    assert reads.count() == 2  # the list and the detail page
    assert {r.purpose for r in reads} == {"administration"}
    assert {r.actor_label for r in reads} == {admin.user.username}
