"""JOSE and COSE building blocks: base64url, JWKs and their RFC 7638 thumbprints, signature
algorithms (in their JOSE/COSE form: ECDSA as raw ``r || s``), and JWS compact serialisation."""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from typing import TYPE_CHECKING, Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)

from vaxkit.certificates.errors import CertificateError

if TYPE_CHECKING:
    from vaxkit.certificates.signers import Signer

PublicKey = ec.EllipticCurvePublicKey | rsa.RSAPublicKey | ed25519.Ed25519PublicKey

# JOSE name -> (hash, ECDSA curve or None, raw signature length for ECDSA)
_EC_ALGORITHMS = {
    "ES256": (hashes.SHA256, "secp256r1", 32),
    "ES384": (hashes.SHA384, "secp384r1", 48),
    "ES512": (hashes.SHA512, "secp521r1", 66),
}
COSE_ALGORITHMS = {-7: "ES256", -35: "ES384", -36: "ES512", -37: "PS256", -8: "EdDSA"}
"""COSE algorithm identifiers (RFC 9053) and their JOSE names."""
COSE_ALGORITHM_IDS = {name: number for number, name in COSE_ALGORITHMS.items()}


def b64url_encode(data: bytes) -> str:
    """Base64url without padding (RFC 7515 section 2)."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str | bytes) -> bytes:
    """Strict base64url decoding, padding optional; raises ``ValueError`` on bad input."""
    if isinstance(text, str):
        text = text.encode("ascii", "strict")
    text = text.rstrip(b"=")
    if len(text) % 4 == 1:
        raise ValueError("impossible base64url length")
    try:
        return base64.b64decode(
            text.replace(b"-", b"+").replace(b"_", b"/") + b"=" * (-len(text) % 4),
            validate=True,
        )
    except binascii.Error as exc:
        raise ValueError(str(exc)) from None


def algorithm_for_key(public_key: PublicKey) -> str:
    """The JOSE algorithm vaxkit uses for this kind of key."""
    if isinstance(public_key, ec.EllipticCurvePublicKey):
        for name, (_, curve, _) in _EC_ALGORITHMS.items():
            if public_key.curve.name == curve:
                return name
        raise CertificateError("unsupported_key", f"unsupported curve {public_key.curve.name}")
    if isinstance(public_key, rsa.RSAPublicKey):
        return "PS256"
    if isinstance(public_key, ed25519.Ed25519PublicKey):
        return "EdDSA"
    raise CertificateError("unsupported_key", f"unsupported key type {type(public_key).__name__}")


def raw_ecdsa_signature(der_signature: bytes, size: int) -> bytes:
    """DER ``ECDSA-Sig-Value`` -> fixed-size ``r || s`` (JOSE/COSE form)."""
    r, s = decode_dss_signature(der_signature)
    return r.to_bytes(size, "big") + s.to_bytes(size, "big")


_ECDSA = {name: ec.ECDSA(hash_cls()) for name, (hash_cls, _, _) in _EC_ALGORITHMS.items()}
_EC_KEY_SIZES = {"ES256": 256, "ES384": 384, "ES512": 521}


def verify_signature(public_key: Any, algorithm: str, signature: bytes, data: bytes) -> bool:
    """Check a JOSE/COSE-form signature; ``False`` for any mismatch of key, algorithm or value."""
    try:
        ecdsa = _ECDSA.get(algorithm)
        if ecdsa is not None:
            size = (_EC_KEY_SIZES[algorithm] + 7) // 8
            if not isinstance(public_key, ec.EllipticCurvePublicKey):
                return False
            # the key size identifies the NIST curve of these algorithms
            if public_key.key_size != _EC_KEY_SIZES[algorithm] or len(signature) != 2 * size:
                return False
            der = encode_dss_signature(
                int.from_bytes(signature[:size], "big"), int.from_bytes(signature[size:], "big")
            )
            public_key.verify(der, data, ecdsa)
        elif algorithm == "PS256":
            if not isinstance(public_key, rsa.RSAPublicKey):
                return False
            # COSE PS256 fixes the salt at the hash length (32); AUTO also accepts it.
            pss = padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=padding.PSS.AUTO)
            public_key.verify(signature, data, pss, hashes.SHA256())
        elif algorithm == "RS256":
            if not isinstance(public_key, rsa.RSAPublicKey):
                return False
            public_key.verify(signature, data, padding.PKCS1v15(), hashes.SHA256())
        elif algorithm == "EdDSA":
            if not isinstance(public_key, ed25519.Ed25519PublicKey):
                return False
            public_key.verify(signature, data)
        else:
            return False
    except (InvalidSignature, ValueError):
        return False
    return True


# --- JWK ----------------------------------------------------------------------------------------

_JWK_CURVES = {"secp256r1": "P-256", "secp384r1": "P-384", "secp521r1": "P-521"}
_CURVES_BY_JWK = {
    "P-256": ec.SECP256R1(),
    "P-384": ec.SECP384R1(),
    "P-521": ec.SECP521R1(),
}
_THUMBPRINT_MEMBERS = {
    "EC": ("crv", "kty", "x", "y"),
    "RSA": ("e", "kty", "n"),
    "OKP": ("crv", "kty", "x"),
}


def _int_b64(value: int, size: int | None = None) -> str:
    length = size if size is not None else max(1, (value.bit_length() + 7) // 8)
    return b64url_encode(value.to_bytes(length, "big"))


def public_jwk(public_key: PublicKey) -> dict[str, str]:
    """The public JWK (RFC 7517/8037) of a key: only the members that define it."""
    if isinstance(public_key, ec.EllipticCurvePublicKey):
        numbers = public_key.public_numbers()
        size = (public_key.curve.key_size + 7) // 8
        return {
            "kty": "EC",
            "crv": _JWK_CURVES[public_key.curve.name],
            "x": _int_b64(numbers.x, size),
            "y": _int_b64(numbers.y, size),
        }
    if isinstance(public_key, rsa.RSAPublicKey):
        numbers = public_key.public_numbers()
        return {"kty": "RSA", "n": _int_b64(numbers.n), "e": _int_b64(numbers.e)}
    if isinstance(public_key, ed25519.Ed25519PublicKey):
        from cryptography.hazmat.primitives import serialization

        raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        return {"kty": "OKP", "crv": "Ed25519", "x": b64url_encode(raw)}
    raise CertificateError("unsupported_key", f"unsupported key type {type(public_key).__name__}")


def public_key_from_jwk(jwk: dict[str, Any]) -> PublicKey:
    """Load the public key a JWK describes; raises ``CertificateError('bad_jwk')``."""
    try:
        kty = jwk["kty"]
        if kty == "EC":
            curve = _CURVES_BY_JWK[jwk["crv"]]
            x = int.from_bytes(b64url_decode(jwk["x"]), "big")
            y = int.from_bytes(b64url_decode(jwk["y"]), "big")
            return ec.EllipticCurvePublicNumbers(x, y, curve).public_key()
        if kty == "RSA":
            n = int.from_bytes(b64url_decode(jwk["n"]), "big")
            e = int.from_bytes(b64url_decode(jwk["e"]), "big")
            return rsa.RSAPublicNumbers(e, n).public_key()
        if kty == "OKP" and jwk.get("crv") == "Ed25519":
            return ed25519.Ed25519PublicKey.from_public_bytes(b64url_decode(jwk["x"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise CertificateError("bad_jwk", f"invalid JWK: {exc}") from None
    raise CertificateError("bad_jwk", f"unsupported JWK key type {jwk.get('kty')!r}")


def jwk_thumbprint(key: PublicKey | dict[str, Any]) -> str:
    """RFC 7638 JWK thumbprint (SHA-256, base64url): the SMART Health Card ``kid``."""
    jwk = key if isinstance(key, dict) else public_jwk(key)
    members = _THUMBPRINT_MEMBERS.get(jwk.get("kty", ""))
    if members is None:
        raise CertificateError("bad_jwk", f"unsupported JWK key type {jwk.get('kty')!r}")
    canonical = json.dumps({m: jwk[m] for m in members}, separators=(",", ":"), sort_keys=True)
    return b64url_encode(hashlib.sha256(canonical.encode("utf-8")).digest())


# --- JWS compact ---------------------------------------------------------------------------------


def jws_sign(header: dict[str, Any], payload: bytes, signer: Signer) -> str:
    """JWS compact serialisation (RFC 7515) of ``payload`` signed by ``signer``."""
    encoded_header = b64url_encode(json.dumps(header, separators=(",", ":")).encode("utf-8"))
    signing_input = f"{encoded_header}.{b64url_encode(payload)}"
    signature = signer.sign(signing_input.encode("ascii"))
    return f"{signing_input}.{b64url_encode(signature)}"


def jws_parse(token: str) -> tuple[dict[str, Any], bytes, bytes, bytes]:
    """Split a JWS compact token into (header, payload, signing input, signature).

    Raises ``CertificateError('bad_jws')`` for anything that is not a well-formed JWS.
    """
    parts = token.strip().split(".")
    if len(parts) != 3:
        raise CertificateError("bad_jws", f"a JWS has 3 dot-separated parts, not {len(parts)}")
    try:
        header = json.loads(b64url_decode(parts[0]))
        payload = b64url_decode(parts[1])
        signature = b64url_decode(parts[2])
    except (ValueError, UnicodeError) as exc:
        raise CertificateError("bad_jws", f"JWS part is not base64url JSON: {exc}") from None
    if not isinstance(header, dict):
        raise CertificateError("bad_jws", "JWS header is not a JSON object")
    return header, payload, f"{parts[0]}.{parts[1]}".encode("ascii"), signature
