"""The test documents in tests/data fail (or pass) with exactly the expected codes and places."""

from __future__ import annotations

from typing import Any

import pytest

from grprojects.checks import CHECKS
from grprojects.validation import Validator

from .conftest import DATA, expectations

EXPECTED = expectations()


def test_every_document_has_an_expectation_and_every_expectation_a_document() -> None:
    """No test document is left without its expected outcome, and none is missing."""
    found = [p for kind in ("valid", "invalid") for p in (DATA / kind).glob("*.json")]
    files = {p.relative_to(DATA).as_posix() for p in found}
    assert files == set(EXPECTED)


def test_every_check_has_a_failing_document() -> None:
    """Each built-in check is expected to fire in at least one invalid document."""
    expected_codes = {e["code"] for name, found in EXPECTED.items() for e in found}
    missing = {check.code for check in CHECKS} - expected_codes
    assert missing == set()


def test_every_check_passes_the_valid_documents() -> None:
    """The valid documents expect no finding at all, so each is a passing document for all."""
    valid = [name for name in EXPECTED if name.startswith("valid/")]
    assert len(valid) >= 5
    assert all(EXPECTED[name] == [] for name in valid)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_document_gives_exactly_the_expected_findings(name: str, validator: Validator) -> None:
    """Validating the document gives the expected codes at the expected pointers, no others."""
    path = DATA / name
    result = validator.validate_path(path)
    found = sorted((d.code, d.pointer) for d in result.diagnostics)
    assert found == sorted((e["code"], e["pointer"]) for e in EXPECTED[name])
    assert result.valid is all(
        not e["code"].startswith(("json.", "schema.")) and e["code"] in _non_errors()
        for e in EXPECTED[name]
    )
    for diagnostic in result.diagnostics:
        assert diagnostic.file == str(path)
        assert diagnostic.line is not None
        assert diagnostic.column is not None
    placed: dict[tuple[str, str], Any] = {(e["code"], e["pointer"]): e for e in EXPECTED[name]}
    for diagnostic in result.diagnostics:
        wanted = placed[(diagnostic.code, diagnostic.pointer)]
        if "line" in wanted:
            assert (diagnostic.line, diagnostic.column) == (wanted["line"], wanted["column"])


def _non_errors() -> set[str]:
    return {c.code for c in CHECKS if c.severity < 3}
