"""Diagnostics: one problem found in a document, with its code, severity and place.

Every layer (JSON parsing, schema, structuring, semantic checks) reports the same
kind of object, so CI output, SARIF and the Python API all show problems alike.
Places are RFC 6901 JSON Pointers; for files also a 1-based line and column.
"""

from __future__ import annotations

import enum
from typing import Final

import attrs

from ._methods import shared_methods

STDIN_FILE: Final = "<stdin>"
"""The file name of a document read from standard input, in diagnostics."""


class Severity(enum.IntEnum):
    """How serious a problem is; ordered, so ``>=`` filters."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()


@shared_methods
@attrs.frozen(eq=False, repr=False)
class Diagnostic:
    """One problem at one place in one document."""

    code: str
    """A stable code such as ``json.syntax`` or ``period.end-before-start``."""
    message: str
    """One line saying what is wrong, naming the value where that helps."""
    pointer: str = ""
    """The RFC 6901 JSON Pointer of the offending value (``""`` is the whole document)."""
    severity: Severity = Severity.ERROR
    file: str | None = None
    """The file the document came from, if any."""
    line: int | None = None
    """The 1-based line of the offending value in the file."""
    column: int | None = None
    """The 1-based column of the offending value in the file."""
    source: str = "grprojects"
    """Who found the problem: ``grprojects`` or the name of the plugin."""

    def describe(self) -> str:
        """``file:line:col: severity code: message (at pointer)`` for people, on one line."""
        place = self.file or "<document>"
        if self.line is not None:
            place += f":{self.line}:{self.column or 1}"
        return printable(f"{place}: {self.severity} {self.code}: {self.message}{self.at()}")

    def at(self) -> str:
        """`` (at /projects/0)``, or nothing when there is no pointer: a remark on a table
        row names its cell in the message and line, and the whole document is no place."""
        return f" (at {self.pointer})" if self.pointer else ""


_ESCAPES: dict[int, str] = {
    code: ascii(chr(code))[1:-1]  # as Python writes them: \n, \x1b, \x85, \u2028
    for code in (
        *range(0x20),
        *range(0x7F, 0xA0),
        0x2028,
        0x2029,
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
    )
}
"""C0 and C1 controls, DEL, the line and paragraph separators, and the bidirectional
embeddings, overrides and isolates (which can make a line read backwards), as escapes."""


def printable(text: str) -> str:
    """``text`` on one line with no control characters: each written as its escape.

    Messages and file names carry text from the data, which could hold a line break
    (forging a second finding in a log), a terminal escape sequence or a bidi override.
    """
    return text.translate(_ESCAPES)


def pointer_of(parts: tuple[str | int, ...] | list[str | int]) -> str:
    """The RFC 6901 pointer of a path of keys and indexes (``~`` and ``/`` escaped)."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def parts_of(pointer: str) -> list[str]:
    """The unescaped reference tokens of an RFC 6901 pointer."""
    if not pointer:
        return []
    if not pointer.startswith("/"):
        raise ValueError(f"{pointer!r} is not a JSON Pointer: it must start with '/'")
    return [p.replace("~1", "/").replace("~0", "~") for p in pointer[1:].split("/")]
