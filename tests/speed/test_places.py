"""Places found on demand equal those of walking the whole text."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from grprojects.diagnostics import Diagnostic
from grprojects.jsontext import Scan, _walk, scan

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=4),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(alphabet="ab/~ 0", max_size=3), inner, max_size=3)
    ),
    max_leaves=12,
)


def _walked_locate(found: Scan, offsets: dict[str, int], pointer: str) -> tuple[int, int] | None:
    """What ``locate`` answered when the whole text was walked first."""
    while True:
        if pointer in offsets:
            return found.line_column(offsets[pointer])
        if not pointer:
            return None
        pointer = pointer.rsplit("/", 1)[0]


@given(
    value=json_values, indent=st.sampled_from([None, 0, 1, 2]), extra=st.text("ab0/", max_size=3)
)
def test_locate_finds_what_the_whole_walk_finds(value: Any, indent: int | None, extra: str) -> None:
    """For every value's pointer, and pointers below it that do not exist, the place is the same."""
    text = json.dumps(value, indent=indent, ensure_ascii=False)
    found = scan(text)
    offsets, _ = _walk(text, None)
    pointers = [*offsets, *(p + "/" + extra for p in offsets), "/missing"]
    for pointer in pointers:
        assert found.locate(pointer) == _walked_locate(found, offsets, pointer), pointer
    placed = found.place([Diagnostic("x", "m", p) for p in pointers])
    expected = [_walked_locate(found, offsets, p) for p in pointers]
    assert [(d.line, d.column) if d.line else None for d in placed] == expected
