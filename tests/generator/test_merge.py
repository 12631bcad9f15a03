"""The three-way merge behind `vaxkit upgrade`."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from vaxkit.generator.merge import merge3

BASE = "one\ntwo\nthree\nfour\nfive\n"


def test_changes_on_different_lines_are_both_kept():
    ours = "one\nTWO (project)\nthree\nfour\nfive\n"
    theirs = "one\ntwo\nthree\nfour\nFIVE (template)\nsix\n"
    result = merge3(BASE, ours, theirs)
    assert result.clean
    assert result.text == "one\nTWO (project)\nthree\nfour\nFIVE (template)\nsix\n"


def test_the_same_change_on_both_sides_is_taken_once():
    both = "one\ntwo\n3\nfour\nfive\n"
    assert merge3(BASE, both, both).text == both


def test_additions_at_both_ends_and_deletions_merge():
    ours = "zero\none\ntwo\nthree\nfour\nfive\n"
    theirs = "one\ntwo\nfour\nfive\nsix\n"
    result = merge3(BASE, ours, theirs)
    assert result.clean
    assert result.text == "zero\none\ntwo\nfour\nfive\nsix\n"


def test_different_changes_to_the_same_lines_conflict_with_git_markers():
    ours = "one\ntwo\nthree (project)\nfour\nfive\n"
    theirs = "one\ntwo\nthree (template)\nfour\nfive\n"
    result = merge3(BASE, ours, theirs, theirs_label="template 2")
    assert result.conflicts == 1
    assert result.text == (
        "one\ntwo\n"
        "<<<<<<< project\nthree (project)\n"
        "||||||| previous template\nthree\n"
        "=======\nthree (template)\n"
        ">>>>>>> template 2\n"
        "four\nfive\n"
    )


def test_a_last_line_without_newline_does_not_swallow_a_marker():
    result = merge3("a\nb", "a\nb ours", "a\nb theirs")
    assert result.conflicts == 1
    assert "b ours\n||||||| previous template\nb\n=======\nb theirs\n>>>>>>>" in result.text


def test_a_file_new_on_both_sides_merges_against_nothing():
    assert merge3("", "same\n", "same\n").text == "same\n"
    assert merge3("", "ours\n", "theirs\n").conflicts == 1


lines = st.lists(st.sampled_from(["a\n", "b\n", "c\n", "d\n", "x\n"]), max_size=12)


@given(base=lines, ours=lines)
def test_when_the_template_did_not_change_the_project_wins(base, ours):
    base_text, ours_text = "".join(base), "".join(ours)
    assert merge3(base_text, ours_text, base_text).text == ours_text


@given(base=lines, theirs=lines)
def test_when_the_project_did_not_change_the_template_wins(base, theirs):
    base_text, theirs_text = "".join(base), "".join(theirs)
    assert merge3(base_text, base_text, theirs_text).text == theirs_text


@given(base=lines, ours=lines, theirs=lines)
def test_a_clean_merge_contains_every_line_both_sides_added(base, ours, theirs):
    result = merge3("".join(base), "".join(ours), "".join(theirs))
    if result.clean:
        merged = result.text.splitlines(keepends=True)
        for side in (ours, theirs):
            for line in set(side) - set(base):
                assert line in merged
