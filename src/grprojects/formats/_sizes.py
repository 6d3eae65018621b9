"""Sheet sizes against the readers' limits: whatever a spreadsheet writer writes, its own
reader reads back.

The readers (:mod:`._archive` for XLSX and CSV zips, :mod:`.ods`) refuse a sheet of
too many rows or columns and a file of too many cells, counted as they parse. The
writers (XLSX, ODS, CSV) measure what they are about to write the same way and refuse,
by sheet and before writing anything, what their reader would refuse. The limits are
read when a file is written, so that a test may lower them.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from ..codelists import CodeList
from ..diagnostics import Diagnostic
from ..errors import DocumentError
from . import _archive
from ._cells import Cell
from ._presentation import CODES_SHEET
from .tabular import Table


@attrs.frozen
class SheetSize:
    """What a reader counts of one sheet a writer is about to write."""

    name: str
    rows: int
    """Rows, the heading included."""
    columns: int
    cells: int
    """Cells, each row counted to its last filled cell (as far as the reader counts it)."""
    past_last: str = ""
    """The pointer of the first record past the last row a reader takes, if there is one."""


def table_size(table: Table) -> SheetSize:
    """The size of ``table`` as a spreadsheet's sheet: each row to its last filled cell
    (a spreadsheet leaves out the rest), the heading whole."""
    width = len(table.columns)
    cells = width + sum(filled_width(row) for row in table.rows)
    past = table.pointers[_archive.MAX_ROWS - 1] if len(table.rows) >= _archive.MAX_ROWS else ""
    return SheetSize(table.name, len(table.rows) + 1, width, cells, past)


def filled_width(row: Sequence[Cell]) -> int:
    """How many cells of ``row`` a spreadsheet stores: up to its last filled one."""
    return next((len(row) - i for i, cell in enumerate(reversed(row)) if cell is not None), 0)


def codes_sheet_size(lists: Sequence[CodeList]) -> SheetSize:
    """The size of the hidden sheet of ``lists``, one column each under its heading."""
    lengths = [len(codes.codes) for codes in lists]
    rows = max(lengths, default=0)
    cells = len(lists) + sum(
        max((i + 1 for i, n in enumerate(lengths) if n > row), default=0) for row in range(rows)
    )
    return SheetSize(CODES_SHEET, rows + 1, len(lists), cells)


def size_problems(
    sizes: Sequence[SheetSize], medium: str, *, columns: int, cells: int
) -> list[Diagnostic]:
    """Why the sheets cannot be written so that grprojects reads them back, if they cannot:
    a sheet past :data:`~._archive.MAX_ROWS` rows or ``columns`` columns, all of them
    past ``cells`` cells (the limits of ``medium``'s reader).

    Splitting a sheet would break its joins and make one kind of record two sheets,
    so a dataset that large is refused; JSON and SQLite hold it.
    """
    problems = [
        too_many_rows(size.name, size.rows - 1, size.past_last, _archive.MAX_ROWS, medium)
        for size in sizes
        if size.rows > _archive.MAX_ROWS
    ]
    problems += [
        Diagnostic(
            "table.too-many-columns",
            f"{size.name}: {size.columns:,} columns (a text in that many languages?); "
            f"grprojects reads at most {columns:,} of a sheet of {medium} "
            "(write JSON or SQLite instead)",
            "",
        )
        for size in sizes
        if size.columns > columns
    ]
    total = sum(size.cells for size in sizes)
    if total > cells:
        largest = max(sizes, key=lambda size: size.cells)
        problems.append(
            Diagnostic(
                "table.too-many-cells",
                f"{total:,} cells in all sheets ({largest.name}: {largest.cells:,}); grprojects "
                f"reads at most {cells:,} of {medium} (write JSON or SQLite instead)",
                "",
            )
        )
    return problems


def check_sizes(sizes: Sequence[SheetSize], medium: str, *, columns: int, cells: int) -> None:
    """Raise :class:`~grprojects.DocumentError` with :func:`size_problems`, if any."""
    problems = size_problems(sizes, medium, columns=columns, cells=cells)
    if problems:
        raise DocumentError(problems)


def too_many_rows(sheet: str, rows: int, first: str, limit: int, medium: str) -> Diagnostic:
    """The sheet ``sheet`` of ``rows`` rows is too long; ``first`` is the pointer of the
    first record that does not fit."""
    return Diagnostic(
        "table.too-many-rows",
        f"{sheet}: {rows + 1:,} rows with the heading; a sheet of "
        f"{medium} holds at most {limit:,}; the first record that does not fit is here "
        "(write JSON or SQLite instead)",
        first,
    )
