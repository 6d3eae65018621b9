"""An activity list with Swedish headings → a dataset of one project and its activities.

The sheet may start with a header block of ``key | value`` rows naming the project
and its owner (``Projekt``, ``Projekt-id``, ``Ägare``, ``Ägare-id``, ``Ägartyp``,
``Utgivare``, ``Delmål 1`` …), then comes the heading row (the first with an
``Aktivitet`` cell) and one activity per row. A row with a bad cell is left out
and every bad cell in it is reported with its place (``Aktiviteter!D12``); a value
in an unknown or unnamed column is reported too. Nothing is dropped silently.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

import attrs

from grprojects import Dataset, Diagnostic, DocumentError, PartialDate, Severity, load, to_json
from grprojects.codelists import CodeList, codelist
from grprojects.lookups import Certainty, NoMatchError, match_municipality
from grprojects.plugin_types import RecordTally
from grprojects.swedish import parse_count, parse_date, parse_decimal, parse_integer

from .table import PREFERRED_SHEET, Table, read_tables

SOURCE_ID: Final = "kalkylblad"
"""The id of the source every imported fact cites: the spreadsheet itself."""

COLUMNS: Final = {
    "aktivitet": "title",
    "titel": "title",
    "id": "id",
    "typ": "kind",
    "aktivitetstyp": "kind",
    "beskrivning": "description",
    "datum": "date",
    "från": "start",
    "startdatum": "start",
    "till": "end",
    "slutdatum": "end",
    "plats": "place",
    "kommun": "municipality",
    "språk": "languages",
    "deltagare": "participants",
    "antal deltagare": "participants",
    "planerade deltagare": "planned",
    "tillfällen": "instances",
    "antal tillfällen": "instances",
    "träffar": "sessions",
    "antal träffar": "sessions",
    "timmar": "hours",
    "timmar per träff": "hours",
    "delmål": "goals",
}
"""Headings (lower case) and the activity field each fills."""

HEADER_KEYS: Final = ("projekt", "projekt-id", "ägare", "ägare-id", "ägartyp", "utgivare")
_GOAL_KEY: Final = re.compile(r"^delmål (\d+)$")
_ID_FORBIDDEN: Final = re.compile(r"[\s/\\:*?\"<>|#%]+")


@attrs.frozen
class SheetImport:
    """What an import gives: the dataset of good rows, every problem found, and the rows'
    account (taken in, taken in with a warning, left out)."""

    dataset: Dataset
    diagnostics: tuple[Diagnostic, ...]
    rows: RecordTally = attrs.field(factory=lambda: RecordTally(0))


class CellError(ValueError):
    """A cell's value cannot be read; ``code`` says how."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@attrs.frozen
class Doubtful:
    """A cell's value read with a doubt worth a warning (a name matched by a close spelling)."""

    value: Any
    code: str
    message: str


def _normal(value: Any) -> str:
    text = unicodedata.normalize("NFC", str(value))
    return " ".join(text.split()).strip().rstrip(":").strip().lower()


def slug(text: str) -> str:
    """An id made from ``text``: lower case, hyphens for spaces and forbidden characters."""
    normal = unicodedata.normalize("NFC", text).strip().lower()
    return _ID_FORBIDDEN.sub("-", normal).strip("-")[:100] or "aktivitet"


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _lookup(table: CodeList, value: Any, what: str) -> str:
    """The code of ``value``, given as the code itself or its Swedish name."""
    wanted = _normal(value)
    for entry in table.codes:
        if wanted in {entry.code.lower(), _normal(entry.title.get("sv", ""))}:
            return entry.code
    raise CellError(
        f"sheets.bad-{what}", f"{_text(value)!r} is not a known {table.id} code or name"
    )


def _municipality(value: Any) -> str | Doubtful:
    """The kommunkod of a code or a name as people write it (``Mölndals stad``, ``LillaEdet``)."""
    try:
        match = match_municipality(_text(value))
    except NoMatchError as error:
        raise CellError("sheets.bad-municipality", str(error)) from None
    if match.certainty is Certainty.FUZZY:
        return Doubtful(match.code, "sheets.fuzzy-municipality", f"{match.describe()}; check it")
    return match.code


