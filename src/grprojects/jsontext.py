"""Strict JSON reading, and finding where in the text a JSON Pointer points.

Python's ``json`` module accepts duplicate keys (the last wins), ``NaN``,
``Infinity`` and lone surrogate escapes (``"\\ud800"``, which no UTF-8 output can
hold); grprojects rejects them all, and turns syntax errors, over-deep nesting and
huge numbers into diagnostics with line and column instead of tracebacks. Positions
of values are only worked out when a problem needs one, by a second, small scanner,
so valid documents pay nothing for them.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import json
import math
import re
import sys
from collections.abc import Iterable, Iterator
from json.decoder import scanstring  # type: ignore[attr-defined]  # public in CPython, untyped
from typing import Any, Final

import attrs

from ._methods import shared_methods
from .diagnostics import Diagnostic, parts_of, pointer_of
from .errors import DocumentError

MAX_DEPTH: Final = 400
"""The position scanner stops descending here, well before Python's stack runs out."""


class _DuplicateKeyError(ValueError):
    """A key repeats within one object (``scan`` says where)."""


def _object_without_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _DuplicateKeyError
    return result


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _finite_float(text: str) -> float:
    number = float(text)
    if math.isinf(number):
        raise ValueError(f"{text} is too large for a JSON number")
    return number


strict_decoder: Final = json.JSONDecoder(
    object_pairs_hook=_object_without_duplicates,
    parse_constant=_refuse_constant,
    parse_float=_finite_float,
)
"""Reads JSON as grprojects reads it: a duplicate key, ``NaN`` or an infinite number raises."""


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a large, acyclic tree is built.

    Parsing and structuring allocate millions of objects that cannot form cycles, and
    each burst of allocations would otherwise set off collections that walk the whole
    growing tree again: on a 20 MB document that triples the time. Reference counting
    still frees everything; the collector is switched back on (if it was on) at the end.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def decode(data: str | bytes) -> str:
    """The text of a document given as text or bytes (UTF-8, a BOM tolerated)."""
    if isinstance(data, bytes):
        return data.decode("utf-8-sig")
    return data.removeprefix("\ufeff")


_SURROGATE_ESCAPE: Final = re.compile(r"\\u[dD][89a-fA-F]")
"""The start of an escaped surrogate: text without one has no lone surrogate to find."""

_ESCAPE: Final = re.compile(
    r"\\(?:u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}"  # a pair: fine
    r"|(?P<lone>u[dD][89a-fA-F][0-9a-fA-F]{2})"  # a surrogate half on its own
    r"|.)",  # any other escape, read past so that ``\\\\ud800`` is not taken for one
    re.DOTALL,
)

_SURROGATE: Final = re.compile("[\ud800-\udfff]")
"""A surrogate in decoded text: pairs decode to one character, so this one stands alone."""


def has_lone_surrogate(text: str) -> bool:
    """Whether an escape in ``text`` decodes to half a surrogate pair.

    A substring search settles it for nearly every text (from the first backslash: a
    text without one, which a search for one character rules out four times sooner, has
    no escape at all); escapes are read one by one only when some surrogate escape is
    there at all (an escaped emoji, say).
    """
    first = text.find("\\")
    if first == -1 or _SURROGATE_ESCAPE.search(text, first) is None:
        return False
    return any(match.lastgroup == "lone" for match in _ESCAPE.finditer(text))


def parse_json(text: str, *, file: str | None = None) -> Any:
    """The JSON value of ``text``; ``DocumentError`` with every place it is not strict JSON."""
    try:
        with collector_paused():
            value = strict_decoder.decode(text)
        if not has_lone_surrogate(text):
            return value
        problems = scan(text, file=file).problems
    except json.JSONDecodeError as error:
        problems = [_syntax_error(error, file)]
    except RecursionError:
        problems = [_too_deep(text, file)]
    except ValueError as error:  # duplicate keys, NaN/Infinity, numbers too large
        problems = _not_strict(text, file, str(error))
    raise DocumentError(problems)


def _syntax_error(error: json.JSONDecodeError, file: str | None) -> Diagnostic:
    return Diagnostic("json.syntax", error.msg, file=file, line=error.lineno, column=error.colno)


_lenient: Final = json.JSONDecoder(parse_int=len, parse_float=len, parse_constant=len)
"""Reads any JSON syntax, strict or not, without making numbers: only to find syntax errors."""


