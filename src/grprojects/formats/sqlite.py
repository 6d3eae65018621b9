"""SQLite export: a normalised database with primary keys, foreign keys and indexes.

The tables are derived from the model (``_tree``) in
:mod:`grprojects.formats.sqlite_layout`, so a new field gets its column and a new list
its table; only table names are chosen there. This module fills them. The rules:

- One table per kind of record (``organisations``, ``projects``, ``activities``,
  ``participations`` …) and one row ``dataset`` table. Target groups and
  beneficiaries share ``groups`` (column ``list`` says which), because activities
  refer to both alike.
- A record's natural key is its parent's key columns (``project``, ``activity`` …)
  and its own ``id`` (or, for a sub-goal, its ``number``); a record without an id is
  keyed by its ``position`` (1, 2, …) in its list. Every nested table has
  ``position``, so the order of the document is kept. A table whose natural key
  spans columns also has ``pk``, an ``INTEGER PRIMARY KEY``, and the natural key is
  ``UNIQUE``.
- Nested objects are flattened: ``place_name``, ``period_start``, ``amount_currency``
  (``count`` and ``amount`` keep their plain names). Multilingual text is the Swedish
  text plus ``<column>_translations``, a JSON object of the other languages. Dates
  are their ISO 8601 text plus ``<column>_precision`` (``day``, ``month``,
  ``season``, ``year``). Amounts and hours are exact decimal text in fixed-point
  notation (use ``CAST(amount AS REAL)`` to sum). Extension data is JSON text.
- Whole numbers are ``INTEGER``. Schema 1.1 keeps them below 2^53; a 1.0 document may
  hold larger ones, and one beyond SQLite's 64 bits is stored exactly as its decimal
  digits in a BLOB (``CAST(count AS TEXT)`` reads it), since an ``INTEGER`` column
  turns such text into a rounded REAL.
- Every list of ids or codes is a link table named after its owner and field:
  ``activity_languages``, ``activity_goals``, and for citations ``project_sources``,
  ``participation_sources`` …, each with ``position`` and a foreign key to both ends.
- Every reference is a foreign key of one column, as Datasette and most tools
  follow them: to a table keyed by ``id`` alone, the column itself; to a table with
  a ``pk``, a column ``<name>_pk`` beside the natural key's columns (an activity's
  ``part_of`` is scoped to its project: ``part_of_pk`` refers to ``activities(pk)``).
  Each foreign key is indexed.
- Every code refers to a table of its code list (``codes_activity_kind``) holding
  the codes with their Swedish and English names.
- Every table of records with text, personal data aside, has an FTS5 index over
  that text named ``<table>_fts`` (:func:`~grprojects.formats.sqlite_layout.searches`).

A dataset whose references do not resolve, or whose keys repeat, is refused with a
:class:`~grprojects.DocumentError` naming each offending value by JSON Pointer; the
database written always passes ``PRAGMA foreign_key_check`` and ``integrity_check``.
"""

from __future__ import annotations

import enum
import functools
import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Final

import attrs

from .. import outputs
from ..codelists import builtin_codelists
from ..diagnostics import Diagnostic, pointer_of
from ..errors import DocumentError
from ..model import Dataset, PartialDate, Text
from ..plugin_types import DatasetStream, list_of
from ._tree import Record, RecordKind, ValueKind, records, records_in
from .sqlite_layout import SURROGATE, ForeignKey, Link, Table, ddl, quote, schema, searches, tables

__all__ = [
    "PAGE_SIZE",
    "USER_VERSION",
    "Table",
    "build",
    "ddl",
    "schema",
    "searches",
    "stream",
    "tables",
    "write",
]

USER_VERSION: Final = 1
"""``PRAGMA user_version`` of the databases written: the layout's version."""
PAGE_SIZE: Final = 1024
"""Bytes per page: each of the hundred tables and indexes takes at least one page, so
small pages keep a small dataset's file small (200 KiB instead of 650 KiB empty)."""

# -- rows ----------------------------------------------------------------------


def _cells(kind: ValueKind, item: Any) -> list[Any]:
    """The column values of one plain value: text and translations, date and precision."""
    if kind is ValueKind.TEXT:
        if item is None:
            return [None, None]
        assert isinstance(item, Text)  # noqa: S101 - the model's type
        translations = dict(item.translations)
        return [item.sv, json.dumps(translations, ensure_ascii=False) if translations else None]
    if kind is ValueKind.DATE:
        if item is None:
            return [None, None]
        assert isinstance(item, PartialDate)  # noqa: S101 - the model's type
        return [str(item), item.precision.name.lower()]
    if item is None:
        return [None]
    if kind is ValueKind.JSON:
        return [json.dumps(item, ensure_ascii=False) if item else None]
    if kind is ValueKind.BOOLEAN:
        return [int(bool(item))]
    if isinstance(item, enum.Enum):
        return [item.value]
    if kind is ValueKind.DECIMAL:
        return [format(item, "f")]  # fixed-point: 0.0000001, never 1E-7
    return [item]


