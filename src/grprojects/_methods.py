"""One ``__eq__``, ``__hash__`` and ``__repr__`` for grprojects' frozen attrs classes.

attrs writes and compiles these three methods anew for every class it makes; for the
80 classes one ``grprojects validate`` imports, that was a tenth of its start-up. A
class made ``@attrs.frozen(eq=False, repr=False)`` and given :func:`shared_methods`
behaves as with attrs' own: equal to an object of exactly its class whose fields are
equal, compared in order as a tuple; hashed by its class and fields (so hashable when
they are); shown as ``Name(field=value, ...)``.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any, TypeVar

import attrs

T = TypeVar("T", bound=type)


def shared_methods(cls: T) -> T:
    """``cls`` (an attrs class made without eq and repr) with the shared eq, hash and repr."""
    names = tuple(a.name for a in attrs.fields(cls))
    values = _values_of(names)

    def __eq__(self: Any, other: object) -> bool:  # noqa: N807 - the method it becomes
        if other.__class__ is not self.__class__:
            return NotImplemented
        return bool(values(self) == values(other))

    def __hash__(self: Any) -> int:  # noqa: N807 - the method it becomes
        return hash((self.__class__, values(self)))

    def __repr__(self: Any) -> str:  # noqa: N807 - the method it becomes
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        return f"{self.__class__.__qualname__.rsplit('>.', 1)[-1]}({shown})"

    for method in (__eq__, __hash__, __repr__):
        method.__qualname__ = f"{cls.__qualname__}.{method.__name__}"
        setattr(cls, method.__name__, method)
    return cls


def _values_of(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """The function giving an object's values of ``names`` as a tuple, read in C."""
    if len(names) > 1:
        return operator.attrgetter(*names)
    if names:
        one = operator.attrgetter(names[0])
        return lambda obj: (one(obj),)
    return lambda _: ()
