"""XLSX workbooks, both ways, in the layout of :mod:`grprojects.formats.tabular`.

Written and read with openpyxl (the ``xlsx`` extra). What XLSX itself cannot hold
is escaped the way the Office Open XML standard does (``_xHHHH_``): control
characters, carriage returns and the non-characters U+FFFE and U+FFFF; a literal
``_xHHHH_`` in the data has its underscore escaped as ``_x005F_``. Spreadsheet
programs show the characters themselves, and import undoes the escaping.

A workbook is checked before it is opened (:mod:`grprojects.formats._archive`), and
a cell holding a formula or an error value (``#N/A``) is reported rather than read.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
import zipfile
from pathlib import Path
from typing import Any, Final

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils.exceptions import InvalidFileException

from ..diagnostics import Diagnostic
from ..errors import DocumentError
from ..io import write_atomically
from ..model import Dataset
from . import tabular
from ._archive import check_archive
from ._cells import DateCell, ErrorValue, Formula, RawCell, column_letter
from .tabular_import import read_tables

PERSONAL_TAB: Final = "C00000"
"""The tab colour of sheets whose rows are personal data."""
MAX_CELL_TEXT: Final = 32_767
"""The most characters Excel keeps in one cell."""
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
_UNSAFE = "\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ufffe\uffff"
_NEEDS_ESCAPE = re.compile(rf"_(?=x[0-9A-Fa-f]{{4}}[_{_UNSAFE}])|[{_UNSAFE}]")
"""An underscore that would read as the start of an escape, or a character XLSX cannot hold.

The underscore is escaped also when the character after ``_xHHHH`` is one that gets
escaped itself, since its escape starts with an underscore."""


def _escape_match(match: re.Match[str]) -> str:
    return f"_x{ord(match.group(0)):04X}_"


def encode(text: str) -> str:
    """``text`` with what XLSX cannot hold escaped as ``_xHHHH_``."""
    return _NEEDS_ESCAPE.sub(_escape_match, text)


def decode(text: str) -> str:
    """The text :func:`encode` was given."""
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)


def write(dataset: Dataset, path: Path) -> list[str]:
    """Write ``dataset`` as a workbook at ``path``, atomically."""

    book = Workbook()
    book.remove(book.active)
    problems: list[Diagnostic] = []
    bold = Font(bold=True)
    for table in tabular.tables(dataset):
        sheet = book.create_sheet(table.name)
        if table.personal:
            sheet.sheet_properties.tabColor = PERSONAL_TAB
        sheet.append(table.headings)
        for cell in sheet[1]:
            cell.font = bold
        for number, row in enumerate(table.rows):
            cells: list[Any] = []
            for column, value in enumerate(row):
                if isinstance(value, str):
                    value = encode(value)
                    if len(value) > MAX_CELL_TEXT:
                        message = (
                            f"{len(value):,} characters; an XLSX cell holds at most "
                            f"{MAX_CELL_TEXT:,} (write JSON or SQLite instead)"
                        )
                        problems.append(
                            Diagnostic("xlsx.cell-too-long", message, table.pointer(number, column))
                        )
                cells.append(value)
            sheet.append(cells)
        keys = sum(1 for c in table.columns if c.role is tabular.Role.JOIN)
        sheet.freeze_panes = sheet.cell(row=2, column=keys + 2)
        for index, heading in enumerate(table.headings):
            letter = column_letter(index)
            sheet.column_dimensions[letter].width = min(max(len(heading), 10), 40)
    if problems:
        raise DocumentError(problems)
    buffer = io.BytesIO()
    book.save(buffer)
    write_atomically(path, buffer.getvalue())
    return []


def _raw(cell: Any) -> RawCell:
    value = cell.value
    if getattr(cell, "data_type", None) == "f":
        return Formula(str(value))
    if getattr(cell, "data_type", None) == "e":
        return ErrorValue(str(value))
    if isinstance(value, str):
        return decode(value)
    if isinstance(value, dt.datetime):
        return DateCell(value, str(cell.number_format))
    return value  # type: ignore[no-any-return]  # openpyxl's cells are untyped


def read(path: Path) -> Dataset:
    """Read the workbook at ``path``; :class:`DocumentError` naming cells on bad input."""

    check_archive(path)
    # A file object, not the path: openpyxl refuses names not ending in .xlsx.
    with path.open("rb") as handle:
        try:
            with warnings.catch_warnings():
                # openpyxl remarks on styles and extensions it skips; they hold no data
                warnings.simplefilter("ignore")
                book = load_workbook(handle, read_only=True, data_only=False)
        except (KeyError, ValueError, zipfile.BadZipFile, InvalidFileException) as error:
            raise DocumentError(
                [Diagnostic("xlsx.unreadable", f"not a readable workbook: {error}", file=str(path))]
            ) from None
        try:
            tables = {}
            for sheet in book.worksheets:
                sheet.reset_dimensions()
                tables[sheet.title] = [[_raw(cell) for cell in row] for row in sheet.iter_rows()]
        finally:
            book.close()
    return read_tables(tables, file=str(path))
