"""The table layout XLSX and CSV share: one table per kind of record, joined by keys.

The layout is derived from the model (``_tree``), so a new field gets its column and a
new list of objects its table without being listed here; only the Swedish words are.

- One table per kind of record: ``Datamängd`` (one row: the dataset itself),
  ``Organisationer``, ``Projekt``, ``Aktiviteter`` … A list of objects inside a record
  gets its own table whose first columns hold the keys of the records it belongs to
  (project id, then activity id); an id-less parent is keyed by its position (``#``).
- Each heading is Swedish words followed by the path-style key in parentheses:
  ``Plats: namn (place.name.sv)``. Import reads only the key, so columns may be moved
  and headings reworded as long as the parenthesis stays.
- Nested objects are flattened into dotted keys (``period.start``); multilingual text
  gets one column per language present (``name.sv``, ``name.en``); lists of ids and
  codes are one value per line in one cell (a JSON array such as ``["a", " b"]``
  when some value is empty, spans lines or has space at either end); extension
  data is JSON text.
- A nested object that is present but empty (a period with neither start nor end)
  gets a ``finns`` column saying so, only when the data holds one.
- Personal data is marked: a table of people, contacts or quotes says so
  (:attr:`Table.personal`; XLSX colours its tab), and a personal column elsewhere
  has ``personuppgifter`` in its heading.
- Text that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``,
  ``@``, tab or carriage return) is written with an apostrophe in front. So is text
  that starts with an apostrophe, and empty text is written as a lone apostrophe.
  Import removes one leading apostrophe from every text cell, so the round trip
  gives back exactly what was written.

Import gathers every problem as a :class:`~grprojects.Diagnostic` whose message
starts with the cell (``Aktiviteter!D12``) and whose pointer is the JSON Pointer the
cell maps to, then raises them together in a :class:`~grprojects.DocumentError`.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any, Final

import attrs

from ..diagnostics import Diagnostic, pointer_of
from ..errors import DocumentError
from ..io import schema_diagnostics, structure
from ..model import Dataset
from ..model import _fields as meta
from ..model.values import LANGUAGE_TAG_PATTERN
from ..public import is_personal
from ._tree import (
    Nested,
    Record,
    RecordKind,
    Value,
    ValueKind,
    children_of,
    follow,
    record_kinds,
    records,
)

Cell = str | int | bool | None
"""What the layout writes into a cell."""


@attrs.frozen
class Formula:
    """A cell holding a formula, which import refuses: only stored values are data."""

    text: str


RawCell = str | int | float | bool | dt.datetime | dt.date | dt.time | Formula | None
"""What a reader may find in a cell; ``None`` and ``""`` are empty."""

FORMULA_TRIGGERS: Final = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula."""
ESCAPE: Final = "'"
"""Put before text that would run as a formula; removed again on import."""
LINE: Final = "\n"
"""Separates the ids or codes of a list in one cell."""

SHEETS: Final = {
    "": "Datamängd",
    "organisations": "Organisationer",
    "organisations.alternative_names": "Andra namn",
    "organisations.descriptions": "Organisationsbeskrivningar",
    "organisations.figures": "Organisationssiffror",
    "organisations.identifiers": "Identifierare",
    "organisations.memberships": "Medlemskap",
    "projects": "Projekt",
    "projects.purposes": "Syften",
    "projects.periods": "Projektperioder",
    "projects.participations": "Deltagande",
    "projects.funding": "Finansiering",
    "projects.goals": "Delmål",
    "projects.target_groups": "Målgrupper",
    "projects.beneficiaries": "Förmånstagare",
    "projects.activities": "Aktiviteter",
    "projects.activities.figures": "Aktivitetssiffror",
    "projects.activities.quotes": "Citat",
    "projects.indicators": "Indikatorer",
    "projects.indicators.figures": "Indikatorsiffror",
    "projects.results": "Resultat",
    "projects.documents": "Dokument",
    "projects.people": "Personer",
    "projects.contacts": "Kontakter",
    "projects.links": "Projektlänkar",
    "sources": "Källor",
}
"""Sheet names by record kind; a kind not listed is named after its path."""

SINGULAR: Final = {
    "organisations": "Organisation",
    "projects": "Projekt",
    "projects.activities": "Aktivitet",
    "projects.indicators": "Indikator",
}
"""What the key column of a child table calls its parent."""

