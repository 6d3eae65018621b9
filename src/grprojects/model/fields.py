"""The one way model fields are declared, and the one table that describes them.

Every field carries its documentation and its wire constraints in attrs metadata;
:func:`fields_of` reads them, with the field's type, into a table of
:class:`FieldInfo`. The schema generator, the converter's fast path, the checks'
walks, the spreadsheet and SQLite layouts, freezing and the public export all read
that table, so no other module inspects the classes' type hints and none can drift.
"""

import enum
import functools
import types
import typing
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import (
    TYPE_CHECKING,
    Any,
    ClassVar,
    Final,
    Generic,
    Self,
    TypeVar,
    cast,
    dataclass_transform,
    overload,
)

import attrs

from .._methods import shared_methods
from .readonly import FrozenDict, frozen_json

DOC = "grprojects.doc"
"""Metadata key: the field's one-paragraph documentation (becomes the schema description)."""
PERSONAL = "grprojects.personal"
"""Metadata key: the field holds personal data (GDPR) and is left out of public exports."""
CODELIST = "grprojects.codelist"
"""Metadata key: the id of the code list whose codes the field takes."""
PATTERN = "grprojects.pattern"
"""Metadata key: a regular expression the whole string value must match."""
MINIMUM = "grprojects.minimum"
"""Metadata key: the smallest allowed integer value."""
MAXIMUM = "grprojects.maximum"
"""Metadata key: the largest allowed integer value, when not :data:`LARGEST_WHOLE_NUMBER`."""
MAX_LENGTH = "grprojects.max_length"
"""Metadata key: the most characters of a string value, when not :data:`LONGEST_TEXT`."""
REFERENCE = "grprojects.reference"
"""Metadata key: what kind of object the field's id (or ids) refers to."""
FORMAT = "grprojects.format"
"""Metadata key: a JSON Schema ``format`` the value must satisfy (``email``)."""
UNIQUE = "grprojects.unique"
"""Metadata key: the list's items must be unique."""

LARGEST_WHOLE_NUMBER: Final = 2**53 - 1
"""The largest value of every whole-number field unless it declares a smaller one.

Every JSON tool keeps whole numbers up to 2⁵³ − 1 exactly (JavaScript's and most
validators' numbers are doubles), and so do SQLite and the spreadsheets' text cells;
a count past it (nine quadrillion) is a typing error, not a count.
"""

LONGEST_TEXT: Final = 32_766
"""The most characters (Unicode code points) of every string value unless it declares fewer:
each language of a text, a plain string, an id, an address, an amount's digits.

A spreadsheet cell holds one value, and an Excel cell at most 32,767 characters;
a text beginning with an apostrophe is written with one more in front (import takes
it off again), so a value may have one fewer. Excel counts UTF-16 code units, two
for a character beyond U+FFFF (an emoji): see the limits page for what that means.
"""

_NOTHING: Any = attrs.NOTHING

Item = TypeVar("Item")

if TYPE_CHECKING:

    class Items(Generic[Item]):
        """A list field: it holds a tuple, and its constructor argument may be any iterable.

        Told to type checkers as a descriptor, since a model class is no attrs class to
        them (only a ``dataclass_transform``) and so its converter is unseen: a descriptor's
        ``__set__`` types the constructor's argument (``Project(participations=[...])``)
        and its ``__get__`` the attribute (``tuple[Participation, ...]``).
        """

        @overload
        def __get__(self, obj: None, owner: Any) -> Self: ...
        @overload
        def __get__(self, obj: object, owner: Any) -> tuple[Item, ...]: ...
        def __get__(self, obj: Any, owner: Any) -> Any: ...
        def __set__(self, obj: object, value: Iterable[Item]) -> None: ...

else:

    class Items:
        """A list field's type: ``Items[X]`` is ``tuple[X, ...]``, what the field holds."""

        def __class_getitem__(cls, item):
            return tuple[item, ...]


