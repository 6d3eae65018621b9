"""Zip archives (XLSX workbooks, CSV bundles) checked before anything is unpacked.

A few kilobytes of zip can claim gigabytes of content, and a damaged one can fail
in a dozen ways deep inside :mod:`zipfile` and :mod:`zlib`. So:

- The sizes a zip declares in its central directory are read first and the archive
  is refused when they pass the limits below; Python's :mod:`zipfile` never returns
  more than a member declares, so the check bounds what is later read.
- Encrypted members and compression methods other than stored and deflate are
  refused by their headers, before any byte is unpacked.
- Every way unpacking can fail (bad CRC, corrupt deflate data, a truncated file)
  becomes a :class:`~grprojects.DocumentError` naming the file and the member.
- Member names are never used as paths. A name stored without the zip's UTF-8 flag
  is read as UTF-8 when it is valid UTF-8 (Info-ZIP ``zip`` and macOS write such
  names), else as code page 437, as the zip format says.

The limits on rows, columns and cells bound what a reader builds from an archive's
sheets; they are checked as rows are parsed, before the rows are kept.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import IO, Final

from ..diagnostics import Diagnostic
from ..errors import DocumentError

MAX_MEMBERS: Final = 1_000
"""More files than any workbook of project data has."""
MAX_TOTAL_SIZE: Final = 200 * 2**20
"""Unpacked bytes of all members together (200 MiB)."""
MAX_RATIO: Final = 100
"""Unpacked size over packed size, for a member of more than :data:`RATIO_FLOOR` bytes."""
RATIO_FLOOR: Final = 2**20
MAX_ROWS: Final = 1_048_576
"""Rows of one sheet: Excel's own limit."""
MAX_COLUMNS: Final = 1_024
"""Columns of one sheet (``AMJ``); the widest table of the layout has far fewer."""
MAX_CELLS: Final = 10_000_000
"""Cells of all sheets together, counting the empty ones a row holds before its last."""

COMPRESSION: Final = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflate"}
"""The compression methods read: the two that Office, LibreOffice and zip tools write."""
UNPACK_ERRORS: Final = (
    OSError,
    EOFError,
    ValueError,
    RuntimeError,
    NotImplementedError,
    OverflowError,
    zipfile.BadZipFile,
    zlib.error,
    struct.error,
)
"""What :mod:`zipfile` raises on a damaged archive (``UnicodeDecodeError`` is a ValueError)."""
_UTF8_NAME: Final = 0x800
_ENCRYPTED: Final = 0x1
_CHUNK: Final = 2**16
_OLE: Final = b"\xd0\xcf\x11\xe0"
"""The start of an OLE compound file: an ``.xls`` or a password-protected workbook."""


def refusal(path: Path, code: str, message: str) -> DocumentError:
    """A one-problem :class:`DocumentError` about the file at ``path``."""
    return DocumentError([Diagnostic(code, message, file=str(path))])


def name_of(member: zipfile.ZipInfo) -> str:
    """The member's name as the tool that wrote it meant it.

    Without the UTF-8 flag a zip name is code page 437, but Info-ZIP and macOS store
    UTF-8 there; bytes that decode as UTF-8 are taken as UTF-8 (CP437 text with
    ``å``, ``ä`` or ``ö`` practically never does).
    """
    if member.flag_bits & _UTF8_NAME:
        return member.filename
    try:
        return member.orig_filename.encode("cp437").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return member.filename


def _unreadable(path: Path, error: BaseException) -> DocumentError:
    with path.open("rb") as handle:
        head = handle.read(len(_OLE))
    if head == _OLE:
        message = (
            "an encrypted or old-format (.xls) workbook, not a zip archive: "
            "save it as .xlsx without a password"
        )
    else:
        message = f"not a readable zip archive: {error or type(error).__name__}"
    return refusal(path, "archive.unreadable", message)


def check_archive(path: Path, source: IO[bytes] | None = None) -> list[zipfile.ZipInfo]:
    """The members of the zip at ``path`` (read from ``source`` if given, a file open on it).

    :class:`DocumentError` if it is unreadable or unsafe to unpack.
    """
    try:
        with zipfile.ZipFile(source or path) as archive:
            members = archive.infolist()
    except UNPACK_ERRORS as error:
        raise _unreadable(path, error) from None
    if len(members) > MAX_MEMBERS:
        raise refusal(path, "archive.too-large", f"{len(members)} files; at most {MAX_MEMBERS}")
    total = sum(m.file_size for m in members)
    if total > MAX_TOTAL_SIZE:
        raise refusal(
            path,
            "archive.too-large",
            f"would unpack to {total:,} bytes; at most {MAX_TOTAL_SIZE:,} are read",
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
            raise refusal(
                path,
                "archive.too-large",
                f"{name_of(member)!r} would unpack {ratio:,.0f} times its packed size "
                f"(at most {MAX_RATIO}); refused as a possible zip bomb",
            )
        if member.flag_bits & _ENCRYPTED:
            raise refusal(
                path,
                "archive.encrypted",
                f"{name_of(member)!r} is encrypted; save the file without a password",
            )
        if member.compress_type not in COMPRESSION:
            methods = " and ".join(COMPRESSION.values())
            raise refusal(
                path,
                "archive.compression",
                f"{name_of(member)!r} is compressed with method {member.compress_type}, "
                f"which is not read ({methods} are)",
            )
    return members


def open_member(archive: zipfile.ZipFile, member: zipfile.ZipInfo, path: Path) -> Iterator[bytes]:
    """The member's bytes in chunks, its CRC checked at the end; damage is a DocumentError."""
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(_CHUNK):
                yield chunk
    except UNPACK_ERRORS as error:
        raise refusal(
            path,
            "archive.unreadable",
            f"{name_of(member)!r} cannot be unpacked: {error or type(error).__name__}",
        ) from None


def read_member(archive: zipfile.ZipFile, member: zipfile.ZipInfo, path: Path) -> bytes:
    """The member's bytes, checked as :func:`open_member` checks them."""
    return b"".join(open_member(archive, member, path))


def member_name(name: str) -> str:
    """``name`` if it is a plain file name in the archive's top folder; ``ValueError`` if not.

    Archives grprojects writes hold flat files named after sheets, never paths built
    from data, so nothing written or read can reach outside its folder.
    """
    pure = PurePosixPath(name)
    if not name or "\\" in name or pure.name != name or name in {".", ".."} or ":" in name:
        raise ValueError(f"{name!r} is not a plain file name")
    return name


class CellBudget:
    """Counts the rows, columns and cells a reader builds, refusing past the limits.

    A reader calls :meth:`row` for each row *before* keeping it, so a sheet that
    would take gigabytes is refused after at most :data:`MAX_CELLS` cells.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.cells = 0

    def row(self, where: str, number: int, width: int) -> None:
        """Count row ``number`` (1-based, at ``where``), ``width`` cells wide."""
        if number > MAX_ROWS:
            raise refusal(self.path, "archive.too-large", f"{where}: more than {MAX_ROWS:,} rows")
        if width > MAX_COLUMNS:
            raise refusal(
                self.path,
                "archive.too-large",
                f"{where}: {width:,} columns; at most {MAX_COLUMNS:,} are read",
            )
        self.cells += width
        if self.cells > MAX_CELLS:
            raise refusal(
                self.path,
                "archive.too-large",
                f"{where}: more than {MAX_CELLS:,} cells in all; split the data or use JSON",
            )
