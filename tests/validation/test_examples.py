"""The bundled examples validate without error; the one warning is where the sources disagree."""

from __future__ import annotations

import json

import pytest

from grprojects.diagnostics import Severity, parts_of
from grprojects.validation import Validator

from .conftest import EXAMPLE

pytestmark = pytest.mark.skipif(
    not EXAMPLE.is_file(), reason=f"the example dataset {EXAMPLE} is not written yet"
)


def test_examples_have_no_error(validator: Validator) -> None:
    """Every layer and every built-in check passes the example without an error."""
    result = validator.validate_path(EXAMPLE)
    assert [d.describe() for d in result.diagnostics if d.severity is Severity.ERROR] == []


def test_the_only_warning_is_the_ockero_disagreement(validator: Validator) -> None:
    """The 2016 page lists Öckerö for Nya GRannar and the 2019 report does not: one warning."""
    result = validator.validate_path(EXAMPLE)
    warnings = [d for d in result.diagnostics if d.severity is Severity.WARNING]
    assert [d.code for d in warnings] == ["source.disagreeing-municipalities"]
    (warning,) = warnings
    assert warning.message == (
        "Öckerö takes part according to nya-grannar-start-2016 "
        "but not according to nya-grannar-slutrapport-2019"
    )
    value = json.loads(EXAMPLE.read_text("utf-8"))
    _, project, _, participation = parts_of(warning.pointer)
    named = value["projects"][int(project)]["participations"][int(participation)]
    assert value["projects"][int(project)]["id"] == "nya-grannar"
    assert named["organisation"] == "öckerö"
