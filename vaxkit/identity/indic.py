"""Romanisation of names in the Brahmic scripts of India (Devanagari, Bengali, Gurmukhi, Gujarati,
Odia, Tamil, Telugu, Kannada, Malayalam).

ICAO 9303 has no table for these scripts, so this follows the Hunterian-style spelling Indian
passports commonly use (``शर्मा`` -> SHARMA, ``लक्ष्मी`` -> LAKSHMI, ``बच्चन`` -> BACHCHAN). The nine
scripts share the ISCII-derived Unicode layout: the same letter sits at the same offset in each
128-character block, so one table serves all of them, with a few script-specific letters.

The inherent vowel ``a`` of a consonant is written except where Hindi-type languages do not
pronounce it (schwa deletion, after Ohala 1983): at the end of a word unless the word ends in a
conjunct of a nasal or semivowel (``चन्द्र`` CHANDRA, but ``हेमन्त`` HEMANT), and between a vowel
and a consonant that is followed by a vowel (``राजकुमार`` RAJKUMAR). Dravidian scripts, Bengali
and Odia keep every inherent vowel (``ರಾಮ`` RAMA). The result is a proposal the citizen can
correct where the profile's ``transliteration`` is ``ask``.
"""

from __future__ import annotations

from dataclasses import dataclass

BLOCKS = {
    0x0900: "deva",
    0x0980: "beng",
    0x0A00: "guru",
    0x0A80: "gujr",
    0x0B00: "orya",
    0x0B80: "taml",
    0x0C00: "telu",
    0x0C80: "knda",
    0x0D00: "mlym",
}
SCHWA_DELETING = frozenset({"deva", "guru", "gujr"})

VOWELS = {
    0x05: "a", 0x06: "a", 0x07: "i", 0x08: "i", 0x09: "u", 0x0A: "u", 0x0B: "ri", 0x0C: "li",
    0x0D: "e", 0x0E: "e", 0x0F: "e", 0x10: "ai", 0x11: "o", 0x12: "o", 0x13: "o", 0x14: "au",
    0x60: "ri", 0x61: "li",
}  # fmt: skip
MATRAS = {
    0x3E: "a", 0x3F: "i", 0x40: "i", 0x41: "u", 0x42: "u", 0x43: "ri", 0x44: "ri", 0x45: "e",
    0x46: "e", 0x47: "e", 0x48: "ai", 0x49: "o", 0x4A: "o", 0x4B: "o", 0x4C: "au", 0x62: "li",
    0x63: "li",
}  # fmt: skip
CONSONANTS = {
    0x15: "k", 0x16: "kh", 0x17: "g", 0x18: "gh", 0x19: "n", 0x1A: "ch", 0x1B: "chh",
    0x1C: "j", 0x1D: "jh", 0x1E: "n", 0x1F: "t", 0x20: "th", 0x21: "d", 0x22: "dh", 0x23: "n",
    0x24: "t", 0x25: "th", 0x26: "d", 0x27: "dh", 0x28: "n", 0x29: "n", 0x2A: "p", 0x2B: "ph",
    0x2C: "b", 0x2D: "bh", 0x2E: "m", 0x2F: "y", 0x30: "r", 0x31: "r", 0x32: "l", 0x33: "l",
    0x34: "zh", 0x35: "v", 0x36: "sh", 0x37: "sh", 0x38: "s", 0x39: "h",
    # precomposed nukta letters
    0x58: "q", 0x59: "kh", 0x5A: "gh", 0x5B: "z", 0x5C: "r", 0x5D: "rh", 0x5E: "f", 0x5F: "y",
}  # fmt: skip
NUKTA_FORMS = {0x15: "q", 0x16: "kh", 0x17: "gh", 0x1C: "z", 0x21: "r", 0x22: "rh", 0x2B: "f"}
LABIALS = frozenset({0x2A, 0x2B, 0x2C, 0x2D, 0x2E})
KEEP_FINAL_A_AFTER = frozenset({0x2F, 0x30, 0x32, 0x35, 0x28, 0x23, 0x2E})  # y r l v n n m
NUKTA, VIRAMA, ANUSVARA, CANDRABINDU, VISARGA = 0x3C, 0x4D, 0x02, 0x01, 0x03
# Script-specific letters outside the shared layout.
SPECIAL = {
    ("beng", 0x4E): "t",  # khanda ta
    ("guru", 0x70): "n",  # tippi (nasal)
    ("mlym", 0x7A): "n",  # chillu letters: consonants without a vowel
    ("mlym", 0x7B): "n",
    ("mlym", 0x7C): "r",
    ("mlym", 0x7D): "l",
    ("mlym", 0x7E): "l",
    ("mlym", 0x7F): "k",
}
GURMUKHI_ADDAK = 0x71  # doubles the next consonant
GURMUKHI_VOWEL_CARRIERS = {0x72: "", 0x73: ""}  # iri and ura carry the following vowel sign