LABELS: Final = {
    "about": "Gäller",
    "alternative_names": "Namn",
    "amount": "Belopp",
    "audience": "Målgrupper",
    "audience_note": "Målgrupp i ord",
    "count": "Antal",
    "country": "Land",
    "currency": "Valuta",
    "date": "Datum",
    "description": "Beskrivning",
    "documents": "Dokument",
    "email": "E-post",
    "end": "Slut",
    "extensions": "Tilläggsdata i JSON",
    "funder": "Finansiär",
    "goal": "Delmål",
    "goals": "Delmål",
    "host": "Värd",
    "hours_per_session": "Timmar per träff",
    "id": "Id",
    "instances": "Antal tillfällen",
    "kind": "Typ",
    "language": "Språk",
    "languages": "Språk",
    "license": "Licens",
    "max": "Högst",
    "media_type": "Medietyp",
    "municipality": "Kommunkod",
    "name": "Namn",
    "note": "Anmärkning",
    "number": "Nummer",
    "on_request": "På beställning",
    "organisation": "Organisation",
    "parent": "Ingår i",
    "part_of": "Del av",
    "people": "Personer",
    "per": "Per",
    "period": "Period",
    "person": "Person",
    "phone": "Telefon",
    "place": "Plats",
    "programme": "Program",
    "programme_period": "Programperiod",
    "project": "Projekt",
    "provider": "Utförare",
    "published": "Publicerad",
    "publisher": "Utgivare",
    "qualifier": "Jämförelse",
    "question": "Fråga",
    "recipients": "Mottagare",
    "relation": "Relation",
    "responsible": "Ansvarig",
    "role": "Roll",
    "scheme": "Identifierartyp",
    "sessions": "Träffar",
    "short_name": "Kortnamn",
    "sources": "Källor",
    "start": "Start",
    "status": "Status",
    "summary": "Syfte",
    "text": "Text",
    "title": "Titel",
    "unit": "Enhet",
    "updated": "Uppdaterad",
    "url": "Webbadress",
    "uses_extensions": "Tillägg",
    "value": "Värde",
    "version": "Schemaversion",
    "wording": "Formulering",
}
"""Swedish words for field names; a field not listed shows its own name."""

_SHEET_CHARACTERS = re.compile(r"[\[\]:*?/\\]")
_KEY_IN_HEADING = re.compile(r"\(([^()]*)\)\s*$")
_LANGUAGE = re.compile(LANGUAGE_TAG_PATTERN)
_TRUE = frozenset({"true", "ja", "sant", "1", "x"})
_FALSE = frozenset({"false", "nej", "falskt", "0"})


# -- cells ---------------------------------------------------------------------


def neutralise(text: str) -> str:
    """``text`` as a cell no spreadsheet runs: an apostrophe before risky text."""
    if text == "" or text.startswith((*FORMULA_TRIGGERS, ESCAPE)):
        return ESCAPE + text
    return text


def restore(text: str) -> str:
    """The text :func:`neutralise` was given: one leading apostrophe removed."""
    return text[1:] if text.startswith(ESCAPE) else text


def column_letter(index: int) -> str:
    """The spreadsheet name of the 0-based column ``index``: 0 → ``A``, 26 → ``AA``."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def sheet_name(kind: RecordKind) -> str:
    """The sheet of a record kind: Swedish where known, else its path, as Excel allows."""
    name = SHEETS.get(kind.name) or kind.name.replace(".", " ")
    return _SHEET_CHARACTERS.sub("-", name)[:31]


def sheet_names() -> dict[str, RecordKind]:
    """Every sheet name with its record kind, in layout order."""
    names: dict[str, RecordKind] = {}
    for kind in record_kinds():
        name = sheet_name(kind)
        if name in names:
            raise ValueError(f"two record kinds would share the sheet name {name!r}")
        names[name] = kind
    return names


# -- columns -------------------------------------------------------------------


class Role(enum.Enum):
    """What a column holds."""

    JOIN = "join"
    """The key of an ancestor record."""
    VALUE = "value"
    TEXT = "text"
    """One language of a multilingual text."""
    PRESENT = "present"
    """That a nested object is there though all its values are empty."""


@attrs.frozen
class Column:
    """One column of a table: its key, heading and what it holds."""

    key: str
    heading: str
    role: Role
    value: Value | None = None
    language: str | None = None
    nested: Nested | None = None
    ancestor: RecordKind | None = None

    @property
    def parts(self) -> tuple[str, ...]:
        """Where the column's value sits in its record, as JSON Pointer parts."""
        if self.nested is not None:
            return self.nested.path
        if self.value is None:
            return ()
        return self.value.path + ((self.language,) if self.language else ())


