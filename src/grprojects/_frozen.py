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
from typing import Any, Final, NoReturn

from .model.fields import Model, Shape, fields_of


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


_PLAIN: Final = frozenset(
    {Shape.STRING, Shape.INTEGER, Shape.BOOLEAN, Shape.DECIMAL, Shape.ENUM, Shape.DATE}
)
"""Shapes of values that hold no container (and are immutable), so freezing passes them by."""

_Plan = tuple[tuple[str, bool], ...]
_PLANS: dict[type, _Plan] = {}


def _plan(kind: type) -> _Plan:
    """The fields of ``kind`` that may hold containers, each with whether its items may."""
    return tuple(
        (info.name, info.shape not in _PLAIN)
        for info in fields_of(kind)
        if info.is_list or info.shape not in _PLAIN
    )


def freeze(obj: Any) -> Any:
    """Make the lists and dicts inside a model object read-only, in place; return it."""
    kind = type(obj)
    if kind is list:
        return FrozenList([freeze(v) for v in obj])
    if kind is dict:
        return frozen_json(obj)
    plan = _PLANS.get(kind)
    if plan is None:
        if not issubclass(kind, Model):
            return obj  # a value without containers: a date, a string, a number
        plan = _PLANS[kind] = _plan(kind)
    for name, deep in plan:
        value = getattr(obj, name)
        if type(value) is list:
            frozen = FrozenList([freeze(v) for v in value] if deep else value)
            object.__setattr__(obj, name, frozen)  # the instance is frozen to others
        elif type(value) is dict:
            object.__setattr__(obj, name, frozen_json(value))
        elif value is not None:
            freeze(value)
    return obj


def frozen_mapping(mapping: Mapping[str, Any]) -> Mapping[str, Any]:
    """A read-only view of ``mapping``."""
    return MappingProxyType(dict(mapping))