class _Row:
    """One row to insert: its table, its values by column, and where they came from."""

    __slots__ = ("paths", "pointer", "table", "values")

    def __init__(
        self,
        table: str,
        values: dict[str, Any],
        paths: Mapping[str, tuple[str, ...]],
        pointer: tuple[str | int, ...],
    ) -> None:
        self.table = table
        self.values = values
        self.paths = paths
        """Column → the path of its value below :attr:`pointer` (shared by a kind's rows)."""
        self.pointer = pointer
        """The JSON Pointer parts of the record (or the link's item)."""

    def pointer_of(self, column: str) -> str:
        """The JSON Pointer of the value in ``column`` (the row's own where it has none)."""
        return pointer_of([*self.pointer, *self.paths.get(column, ())])


@attrs.frozen
class _Recipe:
    """How a record of one kind becomes rows, worked out once a kind."""

    table: str
    ancestors: tuple[str, ...]
    list_name: str | None
    columns: tuple[tuple[tuple[str, ...], ValueKind, tuple[str, ...]], ...]
    """Each value's path, kind and the columns it fills."""
    paths: Mapping[str, tuple[str, ...]]
    links: tuple[tuple[Link, Mapping[str, tuple[str, ...]]], ...]


@functools.cache
def _recipe(kind: RecordKind) -> _Recipe:
    plan = schema().plans[kind]
    columns = []
    paths: dict[str, tuple[str, ...]] = {}
    for value, column in plan.columns:
        names = [column]
        if value.kind is ValueKind.TEXT:
            names.append(f"{column}_translations")
        if value.kind is ValueKind.DATE:
            names.append(f"{column}_precision")
        columns.append((value.path, value.kind, tuple(names)))
        paths.update((name, value.path) for name in names)
    ancestors = tuple(schema().ancestor_columns(kind)) if kind.parent is not None else ()
    links = tuple((link, {link.column: ()}) for link in plan.links)
    return _Recipe(plan.table.name, ancestors, plan.list_name, tuple(columns), paths, links)


def _rows(record: Record) -> Iterator[_Row]:
    recipe = _recipe(record.kind)
    values: dict[str, Any] = {}
    obj = record.obj
    if record.kind.parent is not None:
        values.update(zip(recipe.ancestors, record.keys[:-1], strict=True))
        values["position"] = int(record.pointer[-1]) + 1
        if recipe.list_name is not None:
            values["list"] = recipe.list_name
    for path, kind, names in recipe.columns:
        item = obj
        for name in path:
            if item is None:
                break
            item = getattr(item, name)
        if len(names) == 1:
            values[names[0]] = _cells(kind, item)[0]
        else:
            values.update(zip(names, _cells(kind, item), strict=True))
    yield _Row(recipe.table, values, recipe.paths, record.pointer)
    for link, paths in recipe.links:
        items = link.value.get(obj) or ()
        for index, item in enumerate(items):
            row = dict(zip(link.owner_columns, record.keys, strict=True))
            row["position"] = index + 1
            row[link.column] = item.value if isinstance(item, enum.Enum) else item
            yield _Row(link.table.name, row, paths, (*record.pointer, *link.value.path, index))


BATCH: Final = 2_000
"""Rows gathered before they are inserted together (``executemany``): few enough to
keep memory small, enough that SQLite's per-statement cost is spread."""