def _label(path: Sequence[str]) -> str:
    words = [LABELS.get(name, name) for name in path]
    return ": ".join([words[0], *(w[:1].lower() + w[1:] for w in words[1:])])


def join_columns(kind: RecordKind) -> list[Column]:
    """The key columns a table of ``kind`` starts with, outermost record first."""
    columns = []
    for ancestor in kind.ancestors:
        key = f"{ancestor.name}.{ancestor.key or '#'}"
        word = SINGULAR.get(ancestor.name) or sheet_name(ancestor)
        heading = f"{word}{'' if ancestor.key else ' nr'} ({key})"
        columns.append(Column(key, heading, Role.JOIN, ancestor=ancestor))
    return columns


def value_columns(
    kind: RecordKind, languages: Mapping[str, Sequence[str]], present: set[str]
) -> list[Column]:
    """The columns of ``kind``'s values: ``languages`` per text, ``present`` objects marked."""
    columns = []
    marked = set()
    for value in kind.values:
        for nested in kind.objects:
            inside = value.path[: len(nested.path)] == nested.path
            if inside and nested.key in present and nested.key not in marked:
                marked.add(nested.key)
                heading = f"{_label(nested.path)} finns ({nested.key})"
                columns.append(Column(nested.key, heading, Role.PRESENT, nested=nested))
        label = _label(value.path or (value.key,))
        if value.field.metadata.get(meta.PERSONAL) and value.path:
            label += ", personuppgifter"
        if value.kind is ValueKind.TEXT:
            for language in languages.get(value.key, ("sv",)):
                key = f"{value.key}.{language}"
                heading = (
                    f"{label} ({key})" if language == "sv" else f"{label} [{language}] ({key})"
                )
                columns.append(Column(key, heading, Role.TEXT, value=value, language=language))
        else:
            columns.append(Column(value.key, f"{label} ({value.key})", Role.VALUE, value=value))
    return columns


# -- export --------------------------------------------------------------------


@attrs.frozen
class Table:
    """One sheet: its name, columns and rows, each row with the pointer of its record."""

    name: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    pointers: tuple[str, ...]
    personal: bool = False
    """Whether every row is personal data (people, contacts, quotes)."""

    @property
    def headings(self) -> list[str]:
        """The heading row."""
        return [c.heading for c in self.columns]

    def pointer(self, row: int, column: int) -> str:
        """The JSON Pointer of the value in a (0-based) data row and column."""
        return self.pointers[row] + pointer_of(list(self.columns[column].parts))


def _one_line(code: str) -> bool:
    return bool(code) and code == code.strip() and LINE not in code


def _plain(value: Value, item: Any, language: str | None) -> Cell:
    """The cell of one value, before neutralising."""
    if item is None:
        return None
    match value.kind:
        case ValueKind.TEXT:
            text = item.sv if language == "sv" else item.translations.get(language)
            return None if text is None else str(text)
        case ValueKind.STRING:
            return str(item.value if isinstance(item, enum.Enum) else item)
        case ValueKind.INTEGER | ValueKind.BOOLEAN:
            return bool(item) if value.kind is ValueKind.BOOLEAN else int(item)
        case ValueKind.DECIMAL | ValueKind.DATE:
            return str(item)
        case ValueKind.STRINGS:
            codes = [str(c.value if isinstance(c, enum.Enum) else c) for c in item]
            if not codes:
                return None
            if all(_one_line(c) for c in codes) and not codes[0].startswith("["):
                return LINE.join(codes)
            return json.dumps(codes, ensure_ascii=False)
        case ValueKind.INTEGERS:
            return LINE.join(str(int(n)) for n in item) or None
        case ValueKind.JSON:
            return json.dumps(item, ensure_ascii=False) if item else None


