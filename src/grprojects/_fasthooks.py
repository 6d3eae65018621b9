"""cattrs hooks written from the field table, for schema-valid values and the model.

cattrs structures a dataset through a generated function per class, but every list,
optional field and text goes through a generic hook with its own error bookkeeping
(``detailed_validation``): some 40 % of the time a large dataset takes; unstructuring
likewise goes through a generic hook per list and per optional value. A value that
has passed the schema cannot fail in those places, so this module writes, for each
model class, one plain function each way from its field table
(:func:`~grprojects.model.fields.fields_of`) that does only what the wire rules of
:mod:`grprojects.converter` say: dict lookups and attribute reads, list
comprehensions, the objects made through their ``__init__``, the wire rules' own
leaf hooks (:data:`~grprojects.converter.STRUCTURE_HOOKS`). A few are done without
the call where the result is plain: a text in Swedish alone, an enum member looked up
by value, and a date, whose equal strings share one parsed (immutable) date.

The same templates, with a check of each value's exact type around them, write the
functions :mod:`grprojects.model_check` builds a model object's JSON with while it
checks the types, in one walk (:class:`PlainUnstructuring`).

A model class is structured by its function directly (:func:`structure`), so a
valid document never imports cattrs. For everything else the functions are
registered on a converter of their own through cattrs' public hook factory API
(:func:`make_fast_converter`; :data:`fast_converter` is made when first used);
nothing of cattrs' own machinery is read. Structuring assumes a schema-valid value:
on anything else it raises, and :func:`grprojects.io.to_model` structures the value
again with the detailed converter, whose diagnostics say what is wrong.
"""

from __future__ import annotations

import functools
import re
import threading
import types
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

from .converter import UNSTRUCTURE_HOOKS, make_converter, structure_hook
from .model import PartialDate, Text
from .model.fields import FieldInfo, Model, Shape, as_items, fields_of
from .model.readonly import EMPTY, FrozenDict

Written = Callable[[Any], Any]
"""A function written from the field table: one value in, its conversion out."""

SHARED_VALUES: Final = 4096
"""How many distinct date strings each date field's function remembers.

A dataset states the same few thousand dates tens of thousands of times, so each
distinct string is parsed once (in a bounded cache per field) and its immutable date
shared.
"""

_MISSING: Final = object()

_VALUE: Final = "@"
"""Stands for the value in the expression templates below (never valid Python)."""

_CALL: Final = re.compile(r"^(\w+)\(@\)$")


def is_record_class(cls: Any) -> bool:
    """Whether ``cls`` is a model class written field by field (not a flat text)."""
    return isinstance(cls, type) and issubclass(cls, Model) and cls is not Text


def make_fast_converter() -> cattrs.Converter:
    """A converter with the wire rules whose model classes go through the written functions.

    Structuring is only for values that have passed the schema: it does not look for
    unknown keys, and what it raises on anything else explains nothing. Structure
    with the detailed converter (:func:`~grprojects.converter.make_converter`) to
    learn why. Unstructuring gives exactly what the detailed converter gives.
    """
    converter = make_converter()
    converter.register_structure_hook_factory(is_record_class, fast_hook)
    converter.register_unstructure_hook_factory(is_record_class, unstructurer)
    return converter


@functools.cache
def fast_hook(cls: type) -> Callable[[Any, type], Any]:
    """The structure hook of model class ``cls``: its written function, as cattrs calls hooks."""
    function = structurer(cls)

    def hook(value: Any, _: type) -> Any:
        return function(value)

    return hook


@functools.cache
def structurer(cls: type) -> Written:
    """The written function structuring a schema-valid JSON object into model class ``cls``."""
    return _STRUCTURING.function(cls)


@functools.cache
def unstructurer(cls: type) -> Written:
    """The written function giving the JSON object of a ``cls`` object, as cattrs gives it."""
    return _UNSTRUCTURING.function(cls)


