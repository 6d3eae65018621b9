"""Leaving personal data out: the fields marked personal in the model are emptied.

The marks live on the model fields (the field table's ``personal``), so a new
personal field is left out of every public export as soon as it is marked. An
extension marks its own personal fields the same way in its schema fragment, and
they are removed from the extension data too, and so are keys its fragment does not
declare. Extension data under a namespace no installed plugin declares is left out
whole: nothing says which of it is personal.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from .masking import PERSONAL_KEYS as PERSONAL_KEYS  # re-exported: what exports leave out
from .masking import is_personal as is_personal  # re-exported for generic exporters
from .model import Dataset
from .model.fields import Model, Shape, fields_of

if TYPE_CHECKING:
    from .plugin_types import Extension
    from .runtime import Runtime

T = TypeVar("T")


def public(value: T, *, runtime: Runtime | None = None) -> T:
    """A copy of ``value`` (a dataset, project or any model object) without personal data.

    Extension data is filtered by the schemas of the extensions ``runtime`` knows
    (the default runtime's when not given). A dataset says it was filtered
    (``personal_data_removed``), so checks and readers can tell "no contact known"
    from "contacts removed".
    """
    if runtime is None:
        from .runtime import default_runtime

        runtime = default_runtime()
    stripped = _strip(value, runtime.extensions)
    if isinstance(stripped, Dataset) and not stripped.personal_data_removed:
        stripped = stripped.evolve(personal_data_removed=True)
    return stripped  # type: ignore[no-any-return]  # same type, rebuilt


def unknown_extension_data(value: Any, *, runtime: Runtime | None = None) -> Counter[str]:
    """How many records of ``value`` hold extension data of each namespace ``runtime`` lacks.

    :func:`public` leaves that data out whole; exporters say so.
    """
    if runtime is None:
        from .runtime import default_runtime

        runtime = default_runtime()
    found: Counter[str] = Counter()
    _count_unknown(value, runtime.extensions, found)
    return found


def _count_unknown(value: Any, extensions: Mapping[str, Extension], found: Counter[str]) -> None:
    if isinstance(value, tuple):
        for item in value:
            _count_unknown(item, extensions, found)
        return
    if not isinstance(value, Model):
        return
    for field in fields_of(type(value)):
        current = getattr(value, field.name)
        if field.shape is Shape.JSON and current:
            found.update(n for n in current if n not in extensions)
        elif field.is_model and current is not None:
            _count_unknown(current, extensions, found)


def _public_extension_keys(extension: Extension, kind: str) -> frozenset[str]:
    """The keys the extension's fragment for ``kind`` declares and does not mark personal."""
    properties = extension.schemas.get(kind, {}).get("properties", {})
    return frozenset(k for k, v in properties.items() if not v.get("x-personal-data"))


def _strip_extensions(
    data: Mapping[str, Any], kind: str, extensions: Mapping[str, Extension]
) -> dict[str, Any]:
    result = {}
    for namespace, fields in data.items():
        extension = extensions.get(namespace)
        if extension is None:
            continue  # no schema marks its personal fields, so none of it is known to be free
        kept = _public_extension_keys(extension, kind)  # a key no schema names may be personal
        result[namespace] = {k: v for k, v in fields.items() if k in kept}
    return result


def _strip(value: Any, extensions: Mapping[str, Extension]) -> Any:
    if isinstance(value, tuple):
        return tuple(_strip(v, extensions) for v in value)
    kind: type = type(value)
    if not issubclass(kind, Model):
        return value
    changes: dict[str, Any] = {}
    for field in fields_of(kind):
        current = getattr(value, field.name)
        if field.personal:
            empty = field.empty()
            if current != empty:
                changes[field.name] = empty
        elif field.shape is Shape.JSON and current:
            stripped = _strip_extensions(current, type(value).__name__.lower(), extensions)
            if stripped != current:
                changes[field.name] = stripped
        elif field.is_model and current is not None:
            stripped = _strip(current, extensions)
            if stripped is not current and stripped != current:
                changes[field.name] = stripped
    return attrs.evolve(value, **changes) if changes else value
