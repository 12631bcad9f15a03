"""Masking never shows more than its spec, whatever the value's length."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vaxkit.identity import MaskSpecError, mask, parse_mask_spec

# Values without X or separators, so that every shown character can be traced to its position.
VALUE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWYZ0123456789"
values = st.text(alphabet=VALUE_CHARS, min_size=0, max_size=30)
templates = st.text(alphabet="X#- ./", min_size=1, max_size=24).filter(lambda t: set(t) & set("X#"))


@pytest.mark.parametrize(
    ("value", "spec", "masked"),
    [
        ("234123412346", "XXXX-XXXX-####", "XXXX-XXXX-2346"),
        ("234123412346", "XXXX XXXX ####", "XXXX XXXX 2346"),
        ("234123412346", "keep_last:4", "XXXXXXXX2346"),
        ("784196865703050", "XXX-XXXX-XXX####-#", "XXX-XXXX-XXX0305-0"),
        # longer than the template: the extra leading characters are hidden
        ("1234567890123456", "XXXX-XXXX-####", "XXXXXXXX-XXXX-3456"),
        # shorter: the template's left part is dropped, and at most half is shown
        ("ABCDEF", "XXXX-XXXX-####", "XX-XDEF"),
        ("AB12", "keep_last:4", "XX12"),
        ("A", "keep_last:4", "X"),
        ("", "keep_last:4", ""),
        ("A1234567", "keep_last:0", "XXXXXXXX"),
        # a template that would show everything still shows at most half
        ("A1234567", "########", "XXXX4567"),
    ],
)
def test_examples(value: str, spec: str, masked: str) -> None:
    assert mask(value, spec) == masked


@pytest.mark.parametrize("spec", ["keep_last:", "keep_last:-1", "---", "XXXX-XXXX-####!", "", "x#"])
def test_bad_specs(spec: str) -> None:
    with pytest.raises(MaskSpecError) as caught:
        parse_mask_spec(spec)
    assert caught.value.code == "mask.spec"


@given(values, st.integers(min_value=0, max_value=99))
def test_keep_last_reveals_at_most_n_final_characters(value: str, n: int) -> None:
    out = mask(value, f"keep_last:{n}")
    assert len(out) == len(value)
    shown = [i for i, ch in enumerate(out) if ch != "X"]
    assert len(shown) <= min(n, len(value) // 2)
    assert all(i >= len(value) - n for i in shown)
    assert all(out[i] == value[i] for i in shown)


@given(values, templates)
def test_templates_reveal_at_most_their_hashes(value: str, template: str) -> None:
    out = mask(value, template)
    bare = "".join(ch for ch in out if ch not in " -./")
    assert len(bare) == len(value)  # every character is accounted for, hidden or shown
    shown = [i for i, ch in enumerate(bare) if ch != "X"]
    assert len(shown) <= min(template.count("#"), len(value) // 2)
    assert all(bare[i] == value[i] for i in shown)


@given(st.text(min_size=0, max_size=40), st.integers(min_value=0, max_value=99))
def test_keep_last_on_any_text(value: str, n: int) -> None:
    out = mask(value, f"keep_last:{n}")
    hidden_prefix = len(value) - min(n, len(value) // 2)
    assert out[:hidden_prefix] == "X" * hidden_prefix
    assert out[hidden_prefix:] == value[hidden_prefix:]
