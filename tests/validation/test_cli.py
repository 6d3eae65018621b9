"""``grprojects validate`` and ``grprojects explain`` as CI runs them: exit codes, selection,
formats, paths."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from grprojects.cli import cli
from grprojects.cli import validate as validate_module
from grprojects.errors import PluginError
from grprojects.runtime import Runtime, make_runtime

from .conftest import DATA
from .test_pipeline import RaisingPlugin

CLEAN = str(DATA / "valid" / "clean.json")
LINK_SELF = str(DATA / "invalid" / "link-self.json")
UNKNOWN_CODE = str(DATA / "invalid" / "code-unknown.json")


@pytest.fixture(autouse=True)
def builtin_plugins_only(monkeypatch: pytest.MonkeyPatch, builtin_manager: Runtime) -> None:
    """The CLI sees grprojects' own plugins only, whatever is installed."""
    monkeypatch.setattr(validate_module, "default_runtime", lambda: builtin_manager)
    monkeypatch.setattr("grprojects.cli.explain.default_runtime", lambda: builtin_manager)


def run(*arguments: str) -> Result:
    return CliRunner().invoke(cli, list(arguments))


def test_valid_document_exits_0_with_a_summary() -> None:
    """A clean document: exit 0 and a summary line."""
    result = run("validate", CLEAN)
    assert result.exit_code == 0, result.output
    assert result.output == "1 file checked: 0 errors, 0 warnings, 0 infos; valid\n"


def test_invalid_document_exits_1_naming_place_and_code() -> None:
    """An error in the data: exit 1, the finding at file:line:column with its code."""
    result = run("validate", LINK_SELF)
    assert result.exit_code == 1
    first = result.output.splitlines()[0]
    assert first.startswith(f"{LINK_SELF}:")
    assert ": error link.self: the project links to itself (follows)" in first


def test_warnings_alone_exit_0() -> None:
    """Warnings and infos do not fail the run."""
    result = run("validate", UNKNOWN_CODE)
    assert result.exit_code == 0
    assert "warning code.unknown" in result.output


@pytest.mark.parametrize(
    ("options", "exit_code", "codes"),
    [
        ((), 1, ["link.self"]),
        (("--select", "period."), 0, []),
        (("--select", "link,code"), 1, ["link.self"]),
        (("--ignore", "link.self"), 0, []),
        (("--select", "link", "--ignore", "link"), 0, []),
        (("--min-severity", "error"), 1, ["link.self"]),
    ],
)
def test_selection_decides_what_is_reported_and_the_exit_code(
    options: tuple[str, ...], exit_code: int, codes: list[str]
) -> None:
    """--select, --ignore (code prefixes) and --min-severity filter findings and the verdict."""
    result = run("validate", "--format", "json", *options, LINK_SELF)
    assert result.exit_code == exit_code
    report = json.loads(result.output)
    assert [d["code"] for d in report["files"][0]["diagnostics"]] == codes


def test_min_severity_hides_warnings() -> None:
    """--min-severity error leaves warnings out."""
    assert "code.unknown" not in run("validate", "--min-severity", "error", UNKNOWN_CODE).output


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("validate", "no-such-file.json"), "no such file or directory: 'no-such-file.json'"),
        (("validate", "--select", "perod.", CLEAN), "did you mean"),
        (("validate", "--ignore", "nothing.here", CLEAN), "matches no known code"),
        (("validate", "--format", "xml", CLEAN), "Invalid value for '--format'"),
        (("validate",), "Missing argument"),
    ],
)
def test_usage_errors_exit_2(arguments: tuple[str, ...], message: str) -> None:
    """A bad option or a path that names nothing is a usage error: exit 2, no traceback."""
    result = run(*arguments)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_directories_and_globs_find_json_and_json_lines(tmp_path: Path) -> None:
    """Directories are searched recursively for .json and .jsonl, hidden ones skipped; globs
    expand."""
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    shutil.copy(CLEAN, tmp_path / "a" / "one.json")
    shutil.copy(LINK_SELF, tmp_path / "a" / "b" / "two.json")
    shutil.copy(LINK_SELF, tmp_path / ".git" / "hidden.json")
    (tmp_path / "a" / "notes.txt").write_text("not a document", encoding="utf-8")
    project = json.loads(Path(CLEAN).read_text("utf-8"))["projects"][1]
    (tmp_path / "a" / "b" / "three.jsonl").write_text(json.dumps(project) + "\n", "utf-8")
    report = json.loads(run("validate", "--format", "json", str(tmp_path)).output)
    found = [Path(f["path"]).relative_to(tmp_path).as_posix() for f in report["files"]]
    assert found == ["a/one.json", "a/b/three.jsonl", "a/b/two.json"]
    globbed = json.loads(run("validate", "--format", "json", f"{tmp_path}/**/t*.json*").output)
    assert [Path(f["path"]).name for f in globbed["files"]] == ["three.jsonl", "two.json"]


def test_an_empty_directory_is_a_usage_error(tmp_path: Path) -> None:
    """Nothing to validate is said, with exit 2, rather than passing silently."""
    result = run("validate", str(tmp_path))
    assert result.exit_code == 2
    assert "nothing to validate" in result.output


