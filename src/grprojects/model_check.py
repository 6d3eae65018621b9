"""Whether a model object built in Python is one that ``load`` would accept.

Model classes check nothing when they are made: ``load`` has checked the JSON
before it builds them, and checking again would cost as much as the parse. An
object built or edited in Python has had no such check, so everything that writes
(``dump``, ``dumps`` and every exporter) asks this module first and refuses what
``load`` would refuse, with the same diagnostics. Two layers:

1. **Types**, read from the field table: a ``str`` where a :class:`~grprojects.model.Text`
   belongs, a ``float`` where an exact decimal belongs (money and hours are
   :class:`~decimal.Decimal` or ``int``, never ``float``), a list where one object
   belongs, extension data that is not JSON. Each problem names the class, the field
   and what it must be, at its JSON Pointer.
2. **The schema**, on the JSON the object would be written as: patterns, minimums,
   closed code lists, required members: exactly what ``load`` checks.

The types are checked while the JSON is built, in one walk (:func:`plain_json`): an
object whose every value has exactly the type ``load`` gives costs little more than
its JSON. Only an object that fails that is walked again, carefully, to say what
is wrong (:func:`type_diagnostics`).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

from . import _fasthooks, engines
from ._fasthooks import NotPlain, PlainUnstructuring
from .converter import MAX_FREE_DEPTH, too_deep
from .diagnostics import Diagnostic, pointer_of
from .errors import DocumentError
from .jsontext import MAX_DEPTH
from .model import MODEL_CLASSES, ROOTS, SCHEMA_VERSION, Dataset, Publisher, Text
from .model.fields import FieldInfo, Model, Shape, fields_of
from .model.readonly import FrozenDict, FrozenList
from .plugin_types import record_lists
from .schema import published_schema

if TYPE_CHECKING:
    from jsonschema.protocols import Validator

CODE: Final = "model.type"
"""The code of a value whose Python type the field cannot hold."""

_SCALARS: Final = {
    Shape.STRING: (str,),
    Shape.BOOLEAN: (bool,),
}
_WHAT: Final = {
    Shape.TEXT: "a Text",
    Shape.DATE: "a PartialDate",
    Shape.DECIMAL: "a Decimal or an int (never a float: it is not exact)",
    Shape.STRING: "a str",
    Shape.INTEGER: "an int",
    Shape.BOOLEAN: "a bool",
    Shape.JSON: "a dict of JSON values",
    Shape.STRINGS: "a dict of str to str",
}

_Path = list[str | int]


def _kind(value: Any) -> str:
    return type(value).__name__


def _type_problem(info: FieldInfo, value: Any) -> str | None:
    """What is wrong with ``value`` as one item of the field, or None."""
    shape = info.shape
    if shape is Shape.MODEL:
        return None if isinstance(value, info.item) else f"a {info.item.__name__}"
    if shape is Shape.TEXT or shape is Shape.DATE:
        return None if isinstance(value, info.item) else _WHAT[shape]
    if shape is Shape.DECIMAL:
        ok = isinstance(value, Decimal) and value.is_finite()
        return None if ok or (type(value) is int) else _WHAT[shape]
    if shape is Shape.INTEGER:
        return None if type(value) is int else _WHAT[shape]
    if shape is Shape.ENUM:
        if isinstance(value, info.item):
            return None
        return "one of " + ", ".join(repr(member.value) for member in info.item)
    if shape is Shape.STRINGS:
        ok = isinstance(value, Mapping) and all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()
        )
        return None if ok else _WHAT[shape]
    if shape is Shape.JSON:
        return None if isinstance(value, Mapping) and _is_json(value, 1) else _WHAT[shape]
    return None if isinstance(value, _SCALARS[shape]) else _WHAT[shape]


def _is_json(value: Any, depth: int) -> bool:
    """Whether ``value`` is JSON that grprojects reads back: no deeper than the parser goes."""
    if depth > MAX_DEPTH:
        return False
    if isinstance(value, str | bool | int) or value is None:
        return True
    if isinstance(value, float):
        return value == value and value not in (float("inf"), float("-inf"))
    if isinstance(value, Mapping):
        return all(isinstance(k, str) and _is_json(v, depth + 1) for k, v in value.items())
    if isinstance(value, list | tuple):
        return all(_is_json(v, depth + 1) for v in value)
    return False


def _plain_free(value: Any) -> bool:
    """Whether extension data is plain: a dict of namespace to JSON values of exactly the
    types ``load`` makes, without a float, nested no deeper than ``load`` reads back."""
    return (type(value) is FrozenDict or type(value) is dict) and all(
        type(k) is str and _plain_json(v, 1) for k, v in value.items()
    )


def _plain_json(value: Any, depth: int) -> bool:
    kind = type(value)
    if kind is str or kind is int or kind is bool or value is None:
        return True
    if depth > MAX_FREE_DEPTH:  # an array or object at MAX_FREE_DEPTH below its namespace
        return False
    if kind is FrozenDict or kind is dict:
        return all(type(k) is str and _plain_json(v, depth + 1) for k, v in value.items())
    if kind is FrozenList or kind is list:
        return all(_plain_json(v, depth + 1) for v in value)
    return False


_PLAIN: Final = PlainUnstructuring(_plain_free)


def plain_json(obj: Any) -> Any | None:
    """The JSON value of model object ``obj`` when every value in it is plain, else None.

    Plain: of exactly the type a value read by ``load`` has, with extension data that
    holds no float (which JSON writers spell differently) and nests no deeper than
    ``load`` reads. Objects read by ``load`` always are; the types are checked while
    the tree is built, in one walk. None costs the careful check
    (:func:`type_diagnostics`), which says what is wrong, if anything.
    """
    try:
        return _PLAIN.function(type(obj))(obj)
    except NotPlain:
        return None


def type_diagnostics(obj: Any, path: _Path | None = None) -> Iterator[Diagnostic]:
    """Every field of ``obj`` (and the objects inside it) holding a value of the wrong type."""
    if path is None and plain_json(obj) is not None:
        return
    path = path or []
    cls: type = type(obj)
    for info in fields_of(cls):
        value = getattr(obj, info.name)
        where = [*path, info.name]
        if value is None:
            if not info.optional:
                yield _problem(cls, info, "a value (it is required, not None)", value, where)
            continue
        if info.is_list:
            if not isinstance(value, tuple):  # what the constructor makes of a list
                yield _problem(cls, info, "a list (held as a tuple)", value, where)
                continue
            items: list[tuple[_Path, Any]] = [([*where, i], v) for i, v in enumerate(value)]
        else:
            items = [(where, value)]
        for place, item in items:
            wanted = _type_problem(info, item)
            if wanted is not None:
                yield _problem(cls, info, wanted, item, place)
            elif info.shape is Shape.MODEL:
                yield from type_diagnostics(item, place)


def _problem(cls: type, info: FieldInfo, wanted: str, value: Any, place: _Path) -> Diagnostic:
    shown = "a value" if info.personal else f"{_kind(value)}"  # personal data is never shown
    message = f"{cls.__name__}.{info.name} must be {wanted}, not {shown}"
    return Diagnostic(CODE, message, pointer_of(place))


@functools.cache
def _definition_validator(name: str) -> Validator:
    """A validator of one ``$defs`` member of the dataset schema (for objects below the root)."""
    schema = dict(published_schema("dataset"))
    schema["$ref"] = f"#/$defs/{name}"
    from .schema_check import validator_for_schema  # jsonschema: only to explain a refusal

    return validator_for_schema(schema)


def written_json(obj: Any) -> tuple[Any, bool]:
    """The JSON value ``obj`` is written as, once it is certain ``load`` would accept it,
    and whether it is plain (:func:`plain_json`: every JSON writer writes it alike).

    Raises :class:`~grprojects.DocumentError` with every reason it would not. A value
    that is no model object (plain JSON) is returned as it is, if not too deep.
    """
    if type(obj) not in MODEL_CLASSES:
        if too_deep(obj, MAX_FREE_DEPTH) is not None:
            raise DocumentError([_too_deep("the value")])
        return obj, False
    value = plain_json(obj)
    plain = value is not None
    if value is None:  # the careful way, which says what is wrong
        for data in free_json_values(obj):
            path = too_deep(data, MAX_FREE_DEPTH + 1)  # the value is keyed by namespace
            if path is not None:
                raise DocumentError([_too_deep(f"the extension data under {path[0]!r}")])
        found = list(type_diagnostics(obj, []))
        if found:
            raise DocumentError(found)
        try:
            value = _fasthooks.fast_converter.unstructure(obj)
        except Exception as error:  # noqa: BLE001 - what cannot be written is reported, not raised
            message = f"cannot be written: {type(error).__name__}: {error}"
            raise DocumentError([Diagnostic(CODE, message, "")]) from None
    found = _schema_diagnostics(obj, value)
    if found:
        raise DocumentError(found)
    return value, plain


def _too_deep(what: str) -> Diagnostic:
    message = f"{what} nests more than {MAX_FREE_DEPTH} levels deep, more than can be read back"
    return Diagnostic("json.too-deep", message)


def checked_json(obj: Any) -> Any:
    """The JSON value ``obj`` is written as, once it is certain ``load`` would accept it.

    Raises :class:`~grprojects.DocumentError` with every reason it would not. A value
    that is no model object (plain JSON) is returned as it is.
    """
    return written_json(obj)[0]


@functools.cache
def _free_plan(cls: type) -> tuple[tuple[FieldInfo, bool], ...]:
    """The fields of model class ``cls`` that hold free JSON, or objects that may: (field,
    whether it is free JSON)."""
    return tuple(
        (field, field.shape is Shape.JSON)
        for field in fields_of(cls)
        if field.shape is Shape.JSON or (field.is_model and _free_plan(field.item))
    )


def free_json_values(obj: Any) -> Iterator[Any]:
    """Every free JSON value (extension data) a model object carries, however deep.

    A wrong value where a model object or a list belongs is passed over: the type
    check names it.
    """
    stack = [obj]
    while stack:
        item = stack.pop()
        if not isinstance(item, Model):
            continue
        kind: type = type(item)
        for field, free in _free_plan(kind):
            current = getattr(item, field.name)
            if free:
                if current:
                    yield current
            elif field.is_list:
                stack.extend(current if isinstance(current, list | tuple) else ())
            elif current is not None:
                stack.append(current)


def _schema_diagnostics(obj: Any, value: Any) -> list[Diagnostic]:
    for name, root in ROOTS.items():
        if type(obj) is root:  # the fast engine's verdict first, the reference's reasons
            return engines.schema_diagnostics(value, name)
    listed = record_lists().get(type(obj))
    if listed is not None and engines.is_valid({**_shell(), listed: [value]}, "dataset"):
        return []  # an organisation or source alone in a dataset: the fast engine's verdict
    from .schema_check import schema_diagnostics_with

    return schema_diagnostics_with(_definition_validator(type(obj).__name__), value)


@functools.cache
def _shell() -> dict[str, Any]:
    """The JSON of the smallest valid dataset, to hold one record for the fast engine."""
    empty = Dataset(
        version=SCHEMA_VERSION, title=Text(sv="-"), publisher=Publisher(name=Text(sv="-"))
    )
    shell: dict[str, Any] = _fasthooks.fast_converter.unstructure(empty)
    return shell


def model_diagnostics(obj: Any) -> list[Diagnostic]:
    """Every reason ``load`` would refuse what model object ``obj`` is written as (empty: none)."""
    try:
        checked_json(obj)
    except DocumentError as error:
        return list(error.diagnostics)
    return []


def require_valid(obj: Any) -> None:
    """Raise :class:`~grprojects.DocumentError` when ``load`` would refuse ``obj`` once written."""
    checked_json(obj)
