"""QR images: each format's mode and error correction, and a real decoder reads the payload back.

Payloads are official test vectors (tests/data/certificates/rendering/qr/SOURCES.md).
"""

from __future__ import annotations

import base64
import io
import re
import urllib.parse
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from vaxkit.certificates.qr import (
    QrError,
    make_qr,
    qr_layout,
    qr_png,
    qr_png_data_uri,
    qr_svg,
    qr_svg_data_uri,
)

DATA = Path(__file__).parents[1] / "data" / "certificates" / "rendering" / "qr"
HC1 = (DATA / "eu-dcc-CO1.txt").read_text().strip()
SHC = (DATA / "shc-example-00-qr-numeric.txt").read_text().strip()
SHC_CHUNK = (DATA / "shc-example-02-qr-numeric-chunk-2-of-3.txt").read_text().strip()


def decode(png: bytes) -> zxingcpp.Barcode:
    results = zxingcpp.read_barcodes(
        Image.open(io.BytesIO(png)), formats=zxingcpp.BarcodeFormat.QRCode
    )
    assert len(results) == 1, results
    return results[0]


@pytest.mark.parametrize("payload", [HC1, SHC, SHC_CHUNK], ids=["eu_dcc", "shc", "shc_chunk"])
def test_png_decodes_back_to_the_payload(payload: str) -> None:
    assert decode(qr_png(payload)).text == payload


def test_eu_dcc_uses_alphanumeric_mode_at_level_q() -> None:
    # hcert spec 4.2.2: alphanumeric mode MUST be used with Base45; level Q is recommended.
    qr = make_qr(HC1)
    assert (qr.mode, qr.error) == ("alphanumeric", "Q")
    assert decode(qr_png(HC1)).ec_level == "Q"


def test_shc_puts_the_digits_in_a_numeric_segment() -> None:
    layout = qr_layout(SHC)
    assert layout.segments == (("shc:/", "byte"), (SHC.removeprefix("shc:/"), "numeric"))
    assert layout.error == "L"
    # The official example QR for the same payload: a viewBox of 97 = 89 modules + 2 * 4 quiet
    # zone, i.e. version 18. Byte mode for the digits would need a much larger symbol.
    view_box = re.search(r'viewBox="0 0 (\d+) \d+"', (DATA / "shc-example-00-qr.svg").read_text())
    assert view_box
    official_version = (int(view_box[1]) - 8 - 17) // 4
    assert make_qr(SHC).version == official_version == 18


def test_deprecated_shc_chunk_keeps_its_prefix_in_the_byte_segment() -> None:
    layout = qr_layout(SHC_CHUNK)
    assert layout.segments[0] == ("shc:/2/3/", "byte")
    assert layout.segments[1][1] == "numeric"


def test_json_payloads_use_byte_mode_at_level_m() -> None:
    payload = '{"data":{"hdr":{"t":"icao.vacc","v":1,"is":"VNM"},"msg":{"pid":{"n":"Nguyễn"}}}}'
    qr = make_qr(payload)
    assert (qr.mode, qr.error) == ("byte", "M")
    assert decode(qr_png(payload)).text == payload


def test_error_level_can_be_raised() -> None:
    assert make_qr(HC1, error="h").error == "H"
    with pytest.raises(QrError) as raised:
        make_qr(HC1, error="Z")
    assert raised.value.code == "invalid_error_level"


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ("", "empty_payload"),
        ("HC1:lowercase-is-not-base45", "invalid_eu_dcc_payload"),
        ("shc:/123", "invalid_shc_payload"),
        ("shc:/12ab", "invalid_shc_payload"),
        ("shc:/0/3/1234", "invalid_shc_payload"),
        ("x" * 3000, "payload_too_large"),
        # 1300 JWS characters: over the 1195 that fit in version 22 at level L.
        ("shc:/" + "56" * 1300, "shc_too_large"),
    ],
)
def test_bad_payloads_have_specific_errors(payload: str, code: str) -> None:
    with pytest.raises(QrError) as raised:
        qr_png(payload)
    assert raised.value.code == code
    assert raised.value.message


def test_png_scale_is_pixels_per_module_with_a_four_module_quiet_zone() -> None:
    qr = make_qr(HC1)
    side = qr.symbol_size(scale=1, border=0)[0]
    image = Image.open(io.BytesIO(qr_png(HC1, scale=3)))
    assert image.size == ((side + 8) * 3, (side + 8) * 3)


def test_svg_is_inline_markup_sized_by_its_viewbox() -> None:
    svg = qr_svg(HC1)
    side = make_qr(HC1).symbol_size(scale=1, border=4)[0]
    assert svg.startswith("<svg") and "<?xml" not in svg
    assert f'viewBox="0 0 {side} {side}"' in svg
    assert "width=" not in svg.split(">")[0]


def test_svg_decodes_once_drawn(tmp_path: Path) -> None:
    # Draw the SVG through WeasyPrint and pdfium (no SVG rasteriser needed) and decode it.
    import pypdfium2
    from weasyprint import HTML

    pdf = HTML(string=f'<div style="width:60mm">{qr_svg(SHC)}</div>').write_pdf()
    image = pypdfium2.PdfDocument(pdf)[0].render(scale=200 / 72).to_pil()
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    assert decode(buffer.getvalue()).text == SHC


def test_data_uris_embed_the_same_images() -> None:
    png_uri = qr_png_data_uri(HC1, scale=2)
    assert png_uri.startswith("data:image/png;base64,")
    assert base64.b64decode(png_uri.split(",", 1)[1]) == qr_png(HC1, scale=2)
    svg_uri = qr_svg_data_uri(HC1)
    assert svg_uri.startswith("data:image/svg+xml")
    svg = urllib.parse.unquote(svg_uri.split(",", 1)[1])
    side = make_qr(HC1).symbol_size(scale=1, border=4)[0]
    assert f"0 0 {side} {side}" in svg
