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
import json
import sqlite3
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

import attrs

from ..codelists import builtin_codelists
from ..diagnostics import Diagnostic, pointer_of
from ..errors import DocumentError
from ..io import write_atomically
from ..model import Dataset, PartialDate, Text
from ._tree import Record, ValueKind, records
from .sqlite_layout import SURROGATE, Table, ddl, quote, schema, searches, tables

__all__ = [
    "PAGE_SIZE",
    "USER_VERSION",
    "Table",
    "build",
    "ddl",
    "schema",
    "searches",
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


@attrs.frozen
class _Row:
    table: str
    values: dict[str, Any]
    pointers: dict[str, tuple[str | int, ...]]
    """Column → the JSON Pointer parts of the value it came from."""
    pointer: tuple[str | int, ...]


def _rows(record: Record) -> Iterator[_Row]:
    plan = schema().plans[record.kind]
    values: dict[str, Any] = {}
    pointers: dict[str, tuple[str | int, ...]] = {}
    kind = record.kind
    if kind.parent is not None:
        ancestors = schema().ancestor_columns(kind)
        for column, key in zip(ancestors, record.keys[:-1], strict=True):
            values[column] = key
        values["position"] = int(record.pointer[-1]) + 1
        if plan.list_name is not None:
            values["list"] = plan.list_name
    for value, column in plan.columns:
        names = [column]
        if value.kind is ValueKind.TEXT:
            names.append(f"{column}_translations")
        if value.kind is ValueKind.DATE:
            names.append(f"{column}_precision")
        for name, cell in zip(names, _cells(value.kind, value.get(record.obj)), strict=True):
            values[name] = cell
            pointers[name] = (*record.pointer, *value.path)
    yield _Row(plan.table.name, values, pointers, record.pointer)
    for link in plan.links:
        items = link.value.get(record.obj) or []
        for index, item in enumerate(items):
            row = dict(zip(link.owner_columns, record.keys, strict=True))
            row["position"] = index + 1
            row[link.column] = item.value if isinstance(item, enum.Enum) else item
            where = (*record.pointer, *link.value.path, index)
            yield _Row(link.table.name, row, {link.column: where}, where)


def _insert(connection: sqlite3.Connection, row: _Row) -> int:
    names = list(row.values)
    columns = ", ".join(map(quote, names))
    marks = ", ".join("?" for _ in names)
    # the names come from the model and are quoted; the values are bound
    sql = f"INSERT INTO {quote(row.table)} ({columns}) VALUES ({marks})"  # noqa: S608
    cursor = connection.execute(sql, [stored(row.values[n]) for n in names])
    return int(cursor.lastrowid or 0)


def build(dataset: Dataset) -> sqlite3.Connection:
    """An in-memory database holding ``dataset``; ``DocumentError`` if it cannot be sound."""
    rows = [row for record in records(dataset) for row in _rows(record)]
    problems = _link(rows)
    connection = sqlite3.connect(":memory:")
    connection.execute(f"PRAGMA page_size = {PAGE_SIZE}")
    for statement in ddl().split(";\n\n"):
        connection.execute(statement)
    connection.execute(f"PRAGMA user_version = {USER_VERSION}")
    placed: dict[tuple[str, int], _Row] = {}
    with connection:
        for row in _code_rows(rows):
            _insert(connection, row)
        for row in rows:
            try:
                rowid = _insert(connection, row)
            except sqlite3.IntegrityError as error:
                table = schema().tables[row.table]
                key = ", ".join(f"{c}={row.values.get(c)!r}" for c in table.primary_key)
                problems.append(
                    Diagnostic(
                        "sqlite.duplicate-key",
                        f"{row.table}: another row has the key {key} ({error})",
                        pointer_of(list(row.pointer)),
                    )
                )
                continue
            placed[row.table, rowid] = row
        for search in searches():
            # the name comes from the model; FTS5 takes the command through an INSERT
            rebuild = f"INSERT INTO [{search.name}]([{search.name}]) VALUES ('rebuild')"  # noqa: S608
            connection.execute(rebuild)
    problems += _dangling(connection, placed)
    if problems:
        connection.close()
        raise DocumentError(problems)
    return connection


INTEGERS: Final = range(-(2**63), 2**63)
"""What a SQLite integer holds."""


def stored(value: Any) -> Any:
    """``value`` as SQLite keeps it exactly: a whole number beyond :data:`INTEGERS` as its
    digits in a BLOB, which no column affinity converts (text would become a REAL)."""
    if isinstance(value, int) and not isinstance(value, bool) and value not in INTEGERS:
        return str(value).encode("ascii")
    return value


def _link(rows: list[_Row]) -> list[Diagnostic]:
    """Number the rows of tables keyed by ``pk``, then fill each ``<column>_pk`` from the
    natural key it stands for; a natural key naming no row is a ``sqlite.reference``."""
    numbers: dict[str, dict[tuple[Any, ...], int]] = {}
    counts: Counter[str] = Counter()
    for row in rows:
        table = schema().tables[row.table]
        if table.surrogate:
            counts[row.table] += 1
            row.values[SURROGATE] = counts[row.table]
            natural = tuple(row.values.get(c) for c in table.primary_key)
            numbers.setdefault(row.table, {}).setdefault(natural, counts[row.table])
    problems = []
    for row in rows:
        for key in schema().tables[row.table].foreign_keys:
            if not key.natural:
                continue
            natural = tuple(row.values.get(c) for c in key.natural)
            if any(v is None for v in natural):
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
                        pointer_of(list(row.pointers.get(column, row.pointer))),
                    )
                )
    return problems


