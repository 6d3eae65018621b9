"""Reading workbooks nobody has looked at: checked, bounded, every failure located.

openpyxl parses what a workbook holds and trusts it. This module stands in front of
it, for the XLSX format and for plugins that read workbooks:

1. The zip's directory is checked (:mod:`grprojects.formats._archive`), and every
   member unpacked once, its checksum compared: damaged or encrypted data is named
   by member.
2. Every XML part is parsed in that same pass with expat, streaming. A DTD is refused (OOXML has
   none; entity bombs and external entities need one); malformed XML is named by
   member, line and column; each worksheet's rows and columns are counted against
   :data:`MAX_ROWS`, :data:`MAX_COLUMNS` and :data:`MAX_CELLS` before openpyxl
   builds a single cell, and what openpyxl holds whole (other parts, what a sheet
   has beside its rows) against :data:`MAX_PART_ELEMENTS`.
3. openpyxl then reads in read-only mode, each row padded only to its own last
   cell. What it still raises on content it cannot make sense of (an attribute of
   the wrong kind) is reported with the sheet and the row reached, never passed on.

Messages name places, never values: a cell's content may be personal data.
"""

from __future__ import annotations

import re
import warnings
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any, Final, TypeVar
from xml.parsers import expat

from ..diagnostics import Diagnostic
from ..errors import DocumentError
from ._archive import (
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_ROWS,
    MAX_TOTAL_SIZE,
    CellBudget,
    check_archive,
    name_of,
    open_member,
    refusal,
)

__all__ = [
    "MAX_CELLS",
    "MAX_COLUMNS",
    "MAX_PART_ELEMENTS",
    "MAX_RECORD_ELEMENTS",
    "MAX_ROWS",
    "MAX_TOTAL_SIZE",
    "CellBudget",
    "read_workbook",
]

MAX_PART_ELEMENTS: Final = 200_000
"""XML elements of a part that openpyxl holds whole (styles, workbook, relationships),
or outside the rows of a sheet; LibreOffice's styles of a large workbook have a few
thousand."""
MAX_RECORD_ELEMENTS: Final = 100_000
"""XML elements within one row or one shared string (rich-text runs)."""

T = TypeVar("T")