def _json_copy(value: Any) -> Any:
    """A copy of a JSON value, every object and array new (as cattrs copies free JSON)."""
    if isinstance(value, dict):
        return {k: _json_copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_copy(v) for v in value]
    return value


Setter = Callable[[Any, Any], None]
"""Sets one slot of an object, as ``__init__`` does, past the frozen class's ``__setattr__``."""


@functools.cache
def settable(cls: type) -> dict[str, tuple[Setter, Callable[[Any], Any] | None]] | None:
    """For each field of ``cls``, the setter of its slot and the converter its value still
    needs; None when ``cls`` must be made through its ``__init__``.

    ``__init__`` of a model class sets each field's slot, through the field's converter if
    it has one; nothing else. A class that validates or runs code before or after
    ``__init__``, or whose slots are not exactly its fields, is made through ``__init__``.
    A list field's converter (:func:`~grprojects.model.fields.as_items`) keeps a tuple as
    it is, and the written functions give tuples, so it is left out.
    """
    if getattr(cls, "__attrs_post_init__", None) or getattr(cls, "__attrs_pre_init__", None):
        return None
    table = fields_of(cls)
    own = set(cls.__dict__.get("__slots__", ())) - {"__weakref__"}
    if own != {info.name for info in table} or any(info.validated for info in table):
        return None
    found: dict[str, tuple[Setter, Callable[[Any], Any] | None]] = {}
    for info in table:
        slot = cls.__dict__[info.name]
        if not isinstance(slot, types.MemberDescriptorType):
            return None
        converter = None if info.converter is as_items else info.converter
        found[info.name] = (slot.__set__, converter)
    return found


class _Namespace:
    """Writes functions, one per model class, into one namespace shared by them."""

    prefix = ""

    def __init__(self) -> None:
        self.names: dict[str, Any] = {"MISSING": _MISSING}
        self.bound: dict[int, str] = {}
        self.written: dict[type, str] = {}

    def bind(self, value: Any, prefix: str) -> str:
        """A name in the generated code's namespace bound to ``value`` (one per value)."""
        name = self.bound.get(id(value))
        if name is None:
            name = self.bound[id(value)] = f"{prefix}{len(self.names)}"
            self.names[name] = value  # kept here, so its id stays its own
        return name

    def function(self, cls: type) -> Written:
        """The function of ``cls``, written when first asked for."""
        function: Written = self.names[self.name(cls)]
        return function

    def name(self, cls: type) -> str:
        """The name of the function of ``cls`` (written, with those it calls, if new)."""
        name = self.written.get(cls)
        if name is None:
            name = self.written[cls] = f"{self.prefix}_{cls.__name__}_{len(self.written)}"
            source = self.source(cls, name)
            filename = f"<grprojects {self.prefix} {cls.__qualname__}>"
            exec(compile(source, filename, "exec"), self.names)  # noqa: S102 - made from the field table
        return name

    def source(self, cls: type, name: str) -> str:
        """Python source of the function ``name`` for ``cls``."""
        raise NotImplementedError

    def item(self, field: FieldInfo) -> str:
        """The expression template of one item's value, as the wire rules make it."""
        raise NotImplementedError

    def may_be_none(self, field: FieldInfo) -> bool:
        """Whether the function may meet None in the field."""
        return field.optional

    def value(self, field: FieldInfo) -> str:
        """The expression template of the field's value, in a list or optional as declared."""
        item = self.item(field)
        if field.is_list:
            item = self.listed(item)
        if self.may_be_none(field) and item != _VALUE:
            item = f"None if @ is None else {item}"
        return item

    def listed(self, item: str) -> str:
        """The template of a new list of the items of ``@``, each made by template ``item``."""
        call = _CALL.match(item)
        if item == _VALUE:
            return "list(@)"
        if call is not None:
            return f"list(map({call.group(1)}, @))"
        return f"[{item.replace(_VALUE, 'x')} for x in @]"


