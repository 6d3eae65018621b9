"""Strict JSON: what Python's json module lets through, grprojects reports with its place."""

from __future__ import annotations

import pytest

from grprojects import load
from grprojects.errors import DocumentError
from grprojects.jsontext import decode, parse_json, scan


def _problem(text: str) -> tuple[str, str, int | None, int | None]:
    with pytest.raises(DocumentError) as caught:
        parse_json(text, file="doc.json")
    (diagnostic,) = caught.value.diagnostics
    return diagnostic.code, diagnostic.pointer, diagnostic.line, diagnostic.column


def test_infinity_is_refused_where_it_stands() -> None:
    """``Infinity`` is not JSON; the diagnostic points at its key and line."""
    assert _problem('{"a": [1,\n -Infinity]}') == ("json.constant", "/a/1", 2, 2)


def test_a_float_that_overflows_is_refused() -> None:
    """``1e400`` would silently become infinity in Python; it is refused instead."""
    assert _problem('{"x": 1e400}') == ("json.number-too-large", "/x", 1, 7)


def test_an_integer_past_the_digit_limit_is_refused() -> None:
    """An integer of 5000 digits is refused with a clear message, not a traceback."""
    assert _problem('{"x": ' + "9" * 5000 + "}")[:2] == ("json.number-too-large", "/x")


def test_nesting_too_deep_is_refused() -> None:
    """A document nested 100 000 levels deep is reported, not a RecursionError."""
    assert _problem("[" * 100_000 + "]" * 100_000)[0] == "json.too-deep"


def test_duplicate_keys_in_nested_objects_are_each_reported() -> None:
    """Every repeated key is reported, each at its own pointer."""
    with pytest.raises(DocumentError) as caught:
        parse_json('{"a": {"b": 1, "b": 2}, "c": 1, "c": 2}')
    assert [d.pointer for d in caught.value.diagnostics] == ["/a/b", "/c"]


def test_keys_with_slash_and_tilde_are_escaped_in_pointers() -> None:
    """Pointers escape ``/`` as ``~1`` and ``~`` as ``~0`` (RFC 6901)."""
    assert _problem('{"a/b": {"~": NaN}}')[1] == "/a~1b/~0"


def test_scan_locates_values_and_falls_back_to_the_parent() -> None:
    """Line and column of a pointer's value; a missing member resolves to its object."""
    found = scan('{\n  "projects": [\n    {"id": "x"}\n  ]\n}')
    assert found.locate("/projects/0/id") == (3, 12)
    assert found.locate("/projects/0/name") == (3, 5)


def test_bytes_with_a_byte_order_mark_decode() -> None:
    """UTF-8 with a BOM (as Excel writes it) reads as plain text."""
    assert decode("\ufeff{}".encode()) == "{}"


def test_a_syntax_error_after_a_strictness_problem_is_reported_too() -> None:
    """A too-large number, then a raw control character in a string: the syntax error, placed.

    Found by the fuzzer (tests/fuzz): it used to escape as a JSONDecodeError. As for a
    duplicate key or NaN before a syntax error, the syntax error is what is told.
    """
    with pytest.raises(DocumentError) as caught:
        parse_json('{"x": 1e400,\n "y": "a\tb"}', file="doc.json")
    found = [(d.code, d.line, d.column) for d in caught.value.diagnostics]
    assert found == [("json.syntax", 2, 9)]


def test_bytes_that_are_not_utf8_are_a_located_error() -> None:
    """``load`` given bytes reports invalid UTF-8 by line and column, as for a path."""
    with pytest.raises(DocumentError) as caught:
        load(b'{\n  "a": "\xff"}')
    (diagnostic,) = caught.value.diagnostics
    assert (diagnostic.code, diagnostic.line, diagnostic.column) == ("file.encoding", 2, 9)


@pytest.mark.parametrize(
    ("text", "column"),
    [
        ('{"a": 1, "a": 2, "b": }', 23),  # a duplicate key, then a syntax error
        ('{"a": NaN, ]', 12),  # a constant, then a syntax error
        ('[{"a": 1, "a": 2}, }', 20),  # the syntax error after the object that repeats
        ('{"a": Infinity, "b": tru}', 22),
        ('{"a": 1e400} x', 14),
        ('{"a": ' + "9" * 5000 + ", ]", 5009),
    ],
)
def test_a_syntax_error_after_a_strictness_problem_is_a_located_syntax_error(
    text: str, column: int
) -> None:
    """The strict reader stops at a duplicate key or NaN; a later syntax error is still found."""
    assert _problem(text) == ("json.syntax", "", 1, column)


def test_a_duplicate_key_in_valid_syntax_is_still_reported_at_its_key() -> None:
    """Without a syntax error, a duplicate key and a constant are each reported in place."""
    with pytest.raises(DocumentError) as caught:
        parse_json('{"a": 1,\n "a": [NaN]}')
    found = [(d.code, d.pointer, d.line, d.column) for d in caught.value.diagnostics]
    assert found == [("json.duplicate-key", "/a", 2, 2), ("json.constant", "/a/0", 2, 8)]


def test_nesting_too_deep_is_placed_where_it_is_deepest() -> None:
    """``json.too-deep`` names the line and column of the bracket that goes deepest."""
    text = '{"a": [\n  ' + "[" * 100_000 + "]" * 100_000 + "]}"
    assert _problem(text) == ("json.too-deep", "", 2, 3 + 99_999)
