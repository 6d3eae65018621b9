"""SQLite export: a normalised database with primary keys, foreign keys and indexes.

The tables are derived from the model (``_tree``), so a new field gets its column
and a new list its table; only table names are chosen here. The rules:

- One table per kind of record (``organisations``, ``projects``, ``activities``,
  ``participations`` …) and one row ``dataset`` table. Target groups and
  beneficiaries share ``groups`` (column ``list`` says which), because activities
  refer to both alike.
- A record's primary key is its parent's key columns (``project``, ``activity`` …)
  and its own ``id`` (or, for a sub-goal, its ``number``); a record without an id is
  keyed by its ``position`` (1, 2, …) in its list. Every nested table has
  ``position``, so the order of the document is kept.
- Nested objects are flattened: ``place_name``, ``period_start``, ``amount_currency``
  (``count`` and ``amount`` keep their plain names). Multilingual text is the Swedish
  text plus ``<column>_translations``, a JSON object of the other languages. Dates
  are their ISO 8601 text plus ``<column>_precision`` (``day``, ``month``,
  ``season``, ``year``). Amounts and hours are exact decimal text (use
  ``CAST(amount AS REAL)`` to sum). Extension data is JSON text.
- Every list of ids or codes is a link table named after its owner and field:
  ``activity_languages``, ``activity_goals``, and for citations ``project_sources``,
  ``participation_sources`` …, each with ``position`` and a foreign key to both ends.
- Every reference is a foreign key, scoped as the model scopes it: an activity's
  ``part_of`` refers to ``activities(project, id)``. Each foreign key is indexed.

A dataset whose references do not resolve, or whose keys repeat, is refused with a
:class:`~grprojects.DocumentError` naming each offending value by JSON Pointer; the
database written always passes ``PRAGMA foreign_key_check`` and ``integrity_check``.
"""

from __future__ import annotations

import enum
import functools
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

import attrs

from ..diagnostics import Diagnostic, pointer_of
from ..errors import DocumentError
from ..io import write_atomically
from ..model import Dataset, PartialDate, Text
from ..public import is_personal
from ._tree import (
    Record,
    RecordKind,
    Value,
    ValueKind,
    record_kinds,
    records,
    reference_name,
)

USER_VERSION: Final = 1
"""``PRAGMA user_version`` of the databases written: the layout's version."""
PAGE_SIZE: Final = 1024
"""Bytes per page: each of the hundred tables and indexes takes at least one page, so
small pages keep a small dataset's file small (200 KiB instead of 650 KiB empty)."""

TABLES: Final = {
    "": "dataset",
    "organisations.alternative_names": "organisation_names",
    "organisations.descriptions": "organisation_descriptions",
    "organisations.figures": "organisation_figures",
    "organisations.identifiers": "identifiers",
    "organisations.memberships": "memberships",
    "projects.purposes": "purposes",
    "projects.periods": "project_periods",
    "projects.participations": "participations",
    "projects.funding": "funding",
    "projects.goals": "goals",
    "projects.target_groups": "groups",
    "projects.beneficiaries": "groups",
    "projects.activities": "activities",
    "projects.activities.figures": "activity_figures",
    "projects.activities.quotes": "quotes",
    "projects.indicators": "indicators",
    "projects.indicators.figures": "indicator_figures",
    "projects.results": "results",
    "projects.documents": "documents",
    "projects.people": "people",
    "projects.contacts": "contacts",
    "projects.links": "project_links",
    "organisations.other_names": "organisation_cited_names",
    "projects.funding.equivalents": "funding_equivalents",
    "projects.goals.participations": "goal_participations",
    "projects.people.phones": "person_phones",
    "projects.contacts.phones": "contact_phones",
    "projects.links.other_names": "project_link_names",
    "projects.links.identifiers": "project_link_identifiers",
    "projects.identifiers": "project_identifiers",
    "projects.other_names": "project_names",
    "projects.descriptions": "project_descriptions",
    "projects.overall_goals": "overall_goals",
    "projects.statuses": "statuses",
    "projects.areas": "areas",
}
"""Table names by record kind; a kind not listed is named after its path."""

