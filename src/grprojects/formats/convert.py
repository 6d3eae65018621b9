"""Reading and writing a dataset in any registered format: what ``grprojects convert`` does.

The format comes from the caller or from the file: an importer is chosen by the
plugin runtime (a plugin's choice, then the file name ending), an exporter by the
longest ending of the output's name that an exporter writes. ``public=True`` takes
personal data out with :func:`grprojects.public` before any exporter sees the
dataset, so every format leaves out the same fields by the same rule.

``-`` reads standard input and writes standard output; having no name, it needs
the format named. Every exporter writes into a private temporary file that
:mod:`grprojects.outputs` then puts in place, so an outside plugin's exporter, too,
never replaces a device, a FIFO or a file it was not allowed to.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import attrs

from .. import outputs
from ..converter import converter
from ..diagnostics import STDIN_FILE, Diagnostic
from ..engines import schema_diagnostics
from ..errors import DocumentError, GrprojectsError, PluginError
from ..model import Dataset, Organisation, Project, Source
from ..model.fields import Model, fields_of
from ..model_check import model_diagnostics, require_valid, type_diagnostics
from ..outputs import DASH, OutputExistsError, Written
from ..plugin_types import (
    DatasetStream,
    Exporter,
    Imported,
    Importer,
    PartialImportError,
    list_of,
)
from ..public import public as without_personal_data
from ..public import unknown_extension_data
from ..runtime import Runtime, default_runtime
from ._tree import Record, records, records_in

__all__ = [
    "Export",
    "FormatError",
    "OutputExistsError",
    "export",
    "export_stream",
    "exporter_for",
    "import_dataset",
    "import_with",
    "importer_for",
    "personal_data",
    "read_dataset",
    "read_with",
    "write_dataset",
]


class FormatError(GrprojectsError, ValueError):
    """No format fits: unknown name, unknown file ending, or a missing extra."""


def importer_for(
    path: Path,
    format_name: str | None = None,
    runtime: Runtime | None = None,
    *,
    shown: str | None = None,
) -> Importer:
    """The importer for ``path``: ``format_name`` if given, else the runtime's choice.

    ``shown`` names the input in the error instead of ``path`` (``standard input``).
    """
    runtime = runtime or default_runtime()
    importer = runtime.choose_importer(path, format_name)
    if importer is None:
        known = ", ".join(sorted(runtime.importers))
        if format_name is not None:
            raise FormatError(f"no importer named {format_name!r} (known: {known})")
        raise FormatError(
            f"cannot tell the format of {shown or path}; name it with --from ({known})"
        )
    return importer


def exporter_for(
    path: Path,
    format_name: str | None = None,
    runtime: Runtime | None = None,
) -> Exporter:
    """The exporter for ``path``: ``format_name`` if given, else the longest name ending."""
    runtime = runtime or default_runtime()
    known = ", ".join(sorted(runtime.exporters))
    if format_name is not None:
        if format_name not in runtime.exporters:
            raise FormatError(f"no exporter named {format_name!r} (known: {known})")
        return runtime.exporters[format_name]
    if os.fspath(path) == DASH:
        raise FormatError(f"cannot tell the format to write to standard output; use --to ({known})")
    name = path.name.lower()
    endings = [
        (len(suffix), exporter)
        for exporter in runtime.exporters.values()
        for suffix in exporter.suffixes
        if name.endswith(suffix)
    ]
    if not endings:
        raise FormatError(f"cannot tell the format to write from {path.name!r}; use --to ({known})")
    return max(endings, key=lambda pair: pair[0])[1]


def read_dataset(
    path: str | os.PathLike[str],
    *,
    format_name: str | None = None,
    runtime: Runtime | None = None,
) -> Dataset:
    """Read the dataset at ``path`` (``-``: standard input) in ``format_name`` (or the
    format the file shows).

    A refused record is a :class:`~grprojects.plugin_types.PartialImportError` carrying
    the rest; :func:`import_dataset` gives the importer's whole account instead.
    """
    imported = import_dataset(path, format_name=format_name, runtime=runtime)
    if imported.refused:
        raise PartialImportError(list(imported.diagnostics), imported.dataset)
    return imported.dataset


def import_dataset(
    path: str | os.PathLike[str],
    *,
    format_name: str | None = None,
    runtime: Runtime | None = None,
) -> Imported:
    """What the importer for ``path`` (``-``: standard input) reads, with its account of the
    records: every warning, every refused record, the tally (:func:`import_with`)."""
    if os.fspath(path) == DASH:
        return _import_stdin(format_name, runtime)
    path = Path(path)
    return import_with(importer_for(path, format_name, runtime), path, runtime)


def read_with(
    importer: Importer, path: Path, runtime: Runtime | None = None, *, shown: str | None = None
) -> Dataset:
    """The dataset ``importer`` reads from ``path``, checked as :func:`import_with` checks it.

    A refused record is a :class:`~grprojects.plugin_types.PartialImportError` carrying
    the rest; the warnings about records that were kept are :func:`import_with`'s to tell.
    """
    imported = import_with(importer, path, runtime, shown=shown)
    if imported.refused:
        raise PartialImportError(list(imported.diagnostics), imported.dataset)
    return imported.dataset


def import_with(
    importer: Importer, path: Path, runtime: Runtime | None = None, *, shown: str | None = None
) -> Imported:
    """What ``importer`` reads from ``path``, checked by the layers ``load`` checks a file by.

    Every door is validated: an importer's dataset, a plugin's or grprojects' own, is
    checked against the model's types and the schema before anything is written or
    summarised, so nothing ``load`` would refuse gets through. A value of the wrong type
    (a ``str`` where a text belongs) is the importer's fault, a
    :class:`~grprojects.PluginError`; a value that breaks the schema is a
    :class:`~grprojects.DocumentError`, each problem at its JSON Pointer, naming a
    plugin's importer. The semantic checks (a reference to an organisation the dataset
    lacks, say) are ``grprojects validate``'s: a draft with such gaps still converts,
    to be mended in a spreadsheet. The importer's own account of its records (warnings,
    refused records, the tally) comes back beside the dataset, naming the input.
    """
    runtime = runtime or default_runtime()
    result = importer.read(path)
    imported = result if isinstance(result, Imported) else Imported(result)
    dataset = imported.dataset
    plugin = runtime.importer_plugins.get(importer.name, ("grprojects", importer))[0]
    who = f"importer {importer.name!r}" + (
        "" if runtime.is_builtin(plugin) else f" of plugin {plugin!r}"
    )
    wrong = list(type_diagnostics(dataset))
    if wrong:
        listed = "; ".join(f"{d.message} at {d.pointer}" for d in wrong[:3])
        more = f" (and {len(wrong) - 3} more)" if len(wrong) > 3 else ""
        raise PluginError(f"{who} returned a dataset of the wrong types: {listed}{more}")
    errors = schema_diagnostics(converter.unstructure(dataset), "dataset")
    if errors:
        if runtime.is_builtin(plugin):  # the data's own problems, told as validate tells them
            raise DocumentError([attrs.evolve(d, file=shown or str(path)) for d in errors])
        raise DocumentError(
            [
                attrs.evolve(
                    d, message=f"{who}: {d.message}", file=shown or str(path), source=plugin
                )
                for d in errors
            ]
        )
    file = shown or str(path)
    named = [d if d.file else attrs.evolve(d, file=file) for d in imported.diagnostics]
    return Imported(dataset, named, imported.records)


def _import_stdin(format_name: str | None, runtime: Runtime | None) -> Imported:
    """Read standard input through a private copy, since importers read files.

    Its problems name :data:`~grprojects.diagnostics.STDIN_FILE`, not the copy.
    """
    with outputs.temporary_directory() as folder:
        copy = folder / "stdin"
        with copy.open("wb") as file:
            shutil.copyfileobj(sys.stdin.buffer, file)
        importer = importer_for(copy, format_name, runtime, shown="standard input")
        try:
            return import_with(importer, copy, runtime, shown=STDIN_FILE)
        except DocumentError as error:
            diagnostics = [
                attrs.evolve(d, file=STDIN_FILE) if d.file == str(copy) else d
                for d in error.diagnostics
            ]
            if isinstance(error, PartialImportError):
                raise PartialImportError(diagnostics, error.dataset) from None
            raise DocumentError(diagnostics) from None


@attrs.frozen
class Export:
    """What :func:`export` did: the notes for the user and where it wrote how much."""

    notes: list[str]
    """What was left out and why, from the public filter and the exporter."""
    written: Written


def export(
    dataset: Dataset,
    path: str | os.PathLike[str],
    *,
    format_name: str | None = None,
    public: bool = False,
    force: bool = False,
    runtime: Runtime | None = None,
) -> Export:
    """Write ``dataset`` to ``path`` (``-``: standard output) as :func:`write_dataset` does;
    say where and how many bytes as well as the notes.

    An exporter that writes as it goes (:attr:`~grprojects.plugin_types.Exporter.stream`)
    is given the dataset a record at a time, each record checked on its own, every
    problem reported before anything is written; so it holds one record's JSON at a
    time, never the whole dataset's.
    """
    exporter = exporter_for(Path(path), format_name, runtime)
    if exporter.stream is None:
        require_valid(dataset)  # no exporter writes what load would refuse
    elif problems := _problems(dataset):
        raise DocumentError(problems)
    gate = _Gate(DatasetStream.of(dataset), public, runtime, checked=True)
    return _export(exporter, gate, path, force)


def export_stream(
    stream: DatasetStream,
    path: str | os.PathLike[str],
    *,
    format_name: str | None = None,
    public: bool = False,
    force: bool = False,
    runtime: Runtime | None = None,
) -> Export:
    """Write a dataset read a record at a time (a JSON Lines file) to ``path``.

    Each record is checked as it is read, as :func:`export` checks a whole dataset,
    and left without personal data when ``public``; the first record ``load`` would
    refuse stops the export, and nothing is written. An exporter that writes as it
    goes gets the records one by one, so memory does not grow with their number;
    any other gets the whole dataset, gathered.
    """
    exporter = exporter_for(Path(path), format_name, runtime)
    return _export(exporter, _Gate(stream, public, runtime, checked=False), path, force)


def _export(exporter: Exporter, gate: _Gate, path: str | os.PathLike[str], force: bool) -> Export:
    def produce(staged: Path) -> list[str]:
        try:
            if exporter.stream is not None:
                notes = exporter.stream(gate.stream(), staged)
            else:
                notes = exporter.write(gate.stream().whole(), staged)
        except PluginError as error:  # it names the private copy; the user named the output
            shown = "standard output" if os.fspath(path) == DASH else os.fspath(path)
            raise PluginError(str(error).replace(str(staged), shown)) from error
        return gate.notes() + notes

    name = (
        f"stdout{exporter.suffixes[0]}" if os.fspath(path) == DASH and exporter.suffixes else None
    )
    notes, written = outputs.write_with(path, produce, replace=force, name=name)
    return Export([*notes, *written.notes], written)


def _problems(dataset: Dataset) -> list[Diagnostic]:
    """Every reason ``load`` would refuse ``dataset``, found a record at a time."""
    stream = DatasetStream.of(dataset)
    found = model_diagnostics(stream.header)
    counts: Counter[str] = Counter()
    for record in stream.records():
        name = list_of(record)
        found += _record_problems(stream.header, record, name, counts[name])
        counts[name] += 1
    return found


def _record_problems(header: Dataset, record: Any, name: str, index: int) -> list[Diagnostic]:
    """Why ``load`` would refuse the record at ``/name/index``: it is checked alone in the
    header's dataset, so by the rules of the schema version the header names."""
    found = model_diagnostics(header.evolve(**{name: [record]}))
    alone, placed = f"/{name}/0", f"/{name}/{index}"
    return [
        attrs.evolve(d, pointer=placed + d.pointer[len(alone) :])
        if d.pointer == alone or d.pointer.startswith(alone + "/")
        else d
        for d in found
    ]


