"""Exchange formats beyond JSON, registered as a built-in plugin through the public hooks.

- ``xlsx``: a workbook, one sheet per kind of record, both ways (needs the ``xlsx`` extra).
- ``ods``: an OpenDocument spreadsheet in the same layout, both ways (needs the ``ods``
  extra).
- ``csv``: a zip of CSV files in the same layout, both ways.
- ``ics``: an iCalendar file of the activities dated to the day (needs the ``ics`` extra).
- ``sqlite``: a normalised SQLite database with keys and indexes.

Formats needing an extra are imported when used, so a missing extra is an error
naming the extra, not a failure to start. :mod:`grprojects.formats.convert` reads and
writes any registered format, the public export included.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..hookspecs import hookimpl
from ..model import Dataset
from ..plugin_types import DatasetStream, Exporter, Importer

if TYPE_CHECKING:
    from .convert import FormatError, OutputExistsError, read_dataset, write_dataset

__all__ = ["FormatError", "OutputExistsError", "read_dataset", "write_dataset"]


def __getattr__(name: str) -> Any:
    """:mod:`.convert`'s names, imported when first asked for: every command registers this
    plugin, and a ``validate`` converts nothing."""
    if name in __all__:
        from . import convert

        return getattr(convert, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_EXTRAS = {"openpyxl": "xlsx", "icalendar": "ics", "odf": "ods", "defusedxml": "ods"}
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"


def _module(name: str) -> Any:
    try:
        return importlib.import_module(f"{__name__}.{name}")
    except ModuleNotFoundError as error:
        extra = _EXTRAS.get(error.name or "")
        if extra is None:
            raise
        from .convert import FormatError

        raise FormatError(
            f"the {name} format needs {error.name}: pip install 'grprojects[{extra}]'"
        ) from None


def _reader(name: str) -> Callable[[Path], Dataset]:
    def read(path: Path) -> Dataset:
        dataset: Dataset = _module(name).read(path)
        return dataset

    return read


def _writer(name: str) -> Callable[[Dataset, Path], list[str]]:
    def write(dataset: Dataset, path: Path) -> list[str]:
        notes: list[str] = _module(name).write(dataset, path)
        return notes

    return write


def _streamer(name: str) -> Callable[[DatasetStream, Path], list[str]]:
    def stream(source: DatasetStream, path: Path) -> list[str]:
        notes: list[str] = _module(name).stream(source, path)
        return notes

    return stream


@hookimpl
def register_importers() -> list[Importer]:
    """The spreadsheet importers."""
    return [
        Importer(
            "xlsx", "Excel workbook, one sheet per kind of record", (".xlsx",), _reader("xlsx")
        ),
        Importer(
            "ods",
            "OpenDocument spreadsheet, one sheet per kind of record",
            (".ods",),
            _reader("ods"),
        ),
        Importer("csv", "zip of CSV files, one per sheet", (".csv.zip", ".zip"), _reader("csv")),
    ]


@hookimpl
def register_exporters() -> list[Exporter]:
    """The spreadsheet, calendar and database exporters."""
    return [
        Exporter(
            "xlsx",
            "Excel workbook, one sheet per kind of record",
            (".xlsx",),
            _writer("xlsx"),
            _streamer("xlsx"),
        ),
        Exporter(
            "ods",
            "OpenDocument spreadsheet, one sheet per kind of record",
            (".ods",),
            _writer("ods"),
        ),
        Exporter(
            "csv",
            "zip of CSV files, one per sheet",
            (".csv.zip", ".zip"),
            _writer("csv"),
            _streamer("csv"),
        ),
        Exporter("ics", "iCalendar: activities dated to the day", (".ics",), _writer("ics")),
        Exporter(
            "sqlite",
            "normalised SQLite database",
            (".sqlite", ".db", ".sqlite3"),
            _writer("sqlite"),
            _streamer("sqlite"),
        ),
    ]


@hookimpl
def choose_importer(path: Path, head: bytes) -> str | None:
    """A zip is a workbook when its first members are Office parts, an OpenDocument
    spreadsheet when its ``mimetype`` says so, else a bundle of CSV files."""
    if not head.startswith(b"PK\x03\x04"):
        return None
    if _ODS_MIMETYPE in head or path.suffix.lower() == ".ods":
        return "ods"
    office = (b"[Content_Types].xml", b"docProps/", b"xl/", b"_rels/")
    if any(part in head for part in office) or path.suffix.lower() == ".xlsx":
        return "xlsx"
    if path.suffix.lower() == ".zip":
        return "csv"
    return None
