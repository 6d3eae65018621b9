"""The model as a tree of record kinds, read from the attrs classes and their metadata.

Formats that lay a dataset out flat (spreadsheet sheets, SQL tables) all need the
same facts: which lists of objects become records of their own, how a record finds
its parent, and which plain values it carries, nested objects flattened. They are
derived here from the field table (:func:`~grprojects.model.fields.fields_of`), so a
new model field or class reaches every flat format without being listed anywhere.
"""

from __future__ import annotations

import enum
import functools
import typing
from collections.abc import Iterator
from typing import Any, Final

import attrs

from ..model import Dataset
from ..model.fields import FieldInfo, Shape, fields_of


class ValueKind(enum.Enum):
    """What a plain value of a record is, as flat formats need to know it."""

    TEXT = "text"
    """Multilingual :class:`~grprojects.model.Text`: one value per language."""
    STRING = "string"
    """A string or a code (enumerations included)."""
    INTEGER = "integer"
    BOOLEAN = "boolean"
    DECIMAL = "decimal"
    """An exact :class:`~decimal.Decimal`, written with its own digits."""
    DATE = "date"
    """A :class:`~grprojects.model.PartialDate` in its wire form."""
    STRINGS = "strings"
    """A list of ids or codes."""
    INTEGERS = "integers"
    """A list of numbers (sub-goal numbers)."""
    JSON = "json"
    """Extension data: any JSON object."""


@attrs.frozen
class Value:
    """A plain value of a record, perhaps inside nested objects (``place.name``).

    The items of a list of plain values that do not fit one cell (``list[Text]``) are
    records of their own, each holding one value with the empty ``path``.
    """

    path: tuple[str, ...]
    """Field names from the record down to the value; ``()`` for the record itself."""
    kind: ValueKind
    field: FieldInfo
    """The field holding the value (its documentation and constraints)."""
    key: str
    """The dotted name flat formats use: ``place.name``; the list's name for an item."""
    required: bool
    """Whether the value must be present whenever the object holding it is."""

    def get(self, record: Any) -> Any:
        """The value in ``record``; ``None`` when an object on the way is absent."""
        return follow(record, self.path)


@attrs.frozen
class Nested:
    """A nested object of a record (``place``, ``period``), flattened into its values."""

    path: tuple[str, ...]
    cls: type
    optional: bool

    @property
    def key(self) -> str:
        """The dotted path: ``programme_period``."""
        return ".".join(self.path)


@attrs.frozen(eq=False)
class RecordKind:
    """A kind of record: the dataset itself, or the items of one list of objects."""

    path: tuple[str, ...]
    """Field names from the dataset to the list (``("projects", "activities")``)."""
    within: tuple[str, ...]
    """Field names from the parent record to the list (``("activities",)``)."""
    cls: type
    parent: RecordKind | None
    values: tuple[Value, ...]
    objects: tuple[Nested, ...]
    key: str | None
    """The field that tells a record from its siblings (``id``); ``None``: its position."""

    @property
    def name(self) -> str:
        """The dotted path from the dataset (``projects.activities``); ``""`` for the dataset."""
        return ".".join(self.path)

    @property
    def ancestors(self) -> tuple[RecordKind, ...]:
        """The kinds above this one, the dataset excluded, outermost first."""
        found: list[RecordKind] = []
        kind = self.parent
        while kind is not None and kind.parent is not None:
            found.insert(0, kind)
            kind = kind.parent
        return tuple(found)

    @property
    def key_value(self) -> Value | None:
        """The value that keys the record, when it has one."""
        return next((v for v in self.values if v.path == (self.key,)), None)


@attrs.frozen(eq=False)
class Record:
    """One record of a dataset: its kind, object, place and keys."""

    kind: RecordKind
    obj: Any
    pointer: tuple[str | int, ...]
    """The record's place in the document, as JSON Pointer parts."""
    keys: tuple[str | int, ...]
    """The key of each ancestor (the dataset excluded) and then its own."""
    parent: Record | None


def follow(obj: Any, path: tuple[str, ...]) -> Any:
    """The value at ``path`` below ``obj``; ``None`` when an object on the way is absent."""
    for name in path:
        if obj is None:
            return None
        obj = getattr(obj, name)
    return obj


_KINDS: Final = {
    Shape.TEXT: ValueKind.TEXT,
    Shape.DATE: ValueKind.DATE,
    Shape.DECIMAL: ValueKind.DECIMAL,
    Shape.BOOLEAN: ValueKind.BOOLEAN,
    Shape.INTEGER: ValueKind.INTEGER,
    Shape.STRING: ValueKind.STRING,
    Shape.ENUM: ValueKind.STRING,
    Shape.JSON: ValueKind.JSON,
}
"""The value kind of a field of each shape that fits one cell."""

