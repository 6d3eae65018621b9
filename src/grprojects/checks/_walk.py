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

from ..model import Dataset
from ..model.fields import fields_of

Path = tuple[str | int, ...]
T = TypeVar("T")


Node = tuple[Path, Any]
"""A model object's path in the document and the object: a plain pair.

Not a named tuple: a large dataset has a hundred thousand nodes, and a plain pair is
made twice as fast (a tuple subclass is made through ``tuple.__new__``, which copies).
The pointer is made only for what is reported: ``pointer_of(path)``.
"""


def project_of(path: Path) -> int | None:
    """The index of the project a path leads into, if it leads into one."""
    if len(path) >= 2 and path[0] == "projects" and isinstance(path[1], int):
        return path[1]
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
"""A :data:`Node`'s value, read in C."""


class _Walk(NamedTuple):
    """One pass over a dataset: every node in document order, and grouped by class."""

    nodes: list[Node]
    by_class: dict[type, list[Node]]


_children: dict[type, tuple[tuple[str, bool], ...]] = {}
""":func:`child_fields` by class, read with a plain lookup: the walk asks once per object."""


def _walk(dataset: Dataset) -> _Walk:
    walk = _Walk([], {})
    _visit(dataset, (), walk.nodes.append, walk.by_class)
    return walk


def _visit(
    value: Any, path: Path, append: Callable[[Node], None], by_class: dict[type, list[Node]]
) -> None:
    """Add ``value`` and every model object inside it to the walk.

    A function of the module, not a closure of :func:`_walk`: a closure that calls
    itself is a reference cycle, which would keep the walk and the dataset alive until
    the garbage collector (paused while documents are validated) next runs.
    """
    cls = value.__class__
    node = (path, value)
    append(node)
    group = by_class.get(cls)
    if group is None:
        group = by_class[cls] = []
    group.append(node)
    children = _children.get(cls)
    if children is None:
        children = _children[cls] = child_fields(cls)
    # Paths grow by concatenation, not unpacking (RUF005): it is a third faster here.
    for name, is_list in children:
        child = getattr(value, name)
        if is_list:
            if child:  # most lists are empty
                for index, item in enumerate(child):
                    _visit(item, path + (name, index), append, by_class)  # noqa: RUF005
        elif child is not None:
            _visit(child, path + (name,), append, by_class)  # noqa: RUF005 - see above


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
    return _walk(dataset)


def nodes(dataset: Dataset) -> list[Node]:
    """Every model object of ``dataset`` (value types such as text and dates excepted)."""
    return _walked(dataset).nodes


def nodes_by_class(dataset: Dataset) -> dict[type, list[Node]]:
    """The nodes grouped by their object's class, each group in document order."""
    return _walked(dataset).by_class


def nodes_of(dataset: Dataset, cls: type[T]) -> Iterator[tuple[Path, T]]:
    """The nodes whose object is a ``cls``: (path, object) pairs, the object typed."""
    for kind, group in nodes_by_class(dataset).items():
        if issubclass(kind, cls):
            yield from group


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
    return {}  # filled kind by kind, as the checks ask: a kind nobody asks for is not read


def cited_ids(dataset: Dataset, kind: str) -> set[Any]:
    """Every ``kind`` id the dataset's objects cite (shared by the checks: do not change)."""
    found = _cited_ids(dataset)
    if kind not in found:
        ids: set[Any] = set()
        for group, name, is_list in citing(dataset, kind):
            cited = map(operator.attrgetter(name), map(value_of, group))  # C loops: 100,000s
            ids.update(chain.from_iterable(cited) if is_list else cited)
        ids.discard(None)
        found[kind] = ids
    return found[kind]


@per_dataset
def _cited_in_projects(dataset: Dataset) -> dict[str, set[tuple[int | None, Any]]]:
    return {}  # filled kind by kind, as the checks ask


@per_dataset
def _projects_of(dataset: Dataset) -> dict[type, list[int | None]]:
    return {}  # filled class by class, as the checks ask


def projects_of(dataset: Dataset, cls: type) -> list[int | None]:
    """The project of each ``cls`` node, in the order of :func:`nodes_by_class`."""
    found = _projects_of(dataset)
    if cls not in found:
        found[cls] = [project_of(path) for path, _ in nodes_by_class(dataset)[cls]]
    return found[cls]


def cited_in_projects(dataset: Dataset, kind: str) -> set[tuple[int | None, Any]]:
    """Every ``kind`` id cited, with the index of the project it is cited from
    (shared by the checks: do not change)."""
    found = _cited_in_projects(dataset)
    if kind in found:
        return found[kind]
    pairs: set[tuple[int | None, Any]] = set()
    for cls, group in nodes_by_class(dataset).items():
        for name, cited, is_list in reference_fields(cls):
            if cited != kind:
                continue
            values = zip(
                projects_of(dataset, cls),
                map(operator.attrgetter(name), map(value_of, group)),
                strict=True,
            )
            if is_list:
                pairs.update((p, v) for p, items in values if items for v in items)
            else:
                pairs.update((p, v) for p, v in values if v is not None)
    found[kind] = pairs
    return pairs


@functools.cache
def source_fields(cls: type) -> tuple[str, ...]:
    """The fields of ``cls`` that cite sources."""
    return tuple(n for n, kind, _ in reference_fields(cls) if kind == "source")
