"""``grprojects validate`` as CI configures it: --exclude and .gitignore, [tool.grprojects]
in pyproject.toml, --fail-on and --exit-zero, --statistics, --color, --only-documents."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from grprojects.cli import validate as validate_module
from grprojects.runtime import Runtime

from .conftest import DATA, ROOT
from .test_cli import FakeTerminal, builtin_plugins_only, run  # noqa: F401 - the autouse fixture

CLEAN = DATA / "valid" / "clean.json"
LINK_SELF = DATA / "invalid" / "link-self.json"
UNKNOWN_CODE = DATA / "invalid" / "code-unknown.json"


def _files(*arguments: str) -> list[str]:
    """The paths a JSON report of ``validate ARGUMENTS`` names."""
    result = run("validate", "--format", "json", *arguments)
    assert result.exit_code in (0, 1), result.output
    return [f["path"] for f in json.loads(result.stdout)["files"]]


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with documents, a dependency folder and a scratch file, as the cwd."""
    for name in ("data/a.json", "data/old/b.json", "node_modules/pkg/c.json", "data/d.tmp.json"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(CLEAN, tmp_path / name)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("node_modules/\n*.tmp.json\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


# -- --exclude and .gitignore ---------------------------------------------------------


@pytest.mark.usefixtures("tree")
def test_gitignore_and_exclude_leave_out_what_they_name() -> None:
    """.gitignore is respected by default; --exclude adds gitignore-style patterns."""
    assert _files(".") == ["data/a.json", "data/old/b.json"]
    assert _files("--exclude", "old/", ".") == ["data/a.json"]
    assert _files("--exclude", "data/old/**", "--exclude", "*.tmp.json", ".") == ["data/a.json"]
    every = _files("--no-respect-gitignore", ".")
    assert every == ["data/a.json", "data/d.tmp.json", "data/old/b.json", "node_modules/pkg/c.json"]


@pytest.mark.usefixtures("tree")
def test_files_named_themselves_are_always_validated() -> None:
    """An excluded or git-ignored file given by name is validated; a glob is filtered."""
    named = ["node_modules/pkg/c.json", "data/d.tmp.json"]
    assert _files("--exclude", "*.json", *named) == named
    assert _files("data/*.json") == ["data/a.json"]


def test_a_deeper_gitignore_can_take_back_what_a_shallower_one_ignores(
    tree: Path,
) -> None:
    """! in a subdirectory's .gitignore re-includes; .git/info/exclude counts as the root's."""
    (tree / "data" / ".gitignore").write_text("!d.tmp.json\n", encoding="utf-8")
    (tree / ".git" / "info").mkdir()
    (tree / ".git" / "info" / "exclude").write_text("old/\n", encoding="utf-8")
    assert _files(".") == ["data/a.json", "data/d.tmp.json"]


def test_gitignore_counts_only_inside_a_repository(tree: Path) -> None:
    """Without .git above, a .gitignore is just a file, as for git itself."""
    (tree / ".git").rmdir()
    assert "node_modules/pkg/c.json" in _files(".")


@pytest.mark.usefixtures("tree")
def test_a_directory_whose_documents_are_all_excluded_is_a_usage_error() -> None:
    """Nothing left to validate in a directory is said, naming why."""
    result = run("validate", "node_modules")
    assert result.exit_code == 2
    assert "that are not excluded or git-ignored" in result.output


# -- pyproject.toml ---------------------------------------------------------------------


def _config(folder: Path, text: str) -> None:
    (folder / "pyproject.toml").write_text(f"[tool.grprojects]\n{text}", encoding="utf-8")


def test_the_config_sets_defaults_and_the_command_line_overrides_them(tree: Path) -> None:
    """select from pyproject.toml applies; --select on the command line replaces it."""
    shutil.copy(LINK_SELF, tree / "data" / "a.json")
    _config(tree, 'select = ["period"]\nformat = "json"\n')
    result = run("validate", "data/a.json")
    assert result.exit_code == 0
    assert json.loads(result.output)["summary"]["error"] == 0
    assert run("validate", "--select", "link", "data/a.json").exit_code == 1


def test_the_config_is_found_from_a_subdirectory_and_excludes_from_its_folder(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The nearest pyproject.toml with the table counts; its patterns are relative to it."""
    _config(tree, 'exclude = ["data/old/"]\n')
    (tree / "data" / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    monkeypatch.chdir(tree / "data")
    assert _files(".") == ["a.json"]
    assert _files("--exclude", "nothing", ".") == ["a.json", "old/b.json"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('selct = ["link"]', "[tool.grprojects] has an unknown key 'selct'; did you mean select?"),
        ('fail-on = "warnin"', "[tool.grprojects] fail-on: 'warnin' is not one of"),
        ('fail-on = "warnin"', "Did you mean 'warning'?"),
        ('select = ["lnk"]', "select (in "),
        ("strict-plugins = 1", "[tool.grprojects] strict-plugins must be true or false"),
        ('plugins = {alow = ["x"]}', "[tool.grprojects.plugins] has an unknown key 'alow'"),
        ('plugins = {block = "x"}', "[tool.grprojects.plugins] block must be a list of names"),
        ("output = 'x'", "unknown key 'output'"),
        ("select = [", "cannot read it"),
    ],
)
def test_a_bad_config_is_a_usage_error_naming_file_and_key(
    tree: Path, text: str, message: str
) -> None:
    """Unknown keys and bad values stop the run with exit 2, naming pyproject.toml."""
    _config(tree, text + "\n")
    result = run("validate", "data")
    assert result.exit_code == 2
    assert message in result.output
    assert str(tree / "pyproject.toml") in result.output
    assert "Traceback" not in result.output


def test_plugin_lists_and_strict_mode_from_the_config_reach_the_manager(
    tree: Path, monkeypatch: pytest.MonkeyPatch, builtin_manager: Runtime
) -> None:
    """[tool.grprojects.plugins] allow/block, strict-plugins and plugin-timeout make the manager."""
    asked: list[dict[str, Any]] = []

    def manager(**options: Any) -> Runtime:
        asked.append(options)
        return builtin_manager

    monkeypatch.setattr(validate_module, "make_runtime", manager)
    settings = (
        'strict-plugins = true\nplugin-timeout = 5\n[tool.grprojects.plugins]\nblock = ["sheets"]\n'
    )
    _config(tree, settings)
    assert run("validate", "data").exit_code == 0
    assert asked == [{"strict": True, "allow": None, "block": ("sheets",), "plugin_timeout": 5.0}]


# -- exit codes, statistics, colour ---------------------------------------------------


@pytest.mark.parametrize(
    ("options", "document", "exit_code"),
    [
        ((), UNKNOWN_CODE, 0),
        (("--fail-on", "warning"), UNKNOWN_CODE, 1),
        (("--fail-on", "error"), UNKNOWN_CODE, 0),
        (("--fail-on", "never"), LINK_SELF, 0),
        (("--exit-zero",), LINK_SELF, 0),
        (("--exit-zero", "--fail-on", "info"), LINK_SELF, 0),
        (("--fail-on", "warning", "--min-severity", "error"), UNKNOWN_CODE, 0),
    ],
)
def test_fail_on_and_exit_zero_decide_the_exit_code(
    options: tuple[str, ...], document: Path, exit_code: int
) -> None:
    """--fail-on names the least severity that fails; --exit-zero never fails on data."""
    assert run("validate", *options, str(document)).exit_code == exit_code


def test_exit_zero_still_fails_on_a_usage_error() -> None:
    """--exit-zero does not hide a mistyped code."""
    assert run("validate", "--exit-zero", "--select", "nope", str(LINK_SELF)).exit_code == 2


def test_statistics_count_each_code_like_ruff(tmp_path: Path) -> None:
    """One line per code, most frequent first, with its severity and summary, then the total."""
    shutil.copy(LINK_SELF, tmp_path / "a.json")
    shutil.copy(LINK_SELF, tmp_path / "b.json")
    shutil.copy(UNKNOWN_CODE, tmp_path / "c.json")
    output = run("validate", "--statistics", str(tmp_path)).output
    lines = output.splitlines()
    assert lines[0] == "2  link.self     error    A project links to itself."
    assert lines[1].startswith("1  code.unknown  warning  A value of an open code list")
    assert lines[-1] == "3 files checked: 2 errors, 1 warning, 0 infos; invalid"
    guide = (ROOT / "docs" / "validation" / "ci.md").read_text("utf-8")
    assert "".join(f"  {line}\n" for line in lines) in guide  # the example shown is real


def test_statistics_are_for_the_text_format() -> None:
    """--statistics with another format is a usage error."""
    result = run("validate", "--statistics", "--format", "json", str(LINK_SELF))
    assert result.exit_code == 2
    assert "--statistics counts in the text format, not --format json" in result.output


@pytest.mark.parametrize(
    ("choice", "environment", "tty", "coloured"),
    [
        ("auto", {}, True, True),
        ("auto", {}, False, False),
        ("auto", {"FORCE_COLOR": "1"}, False, True),
        ("auto", {"NO_COLOR": "1", "FORCE_COLOR": "1"}, True, False),
        ("auto", {"FORCE_COLOR": ""}, False, False),
        ("always", {"NO_COLOR": "1"}, False, True),
        ("never", {"FORCE_COLOR": "1"}, True, False),
    ],
)
def test_color_choice_and_environment(
    monkeypatch: pytest.MonkeyPatch,
    choice: str,
    environment: dict[str, str],
    tty: bool,
    coloured: bool,
) -> None:
    """--color always/never decide; auto: NO_COLOR, then FORCE_COLOR, then the terminal."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert validate_module.use_color(FakeTerminal(tty=tty), choice) is coloured


def test_color_always_colours_piped_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """--color always puts escapes in piped output; FORCE_COLOR does too."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert "\x1b[" in run("validate", "--color", "always", str(LINK_SELF)).output
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[" in run("validate", str(LINK_SELF)).output
    assert "\x1b[" not in run("validate", "--color", "never", str(LINK_SELF)).output


# -- --only-documents ------------------------------------------------------------------


def test_only_documents_skips_other_json_files(tmp_path: Path) -> None:
    """package.json, JSONC settings and arrays are skipped; documents, even broken, are not."""
    files = {
        "package.json": '{"name": "x", "version": "1.0.0", "scripts": {}}',
        "settings.json": '{\n  // editor\n  "editor.tabSize": 2,\n}\n',
        "list.json": "[1, 2]",
        "other-schema.json": '{"$schema": "https://example.org/s.json", "version": "1.1"}',
        "broken.json": LINK_SELF.read_text("utf-8").replace("}", "},", 1),
        "declared.json": '{"$schema": "https://w3id.org/grprojects/schema/1.0/dataset.schema.json"}',
        "local-copy.json": '{"$schema": "../schemas/1.1/dataset.schema.json", "version": "1.1"}',
        "typo.json": '{"version": "1.1", "titel": {"sv": "x"}, "publisher": {"name": {"sv": "p"}}}',
        "unreadable.json": "not json at all",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    shutil.copy(CLEAN, tmp_path / "clean.json")
    project = json.loads(CLEAN.read_text("utf-8"))["projects"][0]
    (tmp_path / "projects.jsonl").write_text(json.dumps(project) + "\n", encoding="utf-8")
    (tmp_path / "other.jsonl").write_text('{"level": "info", "msg": "x"}\n', encoding="utf-8")
    organisation = json.loads(CLEAN.read_text("utf-8"))["organisations"][0]
    records = json.dumps({"organisation": organisation}) + "\n" + json.dumps(project) + "\n"
    (tmp_path / "records.jsonl").write_text(records, encoding="utf-8")
    found = [Path(p).name for p in _files("--only-documents", str(tmp_path))]
    assert found == [
        "broken.json",
        "clean.json",
        "declared.json",
        "local-copy.json",
        "projects.jsonl",
        "records.jsonl",
        "typo.json",
        "unreadable.json",
    ]