def _not_strict(text: str, file: str | None, reason: str) -> list[Diagnostic]:
    """What is wrong with a text the strict reader stopped in, each at its place.

    The strict reader stops at the first duplicate key or ``NaN``, before it has seen
    the rest: if the rest is not JSON at all, that is the problem to report, and the
    position scanner (which needs JSON syntax) must not read it.
    """
    try:
        with collector_paused():
            _lenient.decode(text)
    except json.JSONDecodeError as error:
        return [_syntax_error(error, file)]
    except RecursionError:
        return [_too_deep(text, file)]
    return scan(text, file=file).problems or [
        Diagnostic("json.invalid", reason.split("\n")[0], file=file)
    ]


_BRACKET_OR_STRING: Final = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def _too_deep(text: str, file: str | None) -> Diagnostic:
    """``json.too-deep`` at the first bracket that opens the deepest level of ``text``."""
    depth, deepest, at = 0, 0, 0
    for match in _BRACKET_OR_STRING.finditer(text):
        char = match.group()
        if char in "[{":
            depth += 1
            if depth > deepest:
                deepest, at = depth, match.start()
        elif char in "]}":
            depth -= 1
    line, column = Scan(text, file).line_column(at)
    message = f"the document nests {deepest} levels deep here, too deep to be read"
    return Diagnostic("json.too-deep", message, file=file, line=line, column=column)