class _Builder:
    """Fills a database a unit at a time (the dataset's own row, then each organisation,
    source and project with everything below it), so memory holds one unit's rows, a
    batch waiting to be inserted and the ids other records may cite, never the whole.

    Rows are numbered and linked (:func:`_link`) within their unit: every reference
    through a ``pk`` stays inside one project. References to records keyed by their id
    alone (an organisation, a source, another project) are looked up in an index of the
    ids written; those not written yet are kept and looked up at the end.
    """

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection
        self.problems: list[Diagnostic] = []
        self.counts: Counter[str] = Counter()
        self.batch: dict[tuple[str, tuple[str, ...]], list[_Row]] = {}
        self.waiting = 0
        self.codes: dict[str, set[Any]] = {table: set() for table in schema().codelists}
        targets = {
            key.table
            for table in schema().tables.values()
            for key in table.foreign_keys
            if not key.natural and key.table not in schema().codelists
        }
        self.ids: dict[str, set[Any]] = {table: set() for table in targets}
        self.ahead: list[tuple[str, Any, _Row, str]] = []
        """References to ids not written yet: target table, value, row, column."""
        for row in _code_rows():
            self.codes[row.table].add(row.values["code"])
            self.add(row)

    def unit(self, found: Iterable[Record]) -> None:
        """Write the rows of the records of one unit."""
        rows = [row for record in found for row in _rows(record)]
        self.problems += _link(rows, self.counts)
        for row in rows:
            table = schema().tables[row.table]
            if row.table in self.ids and len(table.primary_key) == 1:
                self.ids[row.table].add(row.values.get(table.primary_key[0]))
            for key in table.foreign_keys:
                value = row.values.get(key.column)
                if value is None or key.natural:
                    continue
                if key.table in self.codes:
                    if value not in self.codes[key.table]:  # a code of no shipped list
                        self.codes[key.table].add(value)
                        self.add(_Row(key.table, _unlisted(value), {}, ()))
                elif key.column in row.paths and value not in self.ids[key.table]:
                    self.ahead.append((key.table, value, row, key.column))
        for row in rows:
            self.add(row)

    def add(self, row: _Row) -> None:
        self.batch.setdefault((row.table, tuple(row.values)), []).append(row)
        self.waiting += 1
        if self.waiting >= BATCH:
            self.flush()

    def flush(self) -> None:
        """Insert the rows waiting, a statement per table; one by one where a key repeats."""
        for (table, names), rows in self.batch.items():
            columns = ", ".join(map(quote, names))
            marks = ", ".join("?" for _ in names)
            # the names come from the model and are quoted; the values are bound
            sql = f"INSERT INTO {quote(table)} ({columns}) VALUES ({marks})"  # noqa: S608
            self.connection.execute("SAVEPOINT batch")
            cursor = self.connection.cursor()
            try:
                cursor.executemany(sql, [tuple(map(stored, r.values.values())) for r in rows])
            except sqlite3.IntegrityError:
                cursor.close()  # its statement reset before the rows before it are undone
                self.connection.execute("ROLLBACK TO batch")
                for row in rows:
                    try:
                        self.connection.execute(sql, tuple(map(stored, row.values.values())))
                    except sqlite3.IntegrityError as error:
                        self.problems.append(_duplicate(row, error))
            self.connection.execute("RELEASE batch")
        self.batch.clear()
        self.waiting = 0

    def finish(self) -> None:
        """Insert what waits, report the references to ids never written, index the text."""
        self.flush()
        for table, value, row, column in self.ahead:
            if value not in self.ids[table]:
                self.problems.append(
                    Diagnostic(
                        "sqlite.reference",
                        f"{row.table}.{column} = {value!r} refers to no row of {table}",
                        row.pointer_of(column),
                    )
                )
        self.ahead.clear()


def _duplicate(row: _Row, error: sqlite3.IntegrityError) -> Diagnostic:
    table = schema().tables[row.table]
    key = ", ".join(f"{c}={row.values.get(c)!r}" for c in table.primary_key)
    return Diagnostic(
        "sqlite.duplicate-key",
        f"{row.table}: another row has the key {key} ({error})",
        pointer_of(list(row.pointer)),
    )


def _fill(connection: sqlite3.Connection, source: DatasetStream) -> None:
    """Write ``source`` into the empty ``connection``: tables, rows, then indexes and
    full-text indexes (built once over all rows, faster than kept up row by row).
    ``DocumentError`` if the database cannot be sound."""
    connection.isolation_level = None  # transactions are begun and ended here
    connection.execute(f"PRAGMA page_size = {PAGE_SIZE}")
    connection.execute("PRAGMA journal_mode = MEMORY")  # a new file, put in place when whole
    connection.execute("PRAGMA synchronous = OFF")
    connection.execute(f"PRAGMA user_version = {USER_VERSION}")
    connection.execute("BEGIN")
    for table in tables():
        connection.execute(table.ddl())
    builder = _Builder(connection)
    builder.unit(records(source.header))
    counts: Counter[str] = Counter()
    for item in source.records():
        name = list_of(item)
        builder.unit(records_in(item, name, counts[name]))
        counts[name] += 1
    builder.finish()
    for statement in [i for t in tables() for i in t.indexes()]:
        connection.execute(statement)
    for search in searches():
        connection.execute(search.ddl())
        # the name comes from the model; FTS5 takes the command through an INSERT
        rebuild = f"INSERT INTO [{search.name}]([{search.name}]) VALUES ('rebuild')"  # noqa: S608
        connection.execute(rebuild)
    connection.execute("COMMIT")
    problems = builder.problems or _dangling(connection)
    if problems:
        raise DocumentError(problems)