SINGULAR: Final = {
    "activities": "activity",
    "people": "person",
    "funding": "funding",
    "audience": "audience",
    "uses_extensions": "extension",
    "statuses": "status",
}
"""Singular words for key and link columns; others lose their final ``s``."""

COLUMNS: Final = {
    ("organisations.memberships", "organisation"): "member_of",
    ("projects.links", "project"): "other_project",
    ("projects.periods", "start"): "start_date",
    ("projects.periods", "end"): "end_date",
    ("organisations.alternative_names", ""): "name",
}
"""Column names chosen where the plain one would clash or need quoting in SQL."""

_RESERVED: Final = frozenset({"group", "order", "end", "index", "key", "references", "default"})
_TYPES: Final = {
    ValueKind.TEXT: "TEXT",
    ValueKind.STRING: "TEXT",
    ValueKind.INTEGER: "INTEGER",
    ValueKind.BOOLEAN: "INTEGER",
    ValueKind.DECIMAL: "TEXT",
    ValueKind.DATE: "TEXT",
    ValueKind.JSON: "TEXT",
}


def quote(name: str) -> str:
    """An SQL identifier, quoted."""
    return '"' + name.replace('"', '""') + '"'


def singular(word: str) -> str:
    """The singular of a table or field name: ``activities`` → ``activity``."""
    head, _, last = word.rpartition("_")
    if word not in SINGULAR and head and last in SINGULAR:
        return f"{head}_{SINGULAR[last]}"
    return SINGULAR.get(word) or word.removesuffix("s")


def key_column(table: str) -> str:
    """The column other tables use for a row of ``table``: ``project``, ``group_id``."""
    name = singular(table)
    return f"{name}_id" if name in _RESERVED else name


def table_name(kind: RecordKind) -> str:
    """The table of a record kind."""
    return TABLES.get(kind.name) or kind.name.replace(".", "_")


@attrs.frozen
class Column:
    """A column: name, SQL type, whether it must be filled, and what it holds."""

    name: str
    type: str
    not_null: bool = False
    doc: str = ""


@attrs.frozen
class ForeignKey:
    """Columns of a table that refer to the key of another."""

    columns: tuple[str, ...]
    table: str
    target: tuple[str, ...]


@attrs.frozen
class Table:
    """One table of the database."""

    name: str
    doc: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...]

    def ddl(self) -> str:
        """``CREATE TABLE`` with one comment per column (SQLite keeps them in its schema)."""
        lines = [
            f"{quote(c.name)} {c.type}{' NOT NULL' if c.not_null else ''}," for c in self.columns
        ]
        notes = [c.doc for c in self.columns]
        if self.primary_key:
            lines.append(f"PRIMARY KEY ({', '.join(map(quote, self.primary_key))}),")
            notes.append("")
        for key in self.foreign_keys:
            lines.append(
                f"FOREIGN KEY ({', '.join(map(quote, key.columns))}) REFERENCES "
                f"{quote(key.table)} ({', '.join(map(quote, key.target))}),"
            )
            notes.append("")
        lines[-1] = lines[-1].rstrip(",")
        body = "\n".join(
            f"  {line}" + (f" -- {note}" if note else "")
            for line, note in zip(lines, notes, strict=True)
        )
        return f"-- {self.doc}\nCREATE TABLE {quote(self.name)} (\n{body}\n)"

    def indexes(self) -> list[str]:
        """An index for each foreign key the primary key does not already start with."""
        statements = []
        for key in self.foreign_keys:
            if self.primary_key[: len(key.columns)] == key.columns:
                continue
            name = f"{self.name}_{'_'.join(key.columns)}"
            statements.append(
                f"CREATE INDEX {quote(name)} ON {quote(self.name)} "
                f"({', '.join(map(quote, key.columns))})"
            )
        return statements


@attrs.frozen
class _Link:
    """The link table of one list of ids or codes."""

    table: Table
    value: Value
    owner_columns: tuple[str, ...]
    column: str


@attrs.frozen
class _Plan:
    """How records of one kind become rows."""

    table: Table
    kind: RecordKind
    list_name: str | None
    columns: tuple[tuple[Value, str], ...]
    """Each plain value with the (first) column it fills."""
    links: tuple[_Link, ...]


