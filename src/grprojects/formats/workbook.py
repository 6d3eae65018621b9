"""Reading workbooks nobody has looked at: checked, bounded, every failure located.

openpyxl parses what a workbook holds and trusts it. This module stands in front of
it, for the XLSX format and for plugins that read workbooks:

1. The zip's directory is checked (:mod:`grprojects.formats._archive`), and every
   member unpacked once, its checksum compared: damaged or encrypted data is named
   by member.
2. Every XML part is parsed in that same pass with expat, streaming. A DTD is refused (OOXML has
   none; entity bombs and external entities need one); malformed XML is named by
   member, line and column; each worksheet's rows and columns are counted against
   :data:`~grprojects.formats._archive.MAX_ROWS`, ``MAX_COLUMNS`` and ``MAX_CELLS``
   before openpyxl builds a single cell, and every other part's size in elements
   against :data:`MAX_PART_ELEMENTS`, since openpyxl holds those parts whole.
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

from openpyxl import load_workbook

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
"""XML elements of a part openpyxl holds whole (styles, workbook, relationships);
LibreOffice's styles of a large workbook have a few thousand."""
MAX_RECORD_ELEMENTS: Final = 100_000
"""XML elements within one row or one shared string (rich-text runs)."""

T = TypeVar("T")

_STREAMED: Final = frozenset({"worksheet", "sst"})
"""Root elements of the parts openpyxl reads row by row or string by string."""
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


class _PartScan:
    """One XML part parsed with expat: refused DTDs, counted rows, cells and elements."""

    def __init__(self, member: str, budget: CellBudget) -> None:
        self.member = member
        self.budget = budget
        self.root: str | None = None
        self.elements = 0
        self.depth = 0
        self.in_data = 0
        """Depth at which ``sheetData`` opened, 0 outside it."""
        self.row = 0
        self.width = 0
        self.column = 0
        self.record = 0
        """Elements since the current row or shared string began."""
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
        self.record += 1
        if self.root is None:
            self.root = local
        if self.root not in _STREAMED:
            self.elements += 1
            if self.elements > MAX_PART_ELEMENTS:
                raise _RefusedError(
                    "archive.too-large",
                    f"more than {MAX_PART_ELEMENTS:,} elements in a part that is read whole",
                )
        elif self.record > MAX_RECORD_ELEMENTS:
            raise _RefusedError(
                "archive.too-large",
                f"more than {MAX_RECORD_ELEMENTS:,} elements in one row or shared string",
            )
        if local == "si" and self.root == "sst":
            self.record = 0
            self.budget.row(f"{self.member}, shared strings", 1, 1)
        elif local == "sheetData" and self.root == "worksheet":
            self.in_data = self.depth
        elif self.in_data and local == "row" and self.depth == self.in_data + 1:
            number = attributes.get("r")
            self.row = self.number(number, "row") if number is not None else self.row + 1
            self.width = self.column = self.record = 0
        elif self.in_data and local == "c" and self.depth == self.in_data + 2:
            reference = attributes.get("r")
            if reference is None:
                self.column += 1
            else:
                match = _REFERENCE.match(reference)
                if match is None:
                    raise _RefusedError("xlsx.unreadable", "a cell reference that is not one")
                self.column = _column(match.group(1))
            self.width = max(self.width, self.column)

    def end(self, name: str) -> None:
        if self.in_data and self.depth == self.in_data + 1:
            self.budget.row(f"{self.member}, row {self.row}", self.row, self.width)
        if self.depth == self.in_data:
            self.in_data = 0
        self.depth -= 1

    def number(self, text: str, what: str) -> int:
        if not text.isascii() or not text.isdigit() or len(text) > 7:
            raise _RefusedError("xlsx.unreadable", f"a {what} number that is not one")
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
