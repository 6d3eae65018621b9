"""Hostile and damaged archives made from real exports, for the robustness tests and the fuzzer.

Each function writes one kind of file an attacker or a broken tool makes, starting
from a workbook or CSV zip that grprojects itself exported.
"""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

_LOCAL: bytes = b"PK\x03\x04"
_CENTRAL: bytes = b"PK\x01\x02"


def rewrite(
    source: Path, target: Path, change: Callable[[str, bytes], bytes | None], **options: int
) -> None:
    """Copy the zip ``source`` to ``target``, each member's bytes passed through ``change``.

    ``change`` returns the new bytes, or ``None`` to leave the member out;
    ``options`` go to each member (``compress_type``).
    """
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = change(info.filename, old.read(info))
            if data is None:
                continue
            member = zipfile.ZipInfo(info.filename, info.date_time)
            member.compress_type = options.get("compress_type", zipfile.ZIP_DEFLATED)
            new.writestr(member, data)


def last_sheet(workbook: Path) -> str:
    """The member name of a workbook's last worksheet (``xl/worksheets/sheet26.xml``)."""
    with zipfile.ZipFile(workbook) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
    return max(sheets, key=lambda n: int(n.removeprefix("xl/worksheets/sheet").split(".")[0]))


def with_rows(workbook: Path, target: Path, rows: int, column: str = "XFD") -> None:
    """``workbook`` with ``rows`` more rows on its last sheet, each one cell in ``column``.

    With ``XFD``, the last column Excel has, openpyxl used to build 16,384 cells a row.
    """
    sheet = last_sheet(workbook)
    extra = "".join(
        f'<row r="{n}"><c r="{column}{n}"><v>1</v></c></row>' for n in range(100, 100 + rows)
    ).encode()

    def change(name: str, data: bytes) -> bytes:
        return data.replace(b"</sheetData>", extra + b"</sheetData>") if name == sheet else data

    rewrite(workbook, target, change)


def member_flood(target: Path, members: int, size: int) -> None:
    """A CSV zip of ``members`` files named after no sheet, each ``size`` bytes of commas."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for number in range(members):
            archive.writestr(f"Okänd {number}.csv", b"," * size)


def without_utf8_flag(source: Path, target: Path) -> None:
    """``source`` with its UTF-8 names kept but the zip's UTF-8 flag cleared, as Info-ZIP writes.

    Python then decodes the names as code page 437: ``Källor.csv`` reads ``K├ñllor.csv``.
    """
    data = bytearray(source.read_bytes())
    with zipfile.ZipFile(source) as archive:
        offsets = [info.header_offset for info in archive.infolist()]
    for offset in offsets:
        assert data[offset : offset + 4] == _LOCAL
        (flags,) = struct.unpack_from("<H", data, offset + 6)
        struct.pack_into("<H", data, offset + 6, flags & ~0x800)
    start = 0
    while (start := data.find(_CENTRAL, start)) != -1:
        (flags,) = struct.unpack_from("<H", data, start + 8)
        struct.pack_into("<H", data, start + 8, flags & ~0x800)
        start += 4
    target.write_bytes(bytes(data))


def flip_flag(source: Path, target: Path, bit: int) -> None:
    """``source`` with a general-purpose flag bit set on every member (1: encrypted)."""
    data = bytearray(source.read_bytes())
    with zipfile.ZipFile(source) as archive:
        offsets = [info.header_offset for info in archive.infolist()]
    for offset in offsets:
        (flags,) = struct.unpack_from("<H", data, offset + 6)
        struct.pack_into("<H", data, offset + 6, flags | bit)
    start = 0
    while (start := data.find(_CENTRAL, start)) != -1:
        (flags,) = struct.unpack_from("<H", data, start + 8)
        struct.pack_into("<H", data, start + 8, flags | bit)
        start += 4
    target.write_bytes(bytes(data))


def corrupt_deflate(source: Path, target: Path, member: str) -> None:
    """``source`` with the deflate data of ``member`` damaged in the middle, sizes intact."""
    data = bytearray(source.read_bytes())
    with zipfile.ZipFile(source) as archive:
        info = archive.getinfo(member)
    (name_length, extra_length) = struct.unpack_from("<HH", data, info.header_offset + 26)
    start = info.header_offset + 30 + name_length + extra_length
    for index in range(start + info.compress_size // 3, start + info.compress_size // 2):
        data[index] ^= 0x5A
    target.write_bytes(bytes(data))
