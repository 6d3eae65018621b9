"""Make generated datasets fit the formats that need sound data.

The model strategies (``tests.strategies``) generate valid documents whose ids may
repeat and whose references may dangle. Spreadsheets need unique keys where other
sheets join on them; SQLite also needs every reference to resolve. These helpers
mend a generated dataset generically, from the same record tree the formats use.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import attrs

from grprojects.formats._tree import RecordKind, children_of, record_kinds, reference_name
from grprojects.io import to_json, to_model
from grprojects.model import Dataset

Lineage = tuple[tuple[RecordKind, dict[str, Any]], ...]
T = TypeVar("T")


def evolve(obj: T, **changes: Any) -> T:
    """``attrs.evolve`` typed for the model classes, which mypy's attrs plugin cannot see."""
    changed: T = attrs.evolve(obj, **changes)  # type: ignore[misc]  # model classes are attrs classes
    return changed


def _walk(
    kind: RecordKind, value: Any, lineage: Lineage
) -> Iterator[tuple[RecordKind, Any, Lineage]]:
    yield kind, value, lineage
    if not isinstance(value, dict):
        return
    for child in children_of(kind):
        container: Any = value
        for name in child.within:
            container = container.get(name) if isinstance(container, dict) else None
        for item in container or []:
            yield from _walk(child, item, (*lineage, (kind, value)))


def walk(document: dict[str, Any]) -> Iterator[tuple[RecordKind, Any, Lineage]]:
    """Every record of a JSON document: its kind, value and the records above it."""
    return _walk(record_kinds()[0], document, ())


def _fresh(taken: set[Any], old: Any) -> Any:
    new: Any
    if isinstance(old, int):  # the smallest number not taken: the largest may be 2⁵³ − 1
        new = next(n for n in range(1, len(taken) + 2) if n not in taken)
    else:
        number = 2
        while (new := f"{old[:90]}~{number}") in taken:
            number += 1
    taken.add(new)
    return new


def unique_keys(dataset: Dataset) -> Dataset:
    """``dataset`` with every repeated key under one parent replaced by a fresh one.

    Keys are unique per parent and per kind of target, so target groups and
    beneficiaries share their ids' space, as references to groups need.
    """
    document = to_json(dataset)
    seen: dict[tuple[int, str], set[Any]] = defaultdict(set)
    for kind, value, lineage in walk(document):
        if kind.key is None or not lineage or not isinstance(value, dict):
            continue
        taken = seen[id(lineage[-1][1]), reference_name(kind.cls)]
        if value[kind.key] in taken:
            value[kind.key] = _fresh(taken, value[kind.key])
        taken.add(value[kind.key])
    result: Dataset = to_model(document, Dataset)
    return result


def _targets(reference: str) -> list[RecordKind]:
    return [
        k for k in record_kinds() if k.parent is not None and reference_name(k.cls) == reference
    ]


def _scope_keys(kind: RecordKind, value: Any, lineage: Lineage, reference: str) -> set[Any]:
    """The keys a reference from ``value`` may take: those of its targets in its scope."""
    targets = _targets(reference)
    scope = targets[0].parent
    assert scope is not None
    keys: set[Any] = set()
    for holder in [v for k, v in (*lineage, (kind, value)) if k is scope][:1]:
        for found, item, _ in _walk(scope, holder, ()):
            if found in targets and found.key and isinstance(item, dict):
                keys.add(item.get(found.key))
    return keys


def sound(dataset: Dataset) -> Dataset:
    """``dataset`` with unique keys and only references that resolve.

    A dangling optional reference is removed; a record whose required reference
    dangles (a contact of no person) is removed with it.
    """
    document = to_json(unique_keys(dataset))
    doomed: set[int] = set()
    for kind, value, lineage in walk(document):
        if not isinstance(value, dict):
            continue
        for field in kind.values:
            reference = field.field.reference
            if reference is None:
                continue
            holder: Any = value
            for name in field.path[:-1]:
                holder = holder.get(name) if isinstance(holder, dict) else None
            if not isinstance(holder, dict) or field.path[-1] not in holder:
                continue
            keys = _scope_keys(kind, value, lineage, str(reference))
            current = holder[field.path[-1]]
            if isinstance(current, list):
                holder[field.path[-1]] = [c for c in current if c in keys]
            elif current not in keys:
                if field.required:
                    doomed.add(id(value))
                else:
                    del holder[field.path[-1]]
    for kind, value, _ in list(walk(document)):
        for child in children_of(kind):
            container: Any = value
            for name in child.within[:-1]:
                container = container.get(name) if isinstance(container, dict) else None
            if isinstance(container, dict) and child.within[-1] in container:
                items = container[child.within[-1]]
                container[child.within[-1]] = [i for i in items if id(i) not in doomed]
    result: Dataset = to_model(document, Dataset)
    return result


def _parts(pointer: str) -> tuple[str | int, ...]:
    parts: list[str | int] = []
    for raw in pointer.split("/")[1:]:
        part = raw.replace("~1", "/").replace("~0", "~")
        parts.append(int(part) if part.isdigit() else part)
    return tuple(parts)


def _remove(document: Any, parts: tuple[str | int, ...]) -> bool:
    """Remove the value at ``parts``: the list item, or the member; ``False`` for the root."""
    if not parts:
        return False
    holder = document
    for part in parts[:-1]:
        holder = holder[part]
    last = parts[-1]
    if isinstance(holder, list) and isinstance(last, int) and last < len(holder):
        del holder[last]
    elif isinstance(holder, dict):
        holder.pop(str(last), None)
    return True


def pruned(document: dict[str, Any], errors: Callable[[Any], list[str]]) -> bool:
    """Leave out of ``document`` what ``errors`` (JSON Pointers) names, round by round,
    until it names nothing: the value, then the object or list item holding it when it
    was required. ``False`` when the dataset itself is at fault."""
    for _ in range(12):
        pointers = sorted({_parts(p) for p in errors(document)}, key=_order, reverse=True)
        if not pointers:
            return True
        if not all(_remove(document, parts) for parts in pointers):
            return False
    return False


def _order(parts: tuple[str | int, ...]) -> tuple[tuple[int, int | str], ...]:
    """Document order of pointers, indices by number, so that later items go first."""
    return tuple((0, p) if isinstance(p, int) else (1, p) for p in parts)