class _Gate:
    """What an exporter is given: each record checked the first time it passes (unless
    the whole was checked before), without personal data when ``public``, and what was
    left out counted for the notes."""

    def __init__(
        self, source: DatasetStream, public: bool, runtime: Runtime | None, *, checked: bool
    ) -> None:
        self.source = source
        self.public = public
        self.runtime = runtime
        self.checked = checked
        self.personal: Counter[str] = Counter()
        self.unknown: Counter[str] = Counter()
        self.counted = False

    def stream(self) -> DatasetStream:
        header = self.source.header
        if not self.checked:
            require_valid(header)
        if self.public and not self.counted:
            self.personal = _personal(records(header))
            self.unknown = unknown_extension_data(header, runtime=self.runtime)
        if self.public:
            header = without_personal_data(header, runtime=self.runtime)
        return DatasetStream(header, self._records)

    def _records(self) -> Iterator[Organisation | Project | Source]:
        first, counting = not self.checked, not self.counted
        counts: Counter[str] = Counter()
        for record in self.source.records():
            name = list_of(record)
            if first:
                found = _record_problems(self.source.header, record, name, counts[name])
                if found:
                    raise DocumentError(found)
            counts[name] += 1
            if self.public:
                if counting:
                    self.personal.update(_personal(records_in(record, name, counts[name] - 1)))
                    self.unknown.update(unknown_extension_data(record, runtime=self.runtime))
                yield without_personal_data(record, runtime=self.runtime)
            else:
                yield record
        self.checked = self.counted = True

    def notes(self) -> list[str]:
        """What was left out and why, as counted on the first pass over the records."""
        notes = []
        if self.personal:
            counts = ", ".join(f"{where} {count}" for where, count in self.personal.items())
            notes.append(f"personal data left out: {counts}")
        if self.unknown:
            counts = ", ".join(f"{namespace} {count}" for namespace, count in self.unknown.items())
            notes.append(
                "extension data no installed plugin describes left out (it may hold "
                f"personal data): {counts}"
            )
        return notes


