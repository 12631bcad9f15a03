"""Three-way merge of text, line by line (the diff3 algorithm), without Git.

``base`` is the template's previous render, ``ours`` the project's file, ``theirs`` the new
render. Regions changed on one side only take that side; regions changed identically on both
take either; regions changed differently on both become a conflict, written with Git's markers so
that editors and ``git diff`` recognise them.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

Lines = list[str]
# (base_start, base_end, ours_start, ours_end, theirs_start, theirs_end) of a stable region
Region = tuple[int, int, int, int, int, int]


@dataclass(frozen=True)
class MergeResult:
    text: str
    conflicts: int

    @property
    def clean(self) -> bool:
        return self.conflicts == 0


def merge3(
    base: str,
    ours: str,
    theirs: str,
    *,
    ours_label: str = "project",
    theirs_label: str = "template",
) -> MergeResult:
    """Merge the changes from ``base`` to ``theirs`` into ``ours``."""
    b, o, t = (text.splitlines(keepends=True) for text in (base, ours, theirs))
    out: Lines = []
    conflicts = 0
    ib = io = it = 0
    for b_start, b_end, o_start, o_end, t_start, t_end in _stable_regions(b, o, t):
        base_chunk, ours_chunk, theirs_chunk = b[ib:b_start], o[io:o_start], t[it:t_start]
        if ours_chunk or theirs_chunk:
            if ours_chunk == theirs_chunk or theirs_chunk == base_chunk:
                out += ours_chunk
            elif ours_chunk == base_chunk:
                out += theirs_chunk
            else:
                conflicts += 1
                out += _conflict(ours_chunk, base_chunk, theirs_chunk, ours_label, theirs_label)
        out += b[b_start:b_end]
        ib, io, it = b_end, o_end, t_end
    return MergeResult("".join(out), conflicts)


def _stable_regions(b: Lines, o: Lines, t: Lines) -> list[Region]:
    """Regions of ``b`` left unchanged in both ``o`` and ``t``, ending with an empty sentinel."""
    ours = SequenceMatcher(None, b, o, autojunk=False).get_matching_blocks()
    theirs = SequenceMatcher(None, b, t, autojunk=False).get_matching_blocks()
    regions: list[Region] = []
    i = j = 0
    while i < len(ours) and j < len(theirs):
        ob, oo, olen = ours[i]
        tb, tt, tlen = theirs[j]
        start, end = max(ob, tb), min(ob + olen, tb + tlen)
        if start < end:
            regions.append(
                (start, end, oo + start - ob, oo + end - ob, tt + start - tb, tt + end - tb)
            )
        # advance whichever match ends first in the base
        if ob + olen < tb + tlen:
            i += 1
        else:
            j += 1
    regions.append((len(b), len(b), len(o), len(o), len(t), len(t)))
    return regions


def _conflict(ours: Lines, base: Lines, theirs: Lines, ours_label: str, theirs_label: str) -> Lines:
    def block(lines: Lines) -> Lines:
        # a side ending without a newline would run into the next marker
        return [*lines[:-1], lines[-1] + "\n"] if lines and not lines[-1].endswith("\n") else lines

    return [
        f"<<<<<<< {ours_label}\n",
        *block(ours),
        "||||||| previous template\n",
        *block(base),
        "=======\n",
        *block(theirs),
        f">>>>>>> {theirs_label}\n",
    ]
