"""The registry of named check rules for identity-document numbers.

A profile's ``IdDocument.validator`` names one rule (``in.aadhaar``, ``passport``, ``pattern``...).
Each rule normalises what a citizen typed (spaces, dashes and dots go; letters are upper-cased
where the document uses them; digits typed in another script become ASCII), checks format and
checksum, and returns the compact normalised form, or raises :class:`IdNumberError` with a stable
code and a message the citizen can act on. Rules live in ``vaxkit.identity.documents``, one module
per country plus ``generic``; each cites the public source of the format it implements.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import random
import re
import unicodedata
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import ClassVar, TypeVar

from vaxkit.identity.errors import IdNumberError
from vaxkit.identity.pattern_examples import PatternExampleError, example_from_pattern

# Characters people type between groups of a number; all are dropped by normalisation.
SEPARATORS = frozenset(" -./_,\u00a0\u2010\u2011\u2012\u2013\u2014\u2212\u30fb")
ASCII_DIGITS = frozenset("0123456789")
ASCII_ALNUM = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
GENERATE_TRIES = 2000


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """What ``vaxkit id rules`` and the documentation show about a rule."""

    name: str
    title: str
    summary: str
    example: str
    display_example: str
    checksum: str | None
    needs_pattern: bool
    source: str

    def as_dict(self) -> dict[str, object]:
        """JSON-friendly form."""
        return {
            "name": self.name,
            "title": self.title,
            "summary": self.summary,
            "example": self.example,
            "display_example": self.display_example,
            "checksum": self.checksum,
            "needs_pattern": self.needs_pattern,
            "source": self.source,
        }


class Rule(ABC):
    """One named check rule. Subclasses set the class attributes and implement ``check``."""

    name: ClassVar[str]
    noun: ClassVar[str]
    """The document number with its article, as it starts a sentence: 'An Aadhaar number'."""
    title: ClassVar[str]
    summary: ClassVar[str]
    source: ClassVar[str]
    checksum: ClassVar[str | None] = None
    letters: ClassVar[bool] = False
    """Whether the number uses letters (then input is upper-cased)."""
    needs_pattern: ClassVar[bool] = False

    # --- the pipeline -----------------------------------------------------------------------------

    def clean(self, raw: str) -> str:
        """Drop separators and whitespace, make any script's digits ASCII, upper-case letters."""
        text = unicodedata.normalize("NFKC", raw)
        out: list[str] = []
        for ch in text:
            if ch.isspace() or ch in SEPARATORS:
                continue
            digit = unicodedata.decimal(ch, None)
            out.append(str(digit) if digit is not None else ch)
        compact = "".join(out)
        return compact.upper() if self.letters else compact

    @abstractmethod
    def check(self, compact: str) -> str:
        """Check the cleaned number; return its normalised form or raise IdNumberError."""

    def validate(self, raw: str, pattern: str | None = None) -> str:
        """Normalise and check ``raw``; with ``pattern``, the result must also match it in full."""
        if not isinstance(raw, str):
            raise IdNumberError("id.empty", f"{self.noun} is needed.")
        compact = self.clean(raw)
        if not compact:
            raise IdNumberError("id.empty", f"{self.noun} is needed; nothing was typed.")
        if self.needs_pattern and pattern is None:
            raise IdNumberError(
                "id.pattern_missing",
                f"The '{self.name}' rule needs a pattern in the profile.",
                hint="Set `pattern:` on this identity document in the country profile.",
            )
        number = self.check(compact)
        if pattern is not None and not compiled(pattern).fullmatch(number):
            hint = None
            with contextlib.suppress(PatternExampleError):
                hint = f"It should look like {example_from_pattern(pattern)}."
            raise IdNumberError(
                "id.pattern",
                f"{self.noun} does not have the form used in this country.",
                hint=hint,
            )
        return number

    def format(self, number: str) -> str:
        """The normalised number as it is printed on the document (groups, dashes)."""
        return number

    # --- examples ---------------------------------------------------------------------------------

    @abstractmethod
    def generate(self, rng: random.Random) -> str:
        """A random valid normalised number (right checksum, plausible dates)."""

    def generate_matching(self, rng: random.Random, pattern: str | None) -> str:
        """A random valid number that also matches ``pattern`` (generated from it when needed)."""
        if pattern is None:
            return self.generate(rng)
        regex = compiled(pattern)
        for _ in range(GENERATE_TRIES):
            number = self.generate(rng)
            if regex.fullmatch(number):
                return number
            try:
                candidate = example_from_pattern(pattern, rng)
                return self.validate(candidate, pattern)
            except (PatternExampleError, IdNumberError):
                continue
        raise IdNumberError(
            "id.no_example",
            f"No valid example could be made for the '{self.name}' rule with pattern {pattern}.",
            hint="Check that the pattern can match numbers this rule accepts.",
        )

    def example(self) -> str:
        """A valid example, the same on every run (seeded by the rule name)."""
        return self.generate(random.Random(f"vaxkit-example:{self.name}"))

    def invalid_example(self) -> str:
        """An example that this rule rejects: the valid example with one character changed."""
        valid = self.example()
        for index in range(len(valid) - 1, -1, -1):
            ch = valid[index]
            if ch.isdigit():
                candidate = valid[:index] + str((int(ch) + 1) % 10) + valid[index + 1 :]
                try:
                    self.validate(candidate)
                except IdNumberError:
                    return candidate
        return valid[:-1]

    def info(self) -> RuleInfo:
        """Description for listings and docs."""
        example = self.example()
        return RuleInfo(
            name=self.name,
            title=self.title,
            summary=self.summary,
            example=example,
            display_example=self.format(example),
            checksum=self.checksum,
            needs_pattern=self.needs_pattern,
            source=self.source,
        )

    # --- helpers for subclasses -------------------------------------------------------------------

    @property
    def noun_lower(self) -> str:
        """The noun with a lower-case article, for the middle of a sentence."""
        return self.noun[0].lower() + self.noun[1:]

    def length_error(self, expected: str, got: int, unit: str = "digits") -> IdNumberError:
        return IdNumberError(
            "id.length",
            f"{self.noun} has {expected} {unit}; you typed {got}.",
            hint="Copy the number from the document; spaces and dashes do not matter.",
            params={"expected": expected, "got": got},
        )

    def format_error(self, message: str, hint: str | None = None) -> IdNumberError:
        return IdNumberError("id.format", message, hint=hint)

    def checksum_error(self) -> IdNumberError:
        return IdNumberError(
            "id.checksum",
            f"This is not a valid {self.title}: a character is probably mistyped, "
            "or two are swapped.",
            hint="Compare the number with your document, character by character.",
        )

    def date_error(self, message: str) -> IdNumberError:
        return IdNumberError(
            "id.date",
            message,
            hint="The number contains a date that cannot be right; check it against the document.",
        )

    def require_digits(self, compact: str, length: int) -> None:
        """Raise unless ``compact`` is exactly ``length`` ASCII digits."""
        if not set(compact) <= ASCII_DIGITS:
            raise self.format_error(
                f"{self.noun} contains only digits; "
                f"'{first_outside(compact, ASCII_DIGITS)}' is not allowed."
            )
        if len(compact) != length:
            raise self.length_error(str(length), len(compact))

    def require_alnum(self, compact: str) -> None:
        """Raise unless ``compact`` holds only A-Z and 0-9."""
        if not set(compact) <= ASCII_ALNUM:
            raise self.format_error(
                f"{self.noun} contains only the letters A-Z and digits; "
                f"'{first_outside(compact, ASCII_ALNUM)}' is not allowed."
            )