class _Structuring(_Namespace):
    """Writes the functions structuring schema-valid JSON objects into model classes."""

    prefix = "structure"

    def source(self, cls: type, name: str) -> str:
        """Python source of a function structuring a schema-valid object into ``cls``.

        Where :func:`settable` allows, the object is made without its ``__init__``, each
        field's slot set to the value ``__init__`` would have set: half the cost of a
        dataset's hundred thousand objects was the keyword call and the list fields'
        converters, which are given tuples already.
        """
        lines = [f"def {name}(o):"]
        arguments = []
        for index, field in enumerate(fields_of(cls)):
            statement, argument = self.argument(field, f"v{index}")
            if statement is not None:
                lines.append(f"    {statement}")
            arguments.append((field, argument))
        if any("get(" in line for line in (*lines, *(a for _, a in arguments))):
            lines.insert(1, "    get = o.get")
        slots = settable(cls)
        if slots is None:
            called = ", ".join(f"{field.name}={argument}" for field, argument in arguments)
            lines.append(f"    return {self.bind(cls, 'cls')}({called})")
            return "\n".join(lines)
        lines.append(f"    made = {self.bind(object.__new__, 'new')}({self.bind(cls, 'cls')})")
        for field, argument in arguments:
            setter, converter = slots[field.name]
            if converter is not None:
                argument = f"{self.bind(converter, 'converter')}({argument})"
            lines.append(f"    {self.bind(setter, 'set')}(made, {argument})")
        lines.append("    return made")
        return "\n".join(lines)

    def argument(self, field: FieldInfo, var: str) -> tuple[str | None, str]:
        """How the field's wire value is read (a statement, if needed) and its argument made.

        An absent key gives what attrs would: the field's default, or a new one from
        its factory. Where the value's expression makes that of a stand-in (an
        optional field reads None, a list or object field an empty tuple), it is used.
        """
        key = repr(field.name)
        value = self.value(field)
        if field.required:
            lookup = f"o[{key}]"
        elif field.default is None:
            lookup = f"get({key})"  # absent and null both give None
        elif field.factory is tuple and field.is_list:
            lookup = f"get({key}, ())"  # tuple(()) is the empty tuple
        elif field.factory is None and value == _VALUE:
            lookup = f"get({key}, {self.bind(field.default, 'default')})"
        else:
            made = (
                self.bind(field.default, "default")
                if field.factory is None
                else f"{self.bind(field.factory, 'factory')}()"
            )
            return f"{var} = get({key}, MISSING)", f"{made} if {var} is MISSING else " + (
                value.replace(_VALUE, var)
            )
        if value.count(_VALUE) == 1:
            return None, value.replace(_VALUE, lookup)
        return f"{var} = {lookup}", value.replace(_VALUE, var)

    def listed(self, item: str) -> str:
        """The template of the tuple a model's list field holds, of the items of ``@``.

        An array of strings is copied once (``tuple(@)``); other items are made in a
        list of the exact length first, whose tuple is then made at that length (a
        ``tuple(map(...))`` would be made at a guessed length and shrunk: slower, and
        each shrunk tuple takes its place in Python's pool of free tuples for good). The
        empty array, the commonest, makes nothing.
        """
        if item == _VALUE:
            return "tuple(@)"
        call = _CALL.match(item)
        made = f"{call.group(1)}(x)" if call is not None else item.replace(_VALUE, "x")
        return f"tuple([{made} for x in @]) if @ else ()"

    def item(self, field: FieldInfo) -> str:
        """The expression template of one item's value, as the wire rules make it."""
        shape = field.shape
        if shape is Shape.MODEL:
            return f"{self.name(field.item)}(@)"
        if shape is Shape.TEXT:
            # Nearly every text is Swedish alone: the hook's result, made without the call.
            text, hook = self.bind(Text, "Text"), self.bind(structure_hook(Text), "text")
            swedish = self.bind(_swedish_text(), "swedish")
            return f"{swedish}(@['sv']) if len(@) == 1 else {hook}(@, {text})"
        if shape is Shape.DATE:
            shared = functools.lru_cache(maxsize=SHARED_VALUES)(_date_structurer())
            return f"{self.bind(shared, 'date')}(@)"
        if shape is Shape.DECIMAL:
            hook = self.bind(structure_hook(Decimal), "decimal")
            return f"{hook}(@, {self.bind(Decimal, 'Decimal')})"
        if shape is Shape.ENUM:
            # What E(v) gives for each value: a lookup, not the enum machinery's call.
            members = {member.value: member for member in field.item}
            return f"{self.bind(members, 'members')}[@]"
        if shape in (Shape.INTEGER, Shape.BOOLEAN):
            # The wire rule refuses what JSON Schema lets through: 2.0 or 1e-400 as a count.
            kind = self.bind(field.item, "kind")
            whole = self.bind(structure_hook(field.item), "whole")
            return f"@ if type(@) is {kind} else {whole}(@, {kind})"
        if shape is Shape.JSON:  # kept as it came, no deeper than the wire rule allows
            hook = self.bind(structure_hook(field.item), "free")
            return f"{hook}(@, None)"
        if shape is Shape.STRINGS:
            return "dict(@)"  # a new dict of the same keys and values, as cattrs copies it
        return _VALUE  # strings are what the JSON holds


