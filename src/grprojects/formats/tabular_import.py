"""Reading tables back into a dataset, every problem named by its cell and pointer.

A reader (XLSX, CSV) hands over its sheets as rows of raw cells. Each row becomes the
JSON value of one record, put in its place under the record its key columns name;
the assembled document is then checked against the schema and structured, exactly
as a JSON document is. Every problem is gathered, its message starting with the
cell (``Aktiviteter!D12``) and its pointer the JSON Pointer that cell maps to.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

import attrs

from ..diagnostics import Diagnostic, pointer_of
from ..errors import DocumentError
from ..io import to_model
from ..model import Dataset
from ..model.fields import field_of
from ..model.values import LANGUAGE_TAG_PATTERN
from ..schema import document_version, fields_in
from ..schema_check import schema_diagnostics
from ._cells import ErrorValue, Formula, RawCell, column_letter, described, from_cell
from ._presentation import CODES_SHEET, unlabelled
from ._tree import RecordKind, ValueKind, children_of, record_kinds
from .tabular import Column, Role, join_columns, sheet_name, sheet_names, value_columns

_KEY_IN_HEADING: Final = re.compile(r"\(([^()]*)\)\s*$")
_LANGUAGE: Final = re.compile(LANGUAGE_TAG_PATTERN)
_REQUIRED = re.compile(r"^'(.+)' is a required property$")


@attrs.frozen
class _Row:
    """A data row read from a table, before it is put in its place in the document."""

    number: int
    keys: dict[str, str | int]
    """The keys of the records it belongs to, by key column, outermost first."""
    value: Any
    cells: tuple[tuple[tuple[str, ...], str], ...]
    """(parts within the record, cell name) of each column."""
    pending: tuple[tuple[tuple[str, ...], str, str, str], ...] = ()
    """(parts, code, cell name, message) of problems whose pointer is known once placed."""
    unread_keys: frozenset[str] = frozenset()
    """Key columns whose cells were reported (a formula, an error value)."""


def _put(target: dict[str, Any], parts: Sequence[str], value: Any) -> None:
    for part in parts[:-1]:
        target = target.setdefault(part, {})
    target[parts[-1]] = value


def _kind_of(column: Column) -> ValueKind:
    if column.role is Role.PRESENT:
        return ValueKind.BOOLEAN
    if column.role is Role.JOIN:
        key = column.ancestor.key_value if column.ancestor else None
        return key.kind if key else ValueKind.INTEGER
    assert column.value is not None  # noqa: S101 - value and text columns name their value
    return column.value.kind


def _spelt(column: Column) -> bool:
    """Whether the column holds text spelt character by character: codes, ids, phones.

    A number cell there is refused: the spreadsheet has already dropped leading zeros.
    """
    kind = _kind_of(column)
    if kind not in {ValueKind.STRING, ValueKind.STRINGS, ValueKind.TEXT}:
        return False
    if column.role is Role.JOIN:
        return True
    field = column.value.field if column.value else None
    return field is not None and (
        field.pattern is not None or field.codelist is not None or field.reference is not None
    )


_REFUSED: Final = Column("", "", Role.VALUE)
"""Stands for a column whose heading was reported: its cells are not reported again."""


class _Reader:
    """Reads tables back into a dataset, gathering every problem with its cell."""

    def __init__(self, file: str | None) -> None:
        self.file = file
        self.problems: list[Diagnostic] = []
        self.places: dict[str, str] = {}
        """JSON Pointer → cell name (``Projekt!C3``) or row (``Projekt!3:3``)."""
        self.flagged: set[str] = set()
        self.absent: list[tuple[str, RecordKind, Column | None]] = []
        """Sheets (column ``None``) and columns not found: deleted, or newer than the file."""

    def problem(self, code: str, place: str, message: str, pointer: str = "") -> None:
        self.flagged.add(place)
        self.problems.append(Diagnostic(code, f"{place}: {message}", pointer, file=self.file))

    def columns(
        self, sheet: str, kind: RecordKind, header: Sequence[RawCell]
    ) -> list[Column | None]:
        known = {c.key: c for c in join_columns(kind)}
        known.update({c.key: c for c in value_columns(kind, {}, set()) if c.role is Role.VALUE})
        for nested in kind.objects:
            if nested.optional:
                known[nested.key] = Column(nested.key, "", Role.PRESENT, nested=nested)
        texts = {v.key: v for v in kind.values if v.kind is ValueKind.TEXT}
        found: list[Column | None] = []
        seen: set[str] = set()
        for index, heading in enumerate(header):
            if heading is None or heading == "":
                found.append(None)
                continue
            place = f"{sheet}!{column_letter(index)}1"
            match = _KEY_IN_HEADING.search(str(heading))
            key = (match.group(1) if match else str(heading)).strip()
            column = known.get(key)
            head, _, language = key.rpartition(".")
            if column is None and head in texts and _LANGUAGE.match(language):
                column = Column(key, "", Role.TEXT, value=texts[head], language=language)
            if column is None:
                self.problem("table.unknown-column", place, f"no field has the key {key!r}")
                column = _REFUSED
            elif key in seen:
                self.problem("table.duplicate-column", place, f"the key {key!r} has two columns")
                column = _REFUSED
            else:
                seen.add(key)
            found.append(column)
        return found

    def row(
        self, sheet: str, number: int, columns: Sequence[Column | None], cells: Sequence[RawCell]
    ) -> _Row:
        holder: dict[str, Any] = {}
        keys: dict[str, str | int] = {}
        pending: list[tuple[tuple[str, ...], str, str, str]] = []
        unread: set[str] = set()
        places = tuple(
            (c.parts, f"{sheet}!{column_letter(i)}{number}")
            for i, c in enumerate(columns)
            if c is not None and c is not _REFUSED and c.role is not Role.JOIN
        )
        for index, raw in enumerate(cells):
            if raw is None or raw == "":
                continue
            place = f"{sheet}!{column_letter(index)}{number}"
            column = columns[index] if index < len(columns) else None
            if column is _REFUSED:
                continue
            if column is None:
                self.problem("table.no-heading", place, "a value in a column without a key heading")
                continue
            if column.role is Role.JOIN:
                unread.add(column.key)  # discarded again once the key is read
            if isinstance(raw, Formula):
                message = f"a formula ({raw.text}); enter its value"
                pending.append((column.parts, "table.formula", place, message))
                continue
            if isinstance(raw, ErrorValue):
                message = f"an error value ({raw.text}); enter the value"
                pending.append((column.parts, "table.error-value", place, message))
                continue
            if _spelt(column) and isinstance(raw, int | float) and not isinstance(raw, bool):
                message = (
                    f"expected text, found {described(raw)}; a code, id or phone number "
                    "typed as a number loses its leading zeros (031… becomes 31…): "
                    "format the column as text and type it again"
                )
                pending.append((column.parts, "table.value", place, message))
                continue
            try:
                value = unlabelled(column, from_cell(_kind_of(column), raw))
            except ValueError as error:
                pending.append((column.parts, "table.value", place, str(error)))
                continue
            if column.role is Role.JOIN:
                keys[column.key] = value
                unread.discard(column.key)
            elif column.role is Role.PRESENT:
                if value:
                    target = holder.setdefault("record", {})
                    for part in column.parts:
                        target = target.setdefault(part, {})
            else:
                _put(holder, ("record", *column.parts), value)
        record = holder.get("record", {})
        return _Row(number, keys, record, places, tuple(pending), frozenset(unread))

    def table(self, sheet: str, kind: RecordKind, rows: Sequence[Sequence[RawCell]]) -> list[_Row]:
        """The filled data rows of one table, each with its keys in layout order."""
        if not rows:
            self.problem("table.missing-column", f"{sheet}!1:1", "no heading row")
            return []
        columns = self.columns(sheet, kind, rows[0])
        wanted = [c.key for c in join_columns(kind)]
        keys = {c.key for c in columns if c is not None}
        absent = [k for k in wanted if k not in keys]
        if absent:
            self.problem("table.missing-column", f"{sheet}!1:1", f"no key column {absent[0]!r}")
            return []
        self.absent += [
            (sheet, kind, column)
            for column in value_columns(kind, {}, set())
            if column.key not in keys
        ]
        found = []
        for number, cells in enumerate(rows[1:], start=2):
            if all(c is None or c == "" for c in cells):
                continue
            row = self.row(sheet, number, columns, cells)
            lacking = [k for k in wanted if k not in row.keys]
            if lacking and row.unread_keys:
                self.settle(sheet, row, None)  # the key cell's own problem says why
                continue
            if lacking:
                self.problem(
                    "table.orphan",
                    f"{sheet}!{number}:{number}",
                    f"the row lacks the key {lacking[0]!r} of the record it belongs to",
                )
                continue
            found.append(attrs.evolve(row, keys={k: row.keys[k] for k in wanted}))
        return found

    def read(self, tables: Mapping[str, Sequence[Sequence[RawCell]]]) -> Dataset:
        """The dataset the tables hold; every problem raised at once."""
        sheets = sheet_names()
        self.problems += unknown_sheets(tables, self.file)
        document: dict[str, Any] | None = None
        registry: dict[RecordKind, dict[tuple[Any, ...], tuple[Any, tuple[Any, ...]]]] = {}
        for name, kind in sheets.items():
            if name not in tables:
                self.absent.append((name, kind, None))
                if kind.parent is None:
                    break
                continue
            rows = self.table(name, kind, tables[name])
            if kind.parent is None:
                if len(rows) != 1:
                    self.problem("table.rows", name, f"needs exactly one row, found {len(rows)}")
                    break
                document = rows[0].value
                self.settle(name, rows[0], ())
                registry[kind] = {(): (document, ())}
                continue
            parents = registry.get(kind.parent, {})
            mine = registry.setdefault(kind, {})
            for row in rows:
                keys = tuple(row.keys.values())
                entry = parents.get(keys)
                if entry is None:
                    self.orphan(name, kind, row, registry)
                    self.settle(name, row, None)
                    continue
                holder, parent_pointer = entry
                for part in kind.within[:-1]:
                    holder = holder.setdefault(part, {})
                items = holder.setdefault(kind.within[-1], [])
                pointer = (*parent_pointer, *kind.within, len(items))
                items.append(row.value)
                self.settle(name, row, pointer)
                own = row.value.get(kind.key) if kind.key and isinstance(row.value, dict) else None
                key: tuple[Any, ...] = (*keys, len(items) if kind.key is None else own)
                if key in mine and children_of(kind):
                    self.problem(
                        "table.duplicate-key",
                        f"{name}!{row.number}:{row.number}",
                        f"{_named(kind.key, own)} appears twice; the rows of "
                        f"{children_of_names(kind)} "
                        "join on it, so it must be unique",
                        pointer_of(list(pointer)),
                    )
                mine.setdefault(key, (row.value, pointer))
        self.deleted(document_version(document))
        if document is None:
            if not self.problems:
                self.problem("table.missing-sheet", sheet_name(record_kinds()[0]), "no such sheet")
            raise DocumentError(self.problems)
        self.check(document)
        try:
            dataset: Dataset = to_model(document, Dataset)
        except DocumentError as error:
            self.problems += [self.located(d) for d in error.diagnostics]
            raise DocumentError(self.problems) from None
        return dataset

    def deleted(self, version: str) -> None:
        """Report the sheets and columns not found that a file of ``version`` has.

        Those of fields added in a later schema version are absent, not deleted: a
        workbook exported before they existed reads back, its version named.
        """
        for sheet, kind, column in self.absent:
            if column is None:
                if not _newer(version, kind.path):
                    self.problem(
                        "table.missing-sheet",
                        sheet,
                        "no such sheet; export writes every sheet, and the rows of a deleted "
                        "one would be lost (put it back with its heading row)",
                    )
            elif not _newer(version, (*kind.path, *column.parts)):
                self.problem(
                    "table.missing-column",
                    f"{sheet}!1:1",
                    f"no column {column.key!r}; export writes every column, and the values "
                    "of a deleted one would be lost (put it back, empty if need be)",
                )

    def settle(self, sheet: str, row: _Row, pointer: tuple[Any, ...] | None) -> None:
        """Remember which cells the values of a row, now in place, came from.

        The row's cell problems are reported here, with the pointers of their cells;
        a row that found no place (``pointer`` ``None``) reports them without.
        """
        for parts, code, place, message in row.pending:
            where = "" if pointer is None else pointer_of([*pointer, *parts])
            self.problem(code, place, message, where)
        if pointer is None:
            return
        self.places[pointer_of(list(pointer))] = f"{sheet}!{row.number}:{row.number}"
        for parts, place in row.cells:
            for end in range(len(parts), 0, -1):
                self.places.setdefault(pointer_of([*pointer, *parts[:end]]), place)

    def orphan(
        self,
        sheet: str,
        kind: RecordKind,
        row: _Row,
        registry: Mapping[RecordKind, Mapping[Any, Any]],
    ) -> None:
        keys = tuple(row.keys.values())
        pointer = ""
        for depth in range(len(keys) - 1, 0, -1):
            entry = registry.get(kind.ancestors[depth - 1], {}).get(keys[:depth])
            if entry is not None:
                pointer = pointer_of(list(entry[1]))
                break
        parent = kind.ancestors[-1]
        self.problem(
            "table.orphan",
            f"{sheet}!{row.number}:{row.number}",
            f"no row on sheet {sheet_name(parent)} has the key {keys[-1]!r}",
            pointer,
        )

    def place_of(self, pointer: str) -> str:
        """The cell or row a pointer maps to, or the nearest one above it."""
        while pointer not in self.places and pointer:
            pointer = pointer.rpartition("/")[0]
        return self.places.get(pointer, sheet_name(record_kinds()[0]))

    def located(self, diagnostic: Diagnostic) -> Diagnostic:
        pointer = diagnostic.pointer
        match = _REQUIRED.match(diagnostic.message)
        if diagnostic.code == "schema.required" and match:
            pointer = pointer + pointer_of([match.group(1)])
        place = self.place_of(pointer)
        return attrs.evolve(
            diagnostic, message=f"{place}: {diagnostic.message}", pointer=pointer, file=self.file
        )

    def check(self, document: Any) -> None:
        """Check the assembled document against the schema; raise with every problem."""
        for diagnostic in schema_diagnostics(document):
            located = self.located(diagnostic)
            if located.message.partition(": ")[0] not in self.flagged:
                self.problems.append(located)
        if self.problems:
            raise DocumentError(self.problems)


def _newer(version: str, path: Sequence[str]) -> bool:
    """Whether a field on ``path`` (field names from the dataset down) is newer than
    schema ``version``."""
    known = fields_in(version)
    cls: type = Dataset
    for name in path:
        if (cls.__name__, name) not in known:
            return True
        cls = field_of(cls, name).item
    return False


def _named(key: str | None, value: Any) -> str:
    """``id 'a'``, or ``an empty id`` for a record without one, for messages."""
    return f"an empty {key}" if value is None or value == "" else f"{key} {value!r}"


def children_of_names(kind: RecordKind) -> str:
    """The sheets whose rows join on ``kind``'s key, for messages."""
    return ", ".join(sheet_name(k) for k in children_of(kind))


def unknown_sheets(names: Iterable[str], file: str | None = None) -> list[Diagnostic]:
    """A ``table.unknown-sheet`` problem for each of ``names`` that is no sheet of the layout.

    Readers of archives ask before parsing a sheet, so that no work is spent on one.
    """
    sheets = sheet_names()
    return [
        Diagnostic(
            "table.unknown-sheet", f"{name}: no kind of record has this sheet name", file=file
        )
        for name in names
        if name not in sheets and name != CODES_SHEET
    ]


def read_tables(
    tables: Mapping[str, Sequence[Sequence[RawCell]]], *, file: str | None = None
) -> Dataset:
    """The dataset held by ``tables`` (sheet name → rows, heading row first).

    Raises :class:`~grprojects.DocumentError` listing every problem, each naming
    its cell (``Aktiviteter!D12``) and the JSON Pointer the cell maps to.
    """
    return _Reader(file).read(tables)
