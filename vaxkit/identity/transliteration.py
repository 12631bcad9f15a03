"""Names in the machine-readable form of travel documents: ICAO Doc 9303 ``A-Z`` and ``<``.

Per script, the official table where one exists:

* Latin with diacritics (Spanish, Vietnamese, French...): ICAO 9303 Part 3 (8th ed., 2021),
  section 6, table of multinational Latin characters (Ä -> AE, Ñ -> N, ß -> SS; Đ -> D; other
  diacritics dropped).
* Ukrainian Cyrillic: the national table of the Cabinet of Ministers of Ukraine, resolution No. 55
  of 27 January 2010 (used for Ukrainian passports; Є Ї Й Ю Я differ at the start of a word, "зг"
  is ZGH, soft sign and apostrophe are dropped). Letters not in Ukrainian (Ё Ы Э Ъ) follow the
  ICAO 9303 Cyrillic table.
* Arabic: ICAO 9303 Part 3 Table C and Appendix B.5 (the reversible "X" scheme: ح XH, خ XKH,
  ة XTA, or XAH at the end of a name; short-vowel marks dropped), as in the appendix's example
  ابو بكر محمد بن زكريا الرازي -> ABW<BKR<MXHMD<BN<ZKRYA<ALRAZY.
* Indian scripts: no ICAO table; see :mod:`vaxkit.identity.indic`.
* Anything else: the ``anyascii`` package (ISC licence), then reduced to A-Z.

Words are separated by ``<`` (spaces, hyphens); apostrophes and other punctuation vanish.
"""

from __future__ import annotations

import re
import unicodedata

from vaxkit.identity.indic import romanise_word, script_of

# ICAO 9303 Part 3, section 6 (multinational Latin characters) - letters that do not reduce to
# their base letter by dropping the diacritic.
LATIN = {
    "Ä": "AE", "Å": "AA", "Æ": "AE", "Ð": "D", "Ö": "OE", "Ø": "OE", "Ü": "UE", "Þ": "TH",
    "ß": "SS", "Đ": "D", "Ħ": "H", "ı": "I", "Ĳ": "IJ", "Ŀ": "L", "Ł": "L", "Ŋ": "N", "Œ": "OE",
    "ĸ": "K",
}  # fmt: skip

# Cabinet of Ministers of Ukraine resolution No. 55 (27.01.2010): (word start, elsewhere).
UKRAINIAN = {
    "А": "A", "Б": "B", "В": "V", "Г": "H", "Ґ": "G", "Д": "D", "Е": "E", "Є": ("YE", "IE"),
    "Ж": "ZH", "З": "Z", "И": "Y", "І": "I", "Ї": ("YI", "I"), "Й": ("Y", "I"), "К": "K",
    "Л": "L", "М": "M", "Н": "N", "О": "O", "П": "P", "Р": "R", "С": "S", "Т": "T", "У": "U",
    "Ф": "F", "Х": "KH", "Ц": "TS", "Ч": "CH", "Ш": "SH", "Щ": "SHCH", "Ь": "", "Ю": ("YU", "IU"),
    "Я": ("YA", "IA"),
    # ICAO 9303 Cyrillic table for letters outside the Ukrainian alphabet
    "Ё": "E", "Ы": "Y", "Э": "E", "Ъ": "IE", "Ў": "U", "Ј": "J", "Љ": "LJ", "Њ": "NJ", "Џ": "DZ",
    "Ђ": "D", "Ћ": "C", "Ѕ": "DZ", "Ѓ": "G", "Ќ": "K",
}  # fmt: skip
APOSTROPHES = frozenset("'’ʼ`´")

