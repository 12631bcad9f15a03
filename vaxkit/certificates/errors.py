"""Errors raised by the certificate codecs, each with a stable machine-readable ``code``."""

from __future__ import annotations


class CertificateError(Exception):
    """A certificate could not be encoded, decoded or verified.

    ``code`` is stable and machine-readable (``bad_base45``, ``unknown_kid``, ...); the verifier
    reports it as the verdict's reason. The message is for people.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"


class SigningKeyError(CertificateError):
    """Key material could not be generated, loaded or used (``bad_passphrase``, ...)."""


class TrustError(CertificateError):
    """Trust material (trust file, JWKS, DSC list, certificate) could not be loaded."""
