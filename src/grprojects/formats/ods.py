"""OpenDocument spreadsheets (``.ods``), both ways, in the layout of :mod:`.tabular`.

ODS is LibreOffice's own format and the open one Swedish public bodies are steered to.
The sheets, columns and cells are those of the XLSX workbook (one sheet per kind of
record, codes with their Swedish names and a drop-down of their list, counts and
amounts as numbers where a spreadsheet keeps them, widths from content, an autofilter).

- Written with odfpy (the ``ods`` extra), the OpenDocument library pandas writes ODS
  with: it builds any ODF element, so every cell gets its exact value type.
- Read by streaming ``content.xml`` through defusedxml's ElementTree (installed with
  odfpy): odfpy's own loader prints a part it cannot parse to standard output and
  goes on with what it has, which would leak data and hide the error. Streaming
  keeps memory bounded, and defusedxml refuses entity declarations.
- A run of repeated empty rows or cells (LibreOffice ends every sheet with one a
  million rows long) is never expanded; repeated filled rows or cells are, up to
  the 1,048,576 rows and 16,384 columns LibreOffice has.
- Like XLSX, text XML cannot hold (control characters) is written ``_xHHHH_``, and so
  is what it discourages (C1 controls, non-characters), which odfpy would replace; the
  formulas ``=TRUE()`` and ``=FALSE()`` are booleans and any other formula is reported.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import re
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Final
from xml.etree.ElementTree import Element

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, iterparse
from odf import dc
from odf.opendocument import OpenDocumentSpreadsheet
from odf.style import (
    Style,
    TableCellProperties,
    TableColumnProperties,
    TableProperties,
    TextProperties,
)
from odf.table import (
    ContentValidation,
    ContentValidations,
    DatabaseRange,
    DatabaseRanges,
    ErrorMessage,
    HelpMessage,
    Table,
    TableCell,
    TableColumn,
    TableRow,
)
from odf.text import P, S, Tab

from ..codelists import CodeList
from ..diagnostics import Diagnostic
from ..errors import DocumentError
from ..io import write_atomically
from ..model import Dataset
from . import _archive, _sizes, tabular
from . import _presentation as presentation
from ._archive import check_archive
from ._cells import (
    LINE,
    Cell,
    DateCell,
    RawCell,
    column_letter,
    decode,
    encode,
    formula,
    number_text,
    text_cell,
)
from ._presentation import CODES_SHEET, label
from .tabular_import import read_tables

MAX_COLUMNS: Final = 16_384
"""Columns of one sheet in LibreOffice; repeated filled cells past it are refused."""
MAX_CELLS: Final = 20_000_000
"""Cells of all sheets together that repeated filled rows and cells may unfold to."""
EXTRA_ROWS: Final = 1_000
"""Empty rows below the data that still offer the drop-downs of code columns."""
CHARACTER_WIDTH_CM: Final = 0.2
"""About one character of the default font, to turn widths in characters into lengths."""

_TABLE: Final = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE: Final = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_TEXT: Final = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_CONTENT: Final = "content.xml"
_SPACES: Final = re.compile(r"( +|\t)")
_INTEGER: Final = re.compile(r"-?[0-9]+")


# -- writing -------------------------------------------------------------------


def _paragraph(line: str) -> P:
    """A ``text:p`` holding ``line`` exactly: every space an ODF reader would fold is spelt."""
    paragraph = P()
    parts = _SPACES.split(line)
    for index, part in enumerate(parts):
        if part == "\t":
            paragraph.addElement(Tab())
        elif part.startswith(" "):
            inner = 0 < index < len(parts) - 1 and parts[index - 1] and parts[index + 1]
            if part == " " and inner and parts[index - 1] != "\t" and parts[index + 1] != "\t":
                paragraph.addText(" ")
            else:
                paragraph.addElement(S(c=str(len(part))))
        elif part:
            paragraph.addText(part)
    return paragraph


class _Styles:
    """The automatic styles of the document: bold headings, wrapped text, column widths."""

    def __init__(self, document: OpenDocumentSpreadsheet) -> None:
        self.document = document
        self.bold = self._add("heading", "table-cell", TextProperties(fontweight="bold"))
        self.wrap = self._add(
            "wrapped", "table-cell", TableCellProperties(wrapoption="wrap", verticalalign="top")
        )
        self.hidden = self._add("hidden", "table", TableProperties(display="false"))
        self.widths: dict[int, Style] = {}

    def _add(self, name: str, family: str, properties: Any) -> Style:
        style = Style(name=name, family=family)
        style.addElement(properties)
        self.document.automaticstyles.addElement(style)
        return style

    def width(self, characters: int) -> Style:
        if characters not in self.widths:
            length = f"{characters * CHARACTER_WIDTH_CM:.2f}cm"
            self.widths[characters] = self._add(
                f"width{characters}", "table-column", TableColumnProperties(columnwidth=length)
            )
        return self.widths[characters]


def _cell(value: Cell, **attributes: Any) -> TableCell:
    """The cell of one layout value, with its ODF value type."""
    if value is None:
        return TableCell(**attributes)
    if isinstance(value, bool):
        text = "TRUE" if value else "FALSE"
        cell = TableCell(valuetype="boolean", booleanvalue=text.lower(), **attributes)
        cell.addElement(P(text=text))
        return cell
    if isinstance(value, int | float):
        text = number_text(value)
        cell = TableCell(valuetype="float", value=text, **attributes)
        cell.addElement(P(text=text))
        return cell
    stored, _ = text_cell(encode(value, discouraged=True))  # a string cell never runs
    cell = TableCell(valuetype="string", **attributes)
    for line in stored.split(LINE):
        cell.addElement(_paragraph(line))
    return cell


def _validation(codes: CodeList, column: int) -> ContentValidation:
    """A drop-down of ``codes``, kept in the 0-based ``column`` of the code-list sheet."""
    letter = column_letter(column)
    where = f"[$'{CODES_SHEET}'.${letter}$2:${letter}${len(codes.codes) + 1}]"
    title = codes.title.get("sv", codes.id)
    closed = codes.closed
    validation = ContentValidation(
        name=f"codes-{codes.id}",
        condition=f"of:cell-content-is-in-list({where})",
        allowemptycell="true",
        displaylist="unsorted",
    )
    message = presentation.CLOSED_PROMPT if closed else presentation.OPEN_PROMPT
    helper = HelpMessage(title=title, display="true")
    helper.addElement(P(text=message))
    error = ErrorMessage(title=title, display="true" if closed else "false", messagetype="warning")
    error.addElement(P(text=message))
    validation.addElement(helper)
    validation.addElement(error)
    return validation


def _sheet(table: tabular.Table, styles: _Styles, dropdowns: dict[str, str]) -> Table:
    sheet = Table(name=table.name)
    rows = presentation.shown_rows(table)
    for width in presentation.widths(table, rows):
        sheet.addElement(TableColumn(stylename=styles.width(width)))
    heading = TableRow()
    for text in table.headings:
        heading.addElement(_cell(text, stylename=styles.bold))
    sheet.addElement(heading)
    checked = [
        dropdowns.get(codes.id) if (codes := presentation.dropdown_of(c)) else None
        for c in table.columns
    ]
    for row in rows:
        element = TableRow()
        cells = zip(row, checked, strict=True)
        for (empty, validation), run in itertools.groupby(cells, lambda c: (c[0] is None, c[1])):
            attributes: dict[str, Any] = {}
            if validation:
                attributes["contentvalidationname"] = validation
            if empty:  # a run of empty cells is one repeated cell: fewer elements, faster
                repeat = sum(1 for _ in run)
                if repeat > 1:
                    attributes["numbercolumnsrepeated"] = str(repeat)
                element.addElement(TableCell(**attributes))
                continue
            for value, _ in run:
                wrap = {"stylename": styles.wrap} if presentation.wraps(value) else {}
                element.addElement(_cell(value, **attributes, **wrap))
        sheet.addElement(element)
    if any(checked):
        below = TableRow(numberrowsrepeated=str(EXTRA_ROWS))
        for validation in checked:
            below.addElement(
                TableCell(contentvalidationname=validation) if validation else TableCell()
            )
        sheet.addElement(below)
    return sheet


def _code_sheet(lists: Sequence[CodeList], styles: _Styles) -> Table:
    """The hidden sheet of the code lists the drop-downs show, one column per list."""
    sheet = Table(name=CODES_SHEET, stylename=styles.hidden)
    for _ in lists:
        sheet.addElement(TableColumn(stylename=styles.width(presentation.MAX_WIDTH // 2)))
    heading = TableRow()
    for codes in lists:
        heading.addElement(_cell(f"{codes.title.get('sv', codes.id)} ({codes.id})"))
    sheet.addElement(heading)
    for index in range(max((len(c.codes) for c in lists), default=0)):
        row, gap = TableRow(), 0
        for codes in lists:
            if index >= len(codes.codes):
                gap += 1  # shorter lists leave gaps, written as one repeated cell each
                continue
            if gap:
                row.addElement(TableCell(numbercolumnsrepeated=str(gap)))
                gap = 0
            row.addElement(_cell(label(codes, codes.codes[index].code)))
        sheet.addElement(row)
    return sheet


def write(dataset: Dataset, path: Path) -> list[str]:
    """Write ``dataset`` as an OpenDocument spreadsheet at ``path``, atomically."""
    tables = tabular.tables(dataset)
    lists = presentation.dropdown_lists(tables)
    sizes = [_sizes.table_size(t) for t in tables]
    sizes.append(_sizes.codes_sheet_size(lists))
    _sizes.check_sizes(sizes, "ODS", columns=MAX_COLUMNS, cells=MAX_CELLS)
    document = OpenDocumentSpreadsheet()
    document.meta.addElement(dc.Title(text=dataset.title.sv))
    document.meta.addElement(dc.Creator(text=dataset.publisher.name.sv))
    styles = _Styles(document)
    if lists:
        validations = ContentValidations()
        for index, codes in enumerate(lists):
            validations.addElement(_validation(codes, index))
        document.spreadsheet.addElement(validations)
    dropdowns = {codes.id: f"codes-{codes.id}" for codes in lists}
    ranges = DatabaseRanges()
    for index, table in enumerate(tables):
        document.spreadsheet.addElement(_sheet(table, styles, dropdowns))
        corner = f"{column_letter(len(table.columns) - 1)}{len(table.rows) + 1}"
        quoted = "'" + table.name.replace("'", "''") + "'"
        ranges.addElement(
            DatabaseRange(
                name=f"__Anonymous_Sheet_DB__{index}",
                targetrangeaddress=f"{quoted}.A1:{quoted}.{corner}",
                displayfilterbuttons="true",
            )
        )
    document.spreadsheet.addElement(_code_sheet(lists, styles))
    document.spreadsheet.addElement(ranges)
    buffer = io.BytesIO()
    document.write(buffer)
    write_atomically(path, buffer.getvalue())
    return []


# -- reading -------------------------------------------------------------------


def _text(element: Element) -> str:
    """The text of a paragraph or span, its spaces, tabs and line breaks spelt out."""
    found = [element.text or ""]
    for child in element:
        if child.tag == f"{{{_TEXT}}}s":
            found.append(" " * int(child.get(f"{{{_TEXT}}}c", "1")))
        elif child.tag == f"{{{_TEXT}}}tab":
            found.append("\t")
        elif child.tag == f"{{{_TEXT}}}line-break":
            found.append(LINE)
        elif child.tag not in {f"{{{_TEXT}}}note", f"{{{_OFFICE}}}annotation"}:
            found.append(_text(child))
        found.append(child.tail or "")
    return "".join(found)


def _number(text: str) -> RawCell:
    if _INTEGER.fullmatch(text):
        return int(text)
    try:
        return float(text)
    except ValueError:
        return text


def _moment(text: str, shown: str) -> RawCell:
    """A date cell, as precise as the text it shows: ``2018-09`` shown is a month."""
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        return text
    shapes = {10: "yyyy-mm-dd", 7: "yyyy-mm", 4: "yyyy"}
    shape = shapes.get(len(shown), "") if re.fullmatch(r"[0-9]{4}(-[0-9]{2}){0,2}", shown) else ""
    return DateCell(value, shape)


_DURATION: Final = re.compile(r"-?PT([0-9]+)H([0-9]+)M([0-9]+(?:\.[0-9]+)?)S")


def _duration(text: str, shown: str) -> RawCell:
    """A time cell: a duration the readers refuse by name, or its text if malformed."""
    match = _DURATION.fullmatch(text)
    if match is None:
        return shown
    hours, minutes, seconds = match.groups()
    return dt.timedelta(hours=int(hours), minutes=int(minutes), seconds=float(seconds))


def _value(cell: Element) -> RawCell:
    """What one ``table:table-cell`` holds, as the readers of the layout expect it."""
    written = cell.get(f"{{{_TABLE}}}formula")
    if written is not None:
        return formula(written)
    kind = cell.get(f"{{{_OFFICE}}}value-type")
    paragraphs = [p for p in cell if p.tag == f"{{{_TEXT}}}p"]
    shown = LINE.join(_text(p) for p in paragraphs)
    if kind in {"float", "percentage", "currency"}:
        return _number(cell.get(f"{{{_OFFICE}}}value", shown))
    if kind == "boolean":
        return cell.get(f"{{{_OFFICE}}}boolean-value", "").lower() == "true"
    if kind == "date":
        return _moment(cell.get(f"{{{_OFFICE}}}date-value", ""), shown)
    if kind == "time":
        return _duration(cell.get(f"{{{_OFFICE}}}time-value", ""), shown)
    if kind is None and not paragraphs:
        return None
    text = cell.get(f"{{{_OFFICE}}}string-value")
    return decode(shown if text is None else text)


def _repeat(element: Element, attribute: str) -> int:
    try:
        return max(int(element.get(f"{{{_TABLE}}}{attribute}", "1")), 1)
    except ValueError:
        return 1


def _sheets(content: Any) -> Iterator[tuple[str, list[list[RawCell]]]]:
    """Each sheet's name and rows, streamed; trailing empty rows and cells left out."""
    rows: list[list[RawCell]] = []
    cells: list[RawCell] = []
    empty_rows = empty_cells = total = 0
    cell_tags = {f"{{{_TABLE}}}table-cell", f"{{{_TABLE}}}covered-table-cell"}
    open_elements: list[Element] = []
    for event, element in iterparse(content, events=("start", "end")):
        if event == "start":
            open_elements.append(element)
            continue
        open_elements.pop()
        if element.tag in cell_tags:
            value = _value(element)
            count = _repeat(element, "number-columns-repeated")
            if value is None or value == "":
                empty_cells += count
            else:
                if len(cells) + empty_cells + count > MAX_COLUMNS:
                    raise _TooLargeError(f"more than {MAX_COLUMNS:,} columns")
                cells += [None] * empty_cells + [value] * count
                empty_cells = 0
        elif element.tag == f"{{{_TABLE}}}table-row":
            count = _repeat(element, "number-rows-repeated")
            if not cells:
                empty_rows += count
            else:
                total += (empty_rows + count) * len(cells)
                if len(rows) + empty_rows + count > _archive.MAX_ROWS or total > MAX_CELLS:
                    limits = f"{_archive.MAX_ROWS:,} rows or {MAX_CELLS:,} cells"
                    raise _TooLargeError(f"more than {limits}")
                rows += [[] for _ in range(empty_rows)] + [list(cells) for _ in range(count)]
                empty_rows = 0
            cells, empty_cells = [], 0
        elif element.tag == f"{{{_TABLE}}}table":
            yield element.get(f"{{{_TABLE}}}name", ""), rows
            rows, empty_rows = [], 0
        else:
            continue
        if open_elements:  # done with it: let it go, so memory stays bounded
            open_elements[-1].remove(element)


