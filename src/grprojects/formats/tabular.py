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
- Counts and amounts are number cells where a spreadsheet keeps them unchanged and
  text where it would not (:func:`grprojects.formats._cells.number`).
- The tables hold the values as they are; each writer marks text that a spreadsheet
  would run as a formula in its own way (the quote-prefix attribute in XLSX, an
  apostrophe in CSV), and import removes one leading apostrophe from every text cell.
- How XLSX and ODS present the tables to people (codes with their Swedish names,
  widths, drop-downs, the row limit) is :mod:`grprojects.formats._presentation`.

:mod:`grprojects.formats.tabular_import` reads the tables back; how each value
becomes a cell and back is in :mod:`grprojects.formats._cells`.
"""

from __future__ import annotations

import enum
import functools
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Final

import attrs

from ..diagnostics import Diagnostic, pointer_of
from ..errors import DocumentError
from ..model import Dataset
from ..plugin_types import DatasetStream, list_of
from ..public import is_personal
from ._cells import Cell, number, to_cell
from ._tree import (
    Nested,
    Record,
    RecordKind,
    Value,
    ValueKind,
    follow,
    record_kinds,
    records,
    records_in,
)

SHEETS: Final = {
    "": "Datamängd",
    "organisations": "Organisationer",
    "organisations.alternative_names": "Andra namn",
    "organisations.descriptions": "Organisationsbeskrivningar",
    "organisations.figures": "Organisationssiffror",
    "organisations.identifiers": "Identifierare",
    "organisations.memberships": "Medlemskap",
    "organisations.other_names": "Andra namn med källor",
    "projects": "Projekt",
    "projects.purposes": "Syften",
    "projects.periods": "Projektperioder",
    "projects.participations": "Deltagande",
    "projects.funding": "Finansiering",
    "projects.funding.equivalents": "Belopp i andra valutor",
    "projects.goals": "Delmål",
    "projects.goals.participations": "Delmålens medverkande",
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
    "projects.people.phones": "Personers telefonnummer",
    "projects.contacts": "Kontakter",
    "projects.contacts.phones": "Kontakters telefonnummer",
    "projects.links": "Projektlänkar",
    "projects.links.other_names": "Länkade projekts andra namn",
    "projects.links.identifiers": "Länkade projekts identifierare",
    "projects.identifiers": "Projektidentifierare",
    "projects.other_names": "Projekts andra namn",
    "projects.descriptions": "Projektbeskrivningar",
    "projects.overall_goals": "Övergripande mål",
    "projects.statuses": "Statusuppgifter",
    "projects.areas": "Geografiska områden",
    "sources": "Källor",
}
"""Sheet names by record kind; a kind not listed is named after its path, and a
``missing`` list after its object's sheet ("Saknas i Kontakter")."""

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
    "as_of": "Per",
    "audience": "Målgrupper",
    "audience_note": "Målgrupp i ord",
    "cofinancing_rate": "Medfinansieringsgrad (%)",
    "count": "Antal",
    "counties": "Län",
    "country": "Land",
    "currency": "Valuta",
    "date": "Datum",
    "description": "Beskrivning",
    "documents": "Dokument",
    "email": "E-post",
    "end": "Slut",
    "extensions": "Tilläggsdata i JSON",
    "field": "Fält",
    "function": "Funktion",
    "fund": "Fond",
    "funder": "Finansiär",
    "goal": "Delmål",
    "goal_label": "Benämning på delmål",
    "goals": "Delmål",
    "host": "Värd",
    "hours_per_session": "Timmar per träff",
    "id": "Id",
    "instances": "Antal tillfällen",
    "instances_status": "Tillfällenas status",
    "issuer": "Utfärdare",
    "kind": "Typ",
    "label": "Etikett",
    "language": "Språk",
    "languages": "Språk",
    "license": "Licens",
    "max": "Högst",
    "media_type": "Medietyp",
    "municipalities": "Kommuner",
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
    "phones": "Telefonnummer",
    "place": "Plats",
    "policy_objectives": "Politiska mål",
    "priority_axis": "Insatsområde",
    "programme": "Program",
    "programme_code": "Programkod",
    "programme_period": "Programperiod",
    "project": "Projekt",
    "provider": "Utförare",
    "published": "Publicerad",
    "publisher": "Utgivare",
    "qualifier": "Jämförelse",
    "question": "Fråga",
    "reason": "Orsak",
    "recipients": "Mottagare",
    "regions": "NUTS 3-regioner",
    "relation": "Relation",
    "responsible": "Ansvarig",
    "role": "Roll",
    "scheme": "Identifierartyp",
    "scope": "Omfattning",
    "sessions": "Träffar",
    "short_name": "Kortnamn",
    "sources": "Källor",
    "start": "Start",
    "status": "Status",
    "summary": "Syfte",
    "switchboard": "Växel",
    "target_groups": "Målgrupper",
    "text": "Text",
    "thematic_objectives": "Tematiska mål",
    "title": "Titel",
    "total_eligible_expenditure": "Stödberättigande utgifter",
    "unit": "Enhet",
    "unmatched": "Okända namn",
    "updated": "Uppdaterad",
    "url": "Webbadress",
    "uses_extensions": "Tillägg",
    "value": "Värde",
    "version": "Schemaversion",
    "wording": "Formulering",
}
"""Swedish words for field names; a field not listed shows its own name."""

