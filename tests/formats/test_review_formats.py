"""Exchange formats under hostile or careless editing: nothing lost, every problem named."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from grprojects.formats import xlsx


@pytest.mark.parametrize("text", ["_x0041_", "a_x005F_b", "__x00e5__", "_x0041_x0042_"])
def test_literal_escape_sequences_survive_xlsx_escaping(text: str) -> None:
    """Text that looks like an OOXML escape decodes back to itself."""
    assert xlsx.decode(xlsx.encode(text)) == text


@given(st.lists(st.sampled_from(["_x0041_", "_x005F_", "_", "x", "0", "\r", "a"])).map("".join))
def test_texts_built_from_escape_pieces_survive_xlsx_escaping(text: str) -> None:
    """Any mix of escape-like pieces, underscores and control characters round trips."""
    assert xlsx.decode(xlsx.encode(text)) == text


def test_an_escape_like_text_before_a_control_character_survives() -> None:
    """``_x0041`` followed by a carriage return is not read back as ``A``."""
    assert xlsx.decode(xlsx.encode("_x0041\r")) == "_x0041\r"
    assert xlsx.encode("_x0041_") == "_x005F_x0041_"
