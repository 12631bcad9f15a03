"""Make example strings that match a profile's regular expression.

Profiles describe some documents only by a pattern (``^[A-Z][0-9]{7}$``); demo data, form
placeholders and error hints still need a number of that shape. This walks the parsed expression
(Python's own regex parser) and picks characters from upper-case A-Z and 0-9, the alphabet of
identity numbers. Only the constructs such patterns use are supported: literals, classes, ranges,
repeats, groups, alternation and anchors.
"""

from __future__ import annotations

import random
import re
import string

try:  # Python 3.11+
    from re import _constants as sre_constants
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - older interpreters
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

ALPHABET = string.ascii_uppercase + string.digits
MAX_EXTRA_REPEAT = 3
_CATEGORIES = {
    sre_constants.CATEGORY_DIGIT: string.digits,
    sre_constants.CATEGORY_NOT_DIGIT: string.ascii_uppercase,
    sre_constants.CATEGORY_WORD: ALPHABET,
    sre_constants.CATEGORY_NOT_WORD: "-",
    sre_constants.CATEGORY_SPACE: " ",
    sre_constants.CATEGORY_NOT_SPACE: ALPHABET,
}


class PatternExampleError(ValueError):
    """The pattern uses a construct this generator does not handle, or cannot match anything."""


def example_from_pattern(pattern: str, rng: random.Random | None = None) -> str:
    """A string that fully matches ``pattern`` (deterministic when ``rng`` is not given)."""
    rng = rng or random.Random(f"vaxkit-pattern:{pattern}")
    try:
        parsed = sre_parse.parse(pattern)
    except re.error as exc:
        raise PatternExampleError(f"not a regular expression: {exc}") from None
    regex = re.compile(pattern)
    for _ in range(50):
        text = _emit(list(parsed), rng)
        if regex.fullmatch(text):
            return text
    raise PatternExampleError(f"could not make an example matching {pattern}")


def _emit(items: list[tuple[object, object]], rng: random.Random) -> str:
    return "".join(_one(op, arg, rng) for op, arg in items)


def _one(op: object, arg: object, rng: random.Random) -> str:
    c = sre_constants
    if op is c.LITERAL:
        return chr(arg)  # type: ignore[arg-type]
    if op is c.NOT_LITERAL:
        return rng.choice([ch for ch in ALPHABET if ord(ch) != arg])
    if op is c.ANY:
        return rng.choice(ALPHABET)
    if op is c.IN:
        return rng.choice(_class_chars(arg))  # type: ignore[arg-type]
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
        low, high, sub = arg  # type: ignore[misc]
        high = low + MAX_EXTRA_REPEAT if high is c.MAXREPEAT else min(high, low + MAX_EXTRA_REPEAT)
        return "".join(_emit(list(sub), rng) for _ in range(rng.randint(low, high)))
    if op is c.SUBPATTERN:
        return _emit(list(arg[-1]), rng)  # type: ignore[index]
    if op is getattr(c, "ATOMIC_GROUP", None):
        return _emit(list(arg), rng)  # type: ignore[arg-type]
    if op is c.BRANCH:
        return _emit(list(rng.choice(arg[1])), rng)  # type: ignore[index]
    if op is c.AT:
        return ""
    if op is c.CATEGORY:
        return rng.choice(_CATEGORIES.get(arg, ALPHABET))  # type: ignore[arg-type]
    raise PatternExampleError(f"unsupported construct in pattern: {op}")


def _class_chars(items: list[tuple[object, object]]) -> str:
    c = sre_constants
    negate = False
    chars: set[str] = set()
    for op, arg in items:
        if op is c.NEGATE:
            negate = True
        elif op is c.LITERAL:
            chars.add(chr(arg))  # type: ignore[arg-type]
        elif op is c.RANGE:
            low, high = arg  # type: ignore[misc]
            chars.update(chr(i) for i in range(low, min(high, low + 255) + 1))
        elif op is c.CATEGORY:
            chars.update(_CATEGORIES.get(arg, ALPHABET))  # type: ignore[arg-type]
        else:
            raise PatternExampleError(f"unsupported construct in character class: {op}")
    if negate:
        chars = set(ALPHABET) - chars
    # Prefer the identity-number alphabet when the class allows it (``[A-Za-z]`` -> A-Z).
    preferred = sorted(chars & set(ALPHABET))
    pool = preferred or sorted(chars)
    if not pool:
        raise PatternExampleError("a character class matches nothing")
    return "".join(pool)
