"""Check an identity-document number against a profile's document type."""

from __future__ import annotations

import random
from dataclasses import dataclass

from vaxkit.identity.masking import mask
from vaxkit.identity.rules import get_rule
from vaxkit.profiles.schema import IdDocument


@dataclass(frozen=True, slots=True)
class CheckedId:
    """A valid number in its three forms. Store ``normalised`` (encrypted) and its lookup hash;
    show ``masked`` everywhere; ``display`` only to the holder, right after they typed it."""

    document: str
    """The document type's code in the profile (``aadhaar``)."""
    rule: str
    """The check rule applied (``in.aadhaar``)."""
    normalised: str
    display: str
    masked: str

    def __repr__(self) -> str:  # never print the full number by accident (logs, tracebacks)
        return f"CheckedId(document={self.document!r}, rule={self.rule!r}, masked={self.masked!r})"

    def __str__(self) -> str:
        return self.masked


def check_document(doc: IdDocument, number: str) -> CheckedId:
    """Normalise and check ``number`` as a document of type ``doc``.

    Applies the document's rule and its extra ``pattern``; raises
    :class:`~vaxkit.identity.errors.IdNumberError` with a stable ``code`` when it is not valid.
    """
    rule = get_rule(doc.validator)
    normalised = rule.validate(number, doc.pattern)
    return CheckedId(
        document=doc.code,
        rule=rule.name,
        normalised=normalised,
        display=rule.format(normalised),
        masked=mask_number(doc, normalised),
    )


def mask_number(doc: IdDocument, normalised: str) -> str:
    """The masked form of an already normalised number, per the document's ``mask`` spec."""
    return mask(normalised, doc.mask)


def example_number(doc: IdDocument, rng: random.Random | None = None) -> str:
    """A valid normalised number for ``doc`` (its rule and pattern), for demos and placeholders.

    Without ``rng`` the example is the same on every run.
    """
    rule = get_rule(doc.validator)
    if rng is None:
        if doc.pattern is None:
            return rule.example()
        rng = random.Random(f"vaxkit-example:{rule.name}:{doc.pattern}")
    return rule.generate_matching(rng, doc.pattern)
