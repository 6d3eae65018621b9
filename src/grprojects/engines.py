"""Schema engines: what decides whether a JSON value matches a published schema.

``jsonschema`` is the reference engine: its verdict is grprojects' verdict, and only
it explains a problem (:func:`grprojects.schema_check.schema_diagnostics`). ``jsonschema-rs``
(the ``fast`` extra) answers the yes-or-no question a hundred times sooner and is
used automatically when installed, but it is only trusted to say *valid*: a *no*, or
any failure of the engine itself, is asked again of the reference engine, so a fast
engine changes how soon grprojects answers, never what it answers.

The fast engine is given the schema in the reference engine's own terms: each
``pattern`` is rewritten so that ``\\s``, ``\\d`` and ``.`` match exactly the
characters Python's ``re`` matches, and every ``format`` is checked by jsonschema's
own format checker. A pattern it cannot rewrite faithfully leaves that schema to the
reference engine. ``tests/speed`` proves the verdicts equal.

The rewritten schema is kept in grprojects' cache on disk (:mod:`grprojects._cache`),
keyed by the schema's hash, the Python version and its Unicode version (which decide
what ``\\d`` and ``\\s`` match) and this module's own source: working it out takes a
quarter of a second, which a one-file check in pre-commit should not pay each time. It
is not generated when grprojects is built because a wheel serves every Python, and
each reads ``\\s`` by its own Unicode tables.

Set ``GRPROJECTS_SCHEMA_ENGINE=jsonschema`` to use the reference engine alone.
"""

from __future__ import annotations

import array
import contextlib
import functools
import os
import platform
import re
import sys
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import Any, Final, Protocol

from . import _cache
from .diagnostics import Diagnostic
from .model.values import DAY_PATTERN
from .schema import document_version, published_digest, published_schema

ENGINE_VARIABLE: Final = "GRPROJECTS_SCHEMA_ENGINE"
"""The environment variable that names the engine to use (``jsonschema``, ``jsonschema-rs``)."""
REFERENCE: Final = "jsonschema"
FAST: Final = "jsonschema-rs"


class Engine(Protocol):
    """Something that decides whether a value matches one of the published schemas."""

    name: str
    """The engine's name, as ``GRPROJECTS_SCHEMA_ENGINE`` spells it."""

    def is_valid(self, value: Any, schema: str) -> bool:
        """Whether ``value`` matches the published schema ``schema`` (``dataset``, ``project``)."""
        ...


class ReferenceEngine:
    """jsonschema (draft 2020-12, formats checked, offline): the verdict of record."""

    name = REFERENCE

    def is_valid(self, value: Any, schema: str) -> bool:
        """Whether ``value`` matches the published schema ``schema`` of the version it names."""
        from .schema_check import schema_validator  # jsonschema: imported when first asked

        return bool(schema_validator(schema, document_version(value)).is_valid(value))


class FastEngine:
    """jsonschema-rs, given the published schemas in the reference engine's terms."""

    name = FAST

    def __init__(self) -> None:
        import jsonschema_rs  # ImportError without the ``fast`` extra

        self._jsonschema_rs: Any = jsonschema_rs
        self._validators: dict[tuple[str, str | None], Any] = {}
        self._reference = ReferenceEngine()

    def validator(self, schema: str, version: str | None = None) -> Any:
        """The compiled validator of ``schema`` (of ``version``, the current by default),
        or None when it must be left to the reference."""
        key = (schema, version)
        if key not in self._validators:
            self._validators[key] = self._compile(
                published_schema(schema, version), published_digest(schema, version)
            )
        return self._validators[key]

    def _compile(self, schema: Mapping[str, Any], digest: str) -> Any:
        rewritten = rewritten_schema(schema, digest=digest)
        if rewritten is None:
            return None
        formats: dict[str, Callable[[str], bool]] = {
            name: functools.partial(_conforms, name)
            for name in _formats_in(schema)
            if not _left_to_rust(schema, name)
        }
        try:
            return self._jsonschema_rs.validator_for(
                rewritten, formats=formats, validate_formats=True, offline=True
            )
        except ValueError:  # a pattern Rust's regex syntax refuses (Python may read it)
            return None

    def is_valid(self, value: Any, schema: str) -> bool:
        """Whether ``value`` matches ``schema``; the reference answers what this engine cannot."""
        validator = self.validator(schema, document_version(value))
        if validator is not None:
            try:
                return bool(validator.is_valid(value))
            except (ValueError, TypeError, OverflowError):  # a value Rust cannot hold
                pass
        return self._reference.is_valid(value, schema)


