"""Walking a dataset: every model object with its path, and the fields that refer or code.

The walk reads the same field metadata the schema is generated from (``reference``,
``codelist``), so a field added to the model is covered by the reference and code-list
checks as soon as it is declared. The checks of one validation share a single walk,
and a cited id is made into a path only when it is reported.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Iterator
from itertools import chain
from typing import Any, Final, NamedTuple, TypeVar

from ..diagnostics import pointer_of
from ..model import Dataset
from ..model.fields import fields_of

Path = tuple[str | int, ...]
T = TypeVar("T")


class Node(NamedTuple):
    """A model object and where it sits in the document.

    A named tuple rather than an attrs class: a large dataset has a hundred thousand.
    """

    path: Path
    value: Any

    @property
    def pointer(self) -> str:
        """The object's JSON Pointer."""
        return pointer_of(self.path)

    @property
    def project(self) -> int | None:
        """The index of the project the object belongs to, if it is inside one."""
        if len(self.path) >= 2 and self.path[0] == "projects" and isinstance(self.path[1], int):
            return self.path[1]
        return None


@functools.cache
def child_fields(cls: type) -> tuple[tuple[str, bool], ...]:
    """The fields of ``cls`` that hold further model objects: (name, is a list)."""
    return tuple((info.name, info.is_list) for info in fields_of(cls) if info.is_model)


@functools.cache
def reference_fields(cls: type) -> tuple[tuple[str, str, bool], ...]:
    """The fields of ``cls`` that cite ids: (name, the kind cited, is a list)."""
    return tuple(
        (info.name, info.reference, info.is_list)
        for info in fields_of(cls)
        if info.reference is not None
    )


@functools.cache
def codelist_fields(cls: type) -> tuple[tuple[str, str, bool], ...]:
    """The fields of ``cls`` that take codes: (name, the code list's id, is a list)."""
    return tuple(
        (info.name, info.codelist, info.is_list)
        for info in fields_of(cls)
        if info.codelist is not None
    )


value_of: Final = operator.itemgetter(1)
"""A :class:`Node`'s value, read in C."""

_new_node: Final = tuple.__new__
"""Makes a :class:`Node` without the Python-level ``__new__`` of named tuples."""


class _Walk(NamedTuple):
    """One pass over a dataset: every node in document order, and grouped by class."""

    nodes: list[Node]
    by_class: dict[type, list[Node]]


def _walk(value: Any, path: Path, walk: _Walk) -> None:
    cls = value.__class__
    node = _new_node(Node, (path, value))
    walk.nodes.append(node)
    group = walk.by_class.get(cls)
    if group is None:
        group = walk.by_class[cls] = []
    group.append(node)
    # Paths grow by concatenation, not unpacking (RUF005): it is a third faster here.
    for name, is_list in child_fields(cls):
        child = getattr(value, name)
        if is_list:
            for index, item in enumerate(child):
                _walk(item, path + (name, index), walk)  # noqa: RUF005 - see above
        elif child is not None:
            _walk(child, path + (name,), walk)  # noqa: RUF005 - see above


_cached: list[Callable[..., Any]] = []
"""Every function made by :func:`per_dataset`, for :func:`forget` to empty."""


def per_dataset(function: Callable[[Dataset], T]) -> Callable[[Dataset], T]:
    """Remember ``function``'s answer for the dataset being checked, until :func:`forget`.

    The checks of one validation share one walk; the answers hold the dataset's
    objects, so the runtime forgets them once its checks have run.
    """
    last: list[tuple[Dataset, T]] = []

    @functools.wraps(function)
    def cached(dataset: Dataset) -> T:
        if last and last[0][0] is dataset:
            return last[0][1]
        answer = function(dataset)
        last[:] = [(dataset, answer)]
        return answer

    cached.forget = last.clear  # type: ignore[attr-defined]  # read by forget() below
    _cached.append(cached)
    return cached


def forget() -> None:
    """Drop every remembered answer, so that the dataset they describe can be freed."""
    for cached in _cached:
        cached.forget()  # type: ignore[attr-defined]  # set by per_dataset


@per_dataset
def _walked(dataset: Dataset) -> _Walk:
    walk = _Walk([], {})
    _walk(dataset, (), walk)
    return walk


def nodes(dataset: Dataset) -> list[Node]:
    """Every model object of ``dataset`` (value types such as text and dates excepted)."""
    return _walked(dataset).nodes


def nodes_by_class(dataset: Dataset) -> dict[type, list[Node]]:
    """The nodes grouped by their object's class, each group in document order."""
    return _walked(dataset).by_class


def nodes_of(dataset: Dataset, cls: type[T]) -> Iterator[tuple[Node, T]]:
    """The nodes whose object is a ``cls``, with the object typed."""
    for kind, group in nodes_by_class(dataset).items():
        if issubclass(kind, cls):
            for node in group:
                yield node, node.value


def citing(dataset: Dataset, kind: str) -> Iterator[tuple[list[Node], str, bool]]:
    """Where ``kind`` ids are cited (fields marked ``reference``): each class's nodes,
    with the citing field's name and whether it holds a list of ids.

    Checks read the ids from the objects themselves: a dataset cites over a hundred
    thousand, and most are fine, so none is copied or given a path unless reported.
    """
    for cls, group in nodes_by_class(dataset).items():
        for name, cited, is_list in reference_fields(cls):
            if cited == kind:
                yield group, name, is_list


@per_dataset
def _cited_ids(dataset: Dataset) -> dict[str, set[Any]]:
    found: dict[str, set[Any]] = {}
    for cls, group in nodes_by_class(dataset).items():
        fields = reference_fields(cls)
        if not fields:
            continue
        values = list(map(value_of, group))
        for name, kind, is_list in fields:
            cited = map(operator.attrgetter(name), values)  # C loops: a dataset cites 100,000s
            found.setdefault(kind, set()).update(chain.from_iterable(cited) if is_list else cited)
    for ids in found.values():
        ids.discard(None)
    return found


def cited_ids(dataset: Dataset, kind: str) -> set[Any]:
    """Every ``kind`` id the dataset's objects cite (shared by the checks: do not change)."""
    return _cited_ids(dataset).get(kind, set())


def cited_in_projects(dataset: Dataset, kind: str) -> set[tuple[int | None, Any]]:
    """Every ``kind`` id cited, with the index of the project it is cited from."""
    found: set[tuple[int | None, Any]] = set()
    for group, name, is_list in citing(dataset, kind):
        for node in group:
            value = getattr(node.value, name)
            if value is not None:
                found.update((node.project, v) for v in (value if is_list else [value]))
    return found


@functools.cache
def source_fields(cls: type) -> tuple[str, ...]:
    """The fields of ``cls`` that cite sources."""
    return tuple(n for n, kind, _ in reference_fields(cls) if kind == "source")
