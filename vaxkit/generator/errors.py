"""The one exception the generator raises for bad input or a broken project."""

from __future__ import annotations


class GeneratorError(Exception):
    """Baking or upgrading cannot go on.

    ``code`` is stable and machine-readable (``generator.profile_invalid``,
    ``upgrade.not_a_project``); ``str()`` is the message, written for the person at the terminal.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
