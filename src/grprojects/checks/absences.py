"""Checks on stated-missing and unknown values: each names a field that may be absent.

An object's ``missing`` list says which of its fields a source states is missing
(``UPPGIFT SAKNAS``) or which are unknown. The entry stands in for the value, so it
must name a field the object has, one the schema lets be absent, and one that is in
fact absent.
"""

from __future__ import annotations

import operator
from collections.abc import Iterator
from typing import Any

from ..diagnostics import Diagnostic, Severity, pointer_of
from ..model import Absence, Dataset
from ..model.fields import FieldInfo, fields_of
from ..plugin_types import Check, CheckContext
from ._walk import nodes, nodes_by_class, per_dataset, value_of


def _owners(context: CheckContext) -> list[tuple[str, Any, int, Absence, FieldInfo | None]]:
    """Every absence with its owner's pointer, the owner, the entry's index and the field
    it names (``None`` when the owner has no such field)."""
    return _absences(context.dataset)


@per_dataset
def _absences(dataset: Dataset) -> list[tuple[str, Any, int, Absence, FieldInfo | None]]:
    """:func:`_owners`, found once for the three checks: only the classes with a ``missing``
    list are looked at, in the walk's order."""
    missing = operator.attrgetter("missing")
    tables = {
        cls: {f.name: f for f in fields_of(cls) if f.name != "missing"}
        for cls, group in nodes_by_class(dataset).items()
        if any(f.name == "missing" for f in fields_of(cls))
        and any(map(missing, map(value_of, group)))  # most classes have no absence at all
    }
    found: list[tuple[str, Any, int, Absence, FieldInfo | None]] = []
    if not tables:
        return found
    for path, obj in nodes(dataset):
        table = tables.get(obj.__class__)
        if table is None:
            continue
        entries = obj.missing
        for index, absence in enumerate(entries or ()):
            if isinstance(absence, Absence):
                found.append((pointer_of(path), obj, index, absence, table.get(absence.field)))
    return found


def _unknown_field(context: CheckContext) -> Iterator[Diagnostic]:
    for pointer, owner, index, absence, info in _owners(context):
        if info is None:
            yield UNKNOWN_FIELD.diagnostic(
                f"{pointer}/missing/{index}/field",
                f"{type(owner).__name__} has no field {absence.field!r} to be missing",
            )


def _required_field(context: CheckContext) -> Iterator[Diagnostic]:
    for pointer, _, index, absence, info in _owners(context):
        if info is not None and info.required:
            yield REQUIRED_FIELD.diagnostic(
                f"{pointer}/missing/{index}/field",
                f"{absence.field!r} is required: the schema needs a value even where the "
                f"source states it is missing ({absence.reason})",
            )


def _value_present(context: CheckContext) -> Iterator[Diagnostic]:
    for pointer, owner, index, absence, info in _owners(context):
        if info is None or info.required:
            continue
        if getattr(owner, absence.field) != info.empty():
            yield VALUE_PRESENT.diagnostic(
                f"{pointer}/missing/{index}",
                f"{absence.field!r} is said to be missing ({absence.reason}) but has a value",
            )


UNKNOWN_FIELD = Check(
    code="missing.unknown-field",
    severity=Severity.ERROR,
    category="missing",
    summary="A stated-missing entry names a field the object does not have.",
    explanation=(
        "Each entry of an object's `missing` list names one of that object's own fields, "
        "as the schema spells it (`email`, `amount`, `phones`). A misspelt name says "
        "nothing about any value."
    ),
    failing_example='{"id": "p", "name": "NN", "missing": [{"field": "epost"}]}',
    passing_example='{"id": "p", "name": "NN", "missing": [{"field": "email"}]}',
    run=_unknown_field,
)

REQUIRED_FIELD = Check(
    code="missing.required-field",
    severity=Severity.ERROR,
    category="missing",
    summary="A stated-missing entry names a field the schema requires.",
    explanation=(
        "A required field (a project's `name`, an organisation's `kind`) must have a "
        "value; stating that the source lacks it does not make the object complete. Give "
        "the value from another source, or leave the object out and report the record."
    ),
    failing_example='{"id": "x", "name": {"sv": "?"}, "kind": "other", '
    '"missing": [{"field": "kind", "wording": {"sv": "UPPGIFT SAKNAS"}}]}',
    passing_example='{"id": "x", "name": {"sv": "?"}, "kind": "other", '
    '"missing": [{"field": "url", "wording": {"sv": "UPPGIFT SAKNAS"}}]}',
    run=_required_field,
)

VALUE_PRESENT = Check(
    code="missing.value-present",
    severity=Severity.WARNING,
    category="missing",
    summary="A field is said to be missing but has a value.",
    explanation=(
        "An entry in `missing` stands in for the value, so the field itself is left out "
        "(or, for a list, empty). When both are there, one of them is stale: the source "
        "was updated, or two sources disagree and need a statement each."
    ),
    failing_example='{"email": "a@example.se", "missing": [{"field": "email"}]}',
    passing_example='{"missing": [{"field": "email"}]}',
    run=_value_present,
)

CHECKS = (UNKNOWN_FIELD, REQUIRED_FIELD, VALUE_PRESENT)