def script_of(ch: str) -> str | None:
    """The Brahmic script of ``ch``, or None."""
    base = ord(ch) & ~0x7F
    return BLOCKS.get(base)


@dataclass
class _Token:
    kind: str  # "C" consonant, "V" vowel, "N" nasal/visarga, "A" inherent vowel
    text: str
    offset: int = 0
    deleted: bool = False


def romanise_word(word: str) -> str:
    """Lower-case Latin for one word written in a single Brahmic script."""
    tokens: list[_Token] = []
    script = None
    geminate = False
    for ch in word:
        script = script_of(ch) or script
        offset = ord(ch) & 0x7F
        special = SPECIAL.get((script or "", offset))
        if special is not None:
            tokens.append(_Token("N" if offset == 0x70 else "C", special, offset))
            continue
        if script == "guru" and offset == GURMUKHI_ADDAK:
            geminate = True
            continue
        if script == "guru" and offset in GURMUKHI_VOWEL_CARRIERS:
            tokens.append(_Token("V", ""))
            continue
        if offset in CONSONANTS:
            text = CONSONANTS[offset]
            if geminate:
                text = ("ch" if text.startswith("ch") else text[0]) + text
                geminate = False
            tokens.append(_Token("C", text, offset))
            tokens.append(_Token("A", "a"))
        elif offset == NUKTA:
            consonant = _last(tokens, "C")
            if consonant is not None:
                consonant.text = NUKTA_FORMS.get(consonant.offset, consonant.text)
        elif offset == VIRAMA:
            _drop_inherent(tokens)
        elif offset in MATRAS:
            _drop_inherent(tokens)
            if tokens and tokens[-1].kind == "V" and tokens[-1].text == "":
                tokens[-1].text = MATRAS[offset]  # Gurmukhi vowel carrier
            else:
                tokens.append(_Token("V", MATRAS[offset]))
        elif offset in VOWELS:
            tokens.append(_Token("V", VOWELS[offset]))
        elif offset in (ANUSVARA, CANDRABINDU):
            tokens.append(_Token("N", "n", offset))
        elif offset == VISARGA:
            tokens.append(_Token("N", "h", offset))
        # anything else (avagraha, dandas, digits, length marks) is not written
    _nasals(tokens)
    if script in SCHWA_DELETING:
        _delete_schwas(tokens)
    return "".join(t.text for t in tokens if not t.deleted)


def _last(tokens: list[_Token], kind: str) -> _Token | None:
    for token in reversed(tokens):
        if token.kind == kind:
            return token
        if token.kind != "A":
            return None
    return None


def _drop_inherent(tokens: list[_Token]) -> None:
    if tokens and tokens[-1].kind == "A":
        tokens.pop()


def _nasals(tokens: list[_Token]) -> None:
    # Anusvara sounds m before labials, and "ng" before h (सिंह SINGH).
    for i, token in enumerate(tokens):
        if token.kind == "N" and token.offset in (ANUSVARA, CANDRABINDU):
            following = next((t for t in tokens[i + 1 :] if t.kind == "C"), None)
            if following is not None and tokens[i + 1] is following:
                if following.offset in LABIALS:
                    token.text = "m"
                elif following.offset == 0x39:
                    token.text = "ng"


def _is_vowel(token: _Token) -> bool:
    return token.kind in ("V", "A") and not token.deleted


def _delete_schwas(tokens: list[_Token]) -> None:
    vowels = [t for t in tokens if _is_vowel(t)]
    if len(vowels) < 2:
        return
    last = tokens[-1]
    if last.kind == "A":
        consonant = tokens[-2]
        in_conjunct = len(tokens) >= 3 and tokens[-3].kind == "C"
        if not (in_conjunct and consonant.offset in KEEP_FINAL_A_AFTER):
            last.deleted = True
    for i in range(len(tokens) - 2, 1, -1):
        token = tokens[i]
        if token.kind != "A" or token.deleted:
            continue
        if tokens[i - 1].kind != "C" or not _is_vowel(tokens[i - 2]):
            continue
        j = i + 1
        while j < len(tokens) and tokens[j].kind == "C":
            j += 1
        if j > i + 1 and j < len(tokens) and _is_vowel(tokens[j]):
            token.deleted = True