def _conforms(format_name: str, instance: Any) -> bool:
    """jsonschema's verdict on ``instance`` as a ``format_name``, found without it when certain."""
    certain = SURELY_CONFORMING.get(format_name)
    if certain is not None and certain(instance):
        return True
    from .schema_check import ReferenceValidator

    return bool(ReferenceValidator.FORMAT_CHECKER.conforms(instance, format_name))


_DAY: Final = re.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _is_day(instance: str) -> bool:
    if not _DAY.fullmatch(instance):
        return False
    try:
        date.fromisoformat(instance)
    except ValueError:
        return False
    return True


SURELY_CONFORMING: Final[Mapping[str, Callable[[str], bool]]] = {
    "date": _is_day,
    "email": lambda instance: "@" in instance,
}
"""For a format, a test that only passes values jsonschema's format checker passes too.

Importing jsonschema costs a one-file check a fifth of its time, so the fast engine asks
these first and jsonschema only for what they do not pass: ``date`` a day
``YYYY-MM-DD`` (ASCII digits) that exists, ``email`` a text with an ``@``, each a
subset of what jsonschema accepts (``tests/speed/test_engines.py`` checks that, on
the installed jsonschema). A verdict stays jsonschema's."""


NATIVE_WHEN_PATTERN: Final[Mapping[str, frozenset[str]]] = {"date": frozenset({DAY_PATTERN})}
"""For a format, the patterns beside which jsonschema-rs's own check gives jsonschema's verdict.

Python calls for each value cost the fast engine a third of its time on a large
document. Rust's ``date`` passes year ``0000``, which jsonschema (``date.fromisoformat``)
refuses; otherwise both read ``YYYY-MM-DD`` in ASCII digits as a day of the proleptic
Gregorian calendar. :data:`~grprojects.model.values.DAY_PATTERN` admits only the years
0001–9999 in ASCII digits, so where it stands beside the format the two agree
(``tests/speed/test_engines.py`` checks every string of that form a calendar could
disagree on). A ``date`` anywhere without it is still asked of jsonschema."""


def _left_to_rust(schema: Any, format_name: str) -> bool:
    """Whether every ``format_name`` in ``schema`` stands beside a pattern Rust agrees under."""
    patterns = NATIVE_WHEN_PATTERN.get(format_name)
    return patterns is not None and all(
        pattern in patterns for pattern in _patterns_beside(schema, format_name)
    )


def _patterns_beside(schema: Any, format_name: str) -> Iterator[str | None]:
    """The pattern beside each ``format_name`` in ``schema`` (None where there is none)."""
    if isinstance(schema, Mapping):
        if schema.get("format") == format_name:
            yield schema.get("pattern")
        for value in schema.values():
            yield from _patterns_beside(value, format_name)
    elif isinstance(schema, list):
        for item in schema:
            yield from _patterns_beside(item, format_name)


def _formats_in(schema: Any) -> set[str]:
    if isinstance(schema, Mapping):
        found = {schema["format"]} if isinstance(schema.get("format"), str) else set()
        return found.union(*(_formats_in(v) for v in schema.values()))
    if isinstance(schema, list):
        return set().union(*(_formats_in(v) for v in schema))
    return set()


