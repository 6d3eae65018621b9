"""Reading and writing documents: raw JSON → schema-checked JSON → model, and back.

Each step stays visible: :func:`parse_json` gives the raw value,
:func:`schema_diagnostics` checks it against the published schema (every problem,
each at its JSON Pointer), and only a schema-valid value is structured into the
frozen model. :func:`dump` writes the canonical text that :func:`load` reads back
to an equal dataset.
"""

from __future__ import annotations

import functools
import json
import os
import re
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import cattrs
import jsonschema
import referencing
from cattrs.errors import AttributeValidationNote, IterableValidationNote
from jsonschema.exceptions import ValidationError
from jsonschema.protocols import Validator

from . import _fastdump as fastdump
from . import _faststructure as faststructure
from . import engines
from .converter import converter, shallow_twins
from .diagnostics import Diagnostic, pointer_of
from .errors import DocumentError, PluginError
from .jsontext import collector_paused, decode, parse_json, scan
from .model import Dataset, Project
from .schema import published_schema

DocumentInput = str | bytes | os.PathLike[str]
"""What :func:`load` reads: a path, or the document itself as text or bytes."""


@functools.cache
def _ecma_regex(pattern: str) -> re.Pattern[str]:
    # In ECMA-262, which JSON Schema's ``pattern`` follows, a final ``$`` matches only at
    # the very end; in Python it also matches before a final newline.
    return re.compile(pattern[:-1] + r"\Z" if pattern.endswith("$") else pattern)