_RECORDS: Final = {"worksheet": "row", "sst": "si"}
"""Root elements of the parts openpyxl reads record by record, and their records."""
_REFERENCE: Final = re.compile(r"^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$")
_XML_START: Final = (b"<", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


class _RefusedError(Exception):
    """Raised from an expat handler to stop parsing a part."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def _column(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


class _Record:
    """A row (or shared string) being parsed: its number, depth and width so far."""

    def __init__(self, number: int, depth: int) -> None:
        self.number = number
        self.depth = depth
        self.width = 0
        self.column = 0


class _PartScan:
    """One XML part parsed with expat: refused DTDs, counted rows, cells and elements.

    openpyxl parses a worksheet's rows (a ``row`` element anywhere in it, as its
    parser does) and a shared-string table's ``si`` one at a time, clearing each
    after use; everything else it keeps. So the elements within one record are
    bounded by :data:`MAX_RECORD_ELEMENTS`, the others of a part by
    :data:`MAX_PART_ELEMENTS`, and each row's width and number by the cell budget.
    """

    def __init__(self, member: str, budget: CellBudget) -> None:
        self.member = member
        self.budget = budget
        self.record_tag: str | None = None
        self.started = False
        self.elements = 0
        self.depth = 0
        self.rows = 0
        self.open: list[_Record] = []
        self.record = 0
        """Elements since the outermost open record began."""
        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.parser.StartDoctypeDeclHandler = self.doctype
        self.parser.StartElementHandler = self.start
        self.parser.EndElementHandler = self.end

    def doctype(self, *_: Any) -> None:
        raise _RefusedError(
            "xlsx.doctype",
            "declares a document type (DTD), which no workbook part has; refused, "
            "since entity expansion and external entities need one",
        )

    def start(self, name: str, attributes: dict[str, str]) -> None:
        local = name.rpartition(" ")[2]
        self.depth += 1
        if not self.started:
            self.started = True
            self.record_tag = _RECORDS.get(local)
        if local == self.record_tag:
            if not self.open:
                self.record = 0
            number = attributes.get("r")
            self.rows = self.number(number) if number is not None else self.rows + 1
            self.open.append(_Record(self.rows, self.depth))
        if self.open:
            self.record += 1
            if self.record > MAX_RECORD_ELEMENTS:
                raise _RefusedError(
                    "archive.too-large",
                    f"more than {MAX_RECORD_ELEMENTS:,} elements in one row or shared string",
                )
            row = self.open[-1]
            if local == "c" and self.depth == row.depth + 1 and self.record_tag == "row":
                reference = attributes.get("r")
                if reference is None:
                    row.column += 1
                else:
                    match = _REFERENCE.match(reference)
                    if match is None:
                        raise _RefusedError("xlsx.unreadable", "a cell reference that is not one")
                    row.column = _column(match.group(1))
                row.width = max(row.width, row.column)
        else:
            self.elements += 1
            if self.elements > MAX_PART_ELEMENTS:
                raise _RefusedError(
                    "archive.too-large",
                    f"more than {MAX_PART_ELEMENTS:,} elements outside rows in one part",
                )

    def end(self, name: str) -> None:
        if self.open and self.open[-1].depth == self.depth:
            row = self.open.pop()
            if self.record_tag == "row":
                where = f"{self.member}, row {row.number}"
                self.budget.row(where, row.number, row.width)
            else:
                self.budget.row(f"{self.member}, shared strings", 1, 1)
        self.depth -= 1

    def number(self, text: str) -> int:
        if not text.isascii() or not text.isdigit() or len(text) > 7:
            raise _RefusedError("xlsx.unreadable", "a row number that is not one")
        return int(text)


def _scan(path: Path, source: IO[bytes], members: list[zipfile.ZipInfo]) -> None:
    """Unpack every member once, checksums compared, and parse every XML part,
    refusing what openpyxl should not be given."""
    budget = CellBudget(path)
    with zipfile.ZipFile(source) as archive:
        for member in members:
            name = name_of(member)
            scan: _PartScan | None = None
            binary = False  # an image or other part that is no XML: unpacked, not parsed
            try:
                for chunk in open_member(archive, member, path):
                    binary = binary or (scan is None and not chunk.lstrip().startswith(_XML_START))
                    if binary:
                        continue
                    if scan is None:
                        scan = _PartScan(name, budget)
                    scan.parser.Parse(chunk, False)
                if scan is not None:
                    scan.parser.Parse(b"", True)
            except _RefusedError as refused:
                assert scan is not None  # noqa: S101 - only a running scan refuses
                place = (
                    f"{name}:{scan.parser.CurrentLineNumber}:{scan.parser.CurrentColumnNumber + 1}"
                )
                raise refusal(path, refused.code, f"{place}: {refused}") from None
            except expat.ExpatError as error:
                message = f"{name}:{error.lineno}:{error.offset + 1}: not well-formed XML: "
                message += expat.ErrorString(error.code)
                raise refusal(path, "xlsx.unreadable", message) from None


def _guarded(rows: Iterator[T], path: Path, sheet: str, read: list[int]) -> Iterator[T]:
    """``rows``, with what openpyxl raises on a malformed part turned into a located error."""
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except Exception as error:  # noqa: BLE001 - openpyxl parses untrusted content; any failure is the file's
            raise _not_read(path, f"{sheet}: after row {read[0]}", error) from None
        read[0] += 1
        yield row


def _not_read(path: Path, place: str, error: Exception) -> DocumentError:
    message = (
        f"{place}: openpyxl cannot read it ({type(error).__name__}); "
        "is it a workbook saved by a spreadsheet program?"
    )
    return DocumentError([Diagnostic("xlsx.unreadable", message, file=str(path))])


def read_workbook(
    path: Path, cell: Callable[[Any], T], *, data_only: bool = False
) -> dict[str, list[list[T]]]:
    """Each sheet's rows, each openpyxl cell made a value by ``cell``, in workbook order.

    ``data_only`` gives a formula's last computed value instead of the formula.
    Raises :class:`~grprojects.DocumentError` naming the file and the member, line
    and column, or sheet and row, when the workbook is damaged, unsafe or too large.
    """
    # openpyxl is imported when a workbook is read, not with this module: the sheets
    # plugin imports this module with every command, and openpyxl is slow to import.
    from openpyxl import load_workbook

    # A file object, not the path: openpyxl refuses names not ending in .xlsx, and
    # the bytes checked are the bytes read.
    with path.open("rb") as source:
        _scan(path, source, check_archive(path, source))
        source.seek(0)
        try:
            with warnings.catch_warnings():
                # openpyxl remarks on styles and extensions it skips; they hold no data
                warnings.simplefilter("ignore")
                book = load_workbook(source, read_only=True, data_only=data_only)
        except Exception as error:  # noqa: BLE001 - as in _guarded: the content is the file's
            raise _not_read(path, "the workbook's parts", error) from None
        try:
            sheets: dict[str, list[list[T]]] = {}
            for sheet in book.worksheets:
                title = str(sheet.title)
                reset = getattr(sheet, "reset_dimensions", None)
                if reset is not None:
                    reset()  # pad each row to its own last cell, not to what the file claims
                read = [0]
                rows = _guarded(sheet.iter_rows(), path, title, read)
                sheets[title] = [[cell(c) for c in row] for row in rows]
        finally:
            book.close()
    return sheets