class _UnsupportedPatternError(ValueError):
    """A pattern uses syntax whose meaning the rewrite cannot keep identical."""

    def __init__(self, pattern: str) -> None:
        super().__init__(f"{pattern!r}: its meaning in Rust's regex syntax would differ")


_SURROGATES: Final = (0xD800, 0xDFFF)
"""Code points no Rust string holds (a Python string holding one never reaches Rust)."""


@functools.cache
def _python_ranges(escape: str) -> str:
    """The characters Python's ``re`` matches with ``escape`` (``d``, ``D``, ``s``, ``S``).

    Written as the inside of a Rust character class; the complements of ``\\d`` and
    ``\\s`` leave out the surrogates.
    """
    ranges = _matched_ranges(escape.lower())
    if escape.isupper():
        ranges = _complement([*ranges, _SURROGATES])
    return "".join(f"\\x{{{low:X}}}-\\x{{{high:X}}}" for low, high in ranges)


_UTF32: Final = "utf-32-le" if sys.byteorder == "little" else "utf-32-be"


@functools.cache
def _matched_ranges(escape: str) -> list[tuple[int, int]]:
    """The runs of code points ``\\escape`` matches, found by searching every character once."""
    ranges: list[tuple[int, int]] = []
    for low, high in ((0, _SURROGATES[0] - 1), (_SURROGATES[1] + 1, 0x10FFFF)):
        points = array.array("I", range(low, high + 1))  # 4-byte code units: one text, fast
        every = points.tobytes().decode(_UTF32)
        runs = re.finditer(f"\\{escape}+", every)
        ranges += [(low + run.start(), low + run.end() - 1) for run in runs]
    return ranges