def _documentation(kind: RecordKind) -> str:
    return " ".join((kind.cls.__doc__ or "").strip().split("\n\n")[0].split())


def _column_documentation(kind: RecordKind, value: Value) -> str:
    """The field's documentation, kept in the schema as a comment.

    Personal fields are documented with examples of personal data, which a public
    database must not carry even in its schema; their columns just say what they are.
    """
    if is_personal([*kind.path, *value.path]) or value.field.personal:
        return "personal data"
    return value.field.doc


def _value_name(kind: RecordKind, value: Value) -> str:
    override = COLUMNS.get((kind.name, ".".join(value.path)))
    if override:
        return override
    if not value.path:
        return "value"
    parts = list(value.path)
    if len(parts) > 1 and parts[-1] in {"value", parts[-2]}:
        parts.pop()
    return "_".join(parts)


class _Schema:
    """The tables derived from the model, and how records fill them."""

    def __init__(self) -> None:
        self.kinds = record_kinds()
        self.plans: dict[RecordKind, _Plan] = {}
        self.tables: dict[str, Table] = {}
        for kind in self.kinds:
            self.plans[kind] = self.plan(kind)

    # -- keys --

    def own_key(self, kind: RecordKind) -> str:
        return kind.key or "position"

    def ancestor_columns(self, kind: RecordKind) -> list[str]:
        return [key_column(table_name(a)) for a in kind.ancestors]

    def primary_key(self, kind: RecordKind) -> tuple[str, ...]:
        if kind.parent is None:
            return ()
        merged = self.merged(kind) and kind.key is None
        return (*self.ancestor_columns(kind), *(["list"] if merged else []), self.own_key(kind))

    def merged(self, kind: RecordKind) -> bool:
        return sum(1 for k in self.kinds if table_name(k) == table_name(kind)) > 1

    def key_type(self, kind: RecordKind) -> str:
        key = kind.key_value
        return "TEXT" if key is not None and key.kind is ValueKind.STRING else "INTEGER"

    def targets(self, reference: str) -> RecordKind | None:
        """The kind (or first of the kinds sharing a table) a reference name points to."""
        found = [
            k for k in self.kinds if k.parent is not None and reference_name(k.cls) == reference
        ]
        if not found or len({table_name(k) for k in found}) > 1 or found[0].key is None:
            return None
        return found[0]

    def reference_key(
        self, kind: RecordKind, value: Value, column: str, own: str | None = None
    ) -> ForeignKey | None:
        """The foreign key of a value that refers to another record, if it can be one.

        ``own`` names the referring record's key column where it is not its ``id``
        (in a link table).
        """
        reference = value.field.reference
        target = self.targets(reference) if reference else None
        if target is None:
            return None
        mine = [*kind.ancestors, kind]
        scope: list[str] = []
        for ancestor in target.ancestors:
            if ancestor not in mine:
                return None
            index = mine.index(ancestor)
            scope.append(
                self.ancestor_columns(kind)[index]
                if ancestor is not kind
                else own or self.own_key(kind)
            )
        return ForeignKey((*scope, column), table_name(target), self.primary_key(target))

    # -- tables --

    def plan(self, kind: RecordKind) -> _Plan:
        name = table_name(kind)
        columns: list[Column] = []
        foreign: list[ForeignKey] = []
        if kind.parent is not None:
            parents = self.ancestor_columns(kind)
            for ancestor, column in zip(kind.ancestors, parents, strict=True):
                columns.append(Column(column, self.key_type(ancestor), True, f"the {column}"))
            if kind.ancestors:
                parent = kind.ancestors[-1]
                foreign.append(
                    ForeignKey(tuple(parents), table_name(parent), self.primary_key(parent))
                )
            columns.append(Column("position", "INTEGER", True, "place in its list, from 1"))
        list_name = kind.within[-1] if self.merged(kind) else None
        if list_name is not None:
            columns.append(Column("list", "TEXT", True, "which list the record is in"))
        taken = {c.name for c in columns}
        filled: list[tuple[Value, str]] = []
        links: list[_Link] = []
        for value in kind.values:
            column = _value_name(kind, value)
            if column in taken or column in _RESERVED:
                column = f"{column}_ref"
            doc = _column_documentation(kind, value)
            if value.kind in (ValueKind.STRINGS, ValueKind.INTEGERS):
                links.append(self.link(kind, value, column, doc))
                continue
            not_null = value.required and self.always_there(kind, value)
            columns.append(Column(column, _TYPES[value.kind], not_null, doc))
            if value.kind is ValueKind.TEXT:
                columns.append(
                    Column(f"{column}_translations", "TEXT", False, "other languages (JSON)")
                )
            if value.kind is ValueKind.DATE:
                columns.append(
                    Column(f"{column}_precision", "TEXT", False, "day, month, season or year")
                )
            key = self.reference_key(kind, value, column)
            if key is not None:
                foreign.append(key)
            filled.append((value, column))
            taken.add(column)
        about = "personal data" if is_personal(list(kind.path)) else _documentation(kind)
        table = Table(name, about, tuple(columns), self.primary_key(kind), tuple(foreign))
        if name not in self.tables:
            self.tables[name] = table
        for link in links:
            self.tables[link.table.name] = link.table
        return _Plan(table, kind, list_name, tuple(filled), tuple(links))

    def always_there(self, kind: RecordKind, value: Value) -> bool:
        return all(not n.optional for n in kind.objects if value.path[: len(n.path)] == n.path)

    def link(self, kind: RecordKind, value: Value, column: str, doc: str) -> _Link:
        owner = table_name(kind)
        own = key_column(owner)
        owner_columns = (*self.ancestor_columns(kind), own) if kind.parent else ()
        name = f"{singular(owner)}_{column}"
        item = key_column(value.path[-1]) if value.path else "value"
        if item in owner_columns or item == "position":
            item = f"{item}_ref"
        columns = [
            Column(c, t, True, f"the {c}")
            for c, t in zip(owner_columns, self.owner_types(kind), strict=True)
        ]
        columns.append(Column("position", "INTEGER", True, "place in the list, from 1"))
        item_type = "INTEGER" if value.kind is ValueKind.INTEGERS else "TEXT"
        columns.append(Column(item, item_type, True, doc))
        foreign = []
        if owner_columns:
            foreign.append(ForeignKey(owner_columns, owner, self.primary_key(kind)))
        reference = self.reference_key(kind, value, item, own)
        if reference is not None:
            foreign.append(reference)
        table = Table(name, doc, tuple(columns), (*owner_columns, "position"), tuple(foreign))
        return _Link(table, value, owner_columns, item)

    def owner_types(self, kind: RecordKind) -> list[str]:
        if kind.parent is None:
            return []
        types = [self.key_type(a) for a in kind.ancestors]
        return [*types, self.key_type(kind)] if kind.key else [*types, "INTEGER"]


