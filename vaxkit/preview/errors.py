"""The preview's exception: a stable ``code`` and a message a consultant can act on."""

from __future__ import annotations


class PreviewError(Exception):
    """The preview could not be built (``preview.profile``, ``preview.certificate``, ...)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
