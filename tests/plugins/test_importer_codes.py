"""Importers document the codes of their diagnostics, and ``explain`` knows them."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from grprojects import Dataset, hookimpl
from grprojects.cli import cli
from grprojects.diagnostics import Severity
from grprojects.plugin_types import DiagnosticCode, Importer
from grprojects.reporting.rules import rules
from grprojects.runtime import make_runtime

LOOSE = DiagnosticCode(
    "register.loose-name",
    "warning",
    "A name was read from a close spelling.",
    "The importer read the name as the nearest one; check it.",
    failing_example="Stenungssund",
    passing_example="Stenungsund",
)


def _read(path: Path) -> Dataset:
    raise NotImplementedError(path)


class RegisterPlugin:
    """An outside plugin whose importer documents one code."""

    @hookimpl
    def register_importers(self) -> list[Importer]:
        """A register importer."""
        return [Importer("register", "A register", (".register",), _read, codes=(LOOSE,))]


def test_an_importers_codes_are_rules_of_its_plugin() -> None:
    """``rules`` lists an importer's code with its text, its severity and its plugin."""
    runtime = make_runtime(entry_points=False, plugins={"register-plugin": RegisterPlugin()})
    rule = rules(runtime)["register.loose-name"]
    assert (rule.severity, rule.category, rule.plugin) == (
        Severity.WARNING,
        "imports",
        "register-plugin",
    )
    assert (rule.failing_example, rule.passing_example) == ("Stenungssund", "Stenungsund")


def test_explain_prints_an_importers_code(monkeypatch: pytest.MonkeyPatch) -> None:
    """``grprojects explain CODE`` explains an importer's code as it explains a check's."""
    runtime = make_runtime(entry_points=False, plugins={"register-plugin": RegisterPlugin()})
    monkeypatch.setattr("grprojects.cli.explain.default_runtime", lambda: runtime)
    result = CliRunner().invoke(cli, ["explain", "register.loose-name"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        "register.loose-name (warning, imports, from plugin register-plugin)\n"
    )


def test_a_code_not_dotted_is_refused_when_made() -> None:
    """A code an importer documents has a check's form, or the plugin is blamed at once."""
    with pytest.raises(ValueError, match="dotted and lower case"):
        DiagnosticCode("Loose Name", "warning", "s", "e")