def _date(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return str(PartialDate.of(value.date()))
    if isinstance(value, dt.date):
        return str(PartialDate.of(value))
    try:
        return str(parse_date(_text(value)))
    except ValueError as error:
        raise CellError("sheets.bad-date", str(error)) from None


def _count(value: Any) -> dict[str, Any]:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    try:
        count = parse_count(str(value))
    except ValueError as error:
        raise CellError("sheets.bad-count", str(error)) from None
    wire: dict[str, Any] = to_json(count)
    return wire


def _figure(status: str) -> Callable[[Any], list[dict[str, Any]]]:
    return lambda value: [{"status": status, "count": _count(value)}]


def _hours(value: Any) -> str:
    try:
        hours = Decimal(str(value)) if isinstance(value, int | float) else parse_decimal(value)
    except ValueError as error:
        raise CellError("sheets.bad-number", str(error)) from None
    if hours <= 0:
        raise CellError("sheets.bad-number", f"{_text(value)!r} hours: give a positive number")
    return str(hours.normalize()) if hours == hours.to_integral() else str(hours)


def _sessions(value: Any) -> int:
    try:
        number = int(value) if isinstance(value, int) else parse_integer(_text(value))
    except ValueError as error:
        raise CellError("sheets.bad-number", str(error)) from None
    if number < 1:
        raise CellError("sheets.bad-number", f"{number} sessions: give at least 1")
    return number


def _languages(value: Any) -> list[str]:
    names = [n for n in re.split(r",|;|/| och ", _text(value)) if n.strip()]
    table = codelist("language")
    return list(dict.fromkeys(_lookup(table, name, "language") for name in names))


def _goals(value: Any) -> list[int]:
    parts = [p for p in re.split(r"[,;\s]+", _text(value)) if p]
    if not all(p.isdigit() and int(p) >= 1 for p in parts):
        raise CellError(
            "sheets.bad-goal", f"{_text(value)!r} is not a list of sub-goal numbers (1, 3)"
        )
    return list(dict.fromkeys(int(p) for p in parts))


def _identifier(value: Any) -> str:
    text = _text(value)
    if not text or len(text) > 100 or _ID_FORBIDDEN.search(text):
        raise CellError(
            "sheets.bad-id", f'{text!r} is not an id: no spaces or / \\ : * ? " < > | # %'
        )
    return unicodedata.normalize("NFC", text)


_READERS: Final[dict[str, Callable[[Any], Any]]] = {
    "title": _text,
    "id": _identifier,
    "kind": lambda v: _lookup(codelist("activity-kind"), v, "kind"),
    "description": _text,
    "date": _date,
    "start": _date,
    "end": _date,
    "place": _text,
    "municipality": _municipality,
    "languages": _languages,
    "participants": _figure("actual"),
    "planned": _figure("planned"),
    "instances": _count,
    "sessions": _sessions,
    "hours": _hours,
    "goals": _goals,
}
REQUIRED: Final = ("title", "kind")
_HEADER_READERS: Final[dict[str, Callable[[Any], str]]] = {
    "projekt-id": _identifier,
    "ägare-id": _identifier,
    "ägartyp": lambda v: _lookup(codelist("organisation-kind"), v, "owner-kind"),
}


class _Reader:
    """Reads one table, collecting diagnostics as it goes."""

    def __init__(self, table: Table, path: Path) -> None:
        self.table = table
        self.path = path
        self.diagnostics: list[Diagnostic] = []
        self.unnamed: set[int] = set()
        self.ignored: set[int] = set()
        """Columns already reported at their heading (unknown or duplicate)."""

    def report(
        self,
        code: str,
        row: int,
        column: int,
        message: str,
        heading: str | None = None,
        severity: Severity = Severity.ERROR,
    ) -> None:
        place = self.table.cell(row, column) + (f" ({heading})" if heading else "")
        self.diagnostics.append(
            Diagnostic(
                code,
                f"{place}: {message}",
                severity=severity,
                file=str(self.path),
                line=row,
                column=column + 1,
                source="grprojects-sheets",
            )
        )

    def header(self, rows: list[tuple[int, tuple[Any, ...]]]) -> dict[str, Any]:
        """The header block's values by key; goals under ``goals``."""
        values: dict[str, Any] = {"goals": {}}
        for number, row in rows:
            filled = [(i, v) for i, v in enumerate(row) if not _blank(v)]
            (key_column, key), *rest = filled
            name = _normal(key)
            goal = _GOAL_KEY.match(name)
            if len(rest) != 1 or not (goal or name in HEADER_KEYS):
                self.report(
                    "sheets.bad-header",
                    number,
                    key_column,
                    f"a header row is one known key and its value ({', '.join(HEADER_KEYS)}, "
                    "Delmål 1 …); this one is not read",
                )
            elif goal:
                values["goals"][int(goal[1])] = _text(rest[0][1])
            else:
                value_column, value = rest[0]
                try:
                    values[name] = _HEADER_READERS.get(name, _text)(value)
                except CellError as error:
                    self.report(
                        error.code, number, value_column, str(error), _text(key).rstrip(":")
                    )
        return values

    def columns(self, number: int, headings: tuple[Any, ...]) -> dict[int, tuple[str, str]]:
        """Column index → (field, heading) for the known headings; the rest reported."""
        found: dict[int, tuple[str, str]] = {}
        used: set[str] = set()
        for column, heading in enumerate(headings):
            if _blank(heading):
                continue
            name = COLUMNS.get(_normal(heading))
            if name is None or name in used:
                self.ignored.add(column)
            if name is None:
                self.report(
                    "sheets.unknown-column",
                    number,
                    column,
                    f"unknown column {_text(heading)!r}; its values are not imported "
                    f"(known: {', '.join(sorted({h.capitalize() for h in COLUMNS}))})",
                )
            elif name in used:
                self.report(
                    "sheets.duplicate-column",
                    number,
                    column,
                    f"a second {_text(heading)!r} column; its values are not imported",
                )
            else:
                found[column] = (name, _text(heading))
                used.add(name)
        for field in REQUIRED:
            if field not in used:
                heading = next(h for h, f in COLUMNS.items() if f == field)
                self.report(
                    "sheets.missing-column", number, 0, f"no {heading.capitalize()!r} column"
                )
        return found

    def activity(
        self, number: int, row: tuple[Any, ...], columns: dict[int, tuple[str, str]]
    ) -> dict[str, Any] | None:
        """The activity of one row, or ``None`` with every bad cell reported."""
        fields: dict[str, Any] = {}
        good = True
        for column, (name, heading) in columns.items():
            value = row[column] if column < len(row) else None
            if _blank(value):
                if name in REQUIRED:
                    self.report("sheets.missing-value", number, column, "empty", heading)
                    good = False
                continue
            try:
                read = _READERS[name](value)
            except CellError as error:
                self.report(error.code, number, column, str(error), heading)
                good = False
                continue
            if isinstance(read, Doubtful):
                warning = Severity.WARNING
                self.report(read.code, number, column, read.message, heading, warning)
                read = read.value
            fields[name] = read
        for column in range(len(row)):
            if column not in columns and not _blank(row[column]):
                self._unnamed(number, column)
        if "date" in fields and ("start" in fields or "end" in fields):
            column = next(c for c, (n, _) in columns.items() if n in ("start", "end"))
            self.report(
                "sheets.conflict", number, column, "give either Datum or Från/Till, not both"
            )
            good = False
        return _activity(fields) if good else None

    def _unnamed(self, number: int, column: int) -> None:
        """Report a value in a column without a heading, once per column."""
        if column in self.unnamed or column in self.ignored:
            return
        self.unnamed.add(column)
        self.report(
            "sheets.unnamed-column",
            number,
            column,
            "a value in a column without a heading; give the column a heading",
        )


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _activity(fields: dict[str, Any]) -> dict[str, Any]:
    activity: dict[str, Any] = {
        "id": fields.get("id", ""),
        "kind": fields["kind"],
        "title": {"sv": fields["title"]},
    }
    if "description" in fields:
        activity["description"] = {"sv": fields["description"]}
    start, end = fields.get("date", fields.get("start")), fields.get("date", fields.get("end"))
    if start or end:
        activity["period"] = {k: v for k, v in (("start", start), ("end", end)) if v}
    place = {
        k: v
        for k, v in (("name", fields.get("place")), ("municipality", fields.get("municipality")))
        if v
    }
    if "name" in place:
        place["name"] = {"sv": place["name"]}
    if place:
        activity["place"] = place
    for name, member in (
        ("languages", "languages"),
        ("instances", "instances"),
        ("sessions", "sessions"),
        ("hours", "hours_per_session"),
        ("goals", "goals"),
    ):
        if name in fields:
            activity[member] = fields[name]
    figures = fields.get("planned", []) + fields.get("participants", [])
    if figures:
        activity["figures"] = [{**f, "sources": [SOURCE_ID]} for f in figures]
    activity["sources"] = [SOURCE_ID]
    return activity


def _heading_row(table: Table) -> int | None:
    for index, (_, row) in enumerate(table.rows):
        if any(not _blank(v) and COLUMNS.get(_normal(v)) == "title" for v in row):
            return index
    return None


def _choose(tables: list[Table]) -> Table | None:
    with_headings = [t for t in tables if _heading_row(t) is not None]
    preferred = [t for t in with_headings if t.sheet == PREFERRED_SHEET]
    chosen = preferred or with_headings
    return chosen[0] if chosen else None


def read_activities(path: Path) -> SheetImport:
    """Read the activity list at ``path`` (``.csv`` or ``.xlsx``)."""
    tables = read_tables(path)
    table = _choose(tables)
    if table is None:
        sheets = ", ".join(t.sheet for t in tables) or "none"
        message = f"no heading row with an 'Aktivitet' column in any sheet ({sheets})"
        raise DocumentError([Diagnostic("sheets.no-heading-row", message, file=str(path))])
    reader = _Reader(table, path)
    start = _heading_row(table)
    assert start is not None  # noqa: S101 - _choose only returns tables with a heading row
    header = reader.header(list(table.rows[:start]))
    heading_number, headings = table.rows[start]
    columns = reader.columns(heading_number, headings)
    activities = []
    rows = table.rows[start + 1 :]
    clean = warned = 0
    if not any(d.code == "sheets.missing-column" for d in reader.diagnostics):
        for number, row in rows:
            before = len(reader.diagnostics)
            activity = reader.activity(number, row, columns)
            if activity is not None:
                activities.append(activity)
                if len(reader.diagnostics) > before:
                    warned += 1
                else:
                    clean += 1
    _give_ids(activities)
    value = _dataset(path, header, activities)
    dataset: Dataset = load(json.dumps(value, ensure_ascii=False))
    tally = RecordTally(clean, warned, len(rows) - clean - warned)
    return SheetImport(dataset, tuple(reader.diagnostics), tally)


def _give_ids(activities: list[dict[str, Any]]) -> None:
    """Ids from titles where the sheet gives none, made unique with -2, -3 …"""
    taken = {a["id"] for a in activities if a["id"]}
    for activity in activities:
        if activity["id"]:
            continue
        base = slug(activity["title"]["sv"])
        candidate, n = base, 1
        while candidate in taken:
            n += 1
            candidate = f"{base[:95]}-{n}"
        activity["id"] = candidate
        taken.add(candidate)


def _dataset(
    path: Path, header: dict[str, Any], activities: list[dict[str, Any]]
) -> dict[str, Any]:
    name = header.get("projekt") or path.stem
    project: dict[str, Any] = {
        "id": header.get("projekt-id") or slug(name),
        "name": {"sv": name},
    }
    organisations = []
    owner = header.get("ägare")
    if owner:
        owner_id = header.get("ägare-id") or slug(owner)
        kind = header.get("ägartyp", "other")
        organisations.append(
            {"id": owner_id, "name": {"sv": owner}, "kind": kind, "sources": [SOURCE_ID]}
        )
        project["participations"] = [
            {"organisation": owner_id, "role": "owner", "sources": [SOURCE_ID]}
        ]
    goals = header["goals"]
    if goals:
        project["goals"] = [
            {"number": n, "description": {"sv": goals[n]}, "sources": [SOURCE_ID]}
            for n in sorted(goals)
        ]
    if activities:
        project["activities"] = activities
    project["sources"] = [SOURCE_ID]
    publisher: dict[str, Any] = {"name": {"sv": header.get("utgivare") or owner or path.name}}
    if owner and not header.get("utgivare"):
        publisher["organisation"] = organisations[0]["id"]
    return {
        "version": "1.1",
        "title": {"sv": f"{name}: aktiviteter"},
        "publisher": publisher,
        "organisations": organisations,
        "projects": [project],
        "sources": [
            {"id": SOURCE_ID, "title": {"sv": path.name}, "kind": "spreadsheet"},
        ],
    }
