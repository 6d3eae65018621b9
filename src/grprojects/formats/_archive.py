"""Zip archives (XLSX workbooks, CSV bundles) checked before anything is unpacked.

A few kilobytes of zip can claim gigabytes of content. The sizes a zip declares in
its central directory are read first and the archive is refused when they pass
sane limits; Python's :mod:`zipfile` never returns more than a member declares,
so the check bounds what is later read. Member names are never used as paths.
"""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath
from typing import Final

from ..diagnostics import Diagnostic
from ..errors import DocumentError

MAX_MEMBERS: Final = 1_000
"""More files than any workbook of project data has."""
MAX_TOTAL_SIZE: Final = 200 * 2**20
"""Unpacked bytes of all members together (200 MiB)."""
MAX_RATIO: Final = 100
"""Unpacked size over packed size, for a member of more than :data:`RATIO_FLOOR` bytes."""
RATIO_FLOOR: Final = 2**20


def _refuse(path: Path, code: str, message: str) -> DocumentError:
    return DocumentError([Diagnostic(code, message, file=str(path))])


def check_archive(path: Path) -> list[zipfile.ZipInfo]:
    """The members of the zip at ``path``, or :class:`DocumentError` if it is unsafe to unpack."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (OSError, zipfile.BadZipFile) as error:
        raise _refuse(path, "archive.unreadable", f"not a readable zip archive: {error}") from None
    if len(members) > MAX_MEMBERS:
        raise _refuse(path, "archive.too-large", f"{len(members)} files; at most {MAX_MEMBERS}")
    total = sum(m.file_size for m in members)
    if total > MAX_TOTAL_SIZE:
        raise _refuse(
            path,
            "archive.too-large",
            f"would unpack to {total:,} bytes; at most {MAX_TOTAL_SIZE:,} are read",
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
            raise _refuse(
                path,
                "archive.too-large",
                f"{member.filename!r} would unpack {ratio:,.0f} times its packed size "
                f"(at most {MAX_RATIO}); refused as a possible zip bomb",
            )
    return members


def member_name(name: str) -> str:
    """``name`` if it is a plain file name in the archive's top folder; ``ValueError`` if not.

    Archives grprojects writes hold flat files named after sheets, never paths built
    from data, so nothing written or read can reach outside its folder.
    """
    pure = PurePosixPath(name)
    if not name or "\\" in name or pure.name != name or name in {".", ".."} or ":" in name:
        raise ValueError(f"{name!r} is not a plain file name")
    return name
