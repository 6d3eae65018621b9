"""Exports that write as they go: a dataset a record at a time, in memory that does not grow."""

from __future__ import annotations

import json
import sqlite3
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from grprojects import to_json
from grprojects.cli import cli
from grprojects.formats import convert as convert_module
from grprojects.formats import read_dataset
from grprojects.formats import sqlite as sqlite_format
from grprojects.formats.convert import export_stream
from grprojects.model import Dataset, Organisation, Project, Source, Text
from grprojects.plugin_types import DatasetStream
from grprojects.runtime import make_runtime


@pytest.fixture(autouse=True)
def builtin_plugins_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command sees grprojects' own formats only, whatever is installed."""
    manager = make_runtime(entry_points=False)
    monkeypatch.setattr(convert_module, "default_runtime", lambda: manager)


def run(*arguments: str | Path) -> Result:
    return CliRunner().invoke(cli, ["convert", *map(str, arguments)])


def lines_of(dataset: Dataset) -> str:
    """The dataset as JSON Lines records: organisations, sources, then projects."""
    records = [{"organisation": to_json(o)} for o in dataset.organisations]
    records += [{"source": to_json(s)} for s in dataset.sources]
    records += [to_json(p) for p in dataset.projects]
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


@pytest.fixture
def example_lines(example: Dataset, tmp_path: Path) -> Path:
    path = tmp_path / "gr.jsonl"
    path.write_text(lines_of(example), encoding="utf-8")
    return path


def many(example: Dataset, count: int) -> DatasetStream:
    """``count`` small projects made as they are asked for, never held together."""
    header = example.evolve(organisations=[], projects=[], sources=[])

    def records() -> Iterator[Organisation | Project | Source]:
        for number in range(count):
            name = Text(sv=f"Projekt {number}", translations={"en": f"Project {number}"})
            yield Project(id=f"projekt-{number}", name=name, summary=Text(sv="Ett projekt."))

    return DatasetStream(header, records)


def peak_of(stream: DatasetStream, path: Path, format_name: str) -> int:
    tracemalloc.start()
    try:
        export_stream(stream, path, format_name=format_name, force=True)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("format_name", ["sqlite", "xlsx"])
def test_memory_does_not_grow_with_the_number_of_projects(
    example: Dataset, tmp_path: Path, format_name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ten times the projects take no more than a little more memory: what grows is an
    index of ids (about 100 bytes a project), never the rows."""
    monkeypatch.setattr(sqlite_format, "BATCH", 50)  # a batch fills up at both sizes
    path = tmp_path / f"many.{format_name}"
    peak_of(many(example, 5), path, format_name)  # caches and imports out of the way
    small = peak_of(many(example, 200), path, format_name)
    large = peak_of(many(example, 2_000), path, format_name)
    assert large - small < 1_000_000, (small, large)
    if format_name == "sqlite":
        with sqlite3.connect(path) as database:
            assert database.execute("SELECT count(*) FROM projects").fetchone() == (2_000,)
    else:
        assert len(read_dataset(path).projects) == 2_000


def test_json_lines_convert_to_the_records_they_hold(
    example: Dataset, example_lines: Path, tmp_path: Path
) -> None:
    """JSON Lines → SQLite and XLSX, a record at a time, hold every record of the example;
    read back, the workbook gives the example's records, titled by the file's name."""
    assert run(example_lines, tmp_path / "gr.sqlite").exit_code == 0
    with sqlite3.connect(tmp_path / "gr.sqlite") as database:
        rows = database.execute("SELECT id FROM projects ORDER BY position").fetchall()
        assert [r for (r,) in rows] == [p.id for p in example.projects]
        (sources,) = database.execute("SELECT count(*) FROM sources").fetchone()
        assert sources == len(example.sources)
    result = run(example_lines, tmp_path / "gr.xlsx")
    assert result.exit_code == 0, result.output
    back = read_dataset(tmp_path / "gr.xlsx")
    assert back.title == Text(sv="gr.jsonl")
    assert (back.organisations, back.projects, back.sources) == (
        example.organisations,
        example.projects,
        example.sources,
    )


def test_json_lines_reach_an_exporter_that_writes_whole_datasets(
    example: Dataset, example_lines: Path, tmp_path: Path
) -> None:
    """An exporter without a stream (JSON) is given the records gathered into a dataset."""
    assert run(example_lines, tmp_path / "gr.json").exit_code == 0
    back = read_dataset(tmp_path / "gr.json")
    assert (back.organisations, back.projects, back.sources) == (
        example.organisations,
        example.projects,
        example.sources,
    )


def test_a_bad_line_stops_the_conversion_at_its_line(example_lines: Path, tmp_path: Path) -> None:
    """A record that breaks the schema is reported at its line and pointer; nothing is written."""
    lines = example_lines.read_text(encoding="utf-8").splitlines()
    broken = json.loads(lines[-1])
    broken["id"] = "no spaces allowed"
    lines[-1] = json.dumps(broken, ensure_ascii=False)
    example_lines.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run(example_lines, tmp_path / "gr.sqlite")
    assert result.exit_code == 1
    assert f"{example_lines}:{len(lines)}:" in result.stderr
    assert "/id" in result.stderr
    assert not (tmp_path / "gr.sqlite").exists()


def test_a_public_stream_leaves_out_personal_data(
    example: Dataset, example_lines: Path, tmp_path: Path
) -> None:
    """--public strips each record as it passes, and says once what it left out."""
    result = run(example_lines, tmp_path / "gr.xlsx", "--public")
    assert result.exit_code == 0, result.output
    assert result.stderr.count("note: personal data left out: projects.people ") == 1
    back = read_dataset(tmp_path / "gr.xlsx")
    assert back.personal_data_removed
    assert all(not p.people and not p.contacts for p in back.projects)
    assert any(p.people for p in example.projects)
