"""Lists and mappings that refuse changes, so plugins cannot alter the data they are given.

The model's classes are frozen, but their lists and dicts are not. Installed
plugins' checks and exporters get a copy of the dataset whose containers are these
read-only subclasses (:func:`frozen_copy`), and the raw JSON value is copied into
them too; the caller's own objects are never touched. They still are ``list`` and
``dict`` for ``isinstance``, equality, JSON and pickling; only changing them raises
``TypeError``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any, Final, NoReturn

from .model.fields import Shape, fields_of


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


_HOLDERS: Final = frozenset({Shape.MODEL, Shape.TEXT, Shape.JSON, Shape.STRINGS})
"""Shapes of values that hold containers, so a read-only copy must copy them."""

_COPIERS: dict[type, Callable[[Any], Any]] = {}


def _copier(kind: type) -> Callable[[Any], Any]:
    """One plain function that copies a ``kind`` object, written from the field table.

    A class none of whose fields holds a container (a date, a count) is immutable
    already: its objects are shared, not copied.
    """
    lines = []
    copies = False
    for number, info in enumerate(fields_of(kind)):
        value = f"obj.{info.name}"
        if info.shape in _HOLDERS:
            item = "deep(v)" if info.shape in (Shape.MODEL, Shape.TEXT) else "json(v)"
            copies = True
            if info.is_list:
                value = f"None if (x := {value}) is None else FrozenList([{item} for v in x])"
            else:
                value = f"None if (v := {value}) is None else {item}"
        elif info.is_list:
            copies = True
            value = f"None if (x := {value}) is None else FrozenList(x)"
        lines.append(f"    put(new, {info.name!r}, {value})  # {number}")
    if not copies:
        return lambda obj: obj
    source = "def copy(obj):\n    new = make(kind)\n" + "\n".join(lines) + "\n    return new\n"
    namespace: dict[str, Any] = {
        "kind": kind,
        "make": object.__new__,
        "put": object.__setattr__,  # the copy is frozen to everyone else
        "FrozenList": FrozenList,
        "deep": frozen_copy,
        "json": frozen_json,
    }
    exec(compile(source, f"<frozen copy of {kind.__name__}>", "exec"), namespace)  # noqa: S102 - our own source, from the field table
    copier: Callable[[Any], Any] = namespace["copy"]
    return copier


def frozen_copy(obj: Any) -> Any:
    """A copy of a model object whose lists and dicts, all the way down, refuse changes.

    Objects that hold no container (a date, a count) are immutable already and are
    shared with the original; nothing of the original is changed.
    """
    kind = type(obj)
    copier = _COPIERS.get(kind)
    if copier is None:
        copier = _COPIERS[kind] = _copier(kind)
    return copier(obj)


def frozen_mapping(mapping: Mapping[str, Any]) -> Mapping[str, Any]:
    """A read-only view of ``mapping``."""
    return MappingProxyType(dict(mapping))
