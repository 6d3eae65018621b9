"""Import Kohesio's lists of operations: the EU's register of cohesion-policy projects.

The importer ``kohesio`` reads the CSV file Kohesio offers per country and programming
period, one row per operation, into a dataset: each Swedish operation a project, its
beneficiary an organisation in the owner's role (*stödmottagare*), the EU fund its
funder, the EU budget its funding, the NUTS 3 region and its county the area it
covers, and the file the register source every fact cites. Rows of other countries
are refused, each with its line: grprojects describes Swedish projects (a project's
name must have a Swedish text, an organisation an organisationsnummer).

Every row is accounted for (:class:`~grprojects.plugin_types.Imported` with a
:class:`~grprojects.plugin_types.RecordTally`): imported, imported with warnings, or
refused, each diagnostic naming its line and column (``line 12, Project_EU_Budget:``).
A value that cannot be read is never dropped without a diagnostic saying so. The
codes are declared in :mod:`.codes`; the page ``docs/sources/kohesio.md`` tells what
maps where.

The file is read as a stream, row by row; only the dataset being built is kept.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Final

from grprojects import (
    Diagnostic,
    DocumentError,
    RecordTally,
    Severity,
    hookimpl,
)
from grprojects.io import too_large
from grprojects.limits import input_limit
from grprojects.plugin_types import Imported, Importer

from . import codes
from .columns import Header, HeaderError, delimiter_of, looks_like_operations, read_header
from .row import PLUGIN, Row

if TYPE_CHECKING:
    from .operations import Builder

__all__ = ["FORMAT", "read", "read_operations"]

FORMAT: Final = "kohesio"


# --- reading the file --------------------------------------------------------------


def _fail(path: Path, message: str, line: int, column: int | None = None) -> DocumentError:
    diagnostic = Diagnostic(
        codes.FILE,
        f"line {line}: {message}",
        file=str(path),
        line=line,
        column=column,
        source=PLUGIN,
    )
    return DocumentError([diagnostic])


def _decoded(path: Path, binary: BinaryIO) -> Iterator[str]:
    """The file's lines as text, a byte-order mark dropped; at the first byte that is not
    UTF-8, an error naming its line and column.

    No more than the input limit is read (:func:`grprojects.limits.input_limit`), however
    the file is made: a line is never read past it, so a pipe or a file without line
    breaks cannot exhaust memory.
    """
    limit, read, number = input_limit(), 0, 0
    while raw := binary.readline(limit - read + 1):
        read += len(raw)
        number += 1
        if read > limit:
            raise DocumentError([too_large(str(path), limit, number)])
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise _fail(
                path,
                f"not UTF-8 ({error.reason}) at byte {error.start + 1}; save the file as UTF-8, "
                "as Kohesio writes it",
                number,
                error.start + 1,
            ) from None
        yield text.removeprefix("\ufeff") if number == 1 else text


def _rows(path: Path, binary: BinaryIO, builder: Builder) -> Iterator[Row]:
    """The data rows of the open file, each with the line it starts on."""
    lines = _decoded(path, binary)
    first = next(lines, "")
    if not first.strip():
        raise _fail(path, "the file is empty: a list of operations starts with a heading row", 1)
    reader = csv.reader(_chain(first, lines), delimiter=delimiter_of(first), strict=True)
    try:
        header = read_header(next(reader))
    except HeaderError as error:
        diagnostic = Diagnostic(
            codes.HEADER, f"line 1: {error}", file=str(path), line=1, source=PLUGIN
        )
        raise DocumentError([diagnostic]) from None
    except csv.Error as error:
        raise _fail(path, f"the heading row is not CSV: {error}", 1) from None
    if header.others:
        builder.diagnostics.append(
            Diagnostic(
                codes.COLUMNS_NOT_READ,
                f"line 1: columns not imported, their values left out: {', '.join(header.others)}",
                severity=Severity.INFO,
                file=str(path),
                line=1,
                source=PLUGIN,
            )
        )
    line = reader.line_num + 1
    try:
        for cells in reader:
            start, line = line, reader.line_num + 1
            if not any(c.strip() for c in cells):
                continue  # a blank line is no record
            yield _row(start, cells, header, str(path))
    except csv.Error as error:
        raise _fail(path, f"not CSV: {error}", line) from None


def _row(line: int, cells: Sequence[str], header: Header, file: str) -> Row:
    row = Row(
        line, {c: cells[i].strip() for c, i in header.positions.items() if i < len(cells)}, file
    )
    if len(cells) != header.width:
        more = len(cells) > header.width
        extra = [c for c in cells[header.width :] if c.strip()]
        row.report(
            codes.ROW_WIDTH,
            None,
            f"{len(cells)} cells where the heading row has {header.width}; "
            + (
                f"the {len(extra)} filled cells past the last column are left out"
                if more
                else "the missing cells are read as empty"
            ),
        )
    return row


def _chain(first: str, rest: Iterator[str]) -> Iterator[str]:
    yield first
    yield from rest


def read_operations(path: Path) -> Imported:
    """The dataset of the Swedish operations in the Kohesio list at ``path``, with a
    diagnostic for every row imported with warnings or refused, and the tally.

    Raises :class:`~grprojects.DocumentError` when the file as a whole cannot be read:
    not UTF-8, not CSV, larger than the input limit, or its heading row lacking a
    required column (all named, with the nearest heading for a misspelt one).
    """
    from .operations import Builder  # the mapping is imported when a file is first read

    builder = Builder(str(path))
    field_limit = csv.field_size_limit()
    csv.field_size_limit(max(field_limit, input_limit()))  # process-wide: restored below
    try:
        with path.open("rb") as binary:
            for row in _rows(path, binary, builder):
                builder.add(row)
    except OSError as error:
        raise _fail(path, f"cannot be read: {error.strerror or error}", 1) from None
    finally:
        csv.field_size_limit(field_limit)
    tally = RecordTally(builder.imported, builder.with_warnings, builder.refused)
    return Imported(builder.dataset(path), builder.diagnostics, tally)


def read(path: Path) -> Imported:
    """The importer's ``read``: :func:`read_operations`."""
    return read_operations(path)


# --- the plugin --------------------------------------------------------------------


@hookimpl
def register_importers() -> list[Importer]:
    """The importer of Kohesio's lists of operations, chosen by content or ``--from kohesio``."""
    return [
        Importer(
            FORMAT,
            "Kohesio list of operations (CSV, one row per operation; Swedish rows imported)",
            (),
            read,
            codes=codes.CODES,
        )
    ]


@hookimpl
def choose_importer(head: bytes) -> str | None:
    """Claim a file whose heading row is a Kohesio list of operations', whatever its name."""
    return FORMAT if looks_like_operations(head) else None
