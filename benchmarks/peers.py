"""pydantic v2 and msgspec models of the same shape as the grprojects model, for comparison.

Both are derived from the attrs classes and their field metadata, so they mirror every
field, default, pattern, minimum and closed code list and cannot drift from the model.
What they do not check, and grprojects does: unique list items, that day dates exist
(``2019-02-30``), e-mail format, and anything semantic. Dates stay strings (our model
parses them into :class:`~grprojects.PartialDate`). Text is a model with extra keys in
pydantic and a plain ``dict[str, str]`` in msgspec, whose structs cannot keep unknown keys.
"""

from __future__ import annotations

import enum
import functools
import types
import typing
from decimal import Decimal
from typing import Annotated, Any, Literal

import attrs
import msgspec
import pydantic

from grprojects.codelists import builtin_codelists
from grprojects.model import Dataset, PartialDate, Text
from grprojects.model import fields as meta
from grprojects.model.values import PARTIAL_DATE_PATTERN

DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$|" + PARTIAL_DATE_PATTERN
"""Day dates or the partial forms, as the schema's ``PartialDate`` allows."""


def _optional(hint: Any) -> tuple[Any, bool]:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return args[0], True
    return hint, False


def _string(metadata: typing.Mapping[str, Any], constrain: Any) -> Any:
    name = metadata.get(meta.CODELIST)
    if name is not None and builtin_codelists()[name].closed:
        codes = tuple(c.code for c in builtin_codelists()[name].codes)
        return Literal[codes]
    if meta.PATTERN in metadata:
        return Annotated[str, constrain(pattern=metadata[meta.PATTERN])]
    return str


class _Peer:
    """Turns the attrs model into classes of one other library."""

    def __init__(self) -> None:
        self.classes: dict[type, Any] = {}

    def constrain(self, **constraints: Any) -> Any:
        raise NotImplementedError

    def text(self) -> Any:
        raise NotImplementedError

    def make(self, cls: type, fields: list[tuple[str, Any, Any]]) -> Any:
        raise NotImplementedError

    def factory(self, factory: Any) -> Any:
        raise NotImplementedError

    def type_of(self, hint: Any, metadata: typing.Mapping[str, Any]) -> Any:
        """The peer type of one model field type."""
        origin = typing.get_origin(hint)
        if origin is list:
            (item,) = typing.get_args(hint)
            return list[self.type_of(item, metadata)]  # type: ignore[misc]  # built at runtime
        if origin is dict:
            return dict[str, Any]
        if hint is Text:
            return self.text()
        if hint is PartialDate:
            return Annotated[str, self.constrain(pattern=DATE_PATTERN)]
        if attrs.has(hint):
            return self.model(hint)
        if isinstance(hint, type) and issubclass(hint, enum.Enum):
            return hint
        if hint is int and meta.MINIMUM in metadata:
            return Annotated[int, self.constrain(ge=metadata[meta.MINIMUM])]
        if hint is Decimal:
            return Decimal
        if hint is str:
            return _string(metadata, self.constrain)
        return hint

    def model(self, cls: type) -> Any:
        """The peer class of an attrs class (made once)."""
        if cls not in self.classes:
            hints = typing.get_type_hints(cls)
            fields = []
            for field in attrs.fields(cls):
                hint, optional = _optional(hints[field.name])
                peer = self.type_of(hint, field.metadata)
                if isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]  # attrs' Factory is a class
                    default = self.factory(field.default.factory)
                else:
                    default = field.default
                fields.append((field.name, peer | None if optional else peer, default))
            self.classes[cls] = self.make(cls, fields)
        return self.classes[cls]


class _Pydantic(_Peer):
    def constrain(self, **constraints: Any) -> Any:
        if "pattern" in constraints:
            return pydantic.StringConstraints(pattern=constraints["pattern"])
        return pydantic.Field(**constraints)

    @functools.cache  # noqa: B019 - one peer per process
    def text(self) -> Any:
        swedish: Any = Annotated[str, pydantic.StringConstraints(pattern=r"\S")]
        return pydantic.create_model(
            "Text", __config__=pydantic.ConfigDict(extra="allow", frozen=True), sv=(swedish, ...)
        )

    def factory(self, factory: Any) -> Any:
        return pydantic.Field(default_factory=factory)

    def make(self, cls: type, fields: list[tuple[str, Any, Any]]) -> Any:
        definitions: dict[str, Any] = {
            name: (peer, ... if default is attrs.NOTHING else default)
            for name, peer, default in fields
        }
        return pydantic.create_model(
            cls.__name__, __config__=pydantic.ConfigDict(extra="forbid", frozen=True), **definitions
        )


class _Msgspec(_Peer):
    def constrain(self, **constraints: Any) -> Any:
        return msgspec.Meta(**constraints)

    def text(self) -> Any:
        return dict[str, str]

    def factory(self, factory: Any) -> Any:
        return msgspec.field(default_factory=factory)

    def make(self, cls: type, fields: list[tuple[str, Any, Any]]) -> Any:
        specs = [
            (name, peer) if default is attrs.NOTHING else (name, peer, default)
            for name, peer, default in fields
        ]
        return msgspec.defstruct(
            cls.__name__,
            specs,
            kw_only=True,
            omit_defaults=True,
            forbid_unknown_fields=True,
            frozen=True,
            module=__name__,
        )


@functools.cache
def pydantic_dataset() -> type[pydantic.BaseModel]:
    """The pydantic v2 model of a dataset."""
    model: type[pydantic.BaseModel] = _Pydantic().model(Dataset)
    return model


@functools.cache
def msgspec_dataset() -> Any:
    """The msgspec struct of a dataset."""
    return _Msgspec().model(Dataset)
