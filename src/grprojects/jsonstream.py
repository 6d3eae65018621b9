"""Reading one large JSON document a piece at a time: its members, and its projects one by one.

A dataset document is a JSON Lines stream in disguise: a few small members
(``version``, ``title`` …) and long arrays of records (``projects``, and
``organisations`` and ``sources``, which may be long too). This reader hands them out
one at a time, each member and each element of the arrays asked for with its text,
its place (line and column of its first character) and its value, read by the same
strict decoder as
:func:`grprojects.jsontext.parse_json`, so that only one piece of the tree is alive at
once. It keeps a window of the text, never the whole of it.

It is a reader for documents that are strict JSON. Anything else (a syntax error, a
duplicate key, ``NaN``, a lone surrogate, a key twice at the top, trailing text, a
document nested too deep, bytes that are not UTF-8) raises :class:`NotStreamable`,
and the caller reads the document whole, where every such problem is reported at its
place: the reader never has to say what is wrong, only that it cannot go on.

Why not ``ijson``: it reads a tree faster than a pure-Python tokenizer, but slower
than this (the C ``json`` decoder over each piece: 0.10 s against ijson's 0.16 s with
yajl2_c for 1,000 projects, 20 MB), and it tells no offsets, which the line and
column of every diagnostic need, nor duplicate keys, which its dicts silently merge.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Generator, Iterator
from json.decoder import scanstring  # type: ignore[attr-defined]  # public in CPython, untyped
from pathlib import Path
from typing import Any, Final, TextIO

import attrs

from ._methods import shared_methods
from .jsontext import collector_paused, has_lone_surrogate, strict_decoder

CHUNK: Final = 1 << 20
"""Characters read at a time; a piece longer than the window makes it grow."""

_WHITESPACE: Final = re.compile(r"[ \t\n\r]*")


class NotStreamable(Exception):  # noqa: N818 - a signal to the caller, not an error to report
    """The document cannot be read piece by piece: read it whole, which says why."""


@shared_methods
@attrs.frozen(eq=False, repr=False)
class Piece:
    """One member of the document's top-level object, or one element of its ``projects``."""

    key: str
    """The member's key (``projects`` for each project)."""
    index: int | None
    """The element's index in the array ``key``, or None for a member."""
    text: str
    """The piece's own text."""
    line: int
    """The line of its first character (1-based)."""
    column: int
    """The column of its first character (1-based)."""
    value: Any
    """Its JSON value, read strictly."""

    @property
    def pointer(self) -> str:
        """The piece's JSON Pointer in the document."""
        return f"/{self.key}" if self.index is None else f"/{self.key}/{self.index}"


@shared_methods
@attrs.frozen(eq=False, repr=False)
class Place:
    """Where a container of pieces starts: the document's object or an array of elements."""

    pointer: str
    line: int
    column: int


