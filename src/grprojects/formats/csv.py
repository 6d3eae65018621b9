"""CSV, both ways: one zip archive holding one CSV file per sheet of the tabular layout.

One file per kind of record is what CSV can do; a zip keeps them together as one
output that is written atomically and cannot scatter files. The archive
(``.csv.zip``) holds ``Datamängd.csv``, ``Projekt.csv``, ``Aktiviteter.csv`` … named
after the sheets of :mod:`grprojects.formats.tabular`, never after data.

Each file is RFC 4180 CSV: comma separated, fields quoted when needed, CRLF line
ends, UTF-8 with a byte-order mark so that spreadsheet programs read å, ä and ö.
Booleans are ``true``/``false`` and numbers fixed-point (``0.0000001``, never
``1E-07``); text a spreadsheet would run as a formula gets an apostrophe in front
(:func:`grprojects.formats._cells.neutralise`), since CSV has no cell attributes.
"""

from __future__ import annotations

import contextlib
import csv
import io
import itertools
import re
import shutil
import tempfile
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Final

from .. import outputs
from ..diagnostics import Diagnostic, pointer_of
from ..errors import DocumentError
from ..model import Dataset
from ..plugin_types import DatasetStream
from . import _archive, _sizes, tabular
from ._archive import (
    MAX_TOTAL_SIZE,
    UNPACK_ERRORS,
    CellBudget,
    check_archive,
    member_name,
    name_of,
)
from ._cells import Cell, RawCell, neutralise, number_text
from ._tree import Record, RecordKind, record_kinds
from .tabular_import import read_tables, unknown_sheets

SUFFIX: Final = ".csv"
_FIXED_TIME: Final = (1980, 1, 1, 0, 0, 0)
"""Every member gets the same timestamp, so equal data gives equal archives."""


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, str):
        return neutralise(cell)
    return number_text(cell)


def write(dataset: Dataset, path: Path) -> list[str]:
    """Write ``dataset`` as a zip of CSV files at ``path``, atomically."""
    return stream(DatasetStream.of(dataset), path)


def stream(source: DatasetStream, path: Path) -> list[str]:
    """Write the dataset ``source`` gives a record at a time as a zip of CSV files at
    ``path``, atomically, in memory that does not grow with the number of records.

    Two passes: the first learns the columns (:class:`~grprojects.formats.tabular.Layout`),
    the second writes each row to its sheet's temporary file as it comes; then each file
    is copied into the archive, a block at a time.
    """
    layout = tabular.Layout()
    past_last: dict[RecordKind, str] = {}
    for unit in tabular.units(source):
        layout.add(unit)
        for record in unit:  # counted after the unit: the first record past the last row
            if layout.rows[record.kind] >= _archive.MAX_ROWS and record.kind not in past_last:
                past_last[record.kind] = _first_past(layout, record, unit)
    columns = {kind: layout.columns(kind) for kind in record_kinds()}
    sizes = [
        _sizes.SheetSize(
            tabular.sheet_name(kind),
            layout.rows[kind] + 1,
            len(laid_out),
            (layout.rows[kind] + 1) * len(laid_out),  # CSV writes every field of a row
            past_last.get(kind, ""),
        )
        for kind, laid_out in columns.items()
    ]
    problems = layout.problems + _sizes.size_problems(
        sizes, "CSV", columns=_archive.MAX_COLUMNS, cells=_archive.MAX_CELLS
    )
    if problems:
        raise DocumentError(problems)

    def produce(staged: Path) -> None:
        line = io.StringIO(newline="")
        writer = csv.writer(line, lineterminator="\r\n")  # one: each holds 128 kB

        def text(cells: Iterable[str]) -> str:
            line.seek(0)
            line.truncate()
            writer.writerow(cells)
            return line.getvalue()

        with contextlib.ExitStack() as stack:
            sheets = {}
            for kind, laid_out in columns.items():
                sheets[kind] = sheet = stack.enter_context(_Sheet())
                sheet.add(text(c.heading for c in laid_out))
            for unit in tabular.units(source):
                for record in unit:
                    cells = tabular.row(columns[record.kind], record)
                    sheets[record.kind].add(text(map(_text, cells)))
            with zipfile.ZipFile(staged, "w", zipfile.ZIP_DEFLATED) as archive:
                for kind, sheet in sheets.items():
                    sheet.copy_to(archive, tabular.sheet_name(kind) + SUFFIX)

    outputs.write_with(path, produce, replace=True)
    return []


def _first_past(layout: tabular.Layout, record: Record, unit: list[Record]) -> str:
    """The pointer of the record of ``record``'s kind in ``unit`` that is the first past
    the reader's last row (the heading takes one), now that ``layout`` has counted it."""
    of_kind = [r for r in unit if r.kind is record.kind]
    before = layout.rows[record.kind] - len(of_kind)
    return pointer_of(list(of_kind[_archive.MAX_ROWS - 1 - before].pointer))


class _Sheet:
    """One CSV file of the archive, written to a temporary file a line at a time."""

    def __init__(self) -> None:
        self.file = tempfile.TemporaryFile()  # noqa: SIM115 - closed by __exit__
        self.text = io.TextIOWrapper(self.file, encoding="utf-8-sig", newline="")

    def __enter__(self) -> _Sheet:
        return self

    def __exit__(self, *_: object) -> None:
        self.text.close()

    def add(self, line: str) -> None:
        self.text.write(line)

    def copy_to(self, archive: zipfile.ZipFile, name: str) -> None:
        """Put the file into ``archive`` as the member ``name``."""
        self.text.flush()
        member = zipfile.ZipInfo(member_name(name), _FIXED_TIME)
        member.compress_type = zipfile.ZIP_DEFLATED
        member.file_size = self.file.tell()  # decides whether the member needs ZIP64
        self.file.seek(0)
        with archive.open(member, "w") as written:
            shutil.copyfileobj(self.file, written)