_LIST_KINDS: Final = {
    Shape.INTEGER: ValueKind.INTEGERS,
    Shape.STRING: ValueKind.STRINGS,
    Shape.ENUM: ValueKind.STRINGS,
}
"""The value kind of a list field whose items fit one cell together."""


def _classify(info: FieldInfo) -> ValueKind | type | tuple[type | ValueKind]:
    """A value kind, a nested class, or ``(item,)`` for a list whose items are records.

    ``item`` is the class of the records, or the value kind of plain items too big
    for one cell (``list[Text]``).
    """
    if info.is_list:
        if info.is_model:
            return (info.item,)
        if info.shape in _LIST_KINDS:
            return _LIST_KINDS[info.shape]
        if info.shape in _KINDS and info.shape is not Shape.JSON:
            return (_KINDS[info.shape],)
    elif info.is_model:
        return typing.cast(type, info.item)
    elif info.shape in _KINDS:
        return _KINDS[info.shape]
    raise TypeError(f"flat formats cannot hold {info.owner.__name__}.{info.name} ({info.type!r})")


def _reference_targets() -> frozenset[str]:
    from ..model import MODEL_CLASSES

    return frozenset(
        info.reference
        for cls in MODEL_CLASSES
        for info in fields_of(cls)
        if info.reference is not None
    )


def reference_name(cls: type) -> str:
    """The name references use for records of ``cls`` (``activity``, ``goal``)."""
    return cls.__name__.lower()


def _key_of(cls: type) -> str | None:
    names: list[str] = [info.name for info in fields_of(cls)]
    if "id" in names:
        return "id"
    if reference_name(cls) in _reference_targets():
        return names[0]  # a reference target without an id is referred to by its first field
    return None


@functools.cache
def record_kinds() -> tuple[RecordKind, ...]:
    """Every kind of record in a dataset, the dataset first, parents before children."""
    kinds: list[RecordKind] = []

    def visit(
        cls: type, path: tuple[str, ...], within: tuple[str, ...], parent: RecordKind | None
    ) -> None:
        values: list[Value] = []
        objects: list[Nested] = []
        lists: list[tuple[tuple[str, ...], type | ValueKind, FieldInfo]] = []

        def flatten(owner: type, prefix: tuple[str, ...]) -> None:
            for info in fields_of(owner):
                here = (*prefix, info.name)
                kind = _classify(info)
                if isinstance(kind, ValueKind):
                    values.append(Value(here, kind, info, ".".join(here), info.required))
                elif isinstance(kind, tuple):
                    lists.append((here, kind[0], info))
                else:
                    objects.append(Nested(here, kind, info.optional))
                    flatten(kind, here)

        flatten(cls, ())
        kind = RecordKind(
            path=path,
            within=within,
            cls=cls,
            parent=parent,
            values=tuple(values),
            objects=tuple(objects),
            key=None if parent is None else _key_of(cls),
        )
        kinds.append(kind)
        for here, item, field in lists:
            if isinstance(item, ValueKind):
                value = Value((), item, field, field.name, True)
                kinds.append(RecordKind(path + here, here, field.item, kind, (value,), (), None))
            else:
                visit(item, path + here, here, kind)

    visit(Dataset, (), (), None)
    return tuple(kinds)


@functools.cache
def children_of(kind: RecordKind) -> tuple[RecordKind, ...]:
    """The kinds whose parent is ``kind``, in field order."""
    return tuple(k for k in record_kinds() if k.parent is kind)


def records(dataset: Any) -> Iterator[Record]:
    """Every record of ``dataset``, the dataset first, each parent before its children."""
    root = Record(record_kinds()[0], dataset, (), (), None)
    yield root
    yield from _below(root)


def _below(record: Record) -> Iterator[Record]:
    for kind in children_of(record.kind):
        for index, item in enumerate(follow(record.obj, kind.within) or ()):
            key = getattr(item, kind.key) if kind.key else index + 1
            child = Record(
                kind, item, (*record.pointer, *kind.within, index), (*record.keys, key), record
            )
            yield child
            yield from _below(child)


def list_kind(name: str) -> RecordKind:
    """The kind of the records of the dataset's list ``name`` (``projects``)."""
    root = record_kinds()[0]
    return next(k for k in children_of(root) if k.within == (name,))


def records_in(item: Any, name: str, index: int) -> Iterator[Record]:
    """The records of one item of the dataset's list ``name`` at ``index``, the item first,
    as :func:`records` yields them within a whole dataset."""
    kind = list_kind(name)
    key = getattr(item, kind.key) if kind.key else index + 1
    top = Record(kind, item, (name, index), (key,), None)
    yield top
    yield from _below(top)