class _Window:
    """A window onto a text file: the characters from ``base`` on, read as they are needed."""

    def __init__(self, handle: TextIO) -> None:
        self.handle = handle
        self.text = ""
        self.base = 0
        """The document offset of ``text[0]``."""
        self.at = 0
        """The window offset up to which lines are counted (places are asked in order)."""
        self.line = 1
        """The line ``text[at]`` is on."""
        self.newline = -1
        """The document offset of the last newline before ``text[at]``."""
        self.ended = False

    def more(self) -> bool:
        """Read further (at least as much again as the window holds); False at the end."""
        if self.ended:
            return False
        chunk = self.handle.read(max(CHUNK, len(self.text)))
        if not chunk:
            self.ended = True
            return False
        self.text += chunk
        return True

    def drop(self, i: int) -> int:
        """Forget the text before ``i`` (once there is enough of it); ``i`` in the new window."""
        if i < CHUNK:
            return i
        self.place(i)
        self.base += i
        self.at = 0
        self.text = self.text[i:]
        return 0

    def place(self, i: int) -> tuple[int, int]:
        """The line and column of window offset ``i``, at or after the last one asked."""
        newlines = self.text.count("\n", self.at, i)
        if newlines:
            self.line += newlines
            self.newline = self.base + self.text.rfind("\n", self.at, i)
        self.at = i
        return self.line, self.base + i - self.newline

    def skip(self, i: int) -> int:
        """The offset of the first character at or after ``i`` that is not white space."""
        while True:
            end = _WHITESPACE.match(self.text, i).end()  # type: ignore[union-attr]  # * matches
            if end < len(self.text) or not self.more():
                return end

    def char(self, i: int) -> str:
        """The character at ``i`` ("" at the end of the document)."""
        while i >= len(self.text):
            if not self.more():
                return ""
        return self.text[i]

    def key(self, i: int) -> tuple[str, int]:
        """The string whose quote is at ``i``, and the offset after it."""
        while True:
            try:
                key, end = scanstring(self.text, i + 1)
            except json.JSONDecodeError:
                if self.more():
                    continue
                raise NotStreamable from None
            return str(key), int(end)

    def value(self, i: int) -> tuple[Any, int]:
        """The value starting at ``i``, read strictly, and the offset after it.

        A value that ends where the window ends might go on (a number), so the
        window grows until something follows it or the document ends.
        """
        while True:
            try:
                with collector_paused():
                    value, end = strict_decoder.raw_decode(self.text, i)
            except json.JSONDecodeError:
                if self.more():
                    continue
                raise NotStreamable from None
            except (ValueError, RecursionError):  # duplicate key, NaN, too large, too deep
                raise NotStreamable from None
            if end < len(self.text) or not self.more():
                if has_lone_surrogate(self.text[i:end]):
                    raise NotStreamable
                return value, end


def pieces(
    path: Path, places: list[Place], arrays: Collection[str] = ("projects",)
) -> Iterator[Piece]:
    """The members of the document at ``path`` in order, each element of the members
    named in ``arrays`` (when they are arrays) as a piece of its own.

    ``places`` receives where the document's object and each of those arrays start.
    :class:`NotStreamable` when the document is not strict JSON whose top level is an
    object, or is not UTF-8 (``UnicodeDecodeError`` is raised as that).
    """
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            yield from _pieces(_Window(handle), places, frozenset(arrays))
    except UnicodeDecodeError:
        raise NotStreamable from None


def _pieces(window: _Window, places: list[Place], arrays: frozenset[str]) -> Iterator[Piece]:
    i = window.skip(0)
    if window.char(i) != "{":
        raise NotStreamable
    places.append(Place("", *window.place(i)))
    seen: set[str] = set()
    i = window.skip(i + 1)
    while window.char(i) != "}":
        if window.char(i) != '"':
            raise NotStreamable
        key, i = window.key(i)
        if key in seen:
            raise NotStreamable
        seen.add(key)
        i = window.skip(i)
        if window.char(i) != ":":
            raise NotStreamable
        i = window.skip(i + 1)
        if key in arrays and window.char(i) == "[":
            places.append(Place(f"/{key}", *window.place(i)))
            i = yield from _elements(window, key, window.skip(i + 1))
        else:
            value, end = window.value(i)
            yield Piece(key, None, window.text[i:end], *window.place(i), value)
            i = end
        i = window.skip(i)
        if window.char(i) == ",":
            i = window.skip(i + 1)
            if window.char(i) == "}":
                raise NotStreamable  # a trailing comma
        elif window.char(i) != "}":
            raise NotStreamable
        i = window.drop(i)
    if window.char(window.skip(i + 1)) != "":
        raise NotStreamable  # text after the document


def _elements(window: _Window, key: str, i: int) -> Generator[Piece, None, int]:
    """The elements of the array ``key`` whose first element is at ``i``; its end."""
    index = 0
    while window.char(i) != "]":
        value, end = window.value(i)
        yield Piece(key, index, window.text[i:end], *window.place(i), value)
        index += 1
        i = window.skip(end)
        if window.char(i) == ",":
            i = window.skip(i + 1)
            if window.char(i) == "]":
                raise NotStreamable
        elif window.char(i) != "]":
            raise NotStreamable
        i = window.drop(i)
    return i + 1
