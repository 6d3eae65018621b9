"""Walking a dataset: every model object with its path, and the fields that refer or code.

The walk reads the same field metadata the schema is generated from (``reference``,
``codelist``), so a field added to the model is covered by the reference and code-list
checks as soon as it is declared. Results are kept for the last dataset walked, so the
checks of one validation share a single walk.
"""

from __future__ import annotations

import functools
import typing
import weakref
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple, TypeVar

import attrs

from ..diagnostics import pointer_of
from ..model import Dataset, PartialDate, Text
from ..model import _fields as meta

Path = tuple[str | int, ...]
T = TypeVar("T")

_LEAVES = (Text, PartialDate)
"""Value types the walk does not enter: their fields are not separate wire values."""


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


class Reference(NamedTuple):
    """An id (or sub-goal number) one object cites, with what it should name.

    Where it sits is kept as the citing object's path, field and index, and made
    into a path only when asked: most references are fine and never reported.
    """

    kind: str
    """What the id names: ``organisation``, ``source``, ``goal`` …"""
    value: Any
    at: Path
    """The citing object's path."""
    name: str
    """The citing field."""
    item: int | None
    """The item's index, for a list field."""
    project: int | None

    @property
    def path(self) -> Path:
        """The path of the citing value."""
        tail = (self.name,) if self.item is None else (self.name, self.item)
        return (*self.at, *tail)

    @property
    def pointer(self) -> str:
        """The JSON Pointer of the citing value."""
        return pointer_of(self.path)


def _unwrap(hint: Any) -> tuple[Any, bool]:
    """The item type of a field's type hint, and whether the field is a list."""
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    if typing.get_origin(hint) in (typing.Union, __import__("types").UnionType) and len(args) == 1:
        hint = args[0]
    if typing.get_origin(hint) is list:
        return typing.get_args(hint)[0], True
    return hint, False


@functools.cache
def _plan(cls: type) -> tuple[tuple[str, bool], ...]:
    """The fields of ``cls`` that hold further model objects: (name, is a list)."""
    hints = typing.get_type_hints(cls)
    found = []
    for field in attrs.fields(cls):
        item, is_list = _unwrap(hints[field.name])
        if isinstance(item, type) and attrs.has(item) and item not in _LEAVES:
            found.append((field.name, is_list))
    return tuple(found)


@functools.cache
def tagged_fields(cls: type, key: str) -> tuple[tuple[str, str, bool], ...]:
    """The fields of ``cls`` whose metadata has ``key``: (name, its value, is a list)."""
    hints = typing.get_type_hints(cls)
    return tuple(
        (field.name, field.metadata[key], _unwrap(hints[field.name])[1])
        for field in attrs.fields(cls)
        if key in field.metadata
    )


def _walk(value: Any, path: Path, found: list[Node]) -> None:
    found.append(Node(path, value))
    for name, is_list in _plan(value.__class__):
        child = getattr(value, name)
        if is_list:
            for index, item in enumerate(child):
                _walk(item, (*path, name, index), found)
        elif child is not None:
            _walk(child, (*path, name), found)


def per_dataset(function: Callable[[Dataset], T]) -> Callable[[Dataset], T]:
    """Remember ``function``'s answer for the last dataset it was asked about."""
    last: list[tuple[weakref.ref[Dataset], T]] = []

    @functools.wraps(function)
    def cached(dataset: Dataset) -> T:
        if last and last[0][0]() is dataset:
            return last[0][1]
        answer = function(dataset)
        last[:] = [(weakref.ref(dataset), answer)]
        return answer

    return cached


@per_dataset
def nodes(dataset: Dataset) -> list[Node]:
    """Every model object of ``dataset`` (value types such as text and dates excepted)."""
    found: list[Node] = []
    _walk(dataset, (), found)
    return found


@per_dataset
def nodes_by_class(dataset: Dataset) -> dict[type, list[Node]]:
    """The nodes grouped by their object's class, each group in document order."""
    groups: dict[type, list[Node]] = {}
    for node in nodes(dataset):
        groups.setdefault(node.value.__class__, []).append(node)
    return groups


def nodes_of(dataset: Dataset, cls: type[T]) -> Iterator[tuple[Node, T]]:
    """The nodes whose object is a ``cls``, with the object typed."""
    for kind, group in nodes_by_class(dataset).items():
        if issubclass(kind, cls):
            for node in group:
                yield node, node.value


def nodes_with(dataset: Dataset, key: str) -> Iterator[Node]:
    """The nodes whose class has fields tagged ``key`` (``reference``, ``codelist``)."""
    for kind, group in nodes_by_class(dataset).items():
        if tagged_fields(kind, key):
            yield from group


@per_dataset
def _references(dataset: Dataset) -> dict[str, list[Reference]]:
    found: dict[str, list[Reference]] = {}
    for node in nodes_with(dataset, meta.REFERENCE):
        fields = tagged_fields(node.value.__class__, meta.REFERENCE)
        project = node.project
        for name, kind, is_list in fields:
            value = getattr(node.value, name)
            into = found.setdefault(kind, [])
            if is_list:
                into += [
                    Reference(kind, item, node.path, name, index, project)
                    for index, item in enumerate(value)
                ]
            elif value is not None:
                into.append(Reference(kind, value, node.path, name, None, project))
    return found


def references(dataset: Dataset, kind: str) -> list[Reference]:
    """Every ``kind`` of id the dataset's objects cite, from the fields marked ``reference``."""
    return _references(dataset).get(kind, [])


def coded_values(node: Node) -> Iterator[tuple[str, str, Path]]:
    """The coded values of one object: (code list id, value, path)."""
    for name, codelist, is_list in tagged_fields(node.value.__class__, meta.CODELIST):
        value = getattr(node.value, name)
        if is_list:
            for index, item in enumerate(value):
                yield codelist, item, (*node.path, name, index)
        elif isinstance(value, str):
            yield codelist, value, (*node.path, name)


def cited_sources(value: Any) -> list[str] | None:
    """The source ids an object cites, or ``None`` when it has no field to cite them in."""
    names = [n for n, kind, _ in tagged_fields(value.__class__, meta.REFERENCE) if kind == "source"]
    if not names:
        return None
    found: list[str] = []
    for name in names:
        cited = getattr(value, name)
        found += cited if isinstance(cited, list) else [] if cited is None else [cited]
    return found
