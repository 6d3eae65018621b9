"""The SQLite export's layout: tables, keys, links, code tables and full-text indexes.

The tables are derived from the model (``_tree``), so a new field gets its column
and a new list its table; only table names are chosen here.
:mod:`grprojects.formats.sqlite` fills them; the rules are listed there.
"""

from __future__ import annotations

import functools
from typing import Final

import attrs

from ..codelists import builtin_codelists
from ..public import is_personal
from ._tree import (
    RecordKind,
    Value,
    ValueKind,
    record_kinds,
    reference_name,
)

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

SURROGATE: Final = "pk"
"""The integer key column of a table whose natural key spans columns."""
_SURROGATE_DOC: Final = "row number: the key other tables refer to"
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
    """A column of a table that refers to a row of another: one column, as Datasette links.

    A row whose natural key spans columns (``activities(project, id)``) is referred to
    by its surrogate ``pk``; ``natural`` then names the referring table's columns that
    hold the natural key, from which the ``pk`` is looked up when rows are written.
    """

    column: str
    table: str
    target: str
    natural: tuple[str, ...] = ()


@attrs.frozen
class Table:
    """One table of the database.

    ``primary_key`` is the natural key; a table whose natural key spans columns has
    an ``INTEGER PRIMARY KEY`` column ``pk`` and its natural key ``UNIQUE``.
    """

    name: str
    doc: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...]

    @property
    def surrogate(self) -> bool:
        """Whether rows are keyed by ``pk`` (the natural key spans columns)."""
        return len(self.primary_key) > 1

    def ddl(self) -> str:
        """``CREATE TABLE`` with one comment per column (SQLite keeps them in its schema)."""
        lines = [
            f"{quote(c.name)} {c.type}"
            + (" PRIMARY KEY" if c.name == SURROGATE and self.surrogate else "")
            + (" NOT NULL" if c.not_null else "")
            + ","
            for c in self.columns
        ]
        notes = [c.doc for c in self.columns]
        if self.primary_key:
            kind = "UNIQUE" if self.surrogate else "PRIMARY KEY"
            lines.append(f"{kind} ({', '.join(map(quote, self.primary_key))}),")
            notes.append("")
        for key in self.foreign_keys:
            lines.append(
                f"FOREIGN KEY ({quote(key.column)}) REFERENCES "
                f"{quote(key.table)} ({quote(key.target)}),"
            )
            notes.append("")
        lines[-1] = lines[-1].rstrip(",")
        body = "\n".join(
            f"  {line}" + (f" -- {note}" if note else "")
            for line, note in zip(lines, notes, strict=True)
        )
        return f"-- {self.doc}\nCREATE TABLE {quote(self.name)} (\n{body}\n)"

    def indexes(self) -> list[str]:
        """An index for each foreign key that is not the first column of the key."""
        first = (SURROGATE,) if self.surrogate else self.primary_key[:1]
        statements = []
        for key in self.foreign_keys:
            if (key.column,) == first or self.primary_key[:1] == (key.column,):
                continue
            name = f"{self.name}_{key.column}"
            statements.append(
                f"CREATE INDEX {quote(name)} ON {quote(self.name)} ({quote(key.column)})"
            )
        return statements


@attrs.frozen
class Link:
    """The link table of one list of ids or codes."""

    table: Table
    value: Value
    owner_columns: tuple[str, ...]
    column: str


@attrs.frozen
class Plan:
    """How records of one kind become rows."""

    table: Table
    kind: RecordKind
    list_name: str | None
    columns: tuple[tuple[Value, str], ...]
    """Each plain value with the (first) column it fills."""
    links: tuple[Link, ...]


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