@functools.cache
def schema() -> _Schema:
    """The database layout, derived once from the model."""
    return _Schema()


def tables() -> list[Table]:
    """Every table of the database, in creation order."""
    return list(schema().tables.values())


def ddl() -> str:
    """The whole schema as SQL: tables, then indexes."""
    statements = [t.ddl() for t in tables()] + [i for t in tables() for i in t.indexes()]
    return ";\n\n".join(statements) + ";\n"


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
        return [str(item)]
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
    cursor = connection.execute(sql, [row.values[n] for n in names])
    return int(cursor.lastrowid or 0)


def build(dataset: Dataset) -> sqlite3.Connection:
    """An in-memory database holding ``dataset``; ``DocumentError`` if it cannot be sound."""
    connection = sqlite3.connect(":memory:")
    connection.execute(f"PRAGMA page_size = {PAGE_SIZE}")
    for statement in [t.ddl() for t in tables()] + [i for t in tables() for i in t.indexes()]:
        connection.execute(statement)
    connection.execute(f"PRAGMA user_version = {USER_VERSION}")
    problems: list[Diagnostic] = []
    placed: dict[tuple[str, int], _Row] = {}
    with connection:
        for record in records(dataset):
            for row in _rows(record):
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
    problems += _dangling(connection, placed)
    if problems:
        connection.close()
        raise DocumentError(problems)
    return connection


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
