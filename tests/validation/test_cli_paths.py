"""``grprojects validate`` and ``explain`` at their edges: mistyped codes, prefixes, paths
that find nothing, unreadable directories, odd files, and where the report goes."""

from __future__ import annotations

import errno
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from grprojects.cli import validate as validate_module
from grprojects.reporting.rules import schema_codes

from .conftest import DATA
from .test_cli import builtin_plugins_only, run  # noqa: F401 - the autouse fixture works here too

CLEAN = str(DATA / "valid" / "clean.json")
SCHEMA_INVALID = str(DATA / "invalid" / "schema-invalid-still-checked.json")


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
        "schema.maximum",
        "schema.minimum",
        "schema.pattern",
        "schema.required",
        "schema.too-long",
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


# -- paths ------------------------------------------------------------------------------


def _listing_refused(monkeypatch: pytest.MonkeyPatch, refused: Path) -> None:
    """Listing ``refused`` fails as it would without permission (tests run as root)."""
    real_scandir = os.scandir

    def scandir(path: Any = ".") -> Any:
        if Path(path) == refused:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)


def test_an_unreadable_subdirectory_is_reported_not_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A directory that cannot be listed is a file.unreadable error naming it: exit 1."""
    (tmp_path / "locked").mkdir()
    shutil.copy(CLEAN, tmp_path / "good.json")
    _listing_refused(monkeypatch, tmp_path / "locked")
    result = run("validate", "--format", "json", str(tmp_path))
    assert result.exit_code == 1, result.output
    files = json.loads(result.output)["files"]
    assert [f["path"] for f in files] == [str(tmp_path / "locked"), str(tmp_path / "good.json")]
    problem = files[0]["diagnostics"][0]
    assert problem["code"] == "file.unreadable"
    assert problem["message"].startswith("cannot list the directory: Permission denied")


def test_an_unreadable_top_directory_says_permission_denied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A directory argument that cannot be listed is reported as such, not as empty."""
    _listing_refused(monkeypatch, tmp_path)
    result = run("validate", str(tmp_path))
    assert result.exit_code == 1
    assert f"{tmp_path}: error file.unreadable: cannot list the directory: Permission denied" in (
        result.output
    )
    assert "nothing to validate" not in result.output


def test_ignoring_file_unreadable_leaves_the_directory_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--ignore file.unreadable applies to unreadable directories as to files."""
    (tmp_path / "locked").mkdir()
    shutil.copy(CLEAN, tmp_path / "good.json")
    _listing_refused(monkeypatch, tmp_path / "locked")
    assert run("validate", "--ignore", "file.unreadable", str(tmp_path)).exit_code == 0


@pytest.mark.parametrize(
    ("make", "argument", "message"),
    [
        (
            lambda root: (root / "empty").mkdir(),
            "empty",
            "nothing to validate in '{root}/empty': no .json, .jsonl or .ndjson files",
        ),
        (
            lambda root: (root / "notes.txt").write_text("x", "utf-8"),
            "*.txt",
            "nothing to validate in '{root}/*.txt': it matches no .json, .jsonl or .ndjson files",
        ),
    ],
    ids=["empty-directory", "glob-of-other-files"],
)
def test_an_argument_that_finds_nothing_is_a_usage_error_beside_others(
    tmp_path: Path, make: Callable[[Path], object], argument: str, message: str
) -> None:
    """emptydir/ good.json and 'mix/*.txt' good.json exit 2 naming the empty argument."""
    make(tmp_path)
    result = run("validate", f"{tmp_path}/{argument}", CLEAN)
    assert result.exit_code == 2
    assert message.format(root=tmp_path) in result.output


def test_symlinked_directories_are_followed_once(tmp_path: Path) -> None:
    """A linked directory's documents are found; a link back up the tree does not loop."""
    outside, tree = tmp_path / "outside", tmp_path / "tree"
    outside.mkdir()
    (tree / "sub").mkdir(parents=True)
    shutil.copy(CLEAN, outside / "linked.json")
    shutil.copy(CLEAN, tree / "sub" / "own.json")
    (tree / "sub" / "elsewhere").symlink_to(outside)
    (tree / "sub" / "up").symlink_to(tree)
    files, unreadable = validate_module.expand([str(tree)])
    assert files == [tree / "sub" / "own.json", tree / "sub" / "elsewhere" / "linked.json"]
    assert unreadable == {}


def test_non_regular_files_in_a_tree_are_skipped(tmp_path: Path) -> None:
    """A FIFO named x.json inside a directory is not read (it would block the run)."""
    os.mkfifo(tmp_path / "x.json")
    shutil.copy(CLEAN, tmp_path / "good.json")
    files, _ = validate_module.expand([str(tmp_path), f"{tmp_path}/*.json"])
    assert files == [tmp_path / "good.json"]


def test_ndjson_files_are_json_lines(tmp_path: Path) -> None:
    """.ndjson files are found in directories and read a project per line, like .jsonl."""
    projects = json.loads(Path(CLEAN).read_text("utf-8"))["projects"][:2]
    lines = "".join(json.dumps(project) + "\n" for project in projects)
    (tmp_path / "projects.NDJSON").write_text(lines, "utf-8")
    result = run("validate", "--format", "json", str(tmp_path))
    assert result.exit_code == 0, result.output
    [file] = json.loads(result.output)["files"]
    assert (Path(file["path"]).name, file["documents"]) == ("projects.NDJSON", 2)


# -- where the report goes --------------------------------------------------------------


def test_output_into_missing_directories_makes_them(tmp_path: Path) -> None:
    """-o reports/ci/report.json creates reports/ci, as CI tools' report options do."""
    target = tmp_path / "reports" / "ci" / "report.json"
    result = run("validate", "--format", "json", "-o", str(target), SCHEMA_INVALID)
    assert result.exit_code == 1, result.output
    assert json.loads(target.read_text("utf-8"))["exit_code"] == 1


def test_output_under_a_file_is_a_usage_error_before_validating(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A directory that cannot be made is exit 2 naming it, and nothing is validated."""
    (tmp_path / "taken").write_text("", "utf-8")

    def validate_paths(*arguments: object, **options: object) -> object:
        raise AssertionError("validated before the report's directory was checked")

    monkeypatch.setattr("grprojects.validation.Validator.validate_paths", validate_paths)
    result = run("validate", "-o", str(tmp_path / "taken" / "report.txt"), CLEAN)
    assert result.exit_code == 2
    assert f"cannot create the directory '{tmp_path / 'taken'}' for --output" in result.output


def test_output_dash_is_standard_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """-o - writes the report to standard output and makes no file named -."""
    monkeypatch.chdir(tmp_path)
    result = run("validate", "-o", "-", CLEAN)
    assert result.exit_code == 0
    assert result.output == "1 file checked: 0 errors, 0 warnings, 0 infos; valid\n"
    assert list(tmp_path.iterdir()) == []
