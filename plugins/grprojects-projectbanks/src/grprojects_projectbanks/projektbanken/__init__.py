"""Tillväxtverket's project bank, ERDF 2014–2020: its JSON export, or the same as CSV or XLSX.

The importer ``projektbanken`` reads the export's flat records with Swedish keys
(:mod:`.records`), maps each into a project of the 1.1 model (:mod:`.mapping`) and
accounts for every record: imported, imported with warnings, or refused with the
reason (:class:`grprojects.plugin_types.Imported` with its
:class:`~grprojects.plugin_types.RecordTally`). Each remark carries a code of
:mod:`.codes` and its record's place: a JSON Pointer (``/3/kommuner``) or a sheet's
cell (``Blad1!O5``).

Files are recognised by content (:func:`choose_importer`): a JSON list whose first
record has the export's keys, a CSV file whose first line names them, a workbook whose
shared strings do. grprojects' own files (a JSON object, a workbook with id columns)
and the sheets plugin's activity lists never have them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from grprojects import hookimpl
from grprojects.plugin_types import Imported, Importer

from . import codes
from .keys import IDENTIFYING

__all__ = ["FORMAT", "choose_importer", "read", "register_importers"]

FORMAT: Final = "projektbanken"
SUFFIXES: Final = (".json", ".csv", ".xlsx")
_KEYS_IN_HEAD: Final = tuple(key.encode() for key in sorted(IDENTIFYING))
"""The keys that make a file the export's, as UTF-8 …"""
_ESCAPED_KEYS: Final = tuple(
    key.encode("ascii", "backslashreplace").replace(b"\\x", b"\\u00") for key in sorted(IDENTIFYING)
)
"""… and as JSON writes them with every non-ASCII letter escaped (``\\u00e4rende-id``)."""
_SHARED_STRINGS: Final = "xl/sharedStrings.xml"
_SHEETS: Final = "xl/worksheets/sheet"
_HEAD_OF_PART: Final = 1 << 16
_PARTS_LOOKED_AT: Final = 8


def read(path: Path) -> Imported:
    """Every record of the project-bank file at ``path``, each accounted for."""
    from .reading import read_export  # the readers are imported when a file is first read

    return read_export(path)


def looks_like_export(path: Path, head: bytes) -> bool:
    """Whether ``path`` holds the project bank's records, judged by its first bytes (and, for
    a workbook, the start of its shared strings)."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith(b"["):
        return all(k in head for k in _KEYS_IN_HEAD) or all(k in head for k in _ESCAPED_KEYS)
    if start.startswith(b"PK\x03\x04"):
        return _workbook_has_keys(path)
    if start.startswith((b"{", b"<")):
        return False
    first_line = start.split(b"\n", 1)[0].lower()
    for encoding in ("utf-8", "cp1252"):
        try:
            line = first_line.decode(encoding)
        except UnicodeDecodeError:
            continue
        return "ärende-id" in line and "projektnamn" in line
    return False


def _workbook_has_keys(path: Path) -> bool:
    """Whether the start of the shared strings or of a sheet (inline strings) names the keys.

    Only the first 64 KiB of each part are unpacked: a guess about a file must stay cheap.
    """
    import zipfile  # only for a file that starts as a zip does: not for every run

    try:
        with zipfile.ZipFile(path) as archive:
            parts = [
                name
                for name in archive.namelist()
                if name == _SHARED_STRINGS or name.startswith(_SHEETS)
            ]
            for name in sorted(parts)[:_PARTS_LOOKED_AT]:
                with archive.open(name) as part:
                    text = part.read(_HEAD_OF_PART)
                if all(key in text for key in _KEYS_IN_HEAD):
                    return True
    except (OSError, KeyError, zipfile.BadZipFile, RuntimeError, ValueError, EOFError):
        return False
    return False


@hookimpl
def register_importers() -> list[Importer]:
    """The project-bank importer."""
    return [
        Importer(
            FORMAT,
            "Tillväxtverket's project bank, ERDF 2014–2020: its JSON export, or CSV/XLSX",
            SUFFIXES,
            read,
            codes=codes.CODES,
        )
    ]


@hookimpl
def choose_importer(path: Path, head: bytes) -> str | None:
    """Claim files that hold the project bank's records."""
    return FORMAT if looks_like_export(path, head) else None