def _ecma_pattern(
    validator: Validator, pattern: str, instance: Any, schema: Any
) -> Iterator[ValidationError]:
    if isinstance(instance, str) and not _ecma_regex(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


ReferenceValidator = jsonschema.validators.extend(  # type: ignore[no-untyped-call]  # untyped in the stubs
    jsonschema.Draft202012Validator, {"pattern": _ecma_pattern}
)
"""Draft 2020-12 with ECMA-262 ``$`` in patterns, so verdicts match other engines."""


def validator_for_schema(schema: Mapping[str, Any]) -> Validator:
    """A reference validator of ``schema``: formats checked, references resolved offline."""
    registry: referencing.Registry[Any] = referencing.Registry().with_resource(
        schema["$id"], referencing.Resource.from_contents(dict(schema))
    )
    validator: Validator = ReferenceValidator(
        dict(schema), registry=registry, format_checker=ReferenceValidator.FORMAT_CHECKER
    )
    return validator


@functools.cache
def schema_validator(name: str = "dataset") -> Validator:
    """The reference validator of a published schema (cached)."""
    return validator_for_schema(published_schema(name))


_KEYWORD_CODES = {
    "additionalProperties": "schema.unknown-key",
    "required": "schema.required",
    "type": "schema.type",
    "enum": "schema.code",
    "pattern": "schema.pattern",
    "format": "schema.format",
    "minimum": "schema.minimum",
    "uniqueItems": "schema.duplicate-item",
    "propertyNames": "schema.key",
}


def _message(error: ValidationError) -> str:
    if error.validator == "enum" and isinstance(error.validator_value, list):
        allowed = error.validator_value
        shown = ", ".join(repr(v) for v in allowed[:8]) + (", …" if len(allowed) > 8 else "")
        return f"{error.instance!r} is not an allowed code ({shown})"
    if error.validator == "pattern":
        return f"{error.instance!r} does not match the pattern {error.validator_value!r}"
    return error.message


def _leaf_errors(error: ValidationError) -> Iterator[ValidationError]:
    """The errors that say what is wrong, not that "none of anyOf matched"."""
    if error.context and not _is_misspelt_date(error):  # which says it for a date
        best = jsonschema.exceptions.best_match(error.context)
        if best is not None:
            yield from _leaf_errors(best)
            return
    yield error


_DATE_SPELLINGS = (
    "write a day (2019-02-05), month (2019-09), season (2016-21 spring … 2016-24 winter) "
    "or year (2018)"
)


def _is_misspelt_date(error: ValidationError) -> bool:
    """Whether ``error`` is a string that no spelling of a partial date matches.

    Then neither branch of the date's ``anyOf`` alone says what is wrong: the full
    date's pattern would suggest only days are allowed.
    """
    schema = error.schema
    return (
        error.validator == "anyOf"
        and isinstance(schema, dict)
        and schema.get("title") == "PartialDate"
        and isinstance(error.instance, str)
        and not any(
            _ecma_regex(branch["pattern"]).search(error.instance) for branch in schema["anyOf"]
        )
    )


def _diagnostic(error: ValidationError) -> Diagnostic:
    path = list(error.absolute_path)
    if _is_misspelt_date(error):
        message = f"{error.instance!r} is not a date: {_DATE_SPELLINGS}"
        return Diagnostic("schema.pattern", message, pointer_of(path))
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
        extra = sorted(k for k in error.instance if k not in allowed)
        if extra:
            path.append(extra[0])
            message = f"unknown key {extra[0]!r}" + (
                f" (and {', '.join(map(repr, extra[1:]))})" if extra[1:] else ""
            )
            return Diagnostic("schema.unknown-key", message, pointer_of(path))
    code = _KEYWORD_CODES.get(str(error.validator), f"schema.{error.validator}")
    return Diagnostic(code, _message(error), pointer_of(path))


def schema_diagnostics(value: Any, name: str = "dataset") -> list[Diagnostic]:
    """Every way ``value`` breaks the published schema ``name``, in document order."""
    found = [
        _diagnostic(leaf)
        for error in schema_validator(name).iter_errors(value)
        for leaf in _leaf_errors(error)
    ]
    # A value outside a code list usually breaks its pattern too; the code list says more.
    coded = {d.pointer for d in found if d.code == "schema.code"}
    found = [d for d in found if d.code == "schema.code" or d.pointer not in coded]
    return sorted(found, key=lambda d: (d.pointer, d.code))


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
    """Structure a schema-valid value into ``cls``; ``DocumentError`` if it cannot be."""
    try:
        with collector_paused():
            return faststructure.structure(converter, value, cls)  # cattrs when fast fails
    except PluginError:
        raise  # a broken plugin (found on first use of the converter) is not a data problem
    except Exception as error:  # noqa: BLE001 - every failure becomes a diagnostic
        raise DocumentError(list(_cattrs_diagnostics(error, []))) from None


_OTHER_UNICODE = (
    ("UTF-32", (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")),
    ("UTF-16", (b"\xff\xfe", b"\xfe\xff")),
)
"""Byte-order marks of encodings editors save as "Unicode", longest first."""


def not_utf8(data: bytes, error: UnicodeDecodeError, file: str) -> Diagnostic:
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
        return decode(source), None
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


def load(source: DocumentInput, *, schema: str = "dataset") -> Any:
    """Read a dataset (or, with ``schema="project"``, one project) and check it.

    ``source`` is a path, or the JSON text or bytes themselves (a ``str`` starting
    with ``{`` is text). Raises :class:`~grprojects.DocumentError` listing every
    problem at once, each with its JSON Pointer and, for files, line and column.
    """
    text, file = read_text(source)
    with collector_paused():  # until the JSON tree is freed: no collection walks it halfway
        return _checked(text, file, schema)


def _checked(text: str, file: str | None, schema: str) -> Any:
    value = parse_json(text, file=file)
    problems = engines.schema_diagnostics(value, schema)  # the fast engine when installed
    if problems:
        raise DocumentError(scan(text, file=file).place(problems))
    return to_model(value, {"dataset": Dataset, "project": Project}[schema])


def to_json(obj: Any) -> Any:
    """The JSON value (dicts, lists, strings) of a model object."""
    return converter.unstructure(obj)


def dumps(obj: Any) -> str:
    """The canonical JSON text of a model object: 2-space indent, UTF-8 as is, final newline."""
    with collector_paused():
        text = fastdump.dumps(obj, shallow_twins)  # orjson's text when it is certainly json's
        if text is None:
            text = json.dumps(to_json(obj), ensure_ascii=False, indent=2) + "\n"
        return text


def dump(obj: Any, path: str | os.PathLike[str] | None = None) -> str:
    """The canonical text of ``obj``; also written atomically to ``path`` when given."""
    text = dumps(obj)
    if path is not None:
        write_atomically(Path(path), text.encode("utf-8"))
    return text


def _mode_for(path: Path) -> int:
    """The permissions ``path`` has now, or what the umask gives a new file."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then replace ``path`` with it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        Path(temporary).chmod(_mode_for(path))  # mkstemp makes it private; the result need not be
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
