"""CSV, both ways: one zip archive holding one CSV file per sheet of the tabular layout.

One file per kind of record is what CSV can do; a zip keeps them together as one
output that is written atomically and cannot scatter files. The archive
(``.csv.zip``) holds ``Datamängd.csv``, ``Projekt.csv``, ``Aktiviteter.csv`` … named
after the sheets of :mod:`grprojects.formats.tabular`, never after data.

Each file is RFC 4180 CSV: comma separated, fields quoted when needed, CRLF line
ends, UTF-8 with a byte-order mark so that spreadsheet programs read å, ä and ö.
Booleans are ``true``/``false``; everything else is as in the XLSX layout,
apostrophe escaping included.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from ..diagnostics import Diagnostic
from ..errors import DocumentError
from ..io import write_atomically
from ..model import Dataset
from . import tabular
from ._archive import check_archive, member_name
from ._cells import Cell, RawCell
from .tabular_import import read_tables

SUFFIX: Final = ".csv"
_FIXED_TIME: Final = (1980, 1, 1, 0, 0, 0)
"""Every member gets the same timestamp, so equal data gives equal archives."""


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "true" if cell else "false"
    return str(cell)


def write(dataset: Dataset, path: Path) -> list[str]:
    """Write ``dataset`` as a zip of CSV files at ``path``, atomically."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for table in tabular.tables(dataset):
            text = io.StringIO(newline="")
            writer = csv.writer(text, lineterminator="\r\n")
            writer.writerow(table.headings)
            writer.writerows([_text(c) for c in row] for row in table.rows)
            member = zipfile.ZipInfo(member_name(table.name + SUFFIX), _FIXED_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(member, text.getvalue().encode("utf-8-sig"))
    write_atomically(path, buffer.getvalue())
    return []


def read(path: Path) -> Dataset:
    """Read a zip of CSV files; :class:`DocumentError` naming files and cells on bad input."""
    members = check_archive(path)
    problems: list[Diagnostic] = []
    tables: dict[str, Sequence[Sequence[RawCell]]] = {}
    with zipfile.ZipFile(path) as archive:
        for member in members:
            name = member.filename
            try:
                member_name(name)
            except ValueError:
                name = ""
            if member.is_dir() or not name.endswith(SUFFIX):
                message = f"{member.filename!r} is not a CSV file of the layout"
                problems.append(Diagnostic("csv.unexpected-file", message, file=str(path)))
                continue
            try:
                text = archive.read(member).decode("utf-8-sig")
            except UnicodeDecodeError as error:
                message = f"{name}: not UTF-8: {error.reason} at byte {error.start}"
                problems.append(Diagnostic("csv.encoding", message, file=str(path)))
                continue
            except (OSError, zipfile.BadZipFile) as error:
                message = f"{name}: cannot be unpacked: {error}"
                problems.append(Diagnostic("archive.unreadable", message, file=str(path)))
                continue
            try:
                rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
            except csv.Error as error:
                message = f"{name}: not CSV: {error}"
                problems.append(Diagnostic("csv.syntax", message, file=str(path)))
                continue
            sheet = name.removesuffix(SUFFIX)
            if sheet in tables:
                message = f"{name}: twice in the archive; which one holds the data is unknown"
                problems.append(Diagnostic("csv.duplicate-file", message, file=str(path)))
                continue
            tables[sheet] = rows
    if problems:
        raise DocumentError(problems)
    return read_tables(tables, file=str(path))
