"""Writing model objects with orjson, without building their JSON value first.

``grprojects.dumps`` is ``json.dumps(to_json(obj), indent=2)``. When orjson (the
``fast`` extra) is installed it writes the same text ten times sooner: orjson walks
the model itself and asks a *shallow* unstructure function for each object in a list
it meets, which returns the object's JSON with lists of objects left as they are, so
no intermediate tree of dicts and lists is built.

Each shallow function is the twin of cattrs' own generated one (``omit_if_default``):
the same fields, left out under the same conditions, written with the same hooks. It
is used only for classes whose unstructure hook is still that cattrs function; any
other hook (a plugin's) is called as it is. The text is orjson's only when it is
certainly json's: orjson writes ``1e-7`` where json writes ``1e-07``, so a dataset
with a float in its extension data (the only place a float can be) is written by
json, as is anything orjson refuses (integers past 64 bits, lone surrogates).
"""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Callable, Iterator
from typing import Any

import attrs
import cattrs
from cattrs.fns import identity

Hook = Callable[[Any], Any]


class ShallowTwins:
    """An attrs hook factory that makes cattrs' unstructure functions and their shallow twins."""

    def __init__(self, converter: cattrs.Converter) -> None:
        self.converter = converter
        self.twins: dict[Hook, Hook] = {}

    def __call__(self, cls: type) -> Hook:
        """cattrs' own unstructure function of ``cls``; its shallow twin is remembered."""
        made: Hook = self.converter.gen_unstructure_attrs_fromdict(cls)
        self.twins[made] = self.shallow_function(cls)
        return made

    def default(self) -> Hook:
        """orjson's ``default`` hook for one serialisation: each object's shallow form."""
        by_type: dict[type, Hook] = {}

        def default(obj: Any) -> Any:
            cls = type(obj)
            hook = by_type.get(cls)
            if hook is None:
                full = self.converter.get_unstructure_hook(cls)
                hook = by_type[cls] = self.twins.get(full, full)
            return hook(obj)

        return default

    def shallow_function(self, cls: type) -> Hook:
        """A function giving a ``cls`` object's JSON as cattrs would, lists of objects as is.

        A field is left out when cattrs' ``omit_if_default`` leaves it out (it equals
        its default, or what its default factory makes), and written with the hook
        cattrs would use for its declared type; only a list of model objects is handed
        to orjson as it is, for its ``default`` hook to meet each object in turn.
        """
        hints = typing.get_type_hints(cls)
        lines = ["def shallow(o):", "    res = {}"]
        names: dict[str, Any] = {}
        for index, field in enumerate(attrs.fields(cls)):
            if not field.init:
                continue  # cattrs leaves out fields that __init__ does not take
            hint, optional = _without_none(hints[field.name])
            value = self._expression(hint, f"h{index}", names)
            if optional and value != "v":
                value = f"None if v is None else {value}"
            lines.append(f"    v = o.{field.name}")
            condition = _omission(field, index, names)
            if condition is None:
                lines.append(f"    res[{field.name!r}] = {value}")
            else:
                lines += [f"    if {condition}:", f"        res[{field.name!r}] = {value}"]
        lines.append("    return res")
        source = "\n".join(lines)
        exec(compile(source, f"<grprojects shallow {cls.__qualname__}>", "exec"), names)  # noqa: S102 - made above from the class's fields
        function: Hook = names["shallow"]
        return function

    def _expression(self, hint: Any, name: str, names: dict[str, Any]) -> str:
        """How the shallow function writes a value ``v`` of declared type ``hint``."""
        origin, args = typing.get_origin(hint), typing.get_args(hint)
        if origin is dict and args[1:] == (Any,):
            return "v"  # free JSON, written as it came
        if origin is list:
            item = self.converter.get_unstructure_hook(args[0])
            if item is identity or item in self.twins:
                return "v"  # orjson writes the items (model objects through ``default``)
            names[name] = item
            return f"[{name}(x) for x in v]"
        hook = self.converter.get_unstructure_hook(hint)
        if hook is identity:
            return "v"
        names[name] = self.twins.get(hook, hook)
        return f"{name}(v)"


def _without_none(hint: Any) -> tuple[Any, bool]:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) == 1:
            return args[0], True
    return hint, False


def _omission(field: Any, index: int, names: dict[str, Any]) -> str | None:
    """The condition under which cattrs writes ``field`` (``None``: always)."""
    default = field.default
    if default is attrs.NOTHING:
        return None
    if default is None:
        return "v is not None"  # what ``!= None`` means for every value the model holds
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]  # Factory is a class
        if default.factory in (list, dict) and not default.takes_self:
            return "v != []" if default.factory is list else "v != {}"
        names[f"f{index}"] = default.factory
        return f"v != f{index}(o)" if default.takes_self else f"v != f{index}()"
    names[f"d{index}"] = default
    return f"v != d{index}"


@functools.cache
def _free_json_plan(cls: type) -> tuple[tuple[str, str], ...]:
    """Fields of ``cls`` holding free JSON (``free``) or objects that may (``one``, ``many``)."""
    hints = typing.get_type_hints(cls)
    plan = []
    for field in attrs.fields(cls):
        hint = hints[field.name]
        if typing.get_origin(hint) in (typing.Union, types.UnionType):
            hint = next(a for a in typing.get_args(hint) if a is not type(None))
        origin, args = typing.get_origin(hint), typing.get_args(hint)
        if hint is Any or (origin is dict and args[1:] == (Any,)):
            plan.append((field.name, "free"))
        elif origin is list and attrs.has(args[0]) and _free_json_plan(args[0]):
            plan.append((field.name, "many"))
        elif attrs.has(hint) and _free_json_plan(hint):
            plan.append((field.name, "one"))
    return tuple(plan)


def free_json(obj: Any) -> Iterator[Any]:
    """Every free-form JSON value (extension data) a model object carries, however deep."""
    stack = [obj]
    while stack:
        item = stack.pop()
        cls: type = type(item)
        if not attrs.has(cls):  # a wrong value where a model object belongs: not ours to judge
            continue
        for name, how in _free_json_plan(cls):
            value = getattr(item, name)
            if how == "free":
                if value:
                    yield value
            elif how == "many":
                stack.extend(value if isinstance(value, list) else ())
            elif value is not None:
                stack.append(value)


def carries_float(obj: Any) -> bool:
    """Whether the free-form JSON a model object carries (extension data) holds a float."""
    return any(holds_float(value) for value in free_json(obj))


def holds_float(value: Any) -> bool:
    """Whether a JSON value has a float anywhere in it (walked without recursion)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, float):
            return True
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def _orjson() -> Any:
    try:
        import orjson
    except ImportError:  # the ``fast`` extra is not installed
        return None
    return orjson


_ORJSON = _orjson()


def dumps(obj: Any, twins: ShallowTwins) -> str | None:
    """The canonical text of model object ``obj`` by orjson, or None where json must write it."""
    if _ORJSON is None or not attrs.has(type(obj)):
        return None
    if carries_float(obj):
        return None
    option = _ORJSON.OPT_INDENT_2 | _ORJSON.OPT_APPEND_NEWLINE
    try:
        return str(_ORJSON.dumps(obj, default=twins.default(), option=option).decode())
    except TypeError:  # orjson.JSONEncodeError: a value orjson will not write as json does
        return None
