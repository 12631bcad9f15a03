"""Base45 (RFC 9285), fast enough not to dominate certificate issuance and verification.

A per-byte-pair Python loop costs ~25 us for a 300-byte EU DCC, more than signing it. Here every
byte pair (32-bit lanes) or character triple (24-bit lanes) becomes one lane of a single big
integer, and the arithmetic runs on all lanes at once inside CPython's integer routines: ~3-4 us
for the same input. The
divisions by 45 are exact multiply-and-shift reciprocals for the value ranges involved (checked
exhaustively by the tests), and masks stop bits leaking between lanes after shifts.
"""

from __future__ import annotations

from vaxkit.certificates.errors import CertificateError

ALPHABET = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"

_TO_CHARS = bytes.maketrans(bytes(range(45)), ALPHABET)
_TO_DIGITS = bytes(ALPHABET.index(c) if c in ALPHABET else 255 for c in range(256))
_INVALID = 255

_mask_cache: dict[tuple[int, int], int] = {}
_encode_masks: dict[int, tuple[int, int, int]] = {}
_decode_masks: dict[int, tuple[int, int]] = {}


def _lanes24(lanes: int, word: int) -> int:
    """``word`` repeated in each of ``lanes`` 24-bit lanes."""
    return int.from_bytes(word.to_bytes(3, "little") * lanes, "little")


def _lane_mask(lanes: int, word: int) -> int:
    """``word`` repeated in each of ``lanes`` 32-bit lanes."""
    key = (lanes, word)
    mask = _mask_cache.get(key)
    if mask is None:
        mask = int.from_bytes(word.to_bytes(4, "little") * lanes, "little")
        if len(_mask_cache) < 2048:  # payloads come in few sizes; bound the cache anyway
            _mask_cache[key] = mask
    return mask


def b45encode(data: bytes) -> str:
    """Encode bytes as Base45 text."""
    pairs = len(data) // 2
    out = b""
    if pairs:
        lanes = bytearray(4 * pairs)
        lanes[0::4] = data[1 : 2 * pairs : 2]  # little-endian lane = big-endian byte pair
        lanes[1::4] = data[0 : 2 * pairs : 2]
        masks = _encode_masks.get(pairs)
        if masks is None:
            masks = tuple(_lane_mask(pairs, w) for w in (0x7FF, 0x3F, 0xFF000000))
            if len(_encode_masks) < 1024:
                _encode_masks[pairs] = masks
        x = int.from_bytes(lanes, "little")
        q = ((x * 11651) >> 19) & masks[0]  # x // 45, exact for x < 65536
        e = ((q * 1457) >> 16) & masks[1]  # q // 45, exact for q < 1457
        # lane = c + 256 d + 65536 e with x = c + 45 d + 2025 e, q = d + 45 e; the top byte
        # of each lane is set to 0xFF and deleted by translate, which also maps digits to chars
        lanes_out = x + 211 * q + 54016 * e + masks[2]
        out = lanes_out.to_bytes(4 * pairs, "little").translate(_TO_CHARS, b"\xff")
    if len(data) & 1:
        last = data[-1]
        out += bytes((last % 45, last // 45)).translate(_TO_CHARS)
    return out.decode("ascii")


def b45decode(text: str | bytes) -> bytes:
    """Decode Base45 text; raise ``CertificateError('bad_base45')`` on any invalid input."""
    if isinstance(text, str):
        try:
            raw = text.encode("ascii")
        except UnicodeEncodeError:
            raise CertificateError(
                "bad_base45", "Base45 text contains non-ASCII characters"
            ) from None
    else:
        raw = bytes(text)
    digits = raw.translate(_TO_DIGITS)
    if _INVALID in digits:
        position = digits.index(_INVALID)
        raise CertificateError(
            "bad_base45", f"invalid Base45 character {chr(raw[position])!r} at {position}"
        )
    triples, rest = divmod(len(digits), 3)
    if rest == 1:
        raise CertificateError("bad_base45", "Base45 text has an impossible length")
    out = bytearray(2 * triples)
    if triples:
        # each triple (c, d, e) is already a 24-bit little-endian lane c + 256 d + 65536 e, and
        # c + 45 d + 2025 e < 2**17 fits in the lane: no rearranging of the input is needed
        masks = _decode_masks.get(triples)
        if masks is None:
            masks = (_lanes24(triples, 0xFF), _lanes24(triples, 0xFF0000))
            if len(_decode_masks) < 1024:
                _decode_masks[triples] = masks
        x = int.from_bytes(digits[: 3 * triples], "little")
        low = masks[0]
        value = (x & low) + 45 * ((x >> 8) & low) + 2025 * ((x >> 16) & low)
        if value & masks[1]:
            raise CertificateError("bad_base45", "Base45 triple encodes a value above 65535")
        packed = value.to_bytes(3 * triples, "little")
        out[0::2] = packed[1::3]
        out[1::2] = packed[0::3]
    if rest == 2:
        last = digits[-2] + 45 * digits[-1]
        if last > 255:
            raise CertificateError("bad_base45", "Base45 final pair encodes a value above 255")
        out.append(last)
    return bytes(out)
