"""Embedded web fonts: the bundled Noto faces, cut down to the characters the page uses.

Without them a browser that lacks a script's font (Devanagari, Kannada, ...) draws empty boxes,
and the page must not fetch fonts from anywhere. Subsetting keeps each face to a few kilobytes;
the shaping tables (GSUB/GPOS) are kept, so conjuncts and joined Arabic still render.
"""

from __future__ import annotations

import base64
import io
from functools import lru_cache

from fontTools import subset
from fontTools.ttLib import TTFont

from vaxkit.certificates.typefaces import LATIN, TYPEFACES, Typeface

# Joiners and marks that shaping needs even when the page text does not contain them literally.
_ALWAYS = "\u200c\u200d\u25cc"


@lru_cache(maxsize=len(TYPEFACES))
def _cmap(face: Typeface) -> frozenset[int]:
    with TTFont(face.path(400), lazy=True) as font:
        return frozenset(font.getBestCmap())


def families() -> list[str]:
    """CSS family names of the faces that may be embedded (for the page's font stack)."""
    return [face.family for face in TYPEFACES if face is not LATIN]


def font_faces_css(text: str) -> str:
    """``@font-face`` rules with data URIs for every non-Latin face that ``text`` needs."""
    used = {ord(ch) for ch in text if ord(ch) > 0x24F}
    rules = []
    for face in TYPEFACES:
        if face is LATIN:
            continue  # every browser has Latin, Cyrillic and Greek
        needed = used & _cmap(face)
        if not needed:
            continue
        data = _subset(face, frozenset(needed | {ord(c) for c in _ALWAYS}))
        uri = "data:font/ttf;base64," + base64.b64encode(data).decode("ascii")
        rules.append(
            f'@font-face {{ font-family: "{face.family}"; font-weight: 400; '
            f'src: url("{uri}") format("truetype"); }}'
        )
    return "\n".join(rules)


def _subset(face: Typeface, codepoints: frozenset[int]) -> bytes:
    options = subset.Options()
    options.layout_features = ["*"]  # keep every shaping feature the script needs
    options.name_IDs = ["*"]
    options.notdef_outline = True
    font = TTFont(face.path(400))
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints)
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()