def as_items(value: Iterable[Item]) -> tuple[Item, ...]:
    """What a list field holds of ``value``: a tuple, so that nobody can change it.

    A tuple is kept as it is (no copy). A string, bytes, a mapping or a value that is
    no iterable is kept as it is too, not taken apart into characters or keys: writing
    it refuses it, naming the field ("must be a list").
    """
    if type(value) is tuple:
        return cast(tuple[Item, ...], value)
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        return cast(tuple[Item, ...], value)  # not a tuple: for the writing check to name
    return tuple(value)


def field(
    doc: str,
    *,
    default: Any = _NOTHING,
    factory: Any = None,
    personal: bool = False,
    codelist: str | None = None,
    pattern: str | None = None,
    minimum: int | None = None,
    maximum: int | None = None,
    max_length: int | None = None,
    reference: str | None = None,
    format: str | None = None,  # noqa: A002 - named after the JSON Schema keyword
    unique: bool = False,
) -> Any:
    """Declare a documented model field with its wire constraints.

    A whole number's ``maximum`` is :data:`LARGEST_WHOLE_NUMBER` unless given, a string's
    ``max_length`` (in characters) :data:`LONGEST_TEXT`.
    A list field is declared ``Items[X]`` with ``factory=tuple``: it takes any iterable
    and holds a tuple (:func:`as_items`). A dict field (``factory=dict``) takes any dict
    and holds a read-only copy (:func:`~grprojects.model.readonly.frozen_json`).
    """
    metadata: dict[str, Any] = {DOC: " ".join(doc.split())}
    if personal:
        metadata[PERSONAL] = True
    if codelist is not None:
        metadata[CODELIST] = codelist
    if pattern is not None:
        metadata[PATTERN] = pattern
    if minimum is not None:
        metadata[MINIMUM] = minimum
    if maximum is not None:
        metadata[MAXIMUM] = maximum
    if max_length is not None:
        metadata[MAX_LENGTH] = max_length
    if reference is not None:
        metadata[REFERENCE] = reference
        if pattern is None:
            metadata[PATTERN] = ID_PATTERN  # a reference is spelt like the id it cites
    if format is not None:
        metadata[FORMAT] = format
    if unique:
        metadata[UNIQUE] = True
    if factory is tuple:
        return attrs.field(factory=tuple, converter=as_items, metadata=metadata, kw_only=True)
    if factory is dict:  # free JSON or translations: read-only, all the way down
        return attrs.field(
            factory=FrozenDict, converter=frozen_json, metadata=metadata, kw_only=True
        )
    if factory is not None:
        return attrs.field(factory=factory, metadata=metadata, kw_only=True)
    return attrs.field(default=default, metadata=metadata, kw_only=True)


class Model:
    """Base of every model class: marks them, for type checkers, as attrs classes."""

    __slots__ = ()
    if TYPE_CHECKING:
        __attrs_attrs__: ClassVar[Any]

    def evolve(self, **changes: Any) -> Self:
        """A copy with ``changes`` (field name to new value); the object itself never changes.

        Nothing is checked here; writing the result (``dump``, an exporter) refuses
        what ``load`` would refuse.
        """
        changed: Self = attrs.evolve(cast(Any, self), **changes)
        return changed


T = TypeVar("T", bound=Model)


@dataclass_transform(frozen_default=True, kw_only_default=True, field_specifiers=(field,))
def model(cls: type[T]) -> type[T]:
    """Make ``cls`` a frozen, keyword-only attrs class of the model.

    The ``dataclass_transform`` marker tells type checkers which fields are required
    and that arguments are keyword-only, which they cannot see through :func:`field`.
    Equality, hash and repr are the shared ones (:mod:`grprojects._methods`), as attrs
    would write them.
    """
    return shared_methods(attrs.frozen(cls, kw_only=True, eq=False, repr=False))


SPACE = r"\t-\r\u001c-\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
"""White space, as the inside of a character class: what Python's ``\\s`` or ECMA-262's matches.

Spelt out because the two differ (Python counts U+001C–U+001F and U+0085, ECMA-262
U+FEFF), so that every validator of the published schema gives the same verdict.
"""

