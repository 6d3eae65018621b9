"""No extension pattern can hang validation: nested repetitions are refused at manifest load."""

from __future__ import annotations

import json
import time
import warnings

import pytest

from grprojects.extensions import schema_patterns
from grprojects.pattern_guard import pattern_problem
from grprojects.plugin_types import Extension
from grprojects.plugins import PluginWarning
from grprojects.runtime import make_runtime
from grprojects.schema import PUBLISHED, published_schema
from grprojects.testing import minimal_dataset, validate

from .test_manager import plugin_with

CATASTROPHIC = [
    r"^(a+)+$",
    r"^(a|aa)*$",
    r"^([a-z]{2,8})*$",
    r"^(a*)*b$",
    r"^(\w+\s?)*$",
    r"^(?P<word>\d+)+$",
    r"^(-[a-z-]+)*$",
    r"(a)\1",
]
"""Patterns whose failing match can take exponential time (or that backreference)."""

SAFE = [
    r"^[a-z]+$",
    r"^(\.[a-z]+)+$",
    r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$",
    r"^(?:-(?:[a-z]+|[0-9]+))*$",
    r"^\d{4}(-(0[1-9]|1[0-2]))?$",
    r"[(]a+[)]+",
]
"""Patterns the guard lets through: no repetition, or each round starts with a marker."""


@pytest.mark.parametrize("pattern", CATASTROPHIC)
def test_a_nested_repetition_is_refused(pattern: str) -> None:
    """Each pattern that can backtrack for ever is refused, with the reason."""
    problem = pattern_problem(pattern)
    assert problem is not None
    assert problem.startswith(f"the pattern {pattern!r}")


@pytest.mark.parametrize("pattern", SAFE)
def test_a_pattern_with_a_marker_per_round_is_accepted(pattern: str) -> None:
    """Repetitions whose rounds start with a character nothing else matches are accepted."""
    assert pattern_problem(pattern) is None


@pytest.mark.parametrize("name", PUBLISHED)
def test_the_core_schemas_patterns_pass_the_same_guard(name: str) -> None:
    """The core holds itself to the rule it holds extensions to."""
    patterns = list(schema_patterns(published_schema(name)))
    assert patterns  # the walk finds them
    assert [p for p in patterns if pattern_problem(p) is not None] == []


def test_an_extension_with_a_catastrophic_pattern_is_left_out_in_time() -> None:
    """The manifest is refused naming plugin, namespace and pattern; validation ends at once."""
    fragment = {"type": "object", "properties": {"code": {"type": "string", "pattern": "^(a+)+$"}}}
    extension = Extension(
        namespace="se.test.redos",
        title="ReDoS",
        description="A catastrophic pattern.",
        version="1.0",
        schemas={"project": fragment},
    )
    runtime = make_runtime(
        entry_points=False, plugins={"redos": plugin_with(register_extensions=lambda: [extension])}
    )
    with pytest.warns(PluginWarning) as caught:
        assert runtime.extensions == {}
    message = str(caught[0].message)
    assert "plugin 'redos': extension 'se.test.redos' has a project schema where" in message
    assert "the pattern '^(a+)+$' repeats a group" in message
    value = minimal_dataset(uses_extensions=["se.test.redos"])
    value["projects"][0]["extensions"] = {"se.test.redos": {"code": "a" * 40 + "!"}}
    started = time.monotonic()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PluginWarning)
        found = validate(json.loads(json.dumps(value)), runtime=runtime)
    assert time.monotonic() - started < 5
    assert "extension.unknown" in {d.code for d in found}