_SHEET_CHARACTERS = re.compile(r"[\[\]:*?/\\]")


def sheet_name(kind: RecordKind) -> str:
    """The sheet of a record kind: Swedish where known, else its path, as Excel allows."""
    return _SHEET_CHARACTERS.sub("-", _sheet_words(kind.name))[:31]


def _sheet_words(kind: str) -> str:
    parent, _, last = kind.rpartition(".")
    if kind not in SHEETS and last == "missing":
        return f"Saknas i {_sheet_words(parent)}" if parent else "Saknas"
    return SHEETS.get(kind) or kind.replace(".", " ")


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
        if value.field.personal and value.path:
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


def _present_but_empty(record: Record, nested: Nested, kind: RecordKind) -> bool:
    if not nested.optional or follow(record.obj, nested.path) is None:
        return False
    inside = [v for v in kind.values if v.path[: len(nested.path)] == nested.path]
    return all(to_cell(v, v.get(record.obj), "sv") is None for v in inside)


def tables(dataset: Dataset) -> list[Table]:
    """The dataset as tables, one per kind of record, in layout order.

    Raises :class:`~grprojects.DocumentError` when the dataset cannot be laid out
    without loss: two records with the same key under one parent (child tables
    join on it).
    """
    found = list(records(dataset))
    layout = Layout()
    layout.add(found)
    if layout.problems:
        raise DocumentError(layout.problems)
    by_kind: dict[RecordKind, list[Record]] = {k: [] for k in record_kinds()}
    for record in found:
        by_kind[record.kind].append(record)
    result = []
    for kind, of_kind in by_kind.items():
        columns = layout.columns(kind)
        rows = [row(columns, record) for record in of_kind]
        pointers = tuple(pointer_of(list(r.pointer)) for r in of_kind)
        personal = is_personal(list(kind.path))
        result.append(Table(sheet_name(kind), tuple(columns), tuple(rows), pointers, personal))
    return result


def units(source: DatasetStream) -> Iterator[list[Record]]:
    """The records of the dataset ``source`` gives, a unit at a time: the dataset's own,
    then each organisation, source and project with every record below it (what
    :meth:`Layout.add` takes in)."""
    yield list(records(source.header))
    counts: Counter[str] = Counter()
    for item in source.records():
        name = list_of(item)
        yield list(records_in(item, name, counts[name]))
        counts[name] += 1


