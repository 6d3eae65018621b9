"""grprojects.testing: the helpers plugin authors test with."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from grprojects import Diagnostic, Severity, load
from grprojects.testing import (
    assert_diagnostic,
    assert_no_diagnostic,
    codes,
    minimal_dataset,
    validate,
)

FOUND = [
    Diagnostic("a.one", "first", "/projects/0", Severity.WARNING),
    Diagnostic("a.one", "second", "/projects/1", Severity.WARNING),
    Diagnostic("b.two", "third", "", Severity.INFO),
]


def test_minimal_dataset_is_clean() -> None:
    """The starting document has no errors or warnings of its own."""
    assert_no_diagnostic(validate(minimal_dataset()), min_severity=Severity.WARNING)


def test_validate_takes_a_value_text_path_or_dataset(tmp_path: Path) -> None:
    """Each form of the same document gives the same diagnostics."""
    document = minimal_dataset(uses_extensions=["se.nowhere.x"])
    path = tmp_path / "data.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    expected = validate(document)
    assert codes(expected)[:1] == ["extension.unknown"]
    assert validate(json.dumps(document)) == expected
    assert validate(path) == expected
    assert validate(load(path)) == expected


def test_json_and_schema_problems_come_first() -> None:
    """Broken JSON is reported as such; schema errors stop before the checks."""
    assert codes(validate('{"version": "1.1",}'))[0].startswith("json.")
    assert codes(validate(minimal_dataset(version="2.0"))) == ["schema.pattern"]


def test_assert_diagnostic_returns_the_one_match() -> None:
    """A unique match is returned; pointer and severity narrow the search."""
    assert assert_diagnostic(FOUND, "a.one", pointer="/projects/1").message == "second"
    assert assert_diagnostic(FOUND, "b.two", severity=Severity.INFO).message == "third"


@pytest.mark.parametrize(
    ("code", "message"),
    [("a.one", "expected one a.one, found 2"), ("c.three", "expected one c.three, found no")],
)
def test_assert_diagnostic_fails_listing_what_was_found(code: str, message: str) -> None:
    """No match or several is a failure that lists every diagnostic."""
    with pytest.raises(AssertionError, match=message) as raised:
        assert_diagnostic(FOUND, code)
    assert "warning a.one at /projects/0: first" in str(raised.value)


def test_assert_no_diagnostic_honours_code_and_severity() -> None:
    """Only diagnostics of the code and at least the severity fail it."""
    assert_no_diagnostic(FOUND, "c.three")
    assert_no_diagnostic(FOUND, "b.two", min_severity=Severity.WARNING)
    with pytest.raises(AssertionError, match=r"expected no a\.one"):
        assert_no_diagnostic(FOUND, "a.one")
