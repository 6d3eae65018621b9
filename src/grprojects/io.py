"""Reading and writing documents: raw JSON → schema-checked JSON → model, and back.

Each step stays visible: :func:`parse_json` gives the raw value,
:func:`~grprojects.schema_check.schema_diagnostics` checks it against the published
schema (every problem, each at its JSON Pointer), and only a schema-valid value is
structured into the frozen model. :func:`dump` writes the canonical text that
:func:`load` reads back to an equal dataset.
"""

from __future__ import annotations

import functools
import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO, Final, Literal, overload

from . import _fasthooks, converter, engines, outputs
from .converter import TooDeepError
from .diagnostics import Diagnostic, pointer_of
from .errors import DocumentError, PluginError
from .jsontext import collector_paused, decode, parse_json, scan
from .limits import INPUT_LIMIT_VARIABLE, input_limit
from .masking import without_personal_values
from .model import ROOTS, SCHEMA_KEY, Dataset, Project
from .model.fields import Model
from .model_check import free_json_values, written_json

_ROOT_CLASSES: Final = frozenset(ROOTS.values())

DocumentInput = str | bytes | os.PathLike[str]
"""What :func:`load` reads: a path, or the document itself as text or bytes."""


def _cattrs_diagnostics(error: BaseException, path: list[str | int]) -> Iterator[Diagnostic]:
    """Turn cattrs' nested exception groups into diagnostics with pointers."""
    import cattrs  # imported by the detailed converter that raised ``error``
    from cattrs.errors import AttributeValidationNote, IterableValidationNote

    if isinstance(error, cattrs.ForbiddenExtraKeysError):
        for key in sorted(error.extra_fields):
            yield Diagnostic("schema.unknown-key", f"unknown key {key!r}", pointer_of([*path, key]))
        return
    if isinstance(error, BaseExceptionGroup):
        for inner in error.exceptions:
            notes = getattr(inner, "__notes__", [])
            step: list[str | int] = []
            for note in notes:
                if isinstance(note, AttributeValidationNote):
                    step = [note.name]
                elif isinstance(note, IterableValidationNote):
                    step = [note.index]
            yield from _cattrs_diagnostics(inner, [*path, *step])
        return
    if isinstance(error, TooDeepError):
        yield Diagnostic("json.too-deep", str(error), pointer_of([*path, *error.path]))
        return
    yield Diagnostic("model.structure", str(error) or type(error).__name__, pointer_of(path))


def to_model(value: Any, cls: type[Any] = Dataset) -> Any:
    """Structure a schema-valid value into ``cls``; ``DocumentError`` if it cannot be.

    The fast converter does the work; whatever it raises, the detailed converter
    structures the value again, so the diagnostics are always cattrs' detailed ones.
    A document root's ``"$schema"`` (:data:`~grprojects.model.SCHEMA_KEY`) names a
    schema for editors and is not data: it is left out.
    """
    if isinstance(value, dict) and SCHEMA_KEY in value and cls in _ROOT_CLASSES:
        value = {key: item for key, item in value.items() if key != SCHEMA_KEY}
    try:
        with collector_paused():
            try:
                return _fasthooks.structure(value, cls)
            except Exception:  # noqa: BLE001 - the detailed converter, below, says what is wrong
                return converter.converter.structure(value, cls)
    except PluginError:
        raise  # a broken plugin (found on first use of the converter) is not a data problem
    except Exception as error:  # noqa: BLE001 - every failure becomes a diagnostic
        found = _cattrs_diagnostics(error, [])
        raise DocumentError(without_personal_values(found, value)) from None


