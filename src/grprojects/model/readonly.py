"""Read-only dicts and lists, so that a model object cannot be changed through what it holds.

A text's translations and extension data are dicts; the model keeps them as
:class:`FrozenDict` (and the arrays inside extension data as :class:`FrozenList`),
made by :func:`frozen_json` when an object is built. They still are ``dict`` and
``list`` for ``isinstance``, equality, JSON and pickling; only changing them raises
``TypeError``. With frozen classes and tuples for lists, a model object cannot be
changed at all (short of ``object.__setattr__``), so it can be handed to plugins as it is.
"""

from typing import Any, Final, NoReturn


def _refuse(self: object, *args: object, **kwargs: object) -> NoReturn:
    raise TypeError(f"{type(self).__name__} is read-only: model data cannot be changed")


class FrozenList(list[Any]):
    """A list that refuses changes."""

    __slots__ = ()
    append = extend = insert = pop = remove = clear = sort = reverse = _refuse
    __setitem__ = __delitem__ = __iadd__ = __imul__ = _refuse

    def __reduce__(self) -> tuple[type["FrozenList"], tuple[list[Any]]]:
        return FrozenList, (list(self),)

    def __hash__(self) -> int:  # type: ignore[override] # immutable, so hashable like a tuple
        return hash(tuple(self))


class FrozenDict(dict[Any, Any]):
    """A dict that refuses changes."""

    __slots__ = ()
    clear = pop = popitem = setdefault = update = _refuse
    __setitem__ = __delitem__ = __ior__ = _refuse

    def __reduce__(self) -> tuple[type["FrozenDict"], tuple[dict[Any, Any]]]:
        return FrozenDict, (dict(self),)


EMPTY: FrozenDict = FrozenDict()
"""The empty read-only dict, shared (it cannot change)."""


FROZEN_DEPTH: Final = 200
"""How deeply :func:`frozen_json` copies: twice what ``load`` reads (extension data nests
at most 100 levels), so that no data grprojects reads or writes is left changeable and
deeper data (which writing refuses) cannot exhaust the stack."""


def frozen_json(value: Any, depth: int = 0) -> Any:
    """A read-only copy of a JSON value: its dicts and lists, all the way down, refuse changes.

    A :class:`FrozenDict` or :class:`FrozenList` is taken as read-only already and kept
    as it is (no copy); so is anything that is neither dict nor list, and anything
    nested deeper than :data:`FROZEN_DEPTH`.
    """
    kind = type(value)
    if kind is FrozenDict or kind is FrozenList or depth > FROZEN_DEPTH:
        return value
    if isinstance(value, dict):
        if not value:
            return EMPTY
        return FrozenDict({k: frozen_json(v, depth + 1) for k, v in value.items()})
    if isinstance(value, list):
        return FrozenList([frozen_json(v, depth + 1) for v in value])
    return value