def write_dataset(
    dataset: Dataset,
    path: str | os.PathLike[str],
    *,
    format_name: str | None = None,
    public: bool = False,
    force: bool = False,
    runtime: Runtime | None = None,
) -> list[str]:
    """Write ``dataset`` to ``path``; return the exporter's notes on what it left out.

    ``public`` leaves out personal data; an existing file (or symbolic link) at
    ``path`` is replaced only with ``force`` (:class:`OutputExistsError` otherwise),
    a FIFO or character device is written as a stream and ``-`` is standard output
    (:mod:`grprojects.outputs`). A failed export leaves any earlier file as it was.
    """
    return export(
        dataset, path, format_name=format_name, public=public, force=force, runtime=runtime
    ).notes


def personal_data(dataset: Dataset) -> Counter[str]:
    """How many values of each personal field ``dataset`` holds (``projects.people``: 4)."""
    return _personal(records(dataset))


def _personal(found_in: Iterable[Record]) -> Counter[str]:
    found: Counter[str] = Counter()
    for record in found_in:
        if not isinstance(record.obj, Model):
            continue  # an item of a list of plain values (a date)
        for field in fields_of(type(record.obj)):
            value = getattr(record.obj, field.name)
            if field.personal and value not in (None, (), {}):
                where = ".".join((*record.kind.path, field.name))
                found[where] += len(value) if field.is_list else 1
    return found