class _TooLargeError(Exception):
    """A sheet whose repeated filled rows or cells pass what LibreOffice holds."""


def _refuse(path: Path, code: str, message: str) -> DocumentError:
    return DocumentError([Diagnostic(code, message, file=str(path))])


def read(path: Path) -> Dataset:
    """Read the spreadsheet at ``path``; :class:`DocumentError` naming cells on bad input."""
    check_archive(path)
    tables: dict[str, list[list[RawCell]]] = {}
    try:
        with zipfile.ZipFile(path) as archive, archive.open(_CONTENT) as content:
            for name, rows in _sheets(content):
                if name in tables:
                    raise _refuse(path, "ods.unreadable", f"two sheets are named {name!r}")
                tables[name] = rows
    except KeyError:
        raise _refuse(path, "ods.unreadable", f"no {_CONTENT}: not a spreadsheet") from None
    except (ParseError, DefusedXmlException) as error:
        raise _refuse(path, "ods.unreadable", f"{_CONTENT} is not well-formed: {error}") from None
    except (
        OSError,
        EOFError,
        RuntimeError,
        NotImplementedError,
        zlib.error,
        zipfile.BadZipFile,
    ) as error:
        # zipfile's own: encrypted (RuntimeError), unknown compression, corrupt data, bad CRC
        raise _refuse(path, "archive.unreadable", f"cannot be unpacked: {error}") from None
    except _TooLargeError as error:
        raise _refuse(path, "ods.too-large", f"a sheet has {error}") from None
    return read_tables(tables, file=str(path))
