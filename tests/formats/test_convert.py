"""``grprojects convert`` and its API: formats by name or ending, nothing clobbered."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from grprojects.cli import cli
from grprojects.formats import FormatError, OutputExistsError, read_dataset, write_dataset
from grprojects.formats import convert as convert_module
from grprojects.model import Dataset
from grprojects.runtime import make_runtime
from tests.formats.conftest import EXAMPLE


@pytest.fixture(autouse=True)
def builtin_plugins_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command sees grprojects' own formats only, whatever is installed."""
    manager = make_runtime(entry_points=False)
    monkeypatch.setattr(convert_module, "default_runtime", lambda: manager)


def run(*arguments: str | Path) -> Result:
    return CliRunner().invoke(cli, ["convert", *map(str, arguments)])


@pytest.mark.parametrize(
    ("name", "kind"),
    [("gr.xlsx", "xlsx"), ("gr.csv.zip", "csv"), ("gr.ics", "ics"), ("gr.sqlite", "sqlite")],
)
def test_the_ending_chooses_the_format(tmp_path: Path, name: str, kind: str) -> None:
    """Each format is written from the example, chosen by the output's name."""
    result = run(EXAMPLE, tmp_path / name)
    assert result.exit_code == 0, result.output
    size = (tmp_path / name).stat().st_size
    assert result.stdout == f"wrote {tmp_path / name} ({kind}, {size:,} bytes)\n"


def test_spreadsheets_convert_back_to_the_same_json(tmp_path: Path, example: Dataset) -> None:
    """JSON → XLSX → CSV → JSON gives the example's canonical text back."""
    assert run(EXAMPLE, tmp_path / "gr.xlsx").exit_code == 0
    assert run(tmp_path / "gr.xlsx", tmp_path / "gr.csv.zip").exit_code == 0
    assert run(tmp_path / "gr.csv.zip", tmp_path / "gr.json").exit_code == 0
    assert (tmp_path / "gr.json").read_text(encoding="utf-8") == EXAMPLE.read_text(encoding="utf-8")


def test_an_existing_output_is_kept_without_force(tmp_path: Path) -> None:
    """OUT is not replaced unless --force says so: exit 2, a clear message, the file as it was."""
    target = tmp_path / "gr.xlsx"
    target.write_bytes(b"earlier work")
    result = run(EXAMPLE, target)
    assert result.exit_code == 2
    assert result.stderr == f"grprojects convert: {target} exists; use --force to replace it\n"
    assert target.read_bytes() == b"earlier work"
    assert run(EXAMPLE, target, "--force").exit_code == 0
    assert target.read_bytes().startswith(b"PK")


def test_to_overrides_the_ending(tmp_path: Path) -> None:
    """--to sqlite writes a database whatever the name ends with."""
    result = run(EXAMPLE, tmp_path / "gr.data", "--to", "sqlite")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "gr.data").read_bytes().startswith(b"SQLite format 3\0")


def test_from_reads_a_file_whatever_its_name(tmp_path: Path) -> None:
    """An input without a known ending is read with --from, and refused without it."""
    source = tmp_path / "gr.txt"
    source.write_bytes(EXAMPLE.read_bytes())
    refused = run(source, tmp_path / "a.json")
    assert refused.exit_code == 2
    assert "cannot tell the format of" in refused.stderr
    assert run(source, tmp_path / "b.json", "--from", "json").exit_code == 0


def test_unknown_formats_are_usage_errors(tmp_path: Path) -> None:
    """An unknown ending or format name exits 2 and lists the formats there are."""
    result = run(EXAMPLE, tmp_path / "gr.pdf")
    assert result.exit_code == 2
    assert "use --to (csv, ics, json, ods, site, sqlite, xlsx)" in result.stderr
    assert run(EXAMPLE, tmp_path / "gr.xlsx", "--to", "pdf").exit_code == 2


def test_invalid_input_exits_1_with_its_problems(tmp_path: Path) -> None:
    """A document that breaks the schema is not converted; its problems are shown."""
    source = tmp_path / "bad.json"
    source.write_text('{"version": "1.1"}', encoding="utf-8")
    result = run(source, tmp_path / "out.xlsx")
    assert result.exit_code == 1
    assert f"cannot read {source} as json" in result.stderr
    assert "schema.required" in result.stderr
    assert not (tmp_path / "out.xlsx").exists()


def test_a_failed_export_leaves_the_old_file_and_no_debris(tmp_path: Path) -> None:
    """A dataset SQLite cannot hold soundly is refused; the earlier file stays, no temp file."""
    document = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    document["projects"][0]["participations"].append(
        {"organisation": "ingen-sådan", "role": "partner"}
    )
    source = tmp_path / "dangling.json"
    source.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    target = tmp_path / "out" / "gr.sqlite"
    target.parent.mkdir()
    target.write_bytes(b"earlier database")
    result = run(source, target, "--force")
    assert result.exit_code == 1
    assert "sqlite.reference" in result.stderr
    assert "/projects/0/participations/" in result.stderr
    assert target.read_bytes() == b"earlier database"
    assert [p.name for p in target.parent.iterdir()] == ["gr.sqlite"]


def test_public_says_what_it_left_out(tmp_path: Path) -> None:
    """--public notes how many personal values were left out, by field."""
    result = run(EXAMPLE, tmp_path / "gr.xlsx", "--public")
    assert result.exit_code == 0, result.output
    assert "note: personal data left out: projects.people 4" in result.stderr
    assert "(xlsx, public," in result.stdout


def test_calendar_notes_are_shown(tmp_path: Path) -> None:
    """What the calendar leaves out is said on standard error."""
    result = run(EXAMPLE, tmp_path / "gr.ics")
    assert "note: föräldrastöd-för-nyanlända/kursledarutbildning" in result.stderr


def test_api_refuses_to_replace_without_force(tmp_path: Path, example: Dataset) -> None:
    """write_dataset raises OutputExistsError, a FileExistsError, for an existing path."""
    target = tmp_path / "gr.json"
    target.write_text("{}", encoding="utf-8")
    with pytest.raises(OutputExistsError):
        write_dataset(example, target)
    assert isinstance(OutputExistsError("x"), FileExistsError)
    write_dataset(example, target, force=True)
    assert read_dataset(target) == example


def test_api_names_unknown_formats(tmp_path: Path, example: Dataset) -> None:
    """An unknown format is a FormatError, a ValueError, naming the known ones."""
    with pytest.raises(FormatError, match="known: csv, ics, json, ods, site, sqlite, xlsx"):
        write_dataset(example, tmp_path / "x", format_name="pdf")
    assert issubclass(FormatError, ValueError)


def test_a_renamed_workbook_is_still_read_as_one(tmp_path: Path, example: Dataset) -> None:
    """A workbook saved as .zip is recognised by its content, not taken for CSV files."""
    target = tmp_path / "gr.xlsx"
    write_dataset(example, target)
    renamed = target.rename(tmp_path / "gr.zip")
    assert read_dataset(renamed) == example


def test_a_missing_extra_is_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Without openpyxl, writing a workbook exits 2 saying which extra to install."""
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    monkeypatch.delitem(sys.modules, "grprojects.formats.xlsx", raising=False)
    result = run(EXAMPLE, tmp_path / "gr.xlsx")
    assert result.exit_code == 2
    assert "pip install 'grprojects[xlsx]'" in result.stderr
    assert not (tmp_path / "gr.xlsx").exists()
