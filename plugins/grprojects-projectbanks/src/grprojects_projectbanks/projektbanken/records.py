"""The project bank's records as they stand in a file: JSON, CSV or XLSX, one at a time.

The export is a JSON list of flat objects with Swedish keys; a person who opened it in
a spreadsheet saves the same records as CSV or XLSX with the keys as headings. Each
record comes with the places of its values, named as a person finds them: a JSON
Pointer into the list (``/3/kommuner``), or the sheet and cell (``Blad1!O5``).

CSV is streamed row by row (UTF-8, with or without a byte-order mark, else
Windows-1252, the encodings Excel saves in; the delimiter the heading row uses most).
JSON is parsed by grprojects' strict reader and each record let go once read.
Workbooks are read through :func:`grprojects.formats.workbook.read_workbook`, which
checks and bounds them first.
"""

from __future__ import annotations

import codecs
import csv
import unicodedata
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Final

import attrs

from grprojects import Diagnostic, DocumentError, Severity
from grprojects.io import not_utf8, read_bytes
from grprojects.jsontext import decode, parse_json

from . import codes
from .keys import IDENTIFYING, KEYS

DELIMITERS: Final = (";", "\t", ",")
SOURCE: Final = "grprojects-projectbanks"
"""Who reports the diagnostics, in them."""


@attrs.frozen
class Place:
    """Where a value stands: a JSON Pointer, or a sheet's cell with its row and column."""

    label: str
    """How a person names it: ``/3/kommuner`` or ``Blad1!O5``."""
    pointer: str = ""
    line: int | None = None
    column: int | None = None

    def diagnostic(
        self, code: str, message: str, severity: str, key: str | None = None
    ) -> Diagnostic:
        """A diagnostic at this place; a cell's label (and the key) lead the message, where
        no pointer names them."""
        named = f"{self.label} ({key})" if key else self.label
        text = message if self.pointer else f"{named}: {message}"
        return Diagnostic(
            code,
            text,
            self.pointer,
            Severity[severity.upper()],
            line=self.line,
            column=self.column,
            source=SOURCE,
        )


@attrs.frozen
class Record:
    """One record: its values by key, and where each stands (worked out when asked)."""

    number: int
    """Its 0-based position among the file's records."""
    values: Mapping[str, Any]
    whole: Place
    """The place of the record itself: ``/3``, or its row's first cell."""
    sheet: str | None = None
    """The sheet of a table's record; ``None`` for a JSON record."""
    columns: Mapping[str, int] = attrs.field(factory=dict)
    """A table's record: the 0-based column of each key."""

    def at(self, key: str) -> Place:
        """The place of ``key``'s value (the record's, for a key it lacks)."""
        if self.sheet is None:
            pointer = f"{self.whole.pointer}/{_escaped(key)}"
            return Place(pointer, pointer) if key in self.values else self.whole
        column = self.columns.get(key)
        if column is None or self.whole.line is None:
            return self.whole
        return _cell(self.sheet, self.whole.line, column)


def heading(value: Any) -> str:
    """A key or heading as compared: NFC, trimmed, lower case."""
    return unicodedata.normalize("NFC", str(value)).strip().lower()


def refused(path: Path, code: str, message: str) -> DocumentError:
    """The whole file refused."""
    return DocumentError([Diagnostic(code, message, file=str(path), source=SOURCE)])


# --- JSON ----------------------------------------------------------------------------------


def json_records(path: Path) -> Iterator[Record | Place]:
    """The records of a JSON export; the place of each entry that is no object."""
    data = read_bytes(path)
    try:
        text = decode(data)
    except UnicodeDecodeError as error:
        raise DocumentError([not_utf8(data, error, str(path))]) from None
    del data  # the bytes are let go before the text is parsed, the text once it is
    entries = parse_json(text, file=str(path))
    del text
    if not isinstance(entries, list):
        raise refused(
            path,
            codes.NOT_A_LIST,
            f"a {type(entries).__name__} where the project bank's export is a list of records",
        )
    for number in range(len(entries)):
        entry, entries[number] = entries[number], None  # each record let go once read
        whole = Place(f"/{number}", f"/{number}")
        if not isinstance(entry, dict):
            yield whole
            continue
        yield Record(number, entry, whole)


