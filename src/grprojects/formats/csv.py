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

import csv
import io
import itertools
import re
import unicodedata
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from ..diagnostics import Diagnostic
from ..errors import DocumentError
from ..io import write_atomically
from ..model import Dataset
from . import tabular
from ._archive import (
    MAX_TOTAL_SIZE,
    UNPACK_ERRORS,
    CellBudget,
    check_archive,
    member_name,
    name_of,
)
from ._cells import Cell, RawCell, neutralise, number_text
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
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for table in tabular.tables(dataset):
            text = io.StringIO(newline="")
            writer = csv.writer(text, lineterminator="\r\n")
            writer.writerow(table.headings)
            writer.writerows([_text(c) for c in row] for row in table.rows)
            member = zipfile.ZipInfo(member_name(table.name + SUFFIX), _FIXED_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(member, text.getvalue().encode("utf-8-sig"))
    write_atomically(path, buffer.getvalue())
    return []


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