def _code_rows(rows: list[_Row]) -> Iterator[_Row]:
    """The rows of the code tables: each code of its list, and any other code the data uses."""
    used: dict[str, dict[str, None]] = {}
    for row in rows:
        for key in schema().tables[row.table].foreign_keys:
            if key.table in schema().codelists and row.values.get(key.column) is not None:
                used.setdefault(key.table, {})[row.values[key.column]] = None
    for table, listed in schema().codelists.items():
        found = builtin_codelists().get(listed)
        known = found.codes if found else ()
        for code in known:
            values = {
                "code": code.code,
                "title": code.title.get("sv"),
                "title_en": code.title.get("en"),
            }
            yield _Row(table, values, {}, ())
        for other in used.get(table, {}):
            if found is None or other not in found:
                yield _Row(table, {"code": other, "title": None, "title_en": None}, {}, ())


def _dangling(
    connection: sqlite3.Connection, placed: dict[tuple[str, int], _Row]
) -> list[Diagnostic]:
    """Every reference that does not resolve, at the pointer of the referring value."""
    problems = []
    for table, rowid, parent, number in connection.execute("PRAGMA foreign_key_check").fetchall():
        listing = connection.execute(f"PRAGMA foreign_key_list({quote(table)})").fetchall()
        columns = [entry[3] for entry in listing if entry[0] == number]
        row = placed.get((table, rowid))
        if row is None:
            continue
        column = columns[-1] if columns else ""
        pointer = row.pointers.get(column, row.pointer)
        value = row.values.get(column)
        problems.append(
            Diagnostic(
                "sqlite.reference",
                f"{table}.{column} = {value!r} refers to no row of {parent}",
                pointer_of(list(pointer)),
            )
        )
    return problems


def write(dataset: Dataset, path: Path) -> list[str]:
    """Write ``dataset`` as a SQLite database at ``path``, atomically."""
    connection = build(dataset)
    try:
        (result,) = connection.execute("PRAGMA integrity_check").fetchone()
        if result != "ok":  # pragma: no cover - SQLite's own guarantee
            raise RuntimeError(f"SQLite integrity check failed: {result}")
        data = connection.serialize()
    finally:
        connection.close()
    write_atomically(path, data)
    return []
