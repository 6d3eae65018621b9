"""Rows of a CSV file or an XLSX sheet, each cell with the place a person would name.

CSV files are read as UTF-8 (with or without a byte-order mark), else as
Windows-1252, the two encodings Excel saves in; the delimiter (``;`` as Swedish
Excel writes it, ``,`` or tab) is sniffed. XLSX workbooks are read with openpyxl,
formulas as their last computed values; openpyxl is imported only then, so loading the
plugin (which every ``grprojects`` command does) costs nothing a JSON file does not use.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

import attrs

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


def read_csv(path: Path) -> Table:
    """The rows of a CSV file, its sheet named after the file."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter(text))
    return Table(path.stem, _rows(tuple(row) for row in reader))


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
    from openpyxl import load_workbook  # see the module docstring

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        names = [sheet] if sheet is not None else workbook.sheetnames
        return [
            Table(name, _rows(workbook[name].iter_rows(values_only=True)))
            for name in names
            if name in workbook.sheetnames
        ]
    finally:
        workbook.close()


def read_tables(path: Path) -> list[Table]:
    """Every sheet of ``path``: one for CSV, the workbook's for XLSX."""
    if path.suffix.lower() == ".csv":
        return [read_csv(path)]
    return read_xlsx(path)
