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
from collections import Counter
from pathlib import Path
from typing import Any, Final

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from .. import outputs
from ..codelists import CodeList
from ..diagnostics import Diagnostic, pointer_of
from ..errors import DocumentError
from ..model import Dataset
from ..plugin_types import DatasetStream
from ..public import is_personal
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
from ._tree import Record, RecordKind, record_kinds
from .tabular_import import read_tables
from .workbook import read_workbook

__all__ = ["decode", "encode", "read", "stream", "write"]

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
    for index in range(len(lists)):
        sheet.column_dimensions[column_letter(index)].width = presentation.MAX_WIDTH // 2
    headings = [f"{codes.title.get('sv', codes.id)} ({codes.id})" for codes in lists]
    sheet.append([_bold(sheet, heading) for heading in headings])
    for number in range(max((len(codes.codes) for codes in lists), default=0)):
        sheet.append(
            [
                label(codes, codes.codes[number].code) if number < len(codes.codes) else None
                for codes in lists
            ]
        )


def _bold(sheet: Any, value: str) -> Any:
    cell = WriteOnlyCell(sheet, value)
    cell.font = _BOLD
    return cell


def _written(sheet: Any, value: Any) -> Any:
    """A value as its cell: text marked as text, never run as a formula, long text wrapped."""
    if not isinstance(value, str):
        return value
    text, prefix = text_cell(encode(value))
    wraps = presentation.wraps(value)
    if not (prefix or wraps or text.startswith("=")):
        return text  # a plain text cell, as openpyxl makes one of a str
    cell = WriteOnlyCell(sheet, text)
    cell.quotePrefix = prefix
    cell.data_type = "s"  # openpyxl takes text starting with = for a formula
    if wraps:
        cell.alignment = _WRAP
    return cell


class _Survey:
    """What the first pass learns: the layout, each column's widest line, the cells
    too long for Excel and the first record past a sheet's last row."""

    def __init__(self) -> None:
        self.layout = tabular.Layout()
        self.widest: dict[tuple[RecordKind, str], int] = {}
        self.problems: list[Diagnostic] = []
        self.past_last: dict[RecordKind, str] = {}
        self.rows: Counter[RecordKind] = Counter()

    def add(self, unit: list[Record]) -> None:
        self.layout.add(unit)
        for record in unit:
            kind = record.kind
            self.rows[kind] += 1
            if self.rows[kind] == presentation.MAX_ROWS:  # the heading takes one row
                self.past_last[kind] = pointer_of(list(record.pointer))
            columns = self.layout.record_columns(record)
            cells = presentation.shown(columns, tabular.row(columns, record))
            for column, cell in zip(columns, cells, strict=True):
                width = presentation.shown_length(cell)
                if width > self.widest.get((kind, column.key), 0):
                    self.widest[kind, column.key] = width
                if (
                    isinstance(cell, str)
                    and (length := len(text_cell(encode(cell))[0])) > MAX_CELL_TEXT
                ):
                    where = pointer_of([*record.pointer, *column.parts])
                    self.problems.append(_too_long(length, where))

    def refusals(self) -> list[Diagnostic]:
        """Why the workbook cannot be written, if it cannot."""
        rows = [
            presentation.too_many_rows(
                tabular.sheet_name(kind),
                self.layout.rows[kind],
                pointer,
                presentation.MAX_ROWS,
                "XLSX",
            )
            for kind, pointer in self.past_last.items()
        ]
        return self.layout.problems + rows + self.problems

    def widths(self, kind: RecordKind, columns: list[tabular.Column]) -> list[int]:
        return [
            presentation.fitted(
                max(presentation.shown_length(c.heading), self.widest.get((kind, c.key), 0))
            )
            for c in columns
        ]


def _too_long(length: int, pointer: str) -> Diagnostic:
    return Diagnostic(
        "xlsx.cell-too-long",
        f"{length:,} characters; an XLSX cell holds at most {MAX_CELL_TEXT:,} "
        "(write JSON or SQLite instead)",
        pointer,
    )


def _sheet(
    book: Workbook,
    kind: RecordKind,
    columns: list[tabular.Column],
    survey: _Survey,
    lists: list[CodeList],
) -> Any:
    """A sheet of ``kind``'s table laid out to be worked in (see the module's list),
    its heading written; the rows follow."""
    sheet = book.create_sheet(tabular.sheet_name(kind))
    if is_personal(list(kind.path)):
        sheet.sheet_properties.tabColor = PERSONAL_TAB
    for index, width in enumerate(survey.widths(kind, columns)):
        sheet.column_dimensions[column_letter(index)].width = width
    keys = sum(1 for c in columns if c.role is tabular.Role.JOIN)
    sheet.freeze_panes = f"{column_letter(keys + 1)}2"
    last = column_letter(len(columns) - 1)
    sheet.auto_filter.ref = f"A1:{last}{survey.layout.rows[kind] + 1}"
    for index, heading in enumerate(columns):
        codes = presentation.dropdown_of(heading)
        if codes is not None:
            dropdown = _dropdown(codes, lists.index(codes))
            letter = column_letter(index)
            dropdown.add(f"{letter}2:{letter}{presentation.MAX_ROWS}")
            sheet.data_validations.append(dropdown)  # what add_data_validation does
    sheet.append([_bold(sheet, c.heading) for c in columns])
    return sheet


def write(dataset: Dataset, path: Path) -> list[str]:
    """Write ``dataset`` as a workbook at ``path``, atomically."""
    return stream(DatasetStream.of(dataset), path)


def stream(source: DatasetStream, path: Path) -> list[str]:
    """Write the dataset ``source`` gives a record at a time as a workbook at ``path``,
    atomically, in memory that does not grow with the number of records.

    Two passes: the first learns the columns (the languages present, the objects
    present but empty), their widths and what cannot be written; the second writes
    the rows as they come, each sheet streamed to its own file by openpyxl's
    write-only mode.
    """
    survey = _Survey()
    for unit in tabular.units(source):
        survey.add(unit)
    problems = survey.refusals()
    if problems:
        raise DocumentError(problems)
    kinds = record_kinds()
    columns = {kind: survey.layout.columns(kind) for kind in kinds}
    lists = presentation.dropdown_lists_in(columns.values())

    def produce(staged: Path) -> None:
        book = Workbook(write_only=True)
        book.properties.title = encode(source.header.title.sv)
        book.properties.creator = encode(source.header.publisher.name.sv)
        sheets = {kind: _sheet(book, kind, columns[kind], survey, lists) for kind in kinds}
        for unit in tabular.units(source):
            for record in unit:
                sheet, laid_out = sheets[record.kind], columns[record.kind]
                cells = presentation.shown(laid_out, tabular.row(laid_out, record))
                sheet.append([_written(sheet, cell) for cell in cells])
        _code_sheet(book, lists)
        book.save(staged)

    outputs.write_with(path, produce, replace=True)
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