VISIBLE = f"[^{SPACE}]"
"""One character that is not white space (what ``\\S`` means, the same in every engine)."""

INVISIBLE = (
    r"\u0000-\u0020\u007f-\u00a0\u00ad"  # controls, spaces, DEL, C1 controls, soft hyphen
    r"\u061c\u1680\u180e"  # Arabic letter mark, Ogham space, Mongolian vowel separator
    r"\u2000-\u200f"  # spaces, zero-width space, joiners, left-to-right and right-to-left marks
    r"\u2028-\u202f"  # line and paragraph separators, bidi embeddings and overrides
    r"\u205f-\u206f"  # word joiner, invisible operators, bidi isolates
    r"\u3000\ufeff\ufff9-\ufffb"  # ideographic space, zero-width no-break space
)
"""Characters that do not show or that reorder the text, as the inside of a character class:
white space, control characters, bidirectional controls and zero-width characters.

An id holding one looks like another id, or makes a log line read backwards
("Trojan Source"), so ids refuse them all.
"""

ID_PATTERN = rf'^[^{INVISIBLE}/\\:*?"<>|#%]{{1,100}}$'
"""Ids: 1–100 characters, nothing invisible (no white space, control, bidi or zero-width
character) and nothing a file name or URL cannot hold.

Swedish letters are welcome (``göteborgs-stad``); ids are compared after Unicode
NFC normalisation by the ``id.duplicate`` check.
"""


# -- the field table: the one reading of the model's type hints -------------------------


class Shape(enum.Enum):
    """What kind of value a field (or each item of a list field) holds."""

    MODEL = "model"
    """A nested model object (an attrs class of the model)."""
    TEXT = "text"
    """A :class:`~grprojects.model.Text`: a flat object of language tag to string."""
    DATE = "date"
    """A :class:`~grprojects.model.PartialDate`, a string on the wire."""
    DECIMAL = "decimal"
    """A :class:`decimal.Decimal`, a string on the wire."""
    STRING = "string"
    INTEGER = "integer"
    BOOLEAN = "boolean"
    ENUM = "enum"
    """A member of a string or integer :class:`enum.Enum`."""
    JSON = "json"
    """Free JSON (extension data), kept as it came."""
    STRINGS = "strings"
    """A mapping of string to string (a text's translations)."""


@shared_methods
@attrs.frozen(eq=False, repr=False)
class FieldInfo:
    """Everything the library knows about one field of a model class."""

    name: str
    owner: type
    """The class the field belongs to."""
    type: Any
    """The declared type (``tuple[str, ...]`` for ``Items[str]``, ``Text | None``)."""
    item: Any
    """The type of the value, or of each item of a list: a class, ``dict`` for free JSON."""
    shape: Shape
    is_list: bool
    optional: bool
    """``None`` is a value of the field."""
    required: bool
    """The field has no default: the key must be present."""
    default: Any
    """The default value, :data:`attrs.NOTHING` when required or made by a factory."""
    factory: Callable[[], Any] | None
    doc: str
    pattern: str | None = None
    minimum: int | None = None
    maximum: int | None = None
    """The largest allowed value of a whole number (:data:`LARGEST_WHOLE_NUMBER` by default)."""
    max_length: int | None = None
    """The most characters of a string value, or of each (:data:`LONGEST_TEXT` by default).

    Strings, amounts (strings on the wire), the items of a list of strings and each
    translation of a text: every string a spreadsheet cell carries alone.
    """
    codelist: str | None = None
    reference: str | None = None
    """What kind of object the field's id (or ids) refers to: ``organisation``, ``source``…"""
    personal: bool = False
    unique: bool = False
    format: str | None = None
    converter: Callable[[Any], Any] | None = None
    """What the class's ``__init__`` passes a value through: a list field's :func:`as_items`,
    a dict field's :func:`~grprojects.model.readonly.frozen_json`, or nothing."""
    validated: bool = False
    """Whether the class's ``__init__`` runs a validator on the value."""

    @property
    def is_model(self) -> bool:
        """The field holds model objects (one or a list), to be walked into."""
        return self.shape is Shape.MODEL

    def empty(self) -> Any:
        """The value the field has when it is left out (its default, or a new one)."""
        return self.factory() if self.factory is not None else self.default


