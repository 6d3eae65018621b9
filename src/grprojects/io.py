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
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final, Literal, overload

import cattrs
from cattrs.errors import AttributeValidationNote, IterableValidationNote

from . import engines, outputs
from ._fasthooks import fast_converter
from .converter import converter
from .diagnostics import Diagnostic, pointer_of
from .errors import DocumentError, PluginError
from .jsontext import collector_paused, decode, parse_json, scan
from .model import ROOTS, Dataset, Project
from .model.fields import FieldInfo, Model, Shape, fields_of
from .model_check import checked_json

DocumentInput = str | bytes | os.PathLike[str]
"""What :func:`load` reads: a path, or the document itself as text or bytes."""


def _cattrs_diagnostics(error: BaseException, path: list[str | int]) -> Iterator[Diagnostic]:
    """Turn cattrs' nested exception groups into diagnostics with pointers."""
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
    yield Diagnostic("model.structure", str(error) or type(error).__name__, pointer_of(path))


def to_model(value: Any, cls: type[Any] = Dataset) -> Any:
    """Structure a schema-valid value into ``cls``; ``DocumentError`` if it cannot be.

    The fast converter does the work; whatever it raises, the detailed converter
    structures the value again, so the diagnostics are always cattrs' detailed ones.
    """
    try:
        with collector_paused():
            try:
                return fast_converter.structure(value, cls)
            except Exception:  # noqa: BLE001 - the detailed converter, below, says what is wrong
                return converter.structure(value, cls)
    except PluginError:
        raise  # a broken plugin (found on first use of the converter) is not a data problem
    except Exception as error:  # noqa: BLE001 - every failure becomes a diagnostic
        raise DocumentError(list(_cattrs_diagnostics(error, []))) from None


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


def read_text(source: DocumentInput) -> tuple[str, str | None]:
    """The document's text and, for a path, the file name to report."""
    if isinstance(source, bytes):
        try:
            return decode(source), None
        except UnicodeDecodeError as error:
            raise DocumentError([not_utf8(source, error, None)]) from None
    if isinstance(source, str) and source.lstrip().startswith(("{", "[")):
        return decode(source), None
    path = Path(source)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise DocumentError(
            [Diagnostic("file.unreadable", error.strerror or str(error), file=str(path))]
        ) from None
    try:
        return decode(data), str(path)
    except UnicodeDecodeError as error:
        raise DocumentError([not_utf8(data, error, str(path))]) from None


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
        return fast_converter.unstructure(obj)


def dumps(obj: Any) -> str:
    """The canonical JSON text of a model object: 2-space indent, UTF-8 as is, final newline.

    Raises :class:`~grprojects.DocumentError` instead when :func:`load` would refuse
    what it writes (an object built or edited in Python with a wrong type or value):
    whatever grprojects writes, it reads back equal.

    The text is ``json.dumps(to_json(obj), ensure_ascii=False, indent=2)`` and a
    newline, written by orjson (the ``fast`` extra) where its text is certainly
    json's: not where free JSON holds a float (orjson writes ``1e-7``, json
    ``1e-07``), nor what orjson refuses (integers past 64 bits, lone surrogates).
    """
    with collector_paused():
        value = checked_json(obj)
        if _ORJSON is not None and not _carries_float(obj):
            try:
                return str(_ORJSON.dumps(value, option=_ORJSON_OPTIONS).decode())
            except TypeError:  # orjson.JSONEncodeError: a value orjson will not write as json
                pass
        return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def _orjson() -> Any:
    try:
        import orjson
    except ImportError:  # the ``fast`` extra is not installed
        return None
    return orjson


_ORJSON: Final = _orjson()
_ORJSON_OPTIONS: Final = 0 if _ORJSON is None else _ORJSON.OPT_INDENT_2 | _ORJSON.OPT_APPEND_NEWLINE


@functools.cache
def _float_plan(cls: type) -> tuple[tuple[FieldInfo, bool], ...]:
    """The fields of model class ``cls`` that hold free JSON, or objects that may: (field,
    whether it is free JSON)."""
    return tuple(
        (field, field.shape is Shape.JSON)
        for field in fields_of(cls)
        if field.shape is Shape.JSON or (field.is_model and _float_plan(field.item))
    )


def _carries_float(value: Any) -> bool:
    """Whether a model object's free JSON (extension data), or a JSON value, holds a float."""
    stack = [value]
    while stack:
        item = stack.pop()
        if not isinstance(item, Model):
            if _holds_float(item):
                return True
            continue
        kind: type = type(item)
        for field, free in _float_plan(kind):
            current = getattr(item, field.name)
            if free or not field.is_list:
                if current is not None:
                    stack.append(current)
            else:
                stack.extend(current)
    return False


def _holds_float(value: Any) -> bool:
    """Whether a JSON value has a float anywhere in it."""
    if isinstance(value, float):
        return True
    if isinstance(value, dict):
        return any(_holds_float(v) for v in value.values())
    if isinstance(value, list):
        return any(_holds_float(v) for v in value)
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
