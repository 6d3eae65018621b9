"""How XLSX and ODS present the tables of :mod:`.tabular` to the people who edit them.

CSV carries the tables as they are; a spreadsheet also shows them:

- a code of a shipped code list with its Swedish name, ``participant – medverkande``
  (:func:`labelled`); import keeps the code (:func:`unlabelled`) and takes a code typed
  alone as well;
- a drop-down of the code list on each column of single codes (:func:`dropdown_of`),
  the lists kept on a hidden sheet, :data:`CODES_SHEET`, that import skips;
- columns as wide as their content, within bounds (:func:`widths`), long text wrapped;
- at most :data:`MAX_ROWS` rows a sheet: :func:`check_rows` refuses more by name.

Code lists added by plugins are not offered: the drop-downs show the shipped lists.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

from ..codelists import CodeList, builtin_codelists
from ..diagnostics import Diagnostic
from ..errors import DocumentError
from ._cells import LINE, Cell
from ._tree import ValueKind
from .tabular import Column, Role, Table

MAX_ROWS: Final = 1_048_576
"""Rows of one sheet that Excel and LibreOffice open, the heading row included."""


def check_rows(tables: Sequence[Table], limit: int, medium: str) -> None:
    """Refuse, naming each sheet, tables with more rows than ``medium`` holds.

    Splitting a sheet would break its joins and make one kind of record two sheets,
    so a dataset that large is refused; JSON and SQLite hold it.
    """
    problems = [
        too_many_rows(table.name, len(table.rows), table.pointers[limit - 1], limit, medium)
        for table in tables
        if len(table.rows) + 1 > limit
    ]
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


CODES_SHEET: Final = "Kodlistor"
"""The sheet of the code lists that spreadsheets offer in drop-down lists; import skips it."""
CLOSED_PROMPT: Final = "Välj en kod ur listan; en annan kod godtas inte vid import."
"""What the drop-down of a closed code list says."""
OPEN_PROMPT: Final = "Välj en kod ur listan eller skriv en egen."
"""What the drop-down of an open code list says."""
LABEL: Final = " – "
"""Between a code and its Swedish name in a spreadsheet cell: ``participant – deltagare``."""


def codelist_of(column: Column) -> CodeList | None:
    """The shipped code list a column's codes come from, if any."""
    if column.value is None or column.role is not Role.VALUE:
        return None
    name = column.value.field.codelist
    return builtin_codelists().get(name) if name is not None else None


@functools.cache
def _swedish_names(codes: str) -> Mapping[str, str]:
    """The Swedish name of each code of the shipped list ``codes``, looked up once."""
    return {c.code: c.title.get("sv") or c.code for c in builtin_codelists()[codes].codes}


def label(codes: CodeList, code: str) -> str:
    """``code – its Swedish name``, or the code alone when the list does not name it."""
    title = _swedish_names(codes.id).get(code, code)
    return code if title == code else f"{code}{LABEL}{title}"


def labelled(column: Column, cell: Cell) -> Cell:
    """``cell`` with each code in it followed by its Swedish name."""
    codes = codelist_of(column)
    if codes is None or not isinstance(cell, str):
        return cell
    if column.value is not None and column.value.kind is ValueKind.STRINGS:
        return (
            cell
            if cell.startswith("[")
            else LINE.join(map(functools.partial(label, codes), cell.split(LINE)))
        )
    return label(codes, cell)


def unlabelled(column: Column, value: Any) -> Any:
    """The code(s) of a value read from a code column: a Swedish name after a code dropped."""
    codes = codelist_of(column)
    if codes is None:
        return value
    if isinstance(value, list):
        return [unlabelled(column, item) for item in value]
    if isinstance(value, str):
        code, separator, _ = value.partition(LABEL)
        if separator and label(codes, code) == value:
            return code
    return value


MAX_WIDTH: Final = 60
"""The widest a column is made, in characters; longer text wraps."""
MIN_WIDTH: Final = 8


def shown_rows(table: Table) -> list[tuple[Cell, ...]]:
    """The rows as a spreadsheet shows them: codes with their Swedish names."""
    coded = [codelist_of(c) is not None for c in table.columns]
    if not any(coded):
        return list(table.rows)
    return [
        tuple(labelled(c, v) if k else v for c, v, k in zip(table.columns, row, coded, strict=True))
        for row in table.rows
    ]


def shown_length(cell: Cell) -> int:
    """The characters of the longest line a cell shows."""
    if cell is None:
        return 0
    if isinstance(cell, bool):
        return 5
    if isinstance(cell, str):
        return max(len(line) for line in cell.split(LINE))
    return len(str(cell))


def widths(table: Table, rows: Sequence[Sequence[Cell]]) -> list[int]:
    """Each column's width in characters: its longest content, within bounds."""
    found = [shown_length(h) for h in table.headings]
    for row in rows:
        found = [max(w, shown_length(c)) for w, c in zip(found, row, strict=True)]
    return [fitted(w) for w in found]


def fitted(longest: int) -> int:
    """The width of a column whose longest line is ``longest`` characters, within bounds."""
    return min(max(longest + 2, MIN_WIDTH), MAX_WIDTH)


def shown(columns: Sequence[Column], row: Sequence[Cell]) -> tuple[Cell, ...]:
    """A row as a spreadsheet shows it: codes with their Swedish names."""
    return tuple(labelled(c, v) for c, v in zip(columns, row, strict=True))


def wraps(cell: Cell) -> bool:
    """Whether a cell's text is wrapped: it spans lines or is wider than a column gets."""
    return isinstance(cell, str) and (LINE in cell or len(cell) > MAX_WIDTH - 2)


def dropdown_of(column: Column) -> CodeList | None:
    """The code list a column offers in a drop-down: one code a cell, from a shipped list."""
    codes = codelist_of(column)
    single = column.value is not None and column.value.kind is ValueKind.STRING
    return codes if single else None


def dropdown_lists(tables: Sequence[Table]) -> list[CodeList]:
    """The code lists the tables' columns offer in drop-downs, in order of first use."""
    return dropdown_lists_in(table.columns for table in tables)


def dropdown_lists_in(tables: Iterable[Sequence[Column]]) -> list[CodeList]:
    """The code lists the columns of each table offer in drop-downs, in order of first use."""
    found: dict[str, CodeList] = {}
    for columns in tables:
        for column in columns:
            if (codes := dropdown_of(column)) is not None:
                found.setdefault(codes.id, codes)
    return list(found.values())
