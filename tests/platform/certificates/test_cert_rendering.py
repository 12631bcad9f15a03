"""QR images and PDFs rendered lazily from stored payloads: they decode back, the PDF shows the
masked ID and never the number, and the second request is served from the cache."""

from __future__ import annotations

import pytest
from platform_cert_helpers import record_first_dose

from vaxkit.certificates.qr_reading import read_qr_text
from vaxkit.platform.certificates.models import Certificate
from vaxkit.platform.certificates.rendering import certificate_pdf, certificate_qr_png
from vaxkit.platform.certificates.views import pdf_response, qr_response
from vaxkit.platform.errors import ServiceError
from vaxkit.platform.tenants.current import local_today
from vaxkit.platform.vaccination.services import record_dose
from vaxkit.testing.factories import id_number, make_beneficiary, make_staff


@pytest.fixture
def issued(all_formats, django_capture_on_commit_callbacks):
    _, _, dose = record_first_dose(django_capture_on_commit_callbacks)
    return Certificate.objects.get(dose=dose)


@pytest.mark.parametrize("fmt", ["eu_dcc", "shc", "icao_vds", "w3c_vc"])
def test_qr_png_decodes_back_to_the_payload(issued, fmt):
    image = certificate_qr_png(issued, fmt)
    assert image.startswith(b"\x89PNG")
    assert read_qr_text(image) == issued.payloads[fmt]


def test_qr_is_cached_by_payload(issued, monkeypatch):
    from vaxkit.certificates import qr

    first = certificate_qr_png(issued)
    calls = []
    monkeypatch.setattr(qr, "qr_png", lambda *a, **k: calls.append(a) or b"")
    assert certificate_qr_png(issued) == first and calls == []
    response = qr_response(issued, "eu_dcc")
    assert response["Content-Type"] == "image/png" and response.content.startswith(b"\x89PNG")
    with pytest.raises(ServiceError) as missing:
        certificate_qr_png(issued, "pdf")
    assert missing.value.code == "certificate.format"


def test_pdf_shows_the_masked_id_never_the_number(all_formats, django_capture_on_commit_callbacks):
    import pypdfium2

    doc, number = id_number("national_id")
    person = make_beneficiary(id_type=doc, id_number=number)
    staff = make_staff("vaccinator")
    with django_capture_on_commit_callbacks(execute=True):
        dose = record_dose(
            actor=staff.user,
            beneficiary=person,
            vaccine="twodose",
            dose_number=1,
            lot="L-PDF",
            idempotency_key="pdf-1",
            date=local_today(),
        )
    certificate = Certificate.objects.get(dose=dose)
    pdf = certificate_pdf(certificate)
    assert pdf.startswith(b"%PDF")
    document = pypdfium2.PdfDocument(pdf)
    text = "".join(page.get_textpage().get_text_range() for page in document)
    digits = "".join(ch for ch in number if ch.isdigit())
    assert person.id_masked[-4:] in text and "XXXX" in person.id_masked
    assert digits not in "".join(ch for ch in text if ch.isdigit())
    assert certificate.certificate_id in text.replace("\r", "").replace("\n", "")
    assert "Provisional" in text
    # bilingual: the tenant's Hindi block is printed beside the English one
    assert any("\u0900" <= ch <= "\u097f" for ch in text)
    document.close()
    assert certificate_pdf(certificate) == pdf  # cached
    response = pdf_response(certificate)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")


def test_layout_overrides_come_from_the_settings(issued, settings, tmp_path):
    import pypdfium2

    (tmp_path / "certificate-custom.css").write_text(
        'body::before { content: "Ministry layout override"; }', encoding="utf-8"
    )
    plain = certificate_pdf(issued)
    settings.VAXKIT_CERTIFICATE_TEMPLATE_DIRS = [str(tmp_path)]
    custom = certificate_pdf(issued)
    assert custom != plain
    document = pypdfium2.PdfDocument(custom)
    text = "".join(page.get_textpage().get_text_range() for page in document)
    document.close()
    assert "Ministry layout override" in text