_LEAF_SHAPES: Final = {
    Decimal: Shape.DECIMAL,
    str: Shape.STRING,
    int: Shape.INTEGER,
    bool: Shape.BOOLEAN,
}


_STRING_SHAPES: Final = frozenset({Shape.STRING, Shape.DECIMAL, Shape.STRINGS})
"""The shapes whose values (or whose mapping's values) are strings on the wire."""


def _shape(item: Any) -> Shape:
    declared = getattr(item, "wire_shape", None)  # Text and PartialDate say what they are
    if isinstance(declared, Shape):
        return declared
    if item in _LEAF_SHAPES:
        return _LEAF_SHAPES[item]
    if isinstance(item, type) and issubclass(item, enum.Enum):
        return Shape.ENUM
    if isinstance(item, type) and attrs.has(item):
        return Shape.MODEL
    origin, arguments = typing.get_origin(item), typing.get_args(item)
    if origin in (dict, Mapping) and arguments == (str, str):
        return Shape.STRINGS
    if origin in (dict, Mapping) or item is Any:
        return Shape.JSON
    raise TypeError(f"the model has no shape for {item!r}")


def _unwrapped(hint: Any) -> tuple[Any, bool, bool]:
    """A declared type's item type, whether it is a list, and whether it may be ``None``."""
    optional = False
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        arguments = [a for a in typing.get_args(hint) if a is not type(None)]
        optional = len(arguments) < len(typing.get_args(hint))
        if len(arguments) != 1:
            raise TypeError(f"the model has no unions but optional ones: {hint!r}")
        hint = arguments[0]
    origin = typing.get_origin(hint)
    if origin in (list, tuple, Sequence):
        return typing.get_args(hint)[0], True, optional
    return hint, False, optional


def fields_of(cls: type) -> tuple[FieldInfo, ...]:
    """The fields of model class ``cls``, in declaration order (the wire order)."""
    return _table(cls)  # through a typed function: mypy takes a class for unhashable


@functools.cache
def _table(cls: type) -> tuple[FieldInfo, ...]:
    hints = typing.get_type_hints(cls)
    table = []
    for attribute in attrs.fields(cls):
        hint = hints[attribute.name]
        item, is_list, optional = _unwrapped(hint)
        default = attribute.default
        factory = None
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]  # Factory is a class
            factory, default = default.factory, attrs.NOTHING
        metadata = attribute.metadata
        shape = _shape(item)
        largest = LARGEST_WHOLE_NUMBER if shape is Shape.INTEGER else None
        longest = LONGEST_TEXT if shape in _STRING_SHAPES else None
        table.append(
            FieldInfo(
                name=attribute.name,
                owner=cls,
                type=hint,
                item=item,
                shape=shape,
                is_list=is_list,
                optional=optional,
                required=attribute.default is attrs.NOTHING,
                default=default,
                factory=factory,
                doc=metadata.get(DOC, ""),
                pattern=metadata.get(PATTERN),
                minimum=metadata.get(MINIMUM),
                maximum=metadata.get(MAXIMUM, largest),
                max_length=metadata.get(MAX_LENGTH, longest),
                codelist=metadata.get(CODELIST),
                reference=metadata.get(REFERENCE),
                personal=bool(metadata.get(PERSONAL)),
                unique=bool(metadata.get(UNIQUE)),
                format=metadata.get(FORMAT),
                converter=attribute.converter,
                validated=attribute.validator is not None,
            )
        )
    return tuple(table)


def field_of(cls: type, name: str) -> FieldInfo:
    """The field ``name`` of model class ``cls``."""
    for info in fields_of(cls):
        if info.name == name:
            return info
    raise KeyError(f"{cls.__name__} has no field {name!r}")