def _escaped(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


# --- tables --------------------------------------------------------------------------------


def _cell(sheet: str, row: int, column: int) -> Place:
    from openpyxl.utils import get_column_letter  # openpyxl is slow to import: when used

    return Place(f"{sheet}!{get_column_letter(column + 1)}{row}", line=row, column=column + 1)


def _is_headings(row: tuple[Any, ...] | list[Any]) -> bool:
    return {heading(v) for v in row if v is not None} >= IDENTIFYING


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def table_records(
    sheet: str, rows: Iterator[tuple[int, list[Any]]] | Iterator[tuple[int, Any]]
) -> Iterator[Record | Place | tuple[Place, str]]:
    """The records below a sheet's heading row; ``(place, heading)`` for each heading
    that is no key of the export, reported once."""
    headings: list[str] | None = None
    columns: dict[str, int] = {}
    number = 0
    for row_number, row in rows:
        if headings is None:
            if _is_headings(row):
                headings = [heading(v) if not _blank(v) else "" for v in row]
                columns = {name: column for column, name in enumerate(headings) if name}
                for column, name in enumerate(headings):
                    if name and name not in KEYS:
                        yield _cell(sheet, row_number, column), name
            continue
        if all(_blank(v) for v in row):
            continue
        values: dict[str, Any] = {}
        for column, value in enumerate(row):
            name = headings[column] if column < len(headings) else ""
            if _blank(value) or name not in KEYS:
                continue  # unknown columns are reported at their heading
            values[name] = value.strip() if isinstance(value, str) else value
        yield Record(number, values, _cell(sheet, row_number, 0), sheet, columns)
        number += 1
    if headings is None:
        raise LookupError(sheet)


def csv_records(path: Path) -> Iterator[Record | Place | tuple[Place, str]]:
    """The records of a CSV file, streamed; its sheet is named after the file."""
    from grprojects.formats.workbook import MAX_TOTAL_SIZE  # with the reader: see below

    if path.stat().st_size > MAX_TOTAL_SIZE:
        raise refused(path, codes.NO_HEADINGS, f"more than {MAX_TOTAL_SIZE:,} bytes")
    with path.open(encoding=_encoding(path), newline="") as file:
        try:
            delimiter = max(DELIMITERS, key=file.readline().count)
        except UnicodeDecodeError as error:
            message = f"neither UTF-8 nor Windows-1252: {error.reason}"
            raise refused(path, codes.NO_HEADINGS, message) from None
        file.seek(0)
        reader = csv.reader(file, delimiter=delimiter)
        try:
            yield from table_records(path.stem, enumerate(reader, start=1))
        except LookupError:
            raise refused(
                path,
                codes.NO_HEADINGS,
                "no heading row naming the project bank's keys (ärende-id, projektnamn …)",
            ) from None
        except csv.Error as error:
            message = f"line {reader.line_num}: not CSV: {error}"
            raise refused(path, codes.NO_HEADINGS, message) from None
        except UnicodeDecodeError as error:  # a byte Windows-1252 leaves undefined
            message = f"line {reader.line_num + 1}: neither UTF-8 nor Windows-1252: {error.reason}"
            raise refused(path, codes.NO_HEADINGS, message) from None


def _encoding(path: Path) -> str:
    """``utf-8-sig`` when the whole file decodes as UTF-8, else Windows-1252 (read in
    chunks, never held whole)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as file:
        try:
            while chunk := file.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252"
    return "utf-8-sig"


def xlsx_records(path: Path) -> Iterator[Record | Place | tuple[Place, str]]:
    """The records of the first sheet of a workbook with the export's heading row."""
    from grprojects.formats.workbook import read_workbook  # not when the plugin loads

    sheets = read_workbook(path, lambda cell: cell.value, data_only=True)
    for name, rows in sheets.items():
        if any(_is_headings(row) for row in rows[:20]):
            yield from table_records(name, iter(enumerate(rows, start=1)))
            return
    raise refused(
        path,
        codes.NO_HEADINGS,
        "no sheet has a heading row naming the project bank's keys (ärende-id, projektnamn …)"
        f" ({', '.join(sheets) or 'no sheets'})",
    )


def records(path: Path) -> Iterator[Record | Place | tuple[Place, str]]:
    """The records of ``path``, read as what its first bytes show (a zip is a workbook, a
    ``[`` or ``{`` JSON, anything else CSV): a record, an entry that is none (its
    place), or an unknown heading ``(place, heading)``."""
    with path.open("rb") as file:
        head = file.read(512).lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"PK\x03\x04"):
        return xlsx_records(path)
    if head.startswith((b"[", b"{")) or not head:
        return json_records(path)
    return csv_records(path)
