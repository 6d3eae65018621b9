"""How XLSX and ODS present the tables of :mod:`.tabular` to the people who edit them.

CSV carries the tables as they are; a spreadsheet also shows them:

- a code of a shipped code list with its Swedish name, ``participant – medverkande``
  (:func:`labelled`); import keeps the code (:func:`unlabelled`) and takes a code typed
  alone as well;
- a drop-down of the code list on each column of single codes (:func:`dropdown_of`),
  the lists kept on a hidden sheet, :data:`CODES_SHEET`, that import skips;
- columns as wide as their content, within bounds (:func:`widths`), long text wrapped;
- every value whole in its cell: :data:`MAX_CELL_TEXT`, and :func:`overlong_shared_cells`
  for the cells of more than one value (lists, extension data).

Code lists added by plugins are not offered: the drop-downs show the shipped lists.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Final

from ..codelists import CodeList, builtin_codelists
from ._cell_limit import LABEL, MAX_CELL_TEXT, all_fit, fits, longest
from ._cells import LINE, Cell, text_cell, to_cell
from ._tree import Value, ValueKind, record_kinds
from .tabular import Column, Role, Table

SHARED_CELLS: Final = frozenset({ValueKind.STRINGS, ValueKind.INTEGERS, ValueKind.JSON})
"""The values a spreadsheet writes into one cell together: the items of a list of ids, codes
or numbers, one per line, and extension data, as JSON text."""


def cell_length(cell: str) -> int:
    """The characters a spreadsheet cell holds of the text ``cell``, as Excel counts them
    (an XML escape is the one character it stands for)."""
    return len(text_cell(cell)[0])


def shared_cell(value: Value, item: Any) -> Cell:
    """The cell of a value of :data:`SHARED_CELLS`, as a spreadsheet shows it (codes with
    their Swedish names): the one kind of cell whose length no per-value limit bounds."""
    return labelled(
        Column(value.key, value.key, Role.VALUE, value=value), to_cell(value, item, None)
    )


@functools.cache
def shared_fields() -> Mapping[type, tuple[Value, ...]]:
    """The fields of each model class whose value shares one cell (:data:`SHARED_CELLS`)."""
    found: dict[type, dict[str, Value]] = {}
    for kind in record_kinds():
        for value in kind.values:
            if value.kind in SHARED_CELLS:
                found.setdefault(value.field.owner, {})[value.field.name] = value
    return {cls: tuple(values.values()) for cls, values in found.items()}


def overlong_shared_cells(value: Value, items: Sequence[Any]) -> Iterator[tuple[int, int]]:
    """The index in ``items`` and the cell length of each item whose :func:`shared_cell`
    passes :data:`MAX_CELL_TEXT`.

    Lists are first bounded all at once: when the longest list of the longest items,
    each character escaped in JSON, each item quoted and named, still fits, no cell is
    made (validation asks this of every list of every object, so it is done in C).
    """
    if all_fit(items):
        return
    for index, item in enumerate(items):
        if not item or (isinstance(item, tuple | list) and fits(len(item), longest(item))):
            continue
        cell = shared_cell(value, item)
        length = cell_length(cell) if isinstance(cell, str) else 0
        if length > MAX_CELL_TEXT:
            yield index, length


CODES_SHEET: Final = "Kodlistor"
"""The sheet of the code lists that spreadsheets offer in drop-down lists; import skips it."""
CLOSED_PROMPT: Final = "Välj en kod ur listan; en annan kod godtas inte vid import."
"""What the drop-down of a closed code list says."""
OPEN_PROMPT: Final = "Välj en kod ur listan eller skriv en egen."
"""What the drop-down of an open code list says."""


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
