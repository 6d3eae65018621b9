"""The plugin commands: plugins [--json], schema --with, new-plugin."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from grprojects.cli import cli
from grprojects.cli.new_plugin import write_plugin
from grprojects.extensions import combined_schema
from grprojects.runtime import default_runtime


def run(*args: str) -> tuple[int, str]:
    """Run the command line; its exit code and standard output."""
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_plugins_json_lists_the_first_party_plugins() -> None:
    """The installed plugins appear with version, hooks, extensions and no errors."""
    code, output = run("plugins", "--json")
    assert code == 0
    plugins = {p["name"]: p for p in json.loads(output)["plugins"]}
    goteborg, sheets = plugins["goteborg"], plugins["sheets"]
    assert (goteborg["distribution"], goteborg["version"]) == ("grprojects-goteborg", "0.1.0")
    assert goteborg["hooks"] == ["register_checks", "register_extensions"]
    assert goteborg["extensions"] == [
        {
            "namespace": "se.goteborg.stad",
            "title": "Göteborgs Stad",
            "version": "0.1.0",
            "objects": ["project"],
        }
    ]
    assert "goteborg.diarienummer-missing" in goteborg["checks"]
    assert sheets["hooks"] == ["choose_importer", "register_importers"]
    assert sheets["importers"] == ["sheets"]
    assert all(p["errors"] == [] for p in plugins.values())
    assert plugins["grprojects.builtin.json_format"]["builtin"] is True


def test_plugins_text_names_each_plugin() -> None:
    """The text listing has a line per plugin with its distribution."""
    code, output = run("plugins")
    assert code == 0
    assert "goteborg 0.1.0 (grprojects-goteborg)" in output
    assert "extension se.goteborg.stad 0.1.0: Göteborgs Stad (on project)" in output


def test_schema_with_an_extension_prints_the_combined_schema() -> None:
    """schema --with prints the same combined schema the API builds, valid as a schema."""
    code, output = run("schema", "--with", "se.goteborg.stad")
    assert code == 0
    printed = json.loads(output)
    assert printed == combined_schema("dataset", ["se.goteborg.stad"], default_runtime())
    jsonschema.Draft202012Validator.check_schema(printed)


def test_schema_with_an_unknown_extension_is_a_usage_error() -> None:
    """An unknown namespace exits 2 naming the ones installed."""
    code, output = run("schema", "--with", "se.nowhere.x")
    assert code == 2
    assert "no extension 'se.nowhere.x'; known: " in output
    assert "se.goteborg.stad" in output.split("known: ")[1]


def test_new_plugin_refuses_a_bad_name_and_an_existing_folder(tmp_path: Path) -> None:
    """A name that is not a distribution name, or a folder already there, is a usage error."""
    assert run("new-plugin", "Kungsbacka Kommun", "--dir", str(tmp_path))[0] == 2
    (tmp_path / "grprojects-x").mkdir()
    code, output = run("new-plugin", "grprojects-x", "--dir", str(tmp_path))
    assert code == 2
    assert "already exists" in output


def test_generated_plugin_passes_its_own_tests(tmp_path: Path) -> None:
    """The skeleton's test passes out of the box, run by pytest in a fresh process."""
    code, _ = run("new-plugin", "grprojects-kungsbacka", "--dir", str(tmp_path))
    assert code == 0
    folder = tmp_path / "grprojects-kungsbacka"
    assert (folder / "src" / "grprojects_kungsbacka" / "__init__.py").is_file()
    pyproject = (folder / "pyproject.toml").read_text("utf-8")
    assert 'kungsbacka = "grprojects_kungsbacka"' in pyproject
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
        env=environment,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 passed" in result.stdout


def test_write_plugin_lists_what_it_wrote(tmp_path: Path) -> None:
    """The generator writes the package files and nothing else."""
    written = write_plugin("grprojects-lerum", tmp_path)
    assert sorted(p.relative_to(tmp_path / "grprojects-lerum").as_posix() for p in written) == [
        "README.md",
        "pyproject.toml",
        "src/grprojects_lerum/__init__.py",
        "tests/test_grprojects_lerum.py",
    ]


@pytest.mark.usefixtures("installed")
def test_plugins_lists_load_errors_and_fails_in_strict_mode() -> None:
    """A broken plugin is listed with its error; --strict makes that exit 3."""
    code, output = run("plugins", "--json")
    assert code == 0
    plugins = {p["name"]: p for p in json.loads(output)["plugins"]}
    assert plugins["broken"]["distribution"] == "broken-dist"
    assert plugins["broken"]["errors"] == ["RuntimeError: boom"]
    assert plugins["working"]["errors"] == []
    assert run("plugins", "--strict")[0] == 3
