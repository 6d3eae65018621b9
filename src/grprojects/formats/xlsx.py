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
- a sheet past Excel's 1,048,576 rows is refused by name, and so is a workbook its own
  reader would refuse (more than :data:`~grprojects.formats._archive.MAX_CELLS` cells or
  :data:`~grprojects.formats._archive.MAX_COLUMNS` columns), before anything is written;
- a cell holds every value whole: a text of schema 1.1 has at most
  :data:`~grprojects.model.fields.LONGEST_TEXT` characters, one fewer than
  :data:`~grprojects.formats._presentation.MAX_CELL_TEXT`, for the apostrophe a text
  starting with one gets. The escapes count as the one character Excel reads them as;
  a text with characters beyond U+FFFF may pass Excel's count, which is in UTF-16
  units: it is written whole (LibreOffice and grprojects read it whole) with a note
  that Excel may cut it.

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
from openpyxl.cell.rich_text import CellRichText
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
from . import _archive, _sizes, tabular
from . import _presentation as presentation
from ._cell_limit import MAX_CELL_TEXT
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
    if len(text) > MAX_CELL_TEXT:
        # openpyxl cuts a plain string at Excel's limit, counting an escape as seven
        # characters where Excel reads one; a text of one rich-text run is kept whole.
        cell = WriteOnlyCell(sheet, CellRichText([text]))
    elif not (prefix or wraps or text.startswith("=")):
        return text  # a plain text cell, as openpyxl makes one of a str
    else:
        cell = WriteOnlyCell(sheet, text)
    cell.quotePrefix = prefix
    cell.data_type = "s"  # openpyxl takes text starting with = for a formula
    if wraps:
        cell.alignment = _WRAP
    return cell


class _Survey:
    """What the first pass learns: the layout, each column's widest line, the cells
    too long for Excel, how many rows and cells each sheet will have and the first
    record past a sheet's last row."""

    def __init__(self) -> None:
        self.layout = tabular.Layout()
        self.widest: dict[tuple[RecordKind, str], int] = {}
        self.problems: list[Diagnostic] = []
        self.past_last: dict[RecordKind, str] = {}
        self.rows: Counter[RecordKind] = Counter()
        self.last_filled: Counter[tuple[RecordKind, str]] = Counter()
        """How many rows of each kind end in each column: the cells the reader will count."""
        self.wide: list[str] = []
        """The first cell past Excel's limit in UTF-16 units though within it in characters."""
        self.wide_cells = 0

    def add(self, unit: list[Record]) -> None:
        self.layout.add(unit)
        for record in unit:
            kind = record.kind
            self.rows[kind] += 1
            if self.rows[kind] == _archive.MAX_ROWS:  # the heading takes one row
                self.past_last[kind] = pointer_of(list(record.pointer))
            columns = self.layout.record_columns(record)
            cells = presentation.shown(columns, tabular.row(columns, record))
            last = None
            for column, cell in zip(columns, cells, strict=True):
                if cell is None:
                    continue
                last = column.key
                width = presentation.shown_length(cell)
                if width > self.widest.get((kind, column.key), 0):
                    self.widest[kind, column.key] = width
                if isinstance(cell, str) and len(cell) > MAX_CELL_TEXT // 2:
                    self._measure(cell, [*record.pointer, *column.parts])
            if last is not None:
                self.last_filled[kind, last] += 1

    def _measure(self, cell: str, place: list[str | int]) -> None:
        """Refuse a cell longer than Excel's limit; note one longer in UTF-16 units."""
        length = presentation.cell_length(cell)
        if length > MAX_CELL_TEXT:
            self.problems.append(_too_long(length, pointer_of(place)))
        elif len(text_cell(cell)[0].encode("utf-16-le")) // 2 > MAX_CELL_TEXT:
            self.wide_cells += 1
            if not self.wide:
                self.wide.append(pointer_of(place))

    def sizes(self, lists: list[CodeList]) -> list[_sizes.SheetSize]:
        """Each sheet's rows, columns and cells as the reader will count them."""
        found = []
        for kind in record_kinds():
            columns = self.layout.columns(kind)
            index = {column.key: number for number, column in enumerate(columns, start=1)}
            cells = len(columns) + sum(
                count * index[key] for (of, key), count in self.last_filled.items() if of is kind
            )
            name, rows = tabular.sheet_name(kind), self.layout.rows[kind] + 1
            past = self.past_last.get(kind, "")
            found.append(_sizes.SheetSize(name, rows, len(columns), cells, past))
        return [*found, _sizes.codes_sheet_size(lists)]

    def refusals(self, lists: list[CodeList]) -> list[Diagnostic]:
        """Why the workbook cannot be written, if it cannot."""
        sizes = _sizes.size_problems(
            self.sizes(lists), "XLSX", columns=_archive.MAX_COLUMNS, cells=_archive.MAX_CELLS
        )
        return self.layout.problems + sizes + self.problems

    def notes(self) -> list[str]:
        """What the writer says of a workbook it wrote: cells Excel may cut."""
        if not self.wide:
            return []
        return [
            f"{self.wide_cells:,} cells hold more than {MAX_CELL_TEXT:,} UTF-16 units "
            "(a character beyond U+FFFF, such as an emoji, counts two): written whole, and "
            f"LibreOffice and grprojects read them whole, but Excel may cut them; the first "
            f"is {self.wide[0]}"
        ]

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
            dropdown.add(f"{letter}2:{letter}{_archive.MAX_ROWS}")
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
    kinds = record_kinds()
    columns = {kind: survey.layout.columns(kind) for kind in kinds}
    lists = presentation.dropdown_lists_in(columns.values())
    problems = survey.refusals(lists)
    if problems:
        raise DocumentError(problems)

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
    return survey.notes()


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