def first_outside(text: str, allowed: frozenset[str]) -> str:
    """The first character of ``text`` not in ``allowed``."""
    return next((ch for ch in text if ch not in allowed), "")


def random_digits(rng: random.Random, count: int) -> str:
    """``count`` random ASCII digits."""
    return "".join(rng.choice("0123456789") for _ in range(count))


@functools.lru_cache(maxsize=256)
def compiled(pattern: str) -> re.Pattern[str]:
    """Compile a profile pattern once; a broken one is a configuration error with its own code."""
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise IdNumberError(
            "id.bad_pattern",
            f"The profile's pattern for this document is not a valid regular expression ({exc}).",
            hint="Fix `pattern:` in the country profile.",
        ) from None


# --- the registry ---------------------------------------------------------------------------------

_RULES: dict[str, Rule] = {}
_RuleT = TypeVar("_RuleT", bound=type[Rule])
_RULE_MODULES = (
    "generic",
    "india",
    "vietnam",
    "peru",
    "mexico",
    "ukraine",
    "emirates",
    "nigeria",
    "uganda",
)


def register(cls: _RuleT) -> _RuleT:
    """Class decorator: add one instance of the rule to the registry under ``cls.name``."""
    if cls.name in _RULES:
        raise RuntimeError(f"two identity rules are named {cls.name!r}")
    _RULES[cls.name] = cls()
    return cls


@functools.cache
def _load() -> None:
    for module in _RULE_MODULES:
        importlib.import_module(f"vaxkit.identity.documents.{module}")


def get_rule(name: str) -> Rule:
    """The rule called ``name``; ``IdNumberError('id.unknown_rule')`` lists the known ones."""
    _load()
    try:
        return _RULES[name]
    except KeyError:
        known = ", ".join(sorted(_RULES))
        raise IdNumberError(
            "id.unknown_rule",
            f"There is no identity check rule named '{name}'.",
            hint=f"Known rules: {known}.",
            params={"rule": name, "known": sorted(_RULES)},
        ) from None


def rule_names() -> list[str]:
    """Names of all rules, sorted."""
    _load()
    return sorted(_RULES)


def rules() -> dict[str, RuleInfo]:
    """Every rule's description, by name, sorted by name."""
    _load()
    return {name: _RULES[name].info() for name in sorted(_RULES)}