class _Unstructuring(_Namespace):
    """Writes the functions giving the JSON objects of model objects, as cattrs gives them."""

    prefix = "unstructure"

    def source(self, cls: type, name: str) -> str:
        """Python source of a function giving the JSON object of a ``cls`` object.

        A field at its default is left out, as cattrs' ``omit_if_default`` leaves it out.
        """
        lines = [f"def {name}(o):", "    res = {}"]
        for field in fields_of(cls):
            value = self.value(field)
            key = repr(field.name)
            condition = self.written_when(field)
            if condition is None and value.count(_VALUE) == 1:
                lines.append(f"    res[{key}] = {value.replace(_VALUE, f'o.{field.name}')}")
                continue
            lines.append(f"    v = o.{field.name}")
            if condition is None:
                lines.append(f"    res[{key}] = {value.replace(_VALUE, 'v')}")
            else:
                lines += [
                    f"    if {condition}:",
                    f"        res[{key}] = {value.replace(_VALUE, 'v')}",
                ]
        lines.append("    return res")
        return "\n".join(lines)

    def written_when(self, field: FieldInfo) -> str | None:
        """The condition on ``v`` under which the field is written (``None``: always)."""
        if field.required:
            return None
        if field.default is None:
            return "v is not None"
        if field.factory in (tuple, FrozenDict):
            return "v"  # not empty
        if field.factory is not None:
            return f"v != {self.bind(field.factory, 'factory')}()"
        return f"v != {self.bind(field.default, 'default')}"

    def may_be_none(self, field: FieldInfo) -> bool:
        """A field that defaults to None is left out when None, so is never written None."""
        return field.optional and field.default is not None

    def item(self, field: FieldInfo) -> str:
        """The expression template of one item's JSON value, as the wire rules make it."""
        shape = field.shape
        if shape is Shape.MODEL:
            return f"{self.name(field.item)}(@)"
        if shape is Shape.TEXT:
            # Nearly every text is Swedish alone: the hook's result, made without the call.
            hook = self.bind(UNSTRUCTURE_HOOKS[Text], "text")
            return f"{{'sv': @.sv}} if not @.translations else {hook}(@)"
        if shape in (Shape.DATE, Shape.DECIMAL):
            return f"{self.bind(UNSTRUCTURE_HOOKS[field.item], 'hook')}(@)"
        if shape in (Shape.JSON, Shape.STRINGS):
            return f"{self.bind(_json_copy, 'copy')}(@)"
        return _VALUE  # strings, numbers, booleans and enum members are written as they are


class NotPlain(Exception):  # noqa: N818 - a signal between two of this library's functions
    """A value whose type is not exactly the one a value read by ``load`` has."""


def _not_plain() -> Any:
    raise NotPlain


