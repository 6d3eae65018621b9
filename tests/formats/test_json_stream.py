"""A dataset document converted a record at a time: what reading it whole gives, in memory
that does not grow with its projects."""

from __future__ import annotations

import json
import sqlite3
import tempfile
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from benchmarks import generate
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st

from grprojects import DocumentError, dumps, jsonstream, load, to_json
from grprojects.builtin import json_format
from grprojects.builtin.json_format import read_document
from grprojects.cli import cli
from grprojects.converter import MAX_FREE_DEPTH
from grprojects.formats import convert as convert_module
from grprojects.formats import sqlite as sqlite_format
from grprojects.formats.convert import export_stream
from grprojects.model import Dataset, Project, Text
from grprojects.runtime import make_runtime

from ..speed.test_engines import mutated
from ..strategies import datasets
from ..validation.test_streaming import DOCUMENTS, LAYOUTS, REALISTIC, TEXT_DAMAGE


@pytest.fixture(autouse=True)
def builtin_plugins_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command sees grprojects' own formats only, whatever is installed."""
    manager = make_runtime(entry_points=False)
    monkeypatch.setattr(convert_module, "default_runtime", lambda: manager)


def _outcome(read: Callable[[], Dataset]) -> tuple[str, Any]:
    try:
        return "read", read()
    except DocumentError as error:
        return "refused", error.diagnostics


def _same(path: Path) -> None:
    """Streamed, the document gives the dataset ``load`` gives, or raises what it raises."""
    streamed = _outcome(lambda: read_document(path, stream_from=0).whole())
    assert streamed == _outcome(lambda: load(path))


def _same_text(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "dataset.json"
        path.write_text(text, encoding="utf-8")
        _same(path)


@settings(max_examples=20)
@given(
    data=st.data(),
    layout=st.sampled_from(sorted(LAYOUTS)),
    damage=st.sampled_from(TEXT_DAMAGE),
)
def test_streaming_reads_what_load_reads(
    data: st.DataObject, layout: str, damage: tuple[str, str]
) -> None:
    """Generated datasets, bent or broken in their values or their text, laid out in any
    order: the same dataset streamed as whole, or the same diagnostics (codes, pointers,
    lines, columns, messages)."""
    value = to_json(data.draw(datasets()))
    if data.draw(st.booleans()):
        value = data.draw(mutated(value))
    text = LAYOUTS[layout](value)
    _same_text(text.replace(*damage, 1) if damage[0] else text)


@settings(max_examples=8)
@given(broken=mutated(REALISTIC), layout=st.sampled_from(sorted(LAYOUTS)))
def test_streaming_a_broken_realistic_dataset(broken: Any, layout: str) -> None:
    """A benchmark dataset with one thing broken: the same outcome streamed as whole."""
    _same_text(LAYOUTS[layout](broken))


@pytest.mark.parametrize("path", DOCUMENTS[::3], ids=lambda p: p.name)
def test_streaming_test_documents(path: Path) -> None:
    """A third of the tests' and examples' documents, valid or broken in any layer."""
    _same(path)


def test_a_large_document_is_never_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A valid document past the threshold is read in pieces: ``load`` is never called,
    and the records come organisations and sources first, as a dataset in memory gives them."""
    path = tmp_path / "d.json"
    path.write_text(json.dumps(REALISTIC, indent=2), encoding="utf-8")
    expected = load(path)
    monkeypatch.setattr(json_format, "load", None)  # calling it would raise
    stream = read_document(path, stream_from=path.stat().st_size)
    assert list(stream.records()) == [
        *expected.organisations,
        *expected.sources,
        *expected.projects,
    ]
    assert stream.header == expected.evolve(organisations=[], projects=[], sources=[])
    with pytest.raises(TypeError):  # a smaller document is read whole, by load
        read_document(path, stream_from=path.stat().st_size + 1)


def test_a_record_refused_by_the_model_is_told_as_load_tells_it(tmp_path: Path) -> None:
    """A schema-valid project the model cannot hold (extension data nested too deep) stops
    the stream as it is met, with ``load``'s own diagnostics."""
    value = json.loads(json.dumps(REALISTIC))
    nested: Any = 1
    for _ in range(MAX_FREE_DEPTH):
        nested = [nested]
    value["projects"][1]["extensions"] = {"se.test": {"x": nested}}
    path = tmp_path / "d.json"
    path.write_text(json.dumps(value, indent=2), encoding="utf-8")
    with pytest.raises(DocumentError) as whole:
        load(path)
    stream = read_document(path, stream_from=0)
    with pytest.raises(DocumentError) as streamed:
        stream.whole()
    assert streamed.value.diagnostics == whole.value.diagnostics
    assert [d.code for d in whole.value.diagnostics] == ["json.too-deep"]


def run(*arguments: str | Path) -> Result:
    return CliRunner().invoke(cli, ["convert", *map(str, arguments)])


@pytest.mark.parametrize("format_name", ["sqlite", "xlsx"])
def test_streamed_convert_writes_what_reading_whole_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, format_name: str
) -> None:
    """``grprojects convert`` of a document read a record at a time writes the same bytes
    as when it is read whole."""
    source = generate.write_dataset(tmp_path / "d.json", 3)
    whole, streamed = tmp_path / f"whole.{format_name}", tmp_path / f"streamed.{format_name}"
    assert run(source, whole).exit_code == 0
    monkeypatch.setattr(json_format, "STREAM_FROM", 0)
    monkeypatch.setattr(json_format, "_read", None)  # reading it whole would raise
    result = run(source, streamed)
    assert result.exit_code == 0, result.output
    if format_name == "sqlite":
        assert whole.read_bytes() == streamed.read_bytes()
    else:  # the same members; the zip's times and the workbook's are those of writing
        with zipfile.ZipFile(whole) as one, zipfile.ZipFile(streamed) as other:
            assert one.namelist() == other.namelist()
            for name in one.namelist():
                if name != "docProps/core.xml":
                    assert one.read(name) == other.read(name), name


