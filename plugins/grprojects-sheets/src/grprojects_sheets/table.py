"""Rows of a CSV file or an XLSX sheet, each cell with the place a person would name.

CSV files are read as UTF-8 (with or without a byte-order mark), else as
Windows-1252, the two encodings Excel saves in; the delimiter (``;`` as Swedish
Excel writes it, ``,`` or tab) is sniffed. XLSX workbooks are read with openpyxl
through :func:`grprojects.formats.workbook.read_workbook`, which checks and bounds
them first, formulas as their last computed values; openpyxl is imported only then,
so loading the plugin (which every ``grprojects`` command does) costs nothing a JSON
file does not use. A file neither can read, or one past grprojects' limits on bytes
and cells, is a :class:`~grprojects.DocumentError`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

import attrs

from grprojects import Diagnostic, DocumentError
from grprojects.formats.workbook import MAX_TOTAL_SIZE, CellBudget, read_workbook

PREFERRED_SHEET: Final = "Aktiviteter"
DELIMITERS: Final = (";", "\t", ",")


@attrs.frozen
class Table:
    """One sheet's non-empty rows: (1-based row number, cell values from column A)."""

    sheet: str
    rows: tuple[tuple[int, tuple[Any, ...]], ...]

    def cell(self, row: int, column: int) -> str:
        """The A1 reference of a cell with its sheet: ``Aktiviteter!D12``."""
        from openpyxl.utils import get_column_letter  # see the module docstring

        return f"{self.sheet}!{get_column_letter(column + 1)}{row}"


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _rows(values: Iterator[tuple[Any, ...]]) -> tuple[tuple[int, tuple[Any, ...]], ...]:
    return tuple(
        (number, row)
        for number, row in enumerate(values, start=1)
        if not all(_blank(v) for v in row)
    )


def _refused(path: Path, message: str) -> DocumentError:
    return DocumentError([Diagnostic("sheets.unreadable", message, file=str(path))])


def read_csv(path: Path) -> Table:
    """The rows of a CSV file, its sheet named after the file."""
    if path.stat().st_size > MAX_TOTAL_SIZE:
        raise _refused(path, f"more than {MAX_TOTAL_SIZE:,} bytes; split the list")
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as error:
            message = f"neither UTF-8 nor Windows-1252 (byte {error.start}); save it as CSV UTF-8"
            raise _refused(path, message) from None
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter(text))
    budget = CellBudget(path)
    rows = []
    try:
        for row in reader:
            budget.row(f"{path.stem}!{reader.line_num}", reader.line_num, len(row))
            rows.append(tuple(row))
    except csv.Error as error:
        raise _refused(path, f"line {reader.line_num}: not CSV: {error}") from None
    return Table(path.stem, _rows(iter(rows)))


def delimiter(text: str) -> str:
    """The delimiter used most on the heading line (the first naming ``Aktivitet``).

    csv.Sniffer is thrown off by header rows with fewer cells than the table, so
    count instead; on a tie, ``;`` wins, as Swedish Excel writes it.
    """
    lines = text.splitlines()
    heading = next((line for line in lines if "aktivitet" in line.lower()), text[:4096])
    return max(DELIMITERS, key=heading.count)


def read_xlsx(path: Path, sheet: str | None = None) -> list[Table]:
    """The sheets of a workbook (or just ``sheet``), in workbook order."""
    sheets = read_workbook(path, lambda cell: cell.value, data_only=True)
    return [
        Table(name, _rows(tuple(row) for row in rows))
        for name, rows in sheets.items()
        if sheet is None or name == sheet
    ]


def read_tables(path: Path) -> list[Table]:
    """Every sheet of ``path``: one for CSV, the workbook's for XLSX."""
    if path.suffix.lower() == ".csv":
        return [read_csv(path)]
    return read_xlsx(path)