class PlainUnstructuring(_Unstructuring):
    """Writes functions giving the JSON objects of model objects whose every value is plain.

    Plain: of exactly the type a value read by ``load`` has (a ``str``, not a subclass;
    a tuple for a list; a ``Decimal``, not an ``int``, for money; a model object of its
    field's class), and free JSON that ``free_ok`` accepts. The type checks are made
    while the tree is built, in the one walk; anything else raises :class:`NotPlain`,
    for a careful check to say what is wrong. The tree is what the unstructuring
    functions give.
    """

    prefix = "plain"

    def __init__(self, free_ok: Callable[[Any], bool]) -> None:
        super().__init__()
        self.fail = self.bind(_not_plain, "fail")
        self.free_ok = self.bind(free_ok, "free_ok")

    def written_when(self, field: FieldInfo) -> str | None:
        """As unstructuring leaves a default out, but a value of another type is never left out
        (``0`` equals ``False``): it is written, so its check refuses it."""
        condition = super().written_when(field)
        if condition is None or field.default is None:
            return condition
        default = field.empty()
        return f"{condition} or type(v) is not {self.bind(type(default), 'kind')}"

    def listed(self, item: str) -> str:
        """A list field holds a tuple."""
        return f"({super().listed(item)}) if type(@) is tuple else {self.fail}()"

    def item(self, field: FieldInfo) -> str:
        """The unstructured item, when it is of its exact type."""
        shape = field.shape
        if shape is Shape.JSON:
            return f"{self.bind(_json_copy, 'copy')}(@) if {self.free_ok}(@) else {self.fail}()"
        exact: Any = {
            Shape.STRING: str,
            Shape.INTEGER: int,
            Shape.BOOLEAN: bool,
            Shape.DECIMAL: Decimal,
        }.get(shape, field.item)
        if shape is Shape.STRINGS:
            return f"{self.fail}()"  # only inside a text, which is checked as a whole
        return (
            f"({super().item(field)}) if type(@) is {self.bind(exact, 'exact')} else {self.fail}()"
        )


def _swedish_text() -> Callable[[str], Text]:
    """Makes a text in Swedish alone, as ``Text(sv=sv)`` would, without the keyword call."""
    slots = settable(Text)
    if slots is None:
        return lambda sv: Text(sv=sv, translations=EMPTY)  # pragma: no cover - Text has slots
    new, set_sv, set_translations = object.__new__, slots["sv"][0], slots["translations"][0]

    def swedish(sv: str) -> Text:
        text: Text = new(Text)
        set_sv(text, sv)
        set_translations(text, EMPTY)  # read-only, so one is shared
        return text

    return swedish


def _date_structurer() -> Written:
    """The wire rule for dates, as a function of the string alone."""
    hook = structure_hook(PartialDate)

    def structure(value: Any) -> PartialDate:
        date: PartialDate = hook(value, PartialDate)
        return date

    return structure


_STRUCTURING: Final = _Structuring()
_UNSTRUCTURING: Final = _Unstructuring()


def structure(value: Any, cls: type) -> Any:
    """``value`` (schema-valid) structured into ``cls``, as :data:`fast_converter` would: a model
    class by its written function directly, anything else by the converter."""
    if is_record_class(cls):
        return structurer(cls)(value)
    return _fast_converter().structure(value, cls)


_made: list[cattrs.Converter] = []
_making: Final = threading.Lock()

if TYPE_CHECKING:
    import cattrs

    fast_converter: cattrs.Converter
    """Structures schema-valid values quickly (the detailed converter explains those it fails
    on), and unstructures model objects as the detailed converter does, quickly."""


def _fast_converter() -> cattrs.Converter:
    with _making:
        if not _made:
            _made.append(make_fast_converter())
    return _made[0]


def __getattr__(name: str) -> Any:
    """:data:`fast_converter`, made once, when first asked for (it imports cattrs)."""
    if name != "fast_converter":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return _fast_converter()