_OTHER_UNICODE = (
    ("UTF-32", (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")),
    ("UTF-16", (b"\xff\xfe", b"\xfe\xff")),
)
"""Byte-order marks of encodings editors save as "Unicode", longest first."""


def not_utf8(data: bytes, error: UnicodeDecodeError, file: str | None) -> Diagnostic:
    """Where in ``data`` it stops being UTF-8, by line and column, or that it is UTF-16."""
    for encoding, marks in _OTHER_UNICODE:
        if data.startswith(marks):
            message = (
                f"the file is {encoding} (it starts with its byte-order mark); save it as UTF-8"
            )
            return Diagnostic("file.encoding", message, file=file)
    good = error.object[: error.start]  # UTF-8 up to the bad byte (after any BOM)
    line_start = good.rfind(b"\n") + 1
    column = len(bytes(good[line_start:]).decode("utf-8")) + 1
    offset = len(data) - len(error.object) + error.start
    bad = " ".join(f"0x{byte:02x}" for byte in error.object[error.start : error.end])
    message = f"not UTF-8: {error.reason} {bad} at byte {offset}"
    line = good.count(b"\n") + 1
    return Diagnostic("file.encoding", message, file=file, line=line, column=column)


_CHUNK: Final = 1 << 20
"""Inputs are read a MiB at a time, so reading stops soon after the limit is passed."""


def too_large(file: str, limit: int, line: int | None = None) -> Diagnostic:
    """``file.too-large``: the input passed the limit on bytes read from one input."""
    message = (
        f"the input is larger than {limit:,} bytes, the limit on one input; reading stopped "
        f"(set {INPUT_LIMIT_VARIABLE} to raise it)"
    )
    return Diagnostic("file.too-large", message, file=file, line=line)


def numbered_lines(
    path: Path, *, only: set[int] | None = None, shown: str | None = None
) -> Iterator[tuple[int, bytes]]:
    """The non-blank lines of a JSON Lines file with their numbers (only those ``only`` names).

    ``DocumentError`` (``file.too-large``, naming ``shown`` or the path) at the line that
    passes the input limit: no line is read past it, however long.
    """
    limit, read = input_limit(), 0
    with path.open("rb") as handle:
        number = 0
        while line := handle.readline(limit - read + 1):
            number += 1
            read += len(line)
            if read > limit:
                raise DocumentError([too_large(shown or str(path), limit, number)])
            if (only is None or number in only) and line.strip():
                yield number, line


def read_stream(handle: BinaryIO, file: str) -> bytes:
    """All of an open binary stream (standard input, a pipe); ``DocumentError`` past the limit.

    Read a chunk at a time and refused as soon as it passes :func:`input_limit`, so
    memory never holds much more than the limit, however much the stream has.
    """
    limit = input_limit()
    chunks, total = [], 0
    while chunk := handle.read(_CHUNK):
        total += len(chunk)
        if total > limit:
            raise DocumentError([too_large(file, limit)])
        chunks.append(chunk)
    return b"".join(chunks)


def read_bytes(path: Path) -> bytes:
    """The bytes of the file at ``path``; ``DocumentError`` if unreadable or past the limit.

    A regular file larger than the limit is refused before it is read; anything else (a
    device, a pipe, a file still growing) is read as :func:`read_stream` reads.
    """
    try:
        with path.open("rb") as handle:
            status = os.fstat(handle.fileno())
            if stat.S_ISREG(status.st_mode) and status.st_size > input_limit():
                raise DocumentError([too_large(str(path), input_limit())])
            return read_stream(handle, str(path))
    except OSError as error:
        raise DocumentError(
            [Diagnostic("file.unreadable", error.strerror or str(error), file=str(path))]
        ) from None


def read_text(source: DocumentInput) -> tuple[str, str | None]:
    """The document's text and, for a path, the file name to report.

    ``DocumentError`` when the file cannot be read, is past :func:`input_limit`, or
    (file or bytes) is not UTF-8.
    """
    if isinstance(source, str) and source.lstrip().startswith(("{", "[")):
        return decode(source), None
    if isinstance(source, bytes):
        data, file = source, None
    else:
        data, file = read_bytes(Path(source)), str(Path(source))
    try:
        return decode(data), file
    except UnicodeDecodeError as error:
        raise DocumentError([not_utf8(data, error, file)]) from None


@overload
def load(source: DocumentInput, *, schema: Literal["dataset"] = ...) -> Dataset: ...
@overload
def load(source: DocumentInput, *, schema: Literal["project"]) -> Project: ...
@overload
def load(source: DocumentInput, *, schema: str) -> Dataset | Project: ...
def load(source: DocumentInput, *, schema: str = "dataset") -> Dataset | Project:
    """Read a dataset (or, with ``schema="project"``, one project) and check it.

    ``source`` is a path, or the JSON text or bytes themselves (a ``str`` starting
    with ``{`` is text). Raises :class:`~grprojects.DocumentError` listing every
    problem at once, each with its JSON Pointer and, for files, line and column.
    """
    text, file = read_text(source)
    with collector_paused():  # until the JSON tree is freed: no collection walks it halfway
        return _checked(text, file, schema)


@overload
def from_json(value: Any, *, schema: Literal["dataset"] = ...) -> Dataset: ...
@overload
def from_json(value: Any, *, schema: Literal["project"]) -> Project: ...
@overload
def from_json(value: Any, *, schema: str) -> Dataset | Project: ...
def from_json(value: Any, *, schema: str = "dataset") -> Dataset | Project:
    """Check and structure a JSON value already parsed (dicts, lists, strings), as ``load`` does.

    For data made in memory, by a spreadsheet reader say, without writing it out as
    text first. Problems are reported by JSON Pointer (there are no lines to name).
    """
    with collector_paused():
        problems = engines.schema_diagnostics(value, schema)
        if problems:
            raise DocumentError(problems)
        return _structured(value, schema)


def _checked(text: str, file: str | None, schema: str) -> Dataset | Project:
    value = parse_json(text, file=file)
    problems = engines.schema_diagnostics(value, schema)  # the fast engine when installed
    if problems:
        raise DocumentError(scan(text, file=file).place(problems))
    return _structured(value, schema)


def _structured(value: Any, schema: str) -> Dataset | Project:
    if schema not in ROOTS:
        raise ValueError(f"no schema {schema!r}; known: {', '.join(ROOTS)}")
    structured: Dataset | Project = to_model(value, ROOTS[schema])
    return structured


def to_json(obj: Any) -> Any:
    """The JSON value (dicts, lists, strings) of a model object."""
    with collector_paused():  # the new tree holds no cycles: no collection need walk it
        return _fasthooks.fast_converter.unstructure(obj)


def dumps(obj: Any) -> str:
    """The canonical JSON text of a model object: 2-space indent, UTF-8 as is, final newline.

    Raises :class:`~grprojects.DocumentError` instead when :func:`load` would refuse
    what it writes (an object built or edited in Python with a wrong type or value, or
    extension data nested deeper than :data:`~grprojects.converter.MAX_FREE_DEPTH`):
    whatever grprojects writes, it reads back equal.

    The text is ``json.dumps(to_json(obj), ensure_ascii=False, indent=2)`` and a
    newline, written by orjson (the ``fast`` extra) where its text is certainly
    json's: not where free JSON holds a float (orjson writes ``1e-7``, json
    ``1e-07``), nor what orjson refuses (integers past 64 bits, lone surrogates).
    """
    with collector_paused():
        value, plain = written_json(obj)
        orjson = _orjson()
        if orjson is not None and (plain or not _carries_float(obj)):
            try:
                options = orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE
                return str(orjson.dumps(value, option=options).decode())
            except TypeError:  # orjson.JSONEncodeError: a value orjson will not write as json
                pass
        return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


@functools.cache
def _orjson() -> Any:
    """orjson, imported when first writing (it costs a one-file check 15 ms), or None."""
    try:
        import orjson
    except ImportError:  # the ``fast`` extra is not installed
        return None
    return orjson


def _carries_float(value: Any) -> bool:
    """Whether a model object's free JSON (extension data), or a JSON value, holds a float."""
    if not isinstance(value, Model):
        return _holds_float(value)
    return any(_holds_float(free) for free in free_json_values(value))


def _holds_float(value: Any) -> bool:
    """Whether a JSON value has a float anywhere in it (walked without recursion)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, float):
            return True
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def dump(obj: Any, path: str | os.PathLike[str] | None = None) -> str:
    """The canonical text of ``obj``; also written atomically to ``path`` when given."""
    text = dumps(obj)
    if path is not None:
        write_atomically(Path(path), text.encode("utf-8"))
    return text


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path``, replacing a file there, by :mod:`grprojects.outputs`' rules.

    A regular file is replaced atomically (never a half-written file, only its read and
    write bits kept); a FIFO or character device is written as a stream, never replaced.
    """
    outputs.write_bytes(path, data, replace=True)