def build(dataset: Dataset) -> sqlite3.Connection:
    """An in-memory database holding ``dataset``; ``DocumentError`` if it cannot be sound."""
    connection = sqlite3.connect(":memory:")
    try:
        _fill(connection, DatasetStream.of(dataset))
    except BaseException:
        connection.close()
        raise
    return connection


INTEGERS: Final = range(-(2**63), 2**63)
"""What a SQLite integer holds."""


def stored(value: Any) -> Any:
    """``value`` as SQLite keeps it exactly: a whole number beyond :data:`INTEGERS` as its
    digits in a BLOB, which no column affinity converts (text would become a REAL)."""
    if isinstance(value, int) and not isinstance(value, bool) and value not in INTEGERS:
        return str(value).encode("ascii")
    return value


@functools.cache
def _natural_keys(table: str) -> tuple[ForeignKey, ...]:
    """The foreign keys of ``table`` that refer through a natural key (to a ``pk``)."""
    return tuple(key for key in schema().tables[table].foreign_keys if key.natural)


def _link(rows: list[_Row], counts: Counter[str]) -> list[Diagnostic]:
    """Number the rows of tables keyed by ``pk`` on from ``counts``, then fill each
    ``<column>_pk`` from the natural key it stands for, among ``rows``; a natural key
    naming no row is a ``sqlite.reference``."""
    numbers: dict[str, dict[tuple[Any, ...], int]] = {}
    tables = schema().tables
    for row in rows:
        table = tables[row.table]
        if table.surrogate:
            counts[row.table] += 1
            row.values[SURROGATE] = counts[row.table]
            natural = tuple(map(row.values.get, table.primary_key))
            numbers.setdefault(row.table, {}).setdefault(natural, counts[row.table])
    problems = []
    for row in rows:
        for key in _natural_keys(row.table):
            natural = tuple(map(row.values.get, key.natural))
            if None in natural:
                row.values[key.column] = None
                continue
            number = numbers.get(key.table, {}).get(natural)
            row.values[key.column] = number
            if number is None:
                column = key.natural[-1]
                problems.append(
                    Diagnostic(
                        "sqlite.reference",
                        f"{row.table}.{column} = {natural[-1]!r} refers to no row of {key.table}",
                        row.pointer_of(column),
                    )
                )
    return problems


def _code_rows() -> Iterator[_Row]:
    """The rows of the code tables: each code of its list."""
    for table, listed in schema().codelists.items():
        found = builtin_codelists().get(listed)
        for code in found.codes if found else ():
            values = {
                "code": code.code,
                "title": code.title.get("sv"),
                "title_en": code.title.get("en"),
            }
            yield _Row(table, values, {}, ())


def _unlisted(code: Any) -> dict[str, Any]:
    """The row of a code the data uses that its list lacks (an open list's own code)."""
    return {"code": code, "title": None, "title_en": None}


def _dangling(connection: sqlite3.Connection) -> list[Diagnostic]:
    """Every reference that does not resolve and was not reported as it was written
    (none should be: the rows are checked as they go)."""
    problems = []
    for table, rowid, parent, number in connection.execute("PRAGMA foreign_key_check").fetchall():
        listing = connection.execute(f"PRAGMA foreign_key_list({quote(table)})").fetchall()
        columns = [entry[3] for entry in listing if entry[0] == number]
        column = columns[-1] if columns else ""
        problems.append(
            Diagnostic(
                "sqlite.reference",
                f"{table}.{column} of row {rowid} refers to no row of {parent}",
                "",
            )
        )
    return problems


def write(dataset: Dataset, path: Path) -> list[str]:
    """Write ``dataset`` as a SQLite database at ``path``, atomically."""
    return stream(DatasetStream.of(dataset), path)


def stream(source: DatasetStream, path: Path) -> list[str]:
    """Write the dataset ``source`` gives a record at a time as a SQLite database at
    ``path``, atomically; the memory it takes does not grow with the number of records."""

    def produce(staged: Path) -> None:
        connection = sqlite3.connect(staged)
        try:
            _fill(connection, source)
            (result,) = connection.execute("PRAGMA integrity_check").fetchone()
            if result != "ok":  # pragma: no cover - SQLite's own guarantee
                raise RuntimeError(f"SQLite integrity check failed: {result}")
        finally:
            connection.close()

    outputs.write_with(path, produce, replace=True)
    return []
