"""Personal values kept out of messages: masked wherever a diagnostic would quote them.

Diagnostics end up in CI logs, annotations and SARIF reports, which are often public.
A value is personal when its field is marked personal in the model (``people``,
``contacts``, ``quotes`` and what they hold), or in an extension's schema
(``x-personal-data``). This module sits below the schema checks and the validator, which
both mask through it; :mod:`grprojects.public` leaves the same fields out of exports.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator, Mapping
from typing import Any, Final

import attrs

from .diagnostics import Diagnostic, parts_of
from .model import MODEL_CLASSES
from .model.fields import fields_of

PERSONAL_KEYS: Final = frozenset(
    info.name for cls in MODEL_CLASSES for info in fields_of(cls) if info.personal
)
"""The wire keys of every field marked personal (``people``, ``contacts``, ``quotes``)."""


def is_personal(pointer_parts: list[str]) -> bool:
    """Whether a path of wire keys passes through a personal field (for generic exporters)."""
    return any(part in PERSONAL_KEYS for part in pointer_parts)


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


def personal_values(obj: Any) -> frozenset[str]:
    """Every string ``obj`` (a dataset, or any model object) holds in a field marked personal.

    For masking messages about a dataset that quote its values from elsewhere (an
    importer's remarks point into its input, not into the dataset). Only the fields that
    lead to a personal one are walked into; below a personal field, everything is.
    """
    found: set[str] = set()
    stack: list[tuple[Any, bool]] = [(obj, False)]
    while stack:
        item, personal = stack.pop()
        if isinstance(item, str):
            if personal:
                found.add(item)
        elif isinstance(item, list | tuple):
            stack.extend((member, personal) for member in item)
        elif isinstance(item, Mapping):
            if personal:
                stack.extend((member, True) for member in item.values())
        elif type(item) in _ROUTES:
            if personal:
                stack.extend((getattr(item, name), True) for name in _ALL_FIELDS[type(item)])
            else:
                stack.extend((getattr(item, name), marked) for name, marked in _ROUTES[type(item)])
    return frozenset(found)


def _routes() -> dict[type, tuple[tuple[str, bool], ...]]:
    """Each model class's fields that are personal or lead to one, with whether they are."""
    leads = {cls for cls in MODEL_CLASSES if any(f.personal for f in fields_of(cls))}
    while True:  # a class leads to personal data when a field of it holds one that does
        more = {
            cls
            for cls in MODEL_CLASSES
            if any(f.is_model and f.item in leads for f in fields_of(cls))
        }
        if more <= leads:
            break
        leads |= more
    return {
        cls: tuple(
            (f.name, f.personal)
            for f in fields_of(cls)
            if f.personal or (f.is_model and f.item in leads)
        )
        for cls in MODEL_CLASSES
    }


_ROUTES: Final = _routes()
_ALL_FIELDS: Final = {cls: tuple(f.name for f in fields_of(cls)) for cls in MODEL_CLASSES}
_QUOTED: Final = re.compile(r"'((?:[^'\\]|\\.)*)'|\"((?:[^\"\\]|\\.)*)\"")


def masked_quotes(diagnostics: Iterable[Diagnostic], personal: Collection[str]) -> list[Diagnostic]:
    """``diagnostics`` with every quoted value (``'…'`` or ``"…"``) that is in ``personal``
    masked: the net under the messages of an importer, whose places are in its input."""
    result = []
    for diagnostic in diagnostics:

        def mask(found: re.Match[str]) -> str:
            value = found[1] if found[1] is not None else found[2]
            return masked(value) if value in personal else found[0]

        message = _QUOTED.sub(mask, diagnostic.message)
        if message != diagnostic.message:
            diagnostic = attrs.evolve(diagnostic, message=message)
        result.append(diagnostic)
    return result
