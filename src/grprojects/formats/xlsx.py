"""XLSX workbooks, both ways, in the layout of :mod:`grprojects.formats.tabular`.

Written and read with openpyxl (the ``xlsx`` extra). What XLSX itself cannot hold
is escaped the way the Office Open XML standard does (``_xHHHH_``): control
characters, carriage returns and the non-characters U+FFFE and U+FFFF; a literal
``_xHHHH_`` in the data has its underscore escaped as ``_x005F_``. Spreadsheet
programs show the characters themselves, and import undoes the escaping.

What is written is meant to be worked in:

- counts and amounts are number cells where a spreadsheet keeps them unchanged
  (:func:`grprojects.formats._cells.number`), so SUM works;
- formula-like text carries the quote-prefix attribute instead of a visible apostrophe;
- columns are as wide as their content (capped, longer text wraps), every sheet has an
  autofilter, and the heading row and key columns are frozen;
- a column of codes shows each with its Swedish name and offers the code list in a
  drop-down, kept on the hidden sheet ``Kodlistor``;
- the workbook's title and creator are the dataset's title and publisher;
- a sheet past Excel's 1,048,576 rows is refused by name.

A workbook is checked before it is opened, and read in bounded memory
(:mod:`grprojects.formats.workbook`); a cell holding a formula or an error value
(``#N/A``) is reported rather than read, except the constant formulas ``=TRUE()``
and ``=FALSE()`` LibreOffice saves booleans as.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any, Final

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from ..codelists import CodeList
from ..diagnostics import Diagnostic
from ..errors import DocumentError
from ..io import write_atomically
from ..model import Dataset
from . import _presentation as presentation
from . import tabular
from ._cells import (
    DateCell,
    ErrorValue,
    RawCell,
    column_letter,
    decode,
    encode,
    formula,
    text_cell,
)
from ._presentation import CODES_SHEET, label
from .tabular_import import read_tables
from .workbook import read_workbook

__all__ = ["decode", "encode", "read", "write"]

PERSONAL_TAB: Final = "C00000"
"""The tab colour of sheets whose rows are personal data."""
MAX_CELL_TEXT: Final = 32_767
"""The most characters Excel keeps in one cell."""
_BOLD: Final = Font(bold=True)
_WRAP: Final = Alignment(wrap_text=True, vertical="top")


def _dropdown(codes: CodeList, column: int) -> DataValidation:
    """A drop-down of ``codes``, kept in the 0-based ``column`` of the code-list sheet."""
    letter = column_letter(column)
    source = f"{quote_sheetname(CODES_SHEET)}!${letter}$2:${letter}${len(codes.codes) + 1}"
    title = codes.title.get("sv", codes.id)[:32]
    message = presentation.CLOSED_PROMPT if codes.closed else presentation.OPEN_PROMPT
    return DataValidation(
        type="list",
        formula1=source,
        allow_blank=True,
        showErrorMessage=codes.closed,
        errorStyle="warning",
        errorTitle=title,
        error=message,
        showInputMessage=True,
        promptTitle=title,
        prompt=message,
    )


def _code_sheet(book: Workbook, lists: list[CodeList]) -> None:
    """The hidden sheet of the code lists the drop-downs show, one column per list."""
    sheet = book.create_sheet(CODES_SHEET)
    sheet.sheet_state = "hidden"
    for index, codes in enumerate(lists, start=1):
        heading = sheet.cell(1, index, f"{codes.title.get('sv', codes.id)} ({codes.id})")
        heading.font = _BOLD
        for row, code in enumerate(codes.codes, start=2):
            sheet.cell(row, index, label(codes, code.code))
        sheet.column_dimensions[column_letter(index - 1)].width = presentation.MAX_WIDTH // 2


def _fill(sheet: Any, table: tabular.Table, lists: list[CodeList]) -> None:
    """Heading and rows of ``table``, laid out to be worked in (see the module's list)."""
    sheet.append(table.headings)
    for cell in sheet[1]:
        cell.font = _BOLD
    rows = presentation.shown_rows(table)
    for row in rows:
        sheet.append([encode(v) if isinstance(v, str) else v for v in row])
    for number, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            if isinstance(value, str):
                cell = sheet.cell(number, column)
                cell.value, cell.quotePrefix = text_cell(cell.value)
                cell.data_type = "s"  # openpyxl takes text starting with = for a formula
                if presentation.wraps(value):
                    cell.alignment = _WRAP
    keys = sum(1 for c in table.columns if c.role is tabular.Role.JOIN)
    sheet.freeze_panes = sheet.cell(row=2, column=keys + 2)
    sheet.auto_filter.ref = f"A1:{column_letter(len(table.columns) - 1)}{len(rows) + 1}"
    for index, width in enumerate(presentation.widths(table, rows)):
        sheet.column_dimensions[column_letter(index)].width = width
    for index, heading in enumerate(table.columns):
        codes = presentation.dropdown_of(heading)
        if codes is not None:
            dropdown = _dropdown(codes, lists.index(codes))
            letter = column_letter(index)
            dropdown.add(f"{letter}2:{letter}{presentation.MAX_ROWS}")
            sheet.add_data_validation(dropdown)


def _too_long(tables: list[tabular.Table]) -> list[Diagnostic]:
    """Cells whose text, as written (escaped, labelled), is longer than Excel keeps."""
    return [
        Diagnostic(
            "xlsx.cell-too-long",
            f"{length:,} characters; an XLSX cell holds at most {MAX_CELL_TEXT:,} "
            "(write JSON or SQLite instead)",
            table.pointer(number, column),
        )
        for table in tables
        for number, row in enumerate(presentation.shown_rows(table))
        for column, value in enumerate(row)
        if isinstance(value, str) and (length := len(text_cell(encode(value))[0])) > MAX_CELL_TEXT
    ]


def write(dataset: Dataset, path: Path) -> list[str]:
    """Write ``dataset`` as a workbook at ``path``, atomically."""
    tables = tabular.tables(dataset)
    presentation.check_rows(tables, presentation.MAX_ROWS, "XLSX")
    problems = _too_long(tables)
    if problems:
        raise DocumentError(problems)
    book = Workbook()
    book.remove(book.active)
    book.properties.title = encode(dataset.title.sv)
    book.properties.creator = encode(dataset.publisher.name.sv)
    lists = presentation.dropdown_lists(tables)
    for table in tables:
        sheet = book.create_sheet(table.name)
        if table.personal:
            sheet.sheet_properties.tabColor = PERSONAL_TAB
        _fill(sheet, table, lists)
    _code_sheet(book, lists)
    buffer = io.BytesIO()
    book.save(buffer)
    write_atomically(path, buffer.getvalue())
    return []


def _raw(cell: Any) -> RawCell:
    value = cell.value
    if getattr(cell, "data_type", None) == "f":
        return formula(str(value))
    if getattr(cell, "data_type", None) == "e":
        return ErrorValue(str(value))
    if isinstance(value, str):
        return decode(value)
    if isinstance(value, dt.datetime):
        return DateCell(value, str(cell.number_format))
    return value  # type: ignore[no-any-return]  # openpyxl's cells are untyped


def read(path: Path) -> Dataset:
    """Read the workbook at ``path``; :class:`DocumentError` naming cells on bad input."""
    return read_tables(read_workbook(path, _raw), file=str(path))
