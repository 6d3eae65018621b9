"""Lists and mappings that refuse changes, so plugin checks cannot alter shared data.

The model's classes are frozen, but their lists and dicts are not. Before installed
plugins' checks run, the dataset's containers are swapped for these read-only
subclasses (in place: one pass, no copies of the objects), and the raw JSON value is
copied into them. They still are ``list`` and ``dict`` for ``isinstance``, equality,
JSON and pickling; only changing them raises ``TypeError``.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, NoReturn

import attrs


def _refuse(self: object, *args: object, **kwargs: object) -> NoReturn:
    raise TypeError(f"{type(self).__name__} is read-only: plugins see frozen data")


class FrozenList(list[Any]):
    """A list that refuses changes."""

    __slots__ = ()
    append = extend = insert = pop = remove = clear = sort = reverse = _refuse
    __setitem__ = __delitem__ = __iadd__ = __imul__ = _refuse

    def __reduce__(self) -> tuple[type[FrozenList], tuple[list[Any]]]:
        return FrozenList, (list(self),)

    def __hash__(self) -> int:  # type: ignore[override] # immutable, so hashable like a tuple
        return hash(tuple(self))


class FrozenDict(dict[Any, Any]):
    """A dict that refuses changes."""

    __slots__ = ()
    clear = pop = popitem = setdefault = update = _refuse
    __setitem__ = __delitem__ = __ior__ = _refuse

    def __reduce__(self) -> tuple[type[FrozenDict], tuple[dict[Any, Any]]]:
        return FrozenDict, (dict(self),)


def frozen_json(value: Any) -> Any:
    """A read-only copy of a JSON value."""
    kind = type(value)
    if kind is dict or kind is FrozenDict:
        return FrozenDict({k: frozen_json(v) for k, v in value.items()})
    if kind is list or kind is FrozenList:
        return FrozenList([frozen_json(v) for v in value])
    return value


_FIELDS: dict[type, tuple[str, ...]] = {}


def freeze(obj: Any) -> Any:
    """Make the lists and dicts inside a model object read-only, in place; return it."""
    kind = type(obj)
    if kind is list or kind is dict:
        return frozen_json(obj) if kind is dict else FrozenList([freeze(v) for v in obj])
    if not attrs.has(kind):
        return obj
    names = _FIELDS.get(kind)
    if names is None:
        names = _FIELDS[kind] = tuple(f.name for f in attrs.fields(kind))
    for name in names:
        value = getattr(obj, name)
        if type(value) in (list, dict):
            object.__setattr__(obj, name, freeze(value))  # the instance is frozen to others
        elif attrs.has(type(value)):
            freeze(value)
    return obj


def frozen_mapping(mapping: Mapping[str, Any]) -> Mapping[str, Any]:
    """A read-only view of ``mapping``."""
    return MappingProxyType(dict(mapping))
