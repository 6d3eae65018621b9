"""Leaving personal data out: the fields marked personal in the model are emptied.

The marks live on the model fields (``x-personal-data`` in the schema), so a new
personal field is left out of every public export as soon as it is marked. An
extension marks its own personal fields the same way in its schema fragment, and
they are removed from the extension data too, and so are keys its fragment does not
declare. Extension data under a namespace no installed plugin declares is left out
whole: nothing says which of it is personal.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Final, TypeVar

import attrs

from .diagnostics import Diagnostic, parts_of
from .model import fields as meta

if TYPE_CHECKING:
    from .plugin_types import Extension
    from .runtime import Runtime

T = TypeVar("T")


def public(value: T, *, runtime: Runtime | None = None) -> T:
    """A copy of ``value`` (a dataset, project or any model object) without personal data.

    Extension data is filtered by the schemas of the extensions ``runtime`` knows
    (the default runtime's when not given).
    """
    if runtime is None:
        from .runtime import default_runtime

        runtime = default_runtime()
    return _strip(value, runtime.extensions)  # type: ignore[no-any-return]  # same type, rebuilt


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
    if isinstance(value, list):
        for item in value:
            _count_unknown(item, extensions, found)
        return
    if not attrs.has(type(value)):
        return
    for field in attrs.fields(type(value)):
        current = getattr(value, field.name)
        if field.name == "extensions" and isinstance(current, Mapping):
            found.update(n for n in current if n not in extensions)
        elif isinstance(current, list) or attrs.has(type(current)):
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
    if isinstance(value, list):
        return [_strip(v, extensions) for v in value]
    if not attrs.has(type(value)):
        return value
    changes: dict[str, Any] = {}
    for field in attrs.fields(type(value)):
        current = getattr(value, field.name)
        if field.metadata.get(meta.PERSONAL):
            empty: Any = [] if isinstance(current, list) else None
            if current != empty:
                changes[field.name] = empty
        elif field.name == "extensions" and current:
            stripped = _strip_extensions(current, type(value).__name__.lower(), extensions)
            if stripped != current:
                changes[field.name] = stripped
        elif isinstance(current, list) or attrs.has(type(current)):
            stripped = _strip(current, extensions)
            if stripped is not current and stripped != current:
                changes[field.name] = stripped
    return attrs.evolve(value, **changes) if changes else value


PERSONAL_DATA: Final = "<personal data>"
"""What a message shows in place of a personal value too short to show any of."""


def masked(value: str) -> str:
    """A personal value as a message may show it: at most its first and last two characters.

    Enough to find the value in the document (``'07…67'``), not to read it; a short value
    shows nothing of itself.
    """
    if len(value) < 10:
        return PERSONAL_DATA
    return repr(f"{value[:2]}…{value[-2:]}")


def shown(value: Any, *, personal: bool) -> str:
    """How a message quotes ``value``: its ``repr``, or masked when it is personal."""
    if not personal:
        return repr(value)
    return masked(value) if isinstance(value, str) else PERSONAL_DATA


def is_personal_value(schema: Any, path: Iterable[str | int]) -> bool:
    """Whether the value at ``path``, under ``schema``, is personal: marked so in its schema
    (``x-personal-data``, as extensions mark theirs), or inside a field marked personal."""
    marked = isinstance(schema, Mapping) and bool(schema.get("x-personal-data"))
    return marked or is_personal([str(part) for part in path])


def _strings_in(value: Any) -> Iterator[str]:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, Mapping):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _value_at(document: Any, parts: list[str]) -> Any:
    for part in parts:
        if isinstance(document, Mapping):
            document = document.get(part)
        elif isinstance(document, list) and part.isdigit() and int(part) < len(document):
            document = document[int(part)]
        else:
            return None
    return document


def without_personal_values(diagnostics: Iterable[Diagnostic], document: Any) -> list[Diagnostic]:
    """``diagnostics`` with the personal values of ``document`` they quote masked.

    The net under every message, a plugin's included: a diagnostic placed inside a field
    marked personal has each string held there replaced in its message, longest first.
    """
    result = []
    for diagnostic in diagnostics:
        try:
            parts = parts_of(diagnostic.pointer)
        except ValueError:
            parts = []
        if not is_personal(parts):
            result.append(diagnostic)
            continue
        message = diagnostic.message
        strings = sorted(set(_strings_in(_value_at(document, parts))), key=len, reverse=True)
        for string in strings:
            message = message.replace(repr(string), masked(string))
            if len(string) >= 3:
                message = message.replace(string, PERSONAL_DATA)
        result.append(attrs.evolve(diagnostic, message=message))
    return result


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