def test_a_streamed_convert_of_a_bad_document_tells_its_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A document the schema refuses is not converted; its problems are told as reading
    it whole tells them, and nothing is written."""
    value = json.loads(json.dumps(REALISTIC))
    value["projects"][1]["id"] = "no spaces allowed"
    source = tmp_path / "bad.json"
    source.write_text(json.dumps(value, indent=2), encoding="utf-8")
    monkeypatch.setattr(json_format, "STREAM_FROM", 0)
    result = run(source, tmp_path / "out.sqlite")
    assert result.exit_code == 1
    assert f"cannot read {source} as json" in result.stderr
    (diagnostic,) = load_errors(source)
    assert diagnostic.describe() in result.stderr
    assert "/projects/1/id" in result.stderr
    assert not (tmp_path / "out.sqlite").exists()


def load_errors(path: Path) -> tuple[Any, ...]:
    with pytest.raises(DocumentError) as error:
        load(path)
    return tuple(error.value.diagnostics)


def _document(tmp_path: Path, example: Dataset, count: int) -> Path:
    """The example's header, organisations and sources, and ``count`` small projects."""
    projects = [
        Project(
            id=f"projekt-{n}",
            name=Text(sv=f"Projekt {n}", translations={"en": f"Project {n}"}),
            summary=Text(sv="Ett projekt."),
        )
        for n in range(count)
    ]
    path = tmp_path / f"many-{count}.json"
    path.write_text(dumps(example.evolve(projects=projects)), encoding="utf-8")
    return path


def _peak(path: Path, target: Path) -> int:
    tracemalloc.start()
    try:
        export_stream(read_document(path, stream_from=0), target, force=True)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_does_not_grow_with_the_projects_of_the_document(
    example: Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ten times the projects of one document take no more than a little more memory to
    convert to SQLite: what grows is the exporter's index of ids, never the records."""
    monkeypatch.setattr(jsonstream, "CHUNK", 1 << 14)  # both documents longer than the window
    monkeypatch.setattr(sqlite_format, "BATCH", 50)  # a batch fills up at both sizes
    target = tmp_path / "many.sqlite"
    _peak(_document(tmp_path, example, 5), target)  # caches and imports out of the way
    small = _peak(_document(tmp_path, example, 200), target)
    large = _peak(_document(tmp_path, example, 2_000), target)
    assert large - small < 1_000_000, (small, large)
    with sqlite3.connect(target) as database:
        assert database.execute("SELECT count(*) FROM projects").fetchone() == (2_000,)
