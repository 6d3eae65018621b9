"""Leaving personal data out: the fields marked personal in the model are emptied.

The marks live on the model fields (``x-personal-data`` in the schema), so a new
personal field is left out of every public export as soon as it is marked.
"""

from __future__ import annotations

from typing import Any, TypeVar

import attrs

from .model import _fields as meta

T = TypeVar("T")


def public(value: T) -> T:
    """A copy of ``value`` (a dataset, project or any model object) without personal data."""
    return _strip(value)  # type: ignore[no-any-return]  # same type, rebuilt


def _strip(value: Any) -> Any:
    if isinstance(value, list):
        return [_strip(v) for v in value]
    if not attrs.has(type(value)):
        return value
    changes: dict[str, Any] = {}
    for field in attrs.fields(type(value)):
        current = getattr(value, field.name)
        if field.metadata.get(meta.PERSONAL):
            empty: Any = [] if isinstance(current, list) else None
            if current != empty:
                changes[field.name] = empty
        elif isinstance(current, list) or attrs.has(type(current)):
            stripped = _strip(current)
            if stripped is not current and stripped != current:
                changes[field.name] = stripped
    return attrs.evolve(value, **changes) if changes else value


def is_personal(pointer_parts: list[str]) -> bool:
    """Whether a path of wire keys passes through a personal field (for generic exporters)."""
    return any(part in PERSONAL_KEYS for part in pointer_parts)


def _personal_keys() -> frozenset[str]:
    from .model import MODEL_CLASSES

    return frozenset(
        f.name for cls in MODEL_CLASSES for f in attrs.fields(cls) if f.metadata.get(meta.PERSONAL)
    )


PERSONAL_KEYS = _personal_keys()
"""The wire keys of every field marked personal (``people``, ``contacts``, ``quotes``)."""
