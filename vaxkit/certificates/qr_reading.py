"""Reading certificate QR codes from images (PNG/JPEG) with zxing-cpp.

zxing-cpp and Pillow are imported only here and only when called: a deployment that never reads
images does not need them, and a missing one gives a clear ``missing_dependency`` error.
"""

from __future__ import annotations

import io
from typing import Any

from vaxkit.certificates.errors import CertificateError


def _modules() -> tuple[Any, Any]:
    try:
        import zxingcpp
        from PIL import Image
    except ImportError as exc:
        raise CertificateError(
            "missing_dependency",
            f"reading QR images needs zxing-cpp and Pillow ({exc.name} is not installed): "
            "pip install zxing-cpp pillow",
        ) from None
    return zxingcpp, Image


def read_qr(image: bytes) -> list[str | bytes]:
    """Contents of every QR code in an image: text, or bytes for binary content (CoWIN's ZIP)."""
    zxingcpp, image_module = _modules()
    try:
        picture = image_module.open(io.BytesIO(image))
        picture.load()
    except Exception as exc:
        raise CertificateError("bad_image", f"not a readable PNG/JPEG image: {exc}") from None
    if picture.mode not in ("L", "RGB"):
        picture = picture.convert("RGB")
    codes = zxingcpp.read_barcodes(picture, formats=zxingcpp.BarcodeFormat.QRCode)
    contents: list[str | bytes] = []
    for code in codes:
        if code.content_type == zxingcpp.ContentType.Binary:
            contents.append(bytes(code.bytes))
        else:
            contents.append(code.text)
    return contents


def read_qr_text(image: bytes) -> str:
    """The text of the single (first) QR code in an image; ``bad_qr`` if there is none."""
    contents = read_qr(image)
    if not contents:
        raise CertificateError("bad_qr", "no QR code found in the image")
    first = contents[0]
    return first if isinstance(first, str) else first.decode("latin-1")
