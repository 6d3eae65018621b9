"""JSON Lines read as a dataset, a record at a time: what ``grprojects convert x.jsonl`` reads.

A line holds a project, or ``{"organisation": {…}}`` or ``{"source": {…}}`` (the
records ``grprojects validate`` reads from JSON Lines). :func:`read_lines` gives them
as a :class:`~grprojects.plugin_types.DatasetStream`, so an exporter that writes as it
goes holds one line's record at a time, however long the file. Each record is
checked as ``load`` checks a document (strict JSON, the schema, the model's types),
its problems placed at the file's line and the column within it.

A JSON Lines file has no dataset header: the dataset written is titled by the
file's name, its publisher unnamed (``-``), to be filled in where it is edited.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

from .. import engines, io
from ..diagnostics import Diagnostic
from ..errors import DocumentError
from ..hookspecs import hookimpl
from ..jsontext import parse_json, scan
from ..model import SCHEMA_VERSION, Dataset, Organisation, Project, Publisher, Source, Text
from ..model_check import model_diagnostics
from ..plugin_types import DatasetStream, Importer
from ..validation import JSON_LINES_SUFFIXES, record_kind

FORMAT = "jsonl"
"""The importer's name (``--from jsonl``)."""

_KINDS: dict[str, type[Organisation | Source]] = {"organisation": Organisation, "source": Source}


def read_lines(path: Path, *, shown: str | None = None) -> DatasetStream:
    """The dataset in the JSON Lines file at ``path``, a record at a time.

    Reading stops with a :class:`~grprojects.DocumentError` at the first line that is
    not a valid record (naming ``shown`` or ``path``, the line and the place in it),
    or past :func:`~grprojects.limits.input_limit` bytes.
    """
    file = shown or str(path)
    header = Dataset(
        version=SCHEMA_VERSION, title=Text(sv=path.name), publisher=Publisher(name=Text(sv="-"))
    )

    def records() -> Iterator[Organisation | Project | Source]:
        for number, line in io.numbered_lines(path, shown=file):
            yield _record(line, number, file)

    return DatasetStream(header, records)


def _record(line: bytes, number: int, file: str) -> Organisation | Project | Source:
    try:
        text = line.decode("utf-8-sig" if number == 1 else "utf-8")
    except UnicodeDecodeError as error:
        raise DocumentError([attrs.evolve(io.not_utf8(line, error, file), line=number)]) from None
    try:
        value = parse_json(text, file=file)
    except DocumentError as error:
        raise DocumentError(_on_line(error.diagnostics, number)) from None
    kind = record_kind(value)
    try:
        if kind is None:
            problems = engines.schema_diagnostics(value, "project")
            if not problems:
                project: Project = io.to_model(value, Project)
                return project
        else:
            record: Organisation | Source = io.to_model(value[kind], _KINDS[kind])
            problems = [
                attrs.evolve(d, pointer=f"/{kind}{d.pointer}") for d in model_diagnostics(record)
            ]
            if not problems:
                return record
    except DocumentError as error:  # what structuring found
        inside = f"/{kind}" if kind else ""
        problems = [attrs.evolve(d, pointer=inside + d.pointer) for d in error.diagnostics]
    raise DocumentError(_on_line(scan(text, file=file).place(problems), number))


def _on_line(found: Any, number: int) -> list[Diagnostic]:
    """Diagnostics of one line's text, placed at that line of the file."""
    return [attrs.evolve(d, line=number + (d.line or 1) - 1) for d in found]


def _read(path: Path) -> Dataset:
    return read_lines(path).whole()


@hookimpl
def register_importers() -> list[Importer]:
    """The JSON Lines importer."""
    return [
        Importer(
            FORMAT,
            "JSON Lines: a project, organisation or source a line",
            JSON_LINES_SUFFIXES,
            _read,
            stream=read_lines,
        )
    ]
