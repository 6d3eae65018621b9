"""Strict JSON reading, and finding where in the text a JSON Pointer points.

Python's ``json`` module accepts duplicate keys (the last wins), ``NaN`` and
``Infinity``; grprojects rejects all three, and turns syntax errors, over-deep
nesting and huge numbers into diagnostics with line and column instead of
tracebacks. Positions of values are only worked out when a problem needs one, by a
second, small scanner, so valid documents pay nothing for them.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable
from json.decoder import scanstring  # type: ignore[attr-defined]  # public in CPython, untyped
from typing import Any, Final

import attrs

from .diagnostics import Diagnostic, pointer_of
from .errors import DocumentError

MAX_DEPTH: Final = 400
"""The position scanner stops descending here, well before Python's stack runs out."""


class _DuplicateKeyError(ValueError):
    pass


def _object_without_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _DuplicateKeyError
    return result


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


_decoder: Final = json.JSONDecoder(
    object_pairs_hook=_object_without_duplicates, parse_constant=_refuse_constant
)


def decode(data: str | bytes) -> str:
    """The text of a document given as text or bytes (UTF-8, a BOM tolerated)."""
    if isinstance(data, bytes):
        return data.decode("utf-8-sig")
    return data.removeprefix("\ufeff")


def parse_json(text: str, *, file: str | None = None) -> Any:
    """The JSON value of ``text``; ``DocumentError`` with every place it is not strict JSON."""
    try:
        return _decoder.decode(text)
    except json.JSONDecodeError as error:
        problem = Diagnostic(
            "json.syntax", error.msg, file=file, line=error.lineno, column=error.colno
        )
    except _DuplicateKeyError:
        raise DocumentError(scan(text, file=file).duplicates) from None
    except RecursionError:
        problem = Diagnostic("json.too-deep", "the document nests too deeply to be read", file=file)
    except ValueError as error:  # NaN/Infinity, or an integer past Python's digit limit
        code = "json.constant" if "not valid JSON" in str(error) else "json.number-too-large"
        problem = Diagnostic(code, str(error).split("\n")[0], file=file)
    raise DocumentError([problem])


@attrs.frozen
class Scan:
    """What the position scanner found: where each value starts, and duplicate keys."""

    text: str
    offsets: dict[str, int]
    duplicates: list[Diagnostic]
    file: str | None = None

    def line_column(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column of a character offset."""
        line = self.text.count("\n", 0, offset) + 1
        return line, offset - (self.text.rfind("\n", 0, offset) + 1) + 1

    def locate(self, pointer: str) -> tuple[int, int] | None:
        """The line and column where the value at ``pointer`` starts (or its nearest parent)."""
        while True:
            if pointer in self.offsets:
                return self.line_column(self.offsets[pointer])
            if not pointer:
                return None
            pointer = pointer.rsplit("/", 1)[0]

    def place(self, diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
        """``diagnostics`` with file, line and column filled in from their pointers."""
        placed = []
        for diagnostic in diagnostics:
            where = self.locate(diagnostic.pointer)
            line, column = where if where else (None, None)
            placed.append(attrs.evolve(diagnostic, file=self.file, line=line, column=column))
        return placed


_WHITESPACE: Final = re.compile(r"[ \t\n\r]*")
_SCALAR: Final = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null")


def scan(text: str, *, file: str | None = None) -> Scan:
    """Record where every value of a (syntactically valid) JSON text starts."""
    offsets: dict[str, int] = {}
    duplicates: list[Diagnostic] = []
    result = Scan(text, offsets, duplicates, file)

    def skip(i: int) -> int:
        match = _WHITESPACE.match(text, i)
        return match.end() if match else i

    def value(i: int, path: list[str | int], depth: int) -> int:
        i = skip(i)
        offsets[pointer_of(path)] = i
        if depth > MAX_DEPTH or i >= len(text):
            return len(text)
        char = text[i]
        if char == '"':
            return int(scanstring(text, i + 1)[1])
        if char == "{":
            i, seen = skip(i + 1), set()
            while i < len(text) and text[i] != "}":
                key, end = scanstring(text, i + 1)
                if key in seen:
                    line, column = result.line_column(i)
                    duplicates.append(
                        Diagnostic(
                            "json.duplicate-key",
                            f"key {key!r} appears more than once in this object",
                            pointer_of([*path, key]),
                            file=file,
                            line=line,
                            column=column,
                        )
                    )
                seen.add(key)
                i = skip(value(skip(end) + 1, [*path, key], depth + 1))
                if i < len(text) and text[i] == ",":
                    i = skip(i + 1)
            return i + 1
        if char == "[":
            i, index = skip(i + 1), 0
            while i < len(text) and text[i] != "]":
                i = skip(value(i, [*path, index], depth + 1))
                index += 1
                if i < len(text) and text[i] == ",":
                    i = skip(i + 1)
            return i + 1
        match = _SCALAR.match(text, i)
        return match.end() if match else len(text)

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, MAX_DEPTH * 4 + 200))
    try:
        value(0, [], 0)
    finally:
        sys.setrecursionlimit(limit)
    return result