class Schema:
    """The tables derived from the model, and how records fill them."""

    def __init__(self) -> None:
        self.kinds = record_kinds()
        self.plans: dict[RecordKind, Plan] = {}
        self.tables: dict[str, Table] = {}
        self.codelists: dict[str, str] = {}
        """Code table name → the id of its code list."""
        self._ancestor_columns: dict[RecordKind, list[str]] = {}
        for kind in self.kinds:
            self.plans[kind] = self.plan(kind)

    # -- keys --

    def own_key(self, kind: RecordKind) -> str:
        return kind.key or "position"

    def ancestor_columns(self, kind: RecordKind) -> list[str]:
        found = self._ancestor_columns.get(kind)
        if found is None:  # asked for every row written: worked out once a kind
            found = self._ancestor_columns[kind] = [
                key_column(table_name(a)) for a in kind.ancestors
            ]
        return found

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
    ) -> tuple[tuple[str, ...], RecordKind] | None:
        """The columns naming the record a value refers to, scoped as the model scopes it,
        and the kind of that record.

        ``own`` names the referring record's key column where it is not its ``id``
        (in a link table). ``None`` when the value refers to nothing with a key.
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
        return (*scope, column), target

    def foreign_key(
        self, columns: tuple[str, ...], target: RecordKind, columns_out: list[Column], doc: str
    ) -> ForeignKey:
        """A one-column foreign key from ``columns`` to a row of ``target``.

        Through the natural key when that is one column (``organisations(id)``), else
        through a new column ``<last>_pk`` holding the target's ``pk``, appended to
        ``columns_out``.
        """
        table = table_name(target)
        natural = self.primary_key(target)
        if len(natural) == 1 and len(columns) == 1:
            return ForeignKey(columns[0], table, natural[0])
        column = f"{columns[-1]}_{SURROGATE}"
        columns_out.append(Column(column, "INTEGER", False, doc))
        return ForeignKey(column, table, SURROGATE, columns)

    # -- tables --

    def plan(self, kind: RecordKind) -> Plan:
        name = table_name(kind)
        columns: list[Column] = []
        foreign: list[ForeignKey] = []
        if len(self.primary_key(kind)) > 1:
            columns.append(Column(SURROGATE, "INTEGER", False, _SURROGATE_DOC))
        if kind.parent is not None:
            parents = self.ancestor_columns(kind)
            for ancestor, column in zip(kind.ancestors, parents, strict=True):
                columns.append(Column(column, self.key_type(ancestor), True, f"the {column}"))
            columns.append(Column("position", "INTEGER", True, "place in its list, from 1"))
            if kind.ancestors:
                parent = kind.ancestors[-1]
                doc = f"the {singular(table_name(parent))} (its {SURROGATE})"
                foreign.append(self.foreign_key(tuple(parents), parent, columns, doc))
        list_name = kind.within[-1] if self.merged(kind) else None
        if list_name is not None:
            columns.append(Column("list", "TEXT", True, "which list the record is in"))
        taken = {c.name for c in columns}
        filled: list[tuple[Value, str]] = []
        links: list[Link] = []
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
            foreign += self.value_keys(kind, value, column, columns)
            filled.append((value, column))
            taken.add(column)
        about = "personal data" if is_personal(list(kind.path)) else _documentation(kind)
        table = Table(name, about, tuple(columns), self.primary_key(kind), tuple(foreign))
        if name not in self.tables:
            self.tables[name] = table
        for link in links:
            self.tables[link.table.name] = link.table
        return Plan(table, kind, list_name, tuple(filled), tuple(links))

    def value_keys(
        self,
        kind: RecordKind,
        value: Value,
        column: str,
        columns: list[Column],
        own: str | None = None,
    ) -> list[ForeignKey]:
        """The foreign key of a value that refers to a record or names a code, if any."""
        listed = value.field.codelist
        if listed:
            return [ForeignKey(column, self.codes(listed).name, "code")]
        reference = self.reference_key(kind, value, column, own)
        if reference is None:
            return []
        scope, target = reference
        doc = f"the {column} (its {SURROGATE} in {table_name(target)})"
        return [self.foreign_key(scope, target, columns, doc)]

    def codes(self, listed: str) -> Table:
        """The table of the code list ``listed``, made on first use."""
        name = f"codes_{listed.replace('-', '_')}"
        if name not in self.tables:
            found = builtin_codelists().get(listed)
            about = (found.description.get("sv") or found.title.get("sv", "")) if found else ""
            self.tables[name] = Table(
                name,
                f"The code list {listed}: {about}".rstrip(": "),
                (
                    Column("code", "TEXT", True, "the code, as the data holds it"),
                    Column("title", "TEXT", False, "its Swedish name"),
                    Column("title_en", "TEXT", False, "its English name"),
                ),
                ("code",),
                (),
            )
            self.codelists[name] = listed
        return self.tables[name]

    def always_there(self, kind: RecordKind, value: Value) -> bool:
        return all(not n.optional for n in kind.objects if value.path[: len(n.path)] == n.path)

    def link(self, kind: RecordKind, value: Value, column: str, doc: str) -> Link:
        owner = table_name(kind)
        own = key_column(owner)
        owner_columns = (*self.ancestor_columns(kind), own) if kind.parent else ()
        name = f"{singular(owner)}_{column}"
        item = key_column(value.path[-1]) if value.path else "value"
        if item in owner_columns or item == "position":
            item = f"{item}_ref"
        columns = [Column(SURROGATE, "INTEGER", False, _SURROGATE_DOC)] if owner_columns else []
        columns += [
            Column(c, t, True, f"the {c}")
            for c, t in zip(owner_columns, self.owner_types(kind), strict=True)
        ]
        columns.append(Column("position", "INTEGER", True, "place in the list, from 1"))
        item_type = "INTEGER" if value.kind is ValueKind.INTEGERS else "TEXT"
        columns.append(Column(item, item_type, True, doc))
        foreign = []
        if owner_columns:
            owner_doc = f"the {singular(owner)} (its {SURROGATE})"
            foreign.append(self.foreign_key(owner_columns, kind, columns, owner_doc))
        foreign += self.value_keys(kind, value, item, columns, own)
        table = Table(name, doc, tuple(columns), (*owner_columns, "position"), tuple(foreign))
        return Link(table, value, owner_columns, item)

    def owner_types(self, kind: RecordKind) -> list[str]:
        if kind.parent is None:
            return []
        types = [self.key_type(a) for a in kind.ancestors]
        return [*types, self.key_type(kind)] if kind.key else [*types, "INTEGER"]


@functools.cache
def schema() -> Schema:
    """The database layout, derived once from the model."""
    return Schema()


def tables() -> list[Table]:
    """Every table of the database, in creation order."""
    return list(schema().tables.values())


@attrs.frozen
class Search:
    """A full-text index (FTS5) over the text columns of one table, as Datasette finds it."""

    table: str
    columns: tuple[str, ...]

    @property
    def name(self) -> str:
        """``activities_fts``: the name Datasette and sqlite-utils give it."""
        return f"{self.table}_fts"

    def ddl(self) -> str:
        """An external-content FTS5 table: the text is kept once, in the table itself."""
        columns = ", ".join(f"[{c}]" for c in self.columns)
        return f"CREATE VIRTUAL TABLE [{self.name}] USING FTS5 ({columns}, content=[{self.table}])"


@functools.cache
def searches() -> tuple[Search, ...]:
    """A full-text index for each table of records with text (titles, descriptions …).

    Tables of personal data get none, so that no index repeats it.
    """
    found: dict[str, Search] = {}
    for kind, plan in schema().plans.items():
        if kind.parent is None or is_personal(list(kind.path)):
            continue
        columns = tuple(c for v, c in plan.columns if v.kind is ValueKind.TEXT)
        if columns and plan.table.name not in found:
            found[plan.table.name] = Search(plan.table.name, columns)
    return tuple(found.values())


def ddl() -> str:
    """The whole schema as SQL: tables, then indexes, then full-text indexes."""
    statements = [t.ddl() for t in tables()] + [i for t in tables() for i in t.indexes()]
    statements += [s.ddl() for s in searches()]
    return ";\n\n".join(statements) + ";\n"