def _complement(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    gaps, start = [], 0
    for low, high in sorted(ranges):
        if low > start:
            gaps.append((start, low - 1))
        start = max(start, high + 1)
    return [*gaps, (start, 0x10FFFF)] if start <= 0x10FFFF else gaps


_CLASS_ESCAPES: Final = frozenset("dDsS")
_LITERAL_ESCAPES: Final = frozenset("ntrfv")
_HEX4: Final = re.compile("[0-9a-fA-F]{4}")


def python_pattern(pattern: str) -> str:
    """``pattern`` rewritten so that an ECMA-262 / Rust engine matches what Python's ``re`` does.

    ``\\d``, ``\\D``, ``\\s``, ``\\S`` become explicit ranges (Python's are Unicode, the
    others' ASCII or different), ``.`` becomes "anything but a newline", and a final
    ``$`` stays (the reference engine reads it as the end of the text, as ECMA-262 does).
    Raises ``ValueError`` for syntax whose meaning differs in ways not rewritten here.
    """
    if pattern.endswith("\\$"):  # the reference reads a final "$" as the end even then
        raise _UnsupportedPatternError(pattern)
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            if i + 1 >= len(pattern):
                raise _UnsupportedPatternError(pattern)
            escaped = pattern[i + 1]
            if escaped in _CLASS_ESCAPES:
                ranges = _python_ranges(escaped)
                out.append(ranges if in_class else f"[{ranges}]")
            elif escaped in _LITERAL_ESCAPES or not escaped.isalnum():
                out.append(char + escaped)
            elif escaped == "u" and _HEX4.fullmatch(pattern, i + 2, i + 6):
                out.append(pattern[i : i + 6])  # a code point: the same in every engine
                i += 4
            else:  # \w, \b, \A, \Z, \x…, back-references: meanings differ
                raise _UnsupportedPatternError(pattern)
            i += 2
            continue
        if in_class:
            if char == "[" or pattern[i : i + 2] in ("&&", "--", "~~"):  # Rust class syntax
                raise _UnsupportedPatternError(pattern)
            in_class = char != "]"
            out.append(char)
        elif char == "[":
            in_class = True
            out.append(char)
            if pattern[i + 1 : i + 2] == "^":
                out.append("^")
                i += 1
            if pattern[i + 1 : i + 2] == "]":  # a leading ] is a literal in Python
                out.append("\\]")
                i += 1
        elif char == ".":
            out.append("[^\\n]")
        elif char == "$" and i != len(pattern) - 1:
            raise _UnsupportedPatternError(pattern)
        elif char == "(" and pattern[i + 1 : i + 2] == "?" and pattern[i + 2 : i + 3] != ":":
            raise _UnsupportedPatternError(pattern)  # flags, look-around, named groups
        else:
            out.append(char)
        i += 1
    if in_class:
        raise _UnsupportedPatternError(pattern)
    return "".join(out)


def rewritten_schema(
    schema: Mapping[str, Any], *, digest: str | None = None
) -> dict[str, Any] | None:
    """``schema`` with every pattern in Python's terms, or None when one cannot be rewritten.

    Read from the cache on disk when this schema was rewritten before by the same Python
    and the same version of this module. ``digest`` is the schema's hash, when known
    (:func:`~grprojects.schema.published_digest`).
    """
    key = {
        "schema": digest or _cache.digest(schema),
        "python": f"{sys.implementation.name} {platform.python_version()}",
        "unicode": unicodedata.unidata_version,
        "rewrite": _rewrite_version(),
    }
    rewritten: dict[str, Any] | None = _cache.cached("fast-schema", key, lambda: _rewrite(schema))
    return rewritten


def _rewrite(schema: Mapping[str, Any]) -> dict[str, Any] | None:
    try:
        rewritten: dict[str, Any] = _with_python_patterns(schema)
    except _UnsupportedPatternError:
        return None
    return rewritten


@functools.cache
def _rewrite_version() -> str:
    """A hash of this module's source: an edited rewrite never meets an old cached schema."""
    return _cache.source_digest(Path(__file__))


def _with_python_patterns(schema: Any) -> Any:
    if isinstance(schema, Mapping):
        if "patternProperties" in schema:
            raise _UnsupportedPatternError("patternProperties")
        return {
            key: python_pattern(value)
            if key == "pattern" and isinstance(value, str)
            else _with_python_patterns(value)
            for key, value in schema.items()
        }
    if isinstance(schema, list):
        return [_with_python_patterns(item) for item in schema]
    return schema


@functools.cache
def installed() -> dict[str, Engine]:
    """The engines that can run here, by name: the reference always, the fast one if installed."""
    engines: dict[str, Engine] = {REFERENCE: ReferenceEngine()}
    with contextlib.suppress(ImportError):
        engines[FAST] = FastEngine()
    return engines


def engine(name: str | None = None) -> Engine:
    """The engine ``name``; by default ``$GRPROJECTS_SCHEMA_ENGINE``, else the fastest installed."""
    engines = installed()
    name = name or os.environ.get(ENGINE_VARIABLE) or (FAST if FAST in engines else REFERENCE)
    try:
        return engines[name]
    except KeyError:
        known = ", ".join(engines)
        hint = " (install grprojects[fast])" if name == FAST else ""
        raise KeyError(f"no schema engine {name!r}{hint}; installed: {known}") from None


def is_valid(value: Any, schema: str = "dataset", *, using: Engine | None = None) -> bool:
    """Whether ``value`` matches the published ``schema``: the reference verdict, found fast."""
    chosen = using or engine()
    if chosen.is_valid(value, schema):
        return True
    if chosen.name == REFERENCE:
        return False
    return installed()[REFERENCE].is_valid(value, schema)


def schema_diagnostics(
    value: Any, schema: str = "dataset", *, using: Engine | None = None
) -> list[Diagnostic]:
    """Every way ``value`` breaks ``schema``; a fast engine skips the search when there is none.

    Exactly :func:`grprojects.schema_check.schema_diagnostics`, which runs only when the chosen
    engine does not find the value valid.
    """
    chosen = using or engine()
    if chosen.name != REFERENCE and chosen.is_valid(value, schema):
        return []
    from .schema_check import schema_diagnostics as reference_diagnostics

    return reference_diagnostics(value, schema)
