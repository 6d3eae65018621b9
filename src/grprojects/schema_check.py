"""Checking a JSON value against a JSON Schema, the reference way, one way for every schema.

jsonschema (draft 2020-12) with two adjustments so that its verdicts match other
engines and every schema is checked alike — the published core schemas and the
extensions' fragments: a final ``$`` in a ``pattern`` matches only at the very end,
as in ECMA-262 (in Python it also matches before a final newline), and formats are
checked. References resolve offline. Each problem becomes a
:class:`~grprojects.Diagnostic` with a stable code and its JSON Pointer.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from typing import Any, Final

import jsonschema
import referencing
from jsonschema.exceptions import ValidationError
from jsonschema.protocols import Validator

from .diagnostics import Diagnostic, pointer_of
from .masking import is_personal_value, shown
from .schema import document_version, published_schema


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
def schema_validator(name: str = "dataset", version: str | None = None) -> Validator:
    """The reference validator of a published schema, the current version by default (cached)."""
    return validator_for_schema(published_schema(name, version))


KEYWORD_CODES: Final = {
    "additionalProperties": "schema.unknown-key",
    "required": "schema.required",
    "type": "schema.type",
    "enum": "schema.code",
    "pattern": "schema.pattern",
    "format": "schema.format",
    "minimum": "schema.minimum",
    "maximum": "schema.maximum",
    "maxLength": "schema.too-long",
    "uniqueItems": "schema.duplicate-item",
    "propertyNames": "schema.key",
}


def _personal(error: ValidationError) -> bool:
    return is_personal_value(error.schema, error.absolute_path)


def message_of(error: ValidationError) -> str:
    """What ``error`` says, in grprojects' words: codes listed, patterns and keys named.

    A personal value (its field marked personal, or inside such a field) is never quoted
    in full: schema errors end up in CI logs, which are often public.
    """
    personal = _personal(error)
    value = shown(error.instance, personal=personal)
    if error.validator == "enum" and isinstance(error.validator_value, list):
        allowed = error.validator_value
        listed = ", ".join(repr(v) for v in allowed[:8]) + (", …" if len(allowed) > 8 else "")
        return f"{value} is not an allowed code ({listed})"
    if error.validator == "pattern":
        return f"{value} does not match the pattern {error.validator_value!r}"
    if error.validator == "maxLength" and isinstance(error.instance, str):  # never quoted
        return (
            f"{len(error.instance):,} characters; at most {error.validator_value:,} "
            "(what a spreadsheet cell holds)"
        )
    if error.validator == "additionalProperties" and isinstance(error.instance, Mapping):
        allowed = error.schema.get("properties", {}) if isinstance(error.schema, Mapping) else {}
        extra = sorted(k for k in error.instance if k not in allowed)
        if extra:
            return f"unknown key {extra[0]!r}"
    if personal:  # jsonschema's own messages quote the value
        return error.message.replace(repr(error.instance), value)
    return error.message


def leaf_errors(error: ValidationError) -> Iterator[ValidationError]:
    """The errors that say what is wrong, not that "none of anyOf matched"."""
    if error.context and not _is_misspelt_date(error):  # which says it for a date
        best = jsonschema.exceptions.best_match(error.context)
        if best is not None:
            yield from leaf_errors(best)
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
        message = (
            f"{shown(error.instance, personal=_personal(error))} is not a date: {_DATE_SPELLINGS}"
        )
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
    code = KEYWORD_CODES.get(str(error.validator), f"schema.{error.validator}")
    return Diagnostic(code, message_of(error), pointer_of(path))


def schema_diagnostics(value: Any, name: str = "dataset") -> list[Diagnostic]:
    """Every way ``value`` breaks the published schema ``name``, in document order.

    A document is checked by the rules of the version it names (``"version": "1.0"``).
    """
    return schema_diagnostics_with(schema_validator(name, document_version(value)), value)


def schema_diagnostics_with(validator: Validator, value: Any) -> list[Diagnostic]:
    """Every way ``value`` breaks the schema of ``validator``, in document order."""
    found = [
        _diagnostic(leaf) for error in validator.iter_errors(value) for leaf in leaf_errors(error)
    ]
    # A value outside a code list usually breaks its pattern too; the code list says more.
    coded = {d.pointer for d in found if d.code == "schema.code"}
    found = [d for d in found if d.code == "schema.code" or d.pointer not in coded]
    return sorted(found, key=lambda d: (d.pointer, d.code))