def _present_but_empty(record: Record, nested: Nested, kind: RecordKind) -> bool:
    if not nested.optional or follow(record.obj, nested.path) is None:
        return False
    inside = [v for v in kind.values if v.path[: len(nested.path)] == nested.path]
    return all(_plain(v, v.get(record.obj), "sv") is None for v in inside)


def tables(dataset: Dataset) -> list[Table]:
    """The dataset as tables, one per kind of record, in layout order.

    Raises :class:`~grprojects.DocumentError` when the dataset cannot be laid out
    without loss: two records with the same key under one parent (child tables
    join on it).
    """
    by_kind: dict[RecordKind, list[Record]] = {k: [] for k in record_kinds()}
    for record in records(dataset):
        by_kind[record.kind].append(record)
    problems = list(_duplicate_keys(by_kind))
    result = []
    for kind, found in by_kind.items():
        languages: dict[str, list[str]] = {}
        for value in (v for v in kind.values if v.kind is ValueKind.TEXT):
            tags = {t for r in found if (x := value.get(r.obj)) is not None for t in x.translations}
            languages[value.key] = ["sv", *sorted(tags)]
        present = {
            n.key for n in kind.objects if any(_present_but_empty(r, n, kind) for r in found)
        }
        columns = join_columns(kind) + value_columns(kind, languages, present)
        rows = [tuple(_cell(column, record) for column in columns) for record in found]
        pointers = tuple(pointer_of(list(r.pointer)) for r in found)
        personal = is_personal(list(kind.path))
        result.append(Table(sheet_name(kind), tuple(columns), tuple(rows), pointers, personal))
    if problems:
        raise DocumentError(problems)
    return result


def _cell(column: Column, record: Record) -> Cell:
    if column.role is Role.JOIN:
        assert column.ancestor is not None  # noqa: S101 - join columns name their ancestor
        return record.keys[len(column.ancestor.ancestors)]
    if column.role is Role.PRESENT:
        return (
            True if column.nested and follow(record.obj, column.nested.path) is not None else None
        )
    assert column.value is not None  # noqa: S101 - value and text columns name their value
    cell = _plain(column.value, column.value.get(record.obj), column.language)
    return neutralise(cell) if isinstance(cell, str) else cell


def _duplicate_keys(by_kind: Mapping[RecordKind, list[Record]]) -> Iterator[Diagnostic]:
    parents = {k.parent for k in by_kind if k.parent is not None}
    for kind, found in by_kind.items():
        if kind not in parents or kind.parent is None:
            continue
        seen: set[tuple[str | int, ...]] = set()
        for record in found:
            if record.keys in seen:
                yield Diagnostic(
                    "table.duplicate-key",
                    f"{sheet_name(kind)}: {kind.key} {record.keys[-1]!r} appears twice under "
                    "one parent; the tables below it join on it, so it must be unique",
                    pointer_of(list(record.pointer)),
                )
            seen.add(record.keys)


# -- import --------------------------------------------------------------------

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


def _text(raw: RawCell) -> str:
    if isinstance(raw, str):
        return raw
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        raise ValueError(f"expected text, found {raw!r}")
    return str(int(raw)) if float(raw).is_integer() else repr(raw)


def _integer(raw: RawCell) -> int:
    if isinstance(raw, bool):
        raise ValueError(f"expected a whole number, found {raw!r}")
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    if isinstance(raw, str) and re.fullmatch(r"\s*[+-]?[0-9]+\s*", raw):
        return int(raw)
    raise ValueError(f"expected a whole number, found {raw!r}")


def _boolean(raw: RawCell) -> bool:
    if isinstance(raw, bool):
        return raw
    word = str(raw).strip().lower() if isinstance(raw, str | int) else ""
    if word in _TRUE or word in _FALSE:
        return word in _TRUE
    raise ValueError(f"expected true or false (ja/nej), found {raw!r}")


def _string_list(text: str) -> list[str]:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(
            f"a list starting with [ must be a JSON array: {error.msg} at character {error.pos + 1}"
        ) from None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError('a list starting with [ must be a JSON array of texts (["a", "b"])')
    return value


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


