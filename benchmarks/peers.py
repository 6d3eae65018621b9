"""pydantic v2 and msgspec models of the same shape as the grprojects model, for comparison.

Both are derived from the attrs classes and their field metadata, so they mirror every
field, default, pattern, minimum and closed code list and cannot drift from the model.
What they do not check, and grprojects does: unique list items, that day dates exist
(``2019-02-30``), e-mail format, and anything semantic. Dates stay strings (our model
parses them into :class:`~grprojects.PartialDate`). Text is a model with extra keys in
pydantic and a plain ``dict[str, str]`` in msgspec, whose structs cannot keep unknown keys.
"""

from __future__ import annotations

import functools
from typing import Annotated, Any, Literal

import attrs
import msgspec
import pydantic

from grprojects.codelists import builtin_codelists
from grprojects.model import Dataset
from grprojects.model.fields import FieldInfo, Shape, fields_of
from grprojects.model.values import PARTIAL_DATE_PATTERN

DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$|" + PARTIAL_DATE_PATTERN
"""Day dates or the partial forms, as the schema's ``PartialDate`` allows."""


def _string(field: FieldInfo, constrain: Any) -> Any:
    name = field.codelist
    if name is not None and builtin_codelists()[name].closed:
        codes = tuple(c.code for c in builtin_codelists()[name].codes)
        return Literal[codes]
    if field.pattern is not None:
        return Annotated[str, constrain(pattern=field.pattern)]
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

    def type_of(self, field: FieldInfo) -> Any:
        """The peer type of one model field."""
        peer = self.item_of(field)
        if field.is_list:
            peer = list[peer]  # type: ignore[valid-type]  # built at runtime
        return peer | None if field.optional else peer

    def item_of(self, field: FieldInfo) -> Any:
        """The peer type of the field's value, or of each item of a list."""
        shape = field.shape
        if shape is Shape.JSON:
            return dict[str, Any]
        if shape is Shape.TEXT:
            return self.text()
        if shape is Shape.DATE:
            return Annotated[str, self.constrain(pattern=DATE_PATTERN)]
        if shape is Shape.MODEL:
            return self.model(field.item)
        if shape is Shape.INTEGER and field.minimum is not None:
            return Annotated[int, self.constrain(ge=field.minimum)]
        if shape is Shape.STRING:
            return _string(field, self.constrain)
        return field.item  # an enum, Decimal, int or bool as it is

    def model(self, cls: type) -> Any:
        """The peer class of an attrs class (made once)."""
        if cls not in self.classes:
            fields = [
                (
                    field.name,
                    self.type_of(field),
                    field.default if field.factory is None else self.factory(field.factory),
                )
                for field in fields_of(cls)
            ]
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
