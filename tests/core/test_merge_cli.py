"""``grprojects merge``: inputs in any format, the account on stderr, the report as JSON."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from grprojects import load
from grprojects.cli import cli
from grprojects.formats import convert as convert_module
from grprojects.formats import write_dataset
from grprojects.io import to_model
from grprojects.model import Dataset
from grprojects.runtime import make_runtime
from tests.core.test_merge import EXAMPLES, MUNICIPALITY

RECORD = EXAMPLES / "projektbanken-record.json"


@pytest.fixture(autouse=True)
def builtin_plugins_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command sees grprojects' own formats only, whatever is installed."""
    manager = make_runtime(entry_points=False)
    monkeypatch.setattr(convert_module, "default_runtime", lambda: manager)


def run(*arguments: str | Path, stdin: str | None = None) -> Result:
    return CliRunner().invoke(cli, ["merge", *map(str, arguments)], input=stdin)


@pytest.fixture
def overlapping(tmp_path: Path) -> Path:
    """The municipality's file, its project the record's by ärendenummer, as a spreadsheet."""
    document = copy.deepcopy(MUNICIPALITY)
    document["organisations"][0]["id"] = "tillvaxtverket"
    document["organisations"][0].pop("identifiers")
    document["projects"][0]["identifiers"][0]["issuer"] = "tillvaxtverket"
    path = tmp_path / "uddevalla.xlsx"
    write_dataset(to_model(document, Dataset), path)
    return path


def test_two_overlapping_files_merge_into_one_project(tmp_path: Path, overlapping: Path) -> None:
    """A JSON file and a spreadsheet of the same project merge into one project citing both;
    stderr tells what was matched, stdout what was written."""
    out = tmp_path / "merged.json"
    result = run(RECORD, overlapping, "-o", out)
    assert result.exit_code == 0, result.output
    merged = load(out)
    (project,) = merged.projects
    assert list(project.sources) == ["projektbanken", "kommunens-sida"]
    lines = result.stderr.splitlines()
    assert lines[0] == (
        "matched 1 organisation, 1 project; renamed 1 organisation; disagreed 1 project"
    )
    assert (
        "  matched project, input 2 /projects/0 → /projects/0: "
        "the same se-arendenummer 20209902 issued by 'tillvaxtverket'"
    ) in lines
    assert result.stdout == f"wrote {out} (json, {out.stat().st_size:,} bytes)\n"


def test_the_report_is_json_for_programs(tmp_path: Path, overlapping: Path) -> None:
    """--report FILE holds the inputs and every decision with its pointers and reason."""
    report = tmp_path / "report.json"
    result = run(RECORD, overlapping, "-o", tmp_path / "merged.json", "--report", report)
    assert result.exit_code == 0, result.output
    document = json.loads(report.read_text(encoding="utf-8"))
    assert document["inputs"] == [str(RECORD), str(overlapping)]
    assert document["decisions"][-2] == {
        "action": "matched",
        "kind": "project",
        "input": 2,
        "pointer": "/projects/0",
        "result": "/projects/0",
        "reason": "the same se-arendenummer 20209902 issued by 'tillvaxtverket'",
    }


def test_standard_input_and_output(tmp_path: Path) -> None:
    """- reads one input from standard input and writes the merge to standard output; the
    account stays on stderr, so stdout is the dataset alone."""
    result = run(RECORD, "-", "-o", "-", "--from", "json", "--to", "json", stdin=RECORD.read_text())
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["projects"][0]["id"] == "20209902"
    assert "matched 3 organisations, 1 project, 1 source" in result.stderr


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ((RECORD,), "merge needs at least two inputs"),
        ((RECORD, "-", "-"), "standard input (-) can be only one of the inputs"),
        ((RECORD, RECORD, "--report", "-"), "the report and OUT cannot both go to standard"),
    ],
)
def test_usage_errors(arguments: tuple[str | Path, ...], message: str) -> None:
    """Too few inputs, standard input twice, two things to standard output: exit 2."""
    result = run(*arguments, "-o", "-", "--to", "json")
    assert result.exit_code == 2
    assert message in result.stderr


def test_an_existing_output_is_refused_before_reading(tmp_path: Path) -> None:
    """OUT exists and no --force: exit 2, nothing read, the file as it was."""
    out = tmp_path / "merged.json"
    out.write_text("earlier work")
    result = run(RECORD, tmp_path / "missing-but-unread.json", "-o", out)
    assert result.exit_code == 2
    result = run(RECORD, RECORD, "-o", out)
    assert result.exit_code == 2
    assert result.stderr == f"grprojects merge: {out} exists; use --force to replace it\n"
    assert out.read_text() == "earlier work"
    assert run(RECORD, RECORD, "-o", out, "--force").exit_code == 0


def test_an_invalid_input_is_named_and_exits_1(tmp_path: Path) -> None:
    """An input the schema refuses: exit 1, the file and the place named, nothing written."""
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps({**json.loads(RECORD.read_text()), "projects": [{"id": 1}]}))
    out = tmp_path / "merged.json"
    result = run(RECORD, broken, "-o", out)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"grprojects merge: cannot read {broken} as json\n")
    assert "/projects/0" in result.stderr
    assert not out.exists()
