"""``grprojects validate`` and ``explain`` at their edges: mistyped codes, prefixes, paths
that find nothing, unreadable directories, odd files, and where the report goes."""

from __future__ import annotations

import pytest
from click.testing import CliRunner, Result

from grprojects.cli import cli
from grprojects.cli import validate as validate_module
from grprojects.plugins import PluginManager
from grprojects.reporting.rules import schema_codes

from .conftest import DATA

SCHEMA_INVALID = str(DATA / "invalid" / "schema-invalid-still-checked.json")


@pytest.fixture(autouse=True)
def builtin_plugins_only(monkeypatch: pytest.MonkeyPatch, builtin_manager: PluginManager) -> None:
    """The CLI sees grprojects' own plugins only, whatever is installed."""
    monkeypatch.setattr(validate_module, "default_manager", lambda: builtin_manager)
    monkeypatch.setattr("grprojects.cli.explain.default_manager", lambda: builtin_manager)


def run(*arguments: str) -> Result:
    return CliRunner().invoke(cli, list(arguments))


# -- schema codes and prefixes ----------------------------------------------------------


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_a_mistyped_schema_code_is_a_usage_error_with_suggestions(option: str) -> None:
    """--select schema.requierd cannot pass invalid data: exit 2, suggesting schema.required."""
    result = run("validate", option, "schema.requierd", SCHEMA_INVALID)
    assert result.exit_code == 2
    assert f"{option} 'schema.requierd' matches no known code" in result.output
    assert "did you mean schema.required" in result.output


@pytest.mark.parametrize("pattern", ["schema", "schema.", "schema.required", "schema.unknown-key"])
def test_real_schema_codes_and_the_prefix_still_select(pattern: str) -> None:
    """The schema prefix and the codes io reports select findings; the invalid file fails."""
    result = run("validate", "--select", pattern, SCHEMA_INVALID)
    assert result.exit_code == 1, result.output


def test_the_schema_codes_are_those_io_names() -> None:
    """Every keyword the published schemas use is reported under a documented code."""
    assert schema_codes() == {
        "schema.code",
        "schema.duplicate-item",
        "schema.format",
        "schema.key",
        "schema.minimum",
        "schema.pattern",
        "schema.required",
        "schema.type",
        "schema.unknown-key",
    }


def test_explain_refuses_an_unknown_schema_code() -> None:
    """explain schema.bogus is a usage error with close codes, not the generic text."""
    result = run("explain", "schema.bogus")
    assert result.exit_code == 2
    assert "no code 'schema.bogus'" in result.output
    assert "The document breaks the published schema." not in result.output


def test_explain_a_schema_code() -> None:
    """A schema code io reports is explained with its own text."""
    result = run("explain", "schema.required")
    assert result.exit_code == 0
    assert result.output.startswith("schema.required (error, schema)\n\nA required key is missing.")


@pytest.mark.parametrize("prefix", ["period", "period.", "schema."])
def test_explain_a_prefix_lists_the_codes_under_it(prefix: str) -> None:
    """explain PREFIX lists each code under it on one line, as explain alone does."""
    result = run("explain", prefix)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    stem = prefix.rstrip(".") + "."
    assert lines
    assert all(line.startswith(stem) for line in lines)
    everything = [line.split() for line in run("explain").output.splitlines()]
    assert [line.split() for line in lines] == [w for w in everything if w[0].startswith(stem)]


def test_explain_period_lists_the_period_check() -> None:
    """explain period names period.end-before-start with its severity and summary."""
    output = run("explain", "period").output
    assert output.split(maxsplit=2) == [
        "period.end-before-start",
        "error",
        "A period certainly ends before it starts.\n",
    ]
