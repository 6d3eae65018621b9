"""The native format: canonical grprojects JSON, read and written as a plugin.

``grprojects convert`` reads a large document a record at a time
(:func:`read_document`), so that an exporter that writes as it goes (SQLite, XLSX)
never holds the whole dataset, nor its JSON tree or text.
"""

from __future__ import annotations

import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

from .. import engines
from ..diagnostics import Diagnostic
from ..errors import DocumentError
from ..hookspecs import hookimpl
from ..io import dump, load, to_model
from ..limits import input_limit
from ..model import Dataset, Organisation, Project, Source
from ..plugin_types import DatasetStream, Exporter, Importer, record_lists
from ..schema import document_version
from ..validation import STREAM_FROM

Record = Organisation | Project | Source


def _read(path: Path) -> Dataset:
    dataset: Dataset = load(path)
    return dataset


def read_document(path: Path, *, stream_from: int | None = None) -> DatasetStream:
    """The dataset document at ``path`` a record at a time, checked as ``load`` checks it.

    A regular file of ``stream_from`` bytes or more (by default
    :data:`~grprojects.validation.STREAM_FROM`), within the input limit, is read a piece
    at a time (:mod:`grprojects.jsonstream`), never whole: first for its members other
    than the lists of records, each record checked against the schema on the way; then
    :attr:`~grprojects.plugin_types.DatasetStream.records` reads it again, structuring
    each record as it is given, the organisations and sources before the projects (as
    :meth:`~grprojects.plugin_types.DatasetStream.of` gives them, so that what projects
    cite is written first; a document with its sources after its projects, as
    ``grprojects`` writes it, is read once more for them).

    Whatever the pieces cannot tell (text that is not strict JSON, a record the schema
    or the model refuses) is left to ``load``: the document is read whole, and what
    ``load`` raises is raised, so the diagnostics are exactly those of reading whole.
    A smaller file is read whole from the start.
    """
    limit = STREAM_FROM if stream_from is None else stream_from
    try:
        status = path.stat()
    except OSError:
        status = None
    if status is None or not (
        stat.S_ISREG(status.st_mode) and limit <= status.st_size <= input_limit()
    ):
        return DatasetStream.of(_read(path))
    from ..jsonstream import NotStreamable  # large files only: a validate never needs it

    try:
        header, projects_last = _header(path)
    except (NotStreamable, DocumentError):
        return DatasetStream.of(_read(path))
    return DatasetStream(header, lambda: _records(path, projects_last))


def _header(path: Path) -> tuple[Dataset, bool]:
    """The dataset with its lists of records empty, and whether all of its projects come
    after its other records; every record is checked against the schema in a dataset of
    the members read before it. ``DocumentError`` (not yet placed) or
    :class:`~grprojects.jsonstream.NotStreamable` when reading whole must say more."""
    from ..jsonstream import NotStreamable, pieces

    lists = set(record_lists().values())
    head: dict[str, Any] = {}
    version: str | None = None
    projects_seen, projects_last = False, True
    for piece in pieces(path, [], lists):
        if piece.index is None:
            if piece.key in lists:
                raise NotStreamable  # a list that is not an array: the schema says why
            head[piece.key] = piece.value
            continue
        if version is None:
            version = document_version(head)
        if piece.key == "projects":
            projects_seen = True
        elif projects_seen:
            projects_last = False
        if problems := engines.schema_diagnostics({**head, piece.key: [piece.value]}, "dataset"):
            raise DocumentError(problems)
    if version is not None and version != document_version(head):
        raise NotStreamable  # records were checked by the rules of another version
    empty = {**head, **{name: [] for name in lists}}
    if problems := engines.schema_diagnostics(empty, "dataset"):
        raise DocumentError(problems)
    header: Dataset = to_model(empty, Dataset)
    return header, projects_last


def _records(path: Path, projects_last: bool) -> Iterator[Record]:
    """The records of the document at ``path``, structured: in one reading when its
    projects come last, else its organisations and sources, then its projects."""
    from ..jsonstream import NotStreamable, pieces

    classes = {name: cls for cls, name in record_lists().items()}
    rounds = [set(classes)] if projects_last else [set(classes) - {"projects"}, {"projects"}]
    for wanted in rounds:
        try:
            for piece in pieces(path, [], set(classes)):
                if piece.index is None or piece.key not in wanted:
                    continue
                try:
                    record: Record = to_model(piece.value, classes[piece.key])
                except DocumentError as error:
                    within = [
                        attrs.evolve(d, pointer=piece.pointer + d.pointer)
                        for d in error.diagnostics
                    ]
                    raise _refused(path, within) from None
                yield record
        except NotStreamable:  # it was strict JSON when the header was read
            changed = Diagnostic("file.unreadable", "the file changed while it was read")
            raise _refused(path, [changed]) from None


def _refused(path: Path, found: list[Diagnostic]) -> DocumentError:
    """What ``load`` finds wrong with the document at ``path``; else ``found``, named."""
    try:
        load(path)
    except DocumentError as error:
        return error
    return DocumentError([attrs.evolve(d, file=str(path)) for d in found])


@hookimpl
def register_importers() -> list[Importer]:
    """The JSON importer."""
    return [
        Importer(
            "json",
            "grprojects JSON (a dataset document)",
            (".json",),
            _read,
            stream=read_document,
        )
    ]


def _write(dataset: Dataset, path: Path) -> list[str]:
    dump(dataset, path)
    return []


@hookimpl
def register_exporters() -> list[Exporter]:
    """The JSON exporter."""
    return [Exporter("json", "grprojects JSON, canonical form", (".json",), _write)]
