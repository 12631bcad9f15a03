"""The one exception the eligibility engine raises for bad input."""

from __future__ import annotations


class EligibilityError(ValueError):
    """Input the engine cannot reason about (a person without a birth date, a history whose dose
    numbers have gaps, a profile missing an interval).

    ``code`` is stable and machine-readable (``history.dose_numbers``); ``str()`` is the message.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