# ICAO 9303 Part 3 Table C (Arabic, with the Persian, Urdu and Pashto letters).
ARABIC = {
    "ء": "XE", "آ": "XAA", "أ": "XAE", "ؤ": "U", "إ": "I", "ئ": "XI", "ا": "A", "ب": "B",
    "ت": "T", "ث": "XTH", "ج": "J", "ح": "XH", "خ": "XKH", "د": "D", "ذ": "XDH", "ر": "R",
    "ز": "Z", "س": "S", "ش": "XSH", "ص": "XSS", "ض": "XDZ", "ط": "XTT", "ظ": "XZZ", "ع": "E",
    "غ": "G", "ف": "F", "ق": "Q", "ك": "K", "ل": "L", "م": "M", "ن": "N", "ه": "H", "و": "W",
    "ى": "XAY", "ي": "Y", "ٱ": "XXA", "ٹ": "XXT", "ټ": "XRT", "پ": "P", "ځ": "XKE", "څ": "XXH",
    "چ": "XC", "ڈ": "XXD", "ډ": "XDR", "ڑ": "XXR", "ړ": "XRR", "ږ": "XRX", "ژ": "XJ",
    "ښ": "XXS", "ک": "XKK", "ګ": "XXK", "ڭ": "XNG", "گ": "XGG", "ں": "XNN", "ڼ": "XXN",
    "ھ": "XDO", "ۀ": "XYH", "ہ": "XXG", "ۂ": "XGE", "ۃ": "XTG", "ی": "XYA", "ۍ": "XXY", "ې": "Y",
    "ے": "XYB", "ۓ": "XBE",
}  # fmt: skip
TEH_MARBUTA = "ة"
_WORD_BREAK = re.compile(r"[\s\-‐‑‒–—_/,.;:()]+")


def to_mrz(text: str) -> str:
    """``text`` as ICAO 9303 MRZ characters: upper-case A-Z, words joined by ``<``."""
    words = []
    for word in _WORD_BREAK.split(unicodedata.normalize("NFKC", text or "")):
        latin = _word(word)
        if latin:
            words.append(latin)
    return "<".join(words)


def _word(word: str) -> str:
    out: list[str] = []
    for run, kind in _script_runs(word):
        out.append(_RUNNERS[kind](run))
    return "".join(ch for ch in "".join(out).upper() if "A" <= ch <= "Z")


def _kind(ch: str) -> str:
    code = ord(ch)
    if 0x0400 <= code <= 0x052F:
        return "cyrillic"
    if 0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F:
        return "arabic"
    if script_of(ch) is not None:
        return "indic"
    if ch in APOSTROPHES or unicodedata.category(ch).startswith("M"):
        return "mark"  # stays inside the word it is written in (Мар'яна, O'Brien)
    if ch.isascii() or unicodedata.name(ch, "").startswith("LATIN"):
        return "latin"
    return "other"


def _script_runs(word: str) -> list[tuple[str, str]]:
    runs: list[tuple[str, str]] = []
    for ch in word:
        kind = _kind(ch)
        if kind == "mark" and runs:
            runs[-1] = (runs[-1][0] + ch, runs[-1][1])  # a mark belongs to the letter before it
        elif runs and runs[-1][1] == kind:
            runs[-1] = (runs[-1][0] + ch, kind)
        else:
            runs.append((ch, "other" if kind == "mark" else kind))
    return runs


def _latin(run: str) -> str:
    out = []
    for ch in unicodedata.normalize("NFC", run):
        upper = ch.upper() if ch != "ß" else ch
        if upper in LATIN:
            out.append(LATIN[upper])
        else:
            base = unicodedata.normalize("NFD", upper)
            out.append("".join(c for c in base if not unicodedata.combining(c)))
    return "".join(out)


def _cyrillic(run: str) -> str:
    out = []
    letters = run.upper()
    for i, ch in enumerate(letters):
        if ch == "Г" and i > 0 and letters[i - 1] == "З":
            out.append("GH")  # "зг" -> "zgh", keeping it apart from "ж" -> "zh"
            continue
        value = UKRAINIAN.get(ch)
        if value is None:
            out.append(_other(ch))
        elif isinstance(value, tuple):
            out.append(value[0] if i == 0 else value[1])
        else:
            out.append(value)
    return "".join(out)


def _arabic(run: str) -> str:
    letters = [ch for ch in run if not unicodedata.combining(ch) and ch != "\u0640"]
    out = []
    for i, ch in enumerate(letters):
        if ch == TEH_MARBUTA:
            out.append("XAH" if i == len(letters) - 1 else "XTA")
        else:
            out.append(ARABIC.get(ch, ""))
    return "".join(out)


def _indic(run: str) -> str:
    return romanise_word(run)


def _other(run: str) -> str:
    try:
        from anyascii import anyascii
    except ImportError:  # pragma: no cover - anyascii is a declared dependency
        return ""
    return anyascii(run)


_RUNNERS = {
    "latin": _latin,
    "cyrillic": _cyrillic,
    "arabic": _arabic,
    "indic": _indic,
    "other": _other,
}