@pytest.mark.parametrize("output_format", ["text", "json", "github", "sarif"])
def test_every_format_can_be_written_to_a_file(tmp_path: Path, output_format: str) -> None:
    """--output writes the report there, and the exit code still says invalid."""
    target = tmp_path / f"report.{output_format}"
    result = run("validate", "--format", output_format, "-o", str(target), LINK_SELF)
    assert result.exit_code == 1
    assert result.output == ""
    assert "link.self" in target.read_text("utf-8")


def test_quiet_and_verbose() -> None:
    """-q prints findings only; -v also names the clean files."""
    assert run("validate", "-q", CLEAN).output == ""
    verbose = run("validate", "-v", CLEAN, LINK_SELF).output
    assert f"{CLEAN}: ok" in verbose


def test_a_failing_plugin_check_exits_3(
    monkeypatch: pytest.MonkeyPatch, builtin_manager: Runtime
) -> None:
    """A check that raises is reported with its plugin, and the run exits 3."""
    manager = make_runtime(entry_points=False, plugins={"raising": RaisingPlugin()})
    monkeypatch.setattr(validate_module, "default_runtime", lambda: manager)
    result = run("validate", CLEAN)
    assert result.exit_code == 3
    assert "plugin.check-failed" in result.output
    assert "'raising'" in result.output


def test_strict_plugins_turns_a_broken_plugin_into_exit_3(monkeypatch: pytest.MonkeyPatch) -> None:
    """--strict-plugins builds a strict manager; a broken plugin then stops the run with 3."""
    asked: list[bool] = []

    def strict_manager(*, strict: bool, **lists: object) -> Runtime:
        asked.append(strict)
        raise PluginError("plugin 'broken' from distribution 'broken-dist': ImportError: x")

    monkeypatch.setattr(validate_module, "make_runtime", strict_manager)
    result = run("validate", "--strict-plugins", CLEAN)
    assert result.exit_code == 3
    assert asked == [True]
    assert "broken-dist" in result.output


def test_help_documents_the_exit_codes() -> None:
    """--help lists what 0, 1, 2 and 3 mean."""
    text = run("validate", "--help").output
    for code in ("0  every document is valid", "1  some document", "2  usage error", "3  internal"):
        assert code in text


class FakeTerminal(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def test_colour_only_on_a_terminal_and_never_with_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    """Colour needs a terminal; NO_COLOR (any non-empty value) turns it off."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert validate_module.use_color(FakeTerminal(tty=True)) is True
    assert validate_module.use_color(FakeTerminal(tty=False)) is False
    monkeypatch.setenv("NO_COLOR", "1")
    assert validate_module.use_color(FakeTerminal(tty=True)) is False


def test_no_colour_when_output_is_not_a_terminal() -> None:
    """Piped output (as in CI logs) has no escape sequences."""
    assert "\x1b[" not in run("validate", LINK_SELF).output


def test_progress_shows_only_for_many_files_when_enabled(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The counter appears on standard error for many files on a terminal, never otherwise."""
    few = validate_module.Progress(3, enabled=True)
    few.show(1, Path("a.json"))
    many = validate_module.Progress(validate_module.PROGRESS_FROM, enabled=True)
    many.show(2, Path("b.json"))
    many.close()
    off = validate_module.Progress(1000, enabled=False)
    off.show(3, Path("c.json"))
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "validating 2/20: b.json" in captured.err
    assert "a.json" not in captured.err
    assert "c.json" not in captured.err


def test_explain_prints_summary_explanation_and_both_examples() -> None:
    """explain CODE shows the check's summary, explanation and failing and passing examples."""
    result = run("explain", "period.end-before-start")
    assert result.exit_code == 0
    assert result.output.startswith("period.end-before-start (error, dates)\n\n")
    assert "A period certainly ends before it starts." in result.output
    assert "Reported:\n    " in result.output
    assert "Accepted:\n    " in result.output
    assert "spring 2016" in result.output


def test_explain_knows_the_layer_codes() -> None:
    """Codes of the parsing and schema layers are explained too."""
    assert "Most JSON readers keep the last value" in run("explain", "json.duplicate-key").output
    assert run("explain", "schema.pattern").exit_code == 0


def test_explain_an_unknown_code_exits_2_with_close_codes() -> None:
    """An unknown code is a usage error listing the codes it is close to."""
    result = run("explain", "period.end")
    assert result.exit_code == 2
    assert "no code 'period.end'" in result.output
    assert "  period.end-before-start" in result.output


def test_explain_without_a_code_lists_every_code() -> None:
    """Without CODE, every code is listed with its severity and summary."""
    lines = run("explain").output.splitlines()
    assert any(text.startswith("source.disagreeing-municipalities ") for text in lines)
    assert any(text.startswith("json.syntax ") for text in lines)


def test_python_dash_m_validate_works() -> None:
    """`python -m grprojects validate` runs the same command with the same exit codes."""
    command = [sys.executable, "-m", "grprojects", "validate", "--select", "link", LINK_SELF]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 1, done.stderr
    assert "error link.self" in done.stdout