class Layout:
    """The tables' columns, learnt a record at a time: which languages each text is
    in, which nested objects are present but empty, how many rows each table has,
    and any key repeated under one parent.

    A writer that goes over a dataset twice learns the layout on the first pass and
    writes the rows on the second; memory grows with the kinds of record and the ids
    of the dataset's own records, never with the rows below them.
    """

    def __init__(self) -> None:
        self.languages: dict[RecordKind, dict[str, set[str]]] = {k: {} for k in record_kinds()}
        self.present: dict[RecordKind, set[str]] = {k: set() for k in record_kinds()}
        self.rows: Counter[RecordKind] = Counter()
        self.problems: list[Diagnostic] = []
        """Keys repeated under one parent (``table.duplicate-key``)."""
        self._top_keys: dict[RecordKind, set[tuple[str | int, ...]]] = {}

    def add(self, found: Iterable[Record]) -> None:
        """Take in the records of one unit: the dataset's own record, or an organisation,
        source or project with every record below it."""
        seen: dict[RecordKind, set[tuple[str | int, ...]]] = {}
        for record in found:
            kind = record.kind
            self.rows[kind] += 1
            for value in kind.values:
                if value.kind is ValueKind.TEXT and (text := value.get(record.obj)) is not None:
                    self.languages[kind].setdefault(value.key, set()).update(text.translations)
            present = self.present[kind]
            for nested in kind.objects:
                if nested.key not in present and _present_but_empty(record, nested, kind):
                    present.add(nested.key)
            if kind.parent is None or kind not in _parents():
                continue
            top = len(record.keys) == 1  # its keys repeat across units, the others' within one
            keys = self._top_keys.setdefault(kind, set()) if top else seen.setdefault(kind, set())
            if record.keys in keys:
                self.problems.append(_repeated(kind, record))
            keys.add(record.keys)

    def columns(self, kind: RecordKind) -> list[Column]:
        """The columns of ``kind``'s table, as the records taken in need them."""
        languages = {key: ["sv", *sorted(tags)] for key, tags in self.languages[kind].items()}
        return _columns(kind, _frozen(languages), frozenset(self.present[kind]))

    def record_columns(self, record: Record) -> list[Column]:
        """The columns ``record`` alone would need: its share of the widths."""
        kind = record.kind
        languages = {}
        for value in kind.values:
            if value.kind is ValueKind.TEXT and (text := value.get(record.obj)) is not None:
                languages[value.key] = ["sv", *sorted(text.translations)]
        present = frozenset(n.key for n in kind.objects if _present_but_empty(record, n, kind))
        return _columns(kind, _frozen(languages), present)


def _frozen(languages: Mapping[str, Sequence[str]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple(sorted((key, tuple(tags)) for key, tags in languages.items()))


@functools.cache
def _columns(
    kind: RecordKind,
    languages: tuple[tuple[str, tuple[str, ...]], ...],
    present: frozenset[str],
) -> list[Column]:
    return join_columns(kind) + value_columns(kind, dict(languages), set(present))


@functools.cache
def _parents() -> frozenset[RecordKind]:
    return frozenset(k.parent for k in record_kinds() if k.parent is not None)


def row(columns: Sequence[Column], record: Record) -> tuple[Cell, ...]:
    """The cells of ``record`` in ``columns``."""
    return tuple(_cell(column, record) for column in columns)


def _cell(column: Column, record: Record) -> Cell:
    if column.role is Role.JOIN:
        assert column.ancestor is not None  # noqa: S101 - join columns name their ancestor
        key = record.keys[len(column.ancestor.ancestors)]
        if isinstance(key, int):  # a sub-goal's number: a number cell only where kept exactly
            found = number(str(key))
            return str(key) if found is None else found
        return key
    if column.role is Role.PRESENT:
        return (
            True if column.nested and follow(record.obj, column.nested.path) is not None else None
        )
    assert column.value is not None  # noqa: S101 - value and text columns name their value
    return to_cell(column.value, column.value.get(record.obj), column.language)


def _repeated(kind: RecordKind, record: Record) -> Diagnostic:
    return Diagnostic(
        "table.duplicate-key",
        f"{sheet_name(kind)}: {kind.key} {record.keys[-1]!r} appears twice under "
        "one parent; the tables below it join on it, so it must be unique",
        pointer_of(list(record.pointer)),
    )