def convert(kind: ValueKind, raw: RawCell) -> Any:
    """The wire value of a filled cell; ``ValueError`` saying what was expected."""
    if isinstance(raw, str):
        raw = restore(raw)
    match kind:
        case ValueKind.TEXT | ValueKind.STRING:
            return _text(raw)
        case ValueKind.INTEGER:
            return _integer(raw)
        case ValueKind.BOOLEAN:
            return _boolean(raw)
        case ValueKind.DECIMAL:
            if isinstance(raw, float):
                return format(Decimal(repr(raw)), "f")
            return _text(raw)
        case ValueKind.DATE:
            if isinstance(raw, dt.datetime) and raw.time() == dt.time():
                return raw.date().isoformat()
            if isinstance(raw, dt.date) and not isinstance(raw, dt.datetime):
                return raw.isoformat()
            return _text(raw)
        case ValueKind.STRINGS:
            text = _text(raw)
            if text.startswith("["):
                return _string_list(text)
            return [line.strip() for line in text.split(LINE) if line.strip()]
        case ValueKind.INTEGERS:
            if isinstance(raw, str):
                return [_integer(line) for line in raw.split(LINE) if line.strip()]
            return [_integer(raw)]
        case ValueKind.JSON:
            try:
                value = json.loads(_text(raw))
            except json.JSONDecodeError as error:
                raise ValueError(f"not JSON: {error.msg} at character {error.pos + 1}") from None
            if not isinstance(value, dict):
                raise ValueError("extension data must be a JSON object ({…})")
            return value


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
            if isinstance(raw, Formula):
                message = f"a formula ({raw.text}); enter its value"
                pending.append((column.parts, "table.formula", place, message))
                continue
            try:
                value = convert(_kind_of(column), raw)
            except ValueError as error:
                pending.append((column.parts, "table.value", place, str(error)))
                continue
            if column.role is Role.JOIN:
                keys[column.key] = value
            elif column.role is Role.PRESENT:
                if value:
                    target = holder.setdefault("record", {})
                    for part in column.parts:
                        target = target.setdefault(part, {})
            else:
                _put(holder, ("record", *column.parts), value)
        return _Row(number, keys, holder.get("record", {}), places, tuple(pending))

    def table(self, sheet: str, kind: RecordKind, rows: Sequence[Sequence[RawCell]]) -> list[_Row]:
        """The filled data rows of one table, each with its keys in layout order."""
        if not rows:
            return []
        columns = self.columns(sheet, kind, rows[0])
        wanted = [c.key for c in join_columns(kind)]
        absent = [k for k in wanted if k not in {c.key for c in columns if c is not None}]
        if absent:
            self.problem("table.missing-column", f"{sheet}!1:1", f"no key column {absent[0]!r}")
            return []
        found = []
        for number, cells in enumerate(rows[1:], start=2):
            if all(c is None or c == "" for c in cells):
                continue
            row = self.row(sheet, number, columns, cells)
            lacking = [k for k in wanted if k not in row.keys]
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
        for name in tables:
            if name not in sheets:
                self.problem("table.unknown-sheet", name, "no kind of record has this sheet name")
        document: dict[str, Any] | None = None
        registry: dict[RecordKind, dict[tuple[Any, ...], tuple[Any, tuple[Any, ...]]]] = {}
        for name, kind in sheets.items():
            rows = self.table(name, kind, tables.get(name, ()))
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
                        f"{kind.key} {own!r} appears twice; the rows of {children_of_names(kind)} "
                        "join on it, so it must be unique",
                        pointer_of(list(pointer)),
                    )
                mine.setdefault(key, (row.value, pointer))
        if document is None:
            if not self.problems:
                self.problem("table.missing-sheet", sheet_name(record_kinds()[0]), "no such sheet")
            raise DocumentError(self.problems)
        self.check(document)
        try:
            dataset: Dataset = structure(document, Dataset)
        except DocumentError as error:
            self.problems += [self.located(d) for d in error.diagnostics]
            raise DocumentError(self.problems) from None
        return dataset

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


def children_of_names(kind: RecordKind) -> str:
    """The sheets whose rows join on ``kind``'s key, for messages."""
    return ", ".join(sheet_name(k) for k in children_of(kind))


def read_tables(
    tables: Mapping[str, Sequence[Sequence[RawCell]]], *, file: str | None = None
) -> Dataset:
    """The dataset held by ``tables`` (sheet name → rows, heading row first).

    Raises :class:`~grprojects.DocumentError` listing every problem, each naming
    its cell (``Aktiviteter!D12``) and the JSON Pointer the cell maps to.
    """
    return _Reader(file).read(tables)