def _layout_name(name: str, folder: str) -> str | None:
    """The sheet file a member name stands for, or ``None`` if it is no CSV of the layout."""
    name = unicodedata.normalize("NFC", name)
    if folder:
        name = name.removeprefix(folder + "/")
    try:
        member_name(name)
    except ValueError:
        return None
    if not name.lower().endswith(SUFFIX):
        return None
    return name[: -len(SUFFIX)] + SUFFIX


def _skipped(name: str) -> bool:
    """Files zip tools add beside the data: macOS resource forks, ``.DS_Store``, folders."""
    parts = name.rstrip("/").split("/")
    return name.endswith("/") or parts[0] == "__MACOSX" or parts[-1].startswith(".")


def _common_folder(names: Sequence[str]) -> str:
    """The one folder every file is in (a zipped folder ``gr-projects/``), else ``""``."""
    folders = {n.split("/")[0] if n.count("/") == 1 else None for n in names}
    if len(folders) == 1 and None not in folders and names:
        return unicodedata.normalize("NFC", str(folders.pop()))
    return ""


_SEMICOLONS: Final = re.compile(r"\([^()]*\)\s*;")
"""A heading's key followed by a semicolon: a file Swedish Excel saved as "CSV"."""


def read(path: Path) -> Dataset:
    """Read a zip of CSV files; :class:`DocumentError` naming files and cells on bad input.

    A zipped folder, the extra files macOS adds, decomposed (NFD) names, names in
    UTF-8 without the zip's UTF-8 flag and ``.CSV`` endings are accepted as zip tools
    make them. Every name is checked before any file is unpacked.
    """
    with path.open("rb") as source:
        members = [m for m in check_archive(path, source) if not _skipped(name_of(m))]
        folder = _common_folder([name_of(m) for m in members])
        problems: list[Diagnostic] = []
        sheets: dict[str, zipfile.ZipInfo] = {}
        for member in members:
            name = _layout_name(name_of(member), folder)
            if name is None:
                message = f"{name_of(member)!r} is not a CSV file of the layout"
                problems.append(Diagnostic("csv.unexpected-file", message, file=str(path)))
                continue
            sheet = name.removesuffix(SUFFIX)
            if sheet in sheets:
                message = f"{name}: twice in the archive; which one holds the data is unknown"
                problems.append(Diagnostic("csv.duplicate-file", message, file=str(path)))
                continue
            sheets[sheet] = member
        problems += unknown_sheets(sheets, str(path))
        if problems:
            raise DocumentError(problems)
        budget = CellBudget(path)
        tables: dict[str, Sequence[Sequence[RawCell]]] = {}
        with zipfile.ZipFile(source) as archive:
            for sheet, member in sheets.items():
                try:
                    tables[sheet] = _table(sheet, archive, member, budget)
                except _SheetError as error:
                    problems.append(Diagnostic(error.code, str(error), file=str(path)))
    if problems:
        raise DocumentError(problems)
    return read_tables(tables, file=str(path))


class _SheetError(ValueError):
    """One CSV file of the archive cannot be read; ``code`` says how."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def _table(
    sheet: str, archive: zipfile.ZipFile, member: zipfile.ZipInfo, budget: CellBudget
) -> list[list[str]]:
    """The rows of one CSV file, decoded and parsed as it is unpacked.

    The file's text is never held whole: only its cells are kept, each counted by
    ``budget`` before it is. A field may be as long as the archive allows.
    """
    name = sheet + SUFFIX
    limit = csv.field_size_limit()
    # The limit is process-wide; raised for this read only, to what export can write.
    csv.field_size_limit(max(limit, MAX_TOTAL_SIZE))
    rows: list[list[str]] = []
    try:
        with archive.open(member) as stream:
            text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
            first = text.readline()
            if _SEMICOLONS.search(first):
                raise _SheetError(
                    "csv.semicolons",
                    f"{name}: separated by semicolons; save it as CSV UTF-8 (comma-delimited)",
                )
            lines = itertools.chain([first], text)
            for number, row in enumerate(csv.reader(lines, strict=True), start=1):
                budget.row(f"{sheet}!{number}:{number}", number, len(row))
                rows.append(row)
    except (DocumentError, _SheetError):
        raise  # a limit passed, or a semicolon: ValueErrors, but not of unpacking
    except UnicodeDecodeError as error:
        raise _SheetError(
            "csv.encoding",
            f"{name}: not UTF-8 ({error.reason}) on line {len(rows) + 1} or the next; "
            "save it as CSV UTF-8 (comma-delimited)",
        ) from None
    except csv.Error as error:
        raise _SheetError("csv.syntax", f"{name}: not CSV: {error}") from None
    except UNPACK_ERRORS as error:
        raise _SheetError(
            "archive.unreadable",
            f"{name_of(member)!r} cannot be unpacked: {error or type(error).__name__}",
        ) from None
    finally:
        csv.field_size_limit(limit)
    return rows