@shared_methods
@attrs.frozen(eq=False, repr=False)
class Scan:
    """Where values start in a JSON text, and what in it is not strict JSON.

    Places are looked up only for the pointers asked about, skipping every other
    value at the C parser's speed; the whole text is walked in Python only when
    :attr:`offsets` or :attr:`problems` is read.
    """

    text: str
    file: str | None = None

    @functools.cached_property
    def _walked(self) -> tuple[dict[str, int], list[Diagnostic]]:
        return _walk(self.text, self.file)

    @property
    def offsets(self) -> dict[str, int]:
        """Where every value starts, by JSON Pointer (the text walked whole)."""
        return self._walked[0]

    @property
    def problems(self) -> list[Diagnostic]:
        """Duplicate keys, ``NaN``/``Infinity``, numbers too large and lone surrogates,
        each at its place."""
        return self._walked[1]

    def line_column(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column of a character offset."""
        line = self.text.count("\n", 0, offset) + 1
        return line, offset - (self.text.rfind("\n", 0, offset) + 1) + 1

    def locate(self, pointer: str) -> tuple[int, int] | None:
        """The line and column where the value at ``pointer`` starts (or its nearest parent)."""
        offset = _starts(self.text, [pointer]).get(pointer)
        return None if offset is None else self.line_column(offset)

    def place(self, diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
        """``diagnostics`` with file, line and column filled in from their pointers."""
        diagnostics = list(diagnostics)
        starts = _starts(self.text, [d.pointer for d in diagnostics])
        lines: dict[int, tuple[int, int]] = {}
        line, counted = 1, 0
        for offset in sorted(set(starts.values())):  # count each newline once
            line += self.text.count("\n", counted, offset)
            counted = offset
            lines[offset] = line, offset - (self.text.rfind("\n", 0, offset) + 1) + 1
        placed = []
        for diagnostic in diagnostics:
            where = lines.get(starts.get(diagnostic.pointer, -1))
            at_line, column = where if where else (None, None)
            placed.append(attrs.evolve(diagnostic, file=self.file, line=at_line, column=column))
        return placed


_skipper: Final = json.JSONDecoder()
"""Reads past a value of a text already known to be JSON, in C."""


class _AllFoundError(Exception):
    """Every pointer asked about has been found: stop reading."""


def _starts(text: str, pointers: Iterable[str]) -> dict[str, int]:
    """Where the value at each pointer starts, or (if it has none) its nearest parent's.

    Only the objects and arrays on the way to a wanted value are read member by
    member in Python; every other value is read past by the C parser.
    """
    paths: dict[str, tuple[str, ...]] = {}
    for pointer in pointers:
        try:
            paths[pointer] = tuple(parts_of(pointer))
        except ValueError:
            paths[pointer] = ()  # not a pointer: the document as a whole
    finder = _Finder(text, set(paths.values()))
    with contextlib.suppress(_AllFoundError, ValueError, IndexError):  # or text not JSON
        finder.visit(finder.skip(0), ())
    starts = {}
    for pointer, path in paths.items():
        while path not in finder.found and path:
            path = path[:-1]
        if path in finder.found:
            starts[pointer] = finder.found[path]
    return starts


class _Finder:
    """Walks a JSON text towards the wanted paths, recording where each value starts."""

    def __init__(self, text: str, wanted: set[tuple[str, ...]]) -> None:
        self.text = text
        self.wanted = wanted
        self.ahead = {path[:n] for path in wanted for n in range(len(path))}
        self.found: dict[tuple[str, ...], int] = {}
        self.missing = len(wanted)

    def skip(self, i: int) -> int:
        match = _WHITESPACE.match(self.text, i)
        return match.end() if match else i

    def visit(self, i: int, path: tuple[str, ...]) -> int:
        """Record the value at ``i``; descend if a wanted path goes through it; its end."""
        text = self.text
        self.found[path] = i
        if path in self.wanted:
            self.missing -= 1
            if not self.missing:
                raise _AllFoundError
        char = text[i] if i < len(text) else ""
        if path not in self.ahead or char not in "{[":
            return int(_skipper.raw_decode(text, i)[1])
        i, index = self.skip(i + 1), 0
        while i < len(text) and text[i] not in "}]":
            if char == "{":
                key, end = scanstring(text, i + 1)
                i = self.skip(self.skip(end) + 1)
            else:
                key, index = str(index), index + 1
            child = (*path, key)
            if child in self.found or (child not in self.wanted and child not in self.ahead):
                i = int(_skipper.raw_decode(text, i)[1])
            else:
                i = self.visit(i, child)
            i = self.skip(i)
            if i < len(text) and text[i] == ",":
                i = self.skip(i + 1)
        return i + 1


_WHITESPACE: Final = re.compile(r"[ \t\n\r]*")
_SCALAR: Final = re.compile(
    r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null|NaN|-?Infinity"
)
_CONSTANTS: Final = frozenset({"NaN", "Infinity", "-Infinity"})


def _is_too_large(token: str) -> bool:
    if token in {"true", "false", "null"}:
        return False
    if any(c in token for c in ".eE"):
        return math.isinf(float(token))
    return len(token.lstrip("-")) > sys.get_int_max_str_digits()


def scan(text: str, *, file: str | None = None) -> Scan:
    """The places in a (syntactically valid) JSON text, found as they are asked for."""
    return Scan(text, file)


def _walk(text: str, file: str | None) -> tuple[dict[str, int], list[Diagnostic]]:
    """Walk the whole text: where every value starts, and what is not strict JSON."""
    offsets: dict[str, int] = {}
    problems: list[Diagnostic] = []
    result = Scan(text, file)

    def report(code: str, message: str, path: list[str | int], offset: int) -> None:
        line, column = result.line_column(offset)
        problems.append(
            Diagnostic(code, message, pointer_of(path), file=file, line=line, column=column)
        )

    def skip(i: int) -> int:
        match = _WHITESPACE.match(text, i)
        return match.end() if match else i

    def string(i: int, path: list[str | int]) -> tuple[str, int]:
        """The string whose quote is at ``i``, and its end; a lone surrogate in it reported.

        A string that is no JSON string (an unescaped control character, no closing
        quote) is reported where it breaks, and the walk ends there.
        """
        try:
            decoded, end = scanstring(text, i + 1)
        except json.JSONDecodeError as error:
            line, column = result.line_column(error.pos)
            problems.append(
                Diagnostic("json.syntax", error.msg, file=file, line=line, column=column)
            )
            return "", len(text)
        lone = _SURROGATE.search(decoded)
        if lone:
            message = (
                f"the lone surrogate {ascii(lone.group())[1:-1]} cannot be written as UTF-8 "
                "(a character beyond U+FFFF is escaped as a pair, such as \\ud83d\\ude00)"
            )
            report("json.invalid", message, path, i)
        return decoded, end

    def value(i: int, path: list[str | int], depth: int) -> int:
        i = skip(i)
        offsets[pointer_of(path)] = i
        if depth > MAX_DEPTH or i >= len(text):
            return len(text)
        char = text[i]
        if char == '"':
            return string(i, path)[1]
        if char == "{":
            i, seen = skip(i + 1), set()
            while i < len(text) and text[i] != "}":
                key, end = string(i, path)  # the key's place is its object's
                if key in seen:
                    message = f"key {key!r} appears more than once in this object"
                    report("json.duplicate-key", message, [*path, key], i)
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
        if match is None:
            return len(text)
        token = match.group()
        if token in _CONSTANTS:
            report("json.constant", f"{token} is not valid JSON", path, i)
        elif _is_too_large(token):
            report("json.number-too-large", f"the number {token[:20]}… is too large", path, i)
        return match.end()

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, MAX_DEPTH * 4 + 200))
    try:
        value(0, [], 0)
    finally:
        sys.setrecursionlimit(limit)
    return offsets, problems
