"""Structuring schema-valid JSON into the model without cattrs' generic machinery.

cattrs structures a dataset through a generated function per class, but every list,
optional field and text goes through a generic hook with its own error bookkeeping
(``detailed_validation``): some 40 % of the time a large dataset takes. A value that
has passed the schema cannot fail in those places, so this module writes, for each
class, one plain function that does what cattrs' would do and nothing else: dict
lookups, list comprehensions, the objects made through their ``__init__``, the same
leaf hooks. Three of those are done without the call where the result is plain: a
text in Swedish alone, an enum member looked up by value, and a date, whose equal
strings share one parsed (immutable) date.

It mirrors cattrs exactly, by reading the hooks cattrs would run: starting from the
converter's hook for the root class, it follows the handlers each generated function
carries (``__c_structure_<field>``), the item handler of each list hook and what an
optional field dispatches to. Every one must be of a kind it knows (a cattrs-made
attrs, list, dict or optional hook, a call of the type itself, or one of the leaf
hooks of :mod:`grprojects.converter`); any other hook, such as one a plugin
registered through ``configure_converter``, turns the fast path off for that root,
so customisations are always honoured. When a fast function raises, for a value the
schema did not check, :func:`structure` runs cattrs, whose diagnostics say what is
wrong.
"""

from __future__ import annotations

import enum
import functools
import re
from collections.abc import Callable
from typing import Any, Final

import attrs
import cattrs

from .converter import (
    _structure_date,
    _structure_decimal,
    _structure_free_json,
    _structure_int,
    _structure_text,
)

Structurer = Callable[[Any], Any]

LEAF_HOOKS: Final = frozenset(
    {_structure_text, _structure_decimal, _structure_date, _structure_int, _structure_free_json}
)
"""The grprojects hooks for value types, called as cattrs calls them: ``hook(value, type)``."""

SHAREABLE_HOOKS: Final = frozenset({_structure_date})
"""Leaf hooks whose values are immutable (frozen and hashable): one may stand for equal ones.

A dataset states the same few thousand dates tens of thousands of times, so each
distinct string is parsed once (in a bounded cache) and its date shared.
"""

SHARED_VALUES: Final = 4096
"""How many distinct wire strings a shareable hook remembers."""

_SAME: Final = (str, bool)
"""Types whose ``type(v)`` is ``v`` itself for every value the schema lets through."""

_MISSING: Final = object()


class NotStock(Exception):  # noqa: N818 - a verdict on a hook, not a failure to report
    """A hook the fast path does not know how to mirror: cattrs must do the work."""


def structurer(converter: cattrs.Converter, cls: type) -> Structurer | None:
    """A fast function giving what ``converter.structure(value, cls)`` gives, or None.

    None when some hook reached from ``cls`` is not one the fast path mirrors. The
    function is remade when the converter's hook for ``cls`` changes, as it does
    after any hook is registered.
    """
    root = converter.get_structure_hook(cls)
    if not _is_generated(root, cls):
        return None
    return _fast_function(converter, cls, root)


def structure(converter: cattrs.Converter, value: Any, cls: type) -> Any:
    """Structure a schema-valid ``value`` into ``cls``: fast when it can be, cattrs otherwise.

    Whatever the fast function raises, cattrs structures the value again, so errors
    are always cattrs' detailed ones.
    """
    fast = structurer(converter, cls)
    if fast is not None:
        try:
            return fast(value)
        except Exception:  # noqa: BLE001, S110 - cattrs, below, reports what is wrong
            pass
    return converter.structure(value, cls)


@functools.lru_cache(maxsize=16)
def _fast_function(converter: cattrs.Converter, cls: type, root: Structurer) -> Structurer | None:
    """The fast function mirroring ``root``, cattrs' hook for ``cls`` (cached by that hook)."""
    try:
        return _Writer(converter).function(root, cls)
    except Exception:  # noqa: BLE001 - NotStock, or a hook too strange to inspect: cattrs's job
        return None


def _is_generated(hook: Any, cls: Any) -> bool:
    """Whether ``hook`` is the function cattrs makes for attrs class ``cls``, as it makes it."""
    code = getattr(hook, "__code__", None)
    return (
        isinstance(cls, type)
        and attrs.has(cls)
        and code is not None
        and code.co_filename.startswith("<cattrs generated structure ")
        and getattr(hook, "overrides", None) == {}  # no renamed, omitted or overridden field
        and bool(hook.__defaults__)
        and hook.__defaults__[0] is cls
    )


def _parameters(hook: Any) -> dict[str, Any]:
    """A function's parameters that have defaults (where cattrs keeps a hook's handlers)."""
    code, defaults = hook.__code__, hook.__defaults__ or ()
    names = code.co_varnames[: code.co_argcount]
    return dict(zip(names[len(names) - len(defaults) :], defaults, strict=True))


def _is_list_hook(hook: Any) -> bool:
    return (
        getattr(hook, "__module__", None) == "cattrs.cols"
        and getattr(hook, "__qualname__", None) == "list_structure_factory.<locals>.structure_list"
    )


def _is_mapping_hook(hook: Any) -> bool:
    code = getattr(hook, "__code__", None)
    return (
        code is not None
        and code.co_filename == ""
        and getattr(hook, "__name__", None) == "structure_mapping"
        and hook.__globals__.get("__cattr_mapping_cl") is dict
    )


class _Writer:
    """Writes the fast functions for one converter, one per cattrs function met."""

    def __init__(self, converter: cattrs.Converter) -> None:
        self.converter = converter
        self.names: dict[str, Any] = {"MISSING": _MISSING}
        self.written: dict[int, str] = {}  # id of a cattrs function → its twin's name
        self.keep: list[Any] = []  # the cattrs functions met, so their ids stay theirs

    def name(self, value: Any, prefix: str) -> str:
        """A name in the generated code's namespace bound to ``value``."""
        name = f"{prefix}{len(self.names)}"
        self.names[name] = value
        return name

    def function(self, hook: Any, cls: type) -> Structurer:
        """The fast twin of ``hook``, cattrs' generated function for attrs class ``cls``."""
        name = self.twin(hook, cls)
        function: Structurer = self.names[name]
        return function

    def twin(self, hook: Any, cls: type) -> str:
        """The name of the fast twin of cattrs function ``hook`` (written when first met)."""
        if not _is_generated(hook, cls):
            raise NotStock(hook)
        known = self.written.get(id(hook))
        if known is not None:
            return known
        name = f"structure_{cls.__name__}_{len(self.written)}"
        self.written[id(hook)] = name
        self.keep.append(hook)
        source = self.source(hook, cls, name)
        exec(compile(source, f"<grprojects fast structure {cls.__qualname__}>", "exec"), self.names)  # noqa: S102 - made above from the class's fields
        return name

    def source(self, hook: Any, cls: type, name: str) -> str:
        """Python source of a function structuring a schema-valid object into ``cls``."""
        parameters = _parameters(hook)
        use_alias = getattr(self.converter, "use_alias", False)
        lines = [f"def {name}(o):"]
        arguments = []
        for index, field in enumerate(attrs.fields(cls)):
            if not field.init:
                raise NotStock(cls)  # cattrs sets such fields after __init__; not mirrored
            key = field.alias if use_alias else field.name
            hint = parameters.get(f"__c_type_{field.name}", field.type)
            handler = parameters.get(f"__c_structure_{field.name}")
            var = f"v{index}"
            value = var if handler is None else self.expression(handler, hint, var, 0)
            lookup, value = self.read(field, key, handler, var, value)
            inlined = _inlined(var, lookup, value)
            if inlined is None:
                lines.append(f"    {var} = {lookup}")
            arguments.append(f"{field.alias}={inlined or value}")
        if any("get(" in line for line in (*lines, *arguments)):
            lines.insert(1, "    get = o.get")
        lines.append(f"    return {self.name(cls, 'cls')}({', '.join(arguments)})")
        return "\n".join(lines)

    def read(self, field: Any, key: str, handler: Any, var: str, value: str) -> tuple[str, str]:
        """How the field's wire value is read into ``var``, and the argument made of it.

        An absent key gives what attrs would: the field's default, or a new one from
        its factory. Where the value's expression makes that of a stand-in (an
        optional field reads None, a list or dict field an empty tuple), it is used.
        """
        default = field.default
        if default is attrs.NOTHING:
            return f"o[{key!r}]", value
        if default is None and (handler is None or handler == self.converter._structure_optional):
            return f"get({key!r})", value  # absent and null both give None
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]  # Factory is a class
            if default.takes_self:
                raise NotStock(field)  # the default needs the object being made
            if (default.factory is list and _is_list_hook(handler)) or (
                default.factory is dict and _is_mapping_hook(handler)
            ):
                return f"get({key!r}, ())", value  # list(()) and dict(()) are new and empty
            made = f"{self.name(default.factory, 'factory')}()"
        else:
            made = self.name(default, "default")
            if value == var:
                return f"get({key!r}, {made})", value  # the value as it came, or the default
        return f"get({key!r}, MISSING)", f"{made} if {var} is MISSING else {value}"

    def expression(self, handler: Any, hint: Any, var: str, depth: int) -> str:
        """Python expression for what ``handler(var, hint)`` gives a schema-valid value."""
        converter = self.converter
        if handler is hint or handler == converter._structure_call:
            if not isinstance(hint, type):
                raise NotStock(handler)
            if hint in _SAME:
                return var
            if issubclass(hint, enum.Enum):
                # What E(v) gives for each value: a lookup, not the enum machinery's call.
                # Any other value raises KeyError, and cattrs (with E's _missing_) decides.
                members = {member.value: member for member in hint}
                return f"{self.name(members, 'members')}[{var}]"
            return f"{self.name(hint, 'call')}({var})"
        if handler is _structure_text:
            # Nearly every text is Swedish alone: the hook's result, made without the call.
            text, hook = self.name(hint, "type"), self.name(handler, "hook")
            return (
                f"{text}(sv={var}['sv'], translations={{}}) if len({var}) == 1 "
                f"else {hook}({var}, {text})"
            )
        if _among(handler, SHAREABLE_HOOKS):
            return f"{self.name(_shared(handler, hint), 'shared')}({var})"
        if _among(handler, LEAF_HOOKS):
            return f"{self.name(handler, 'hook')}({var}, {self.name(hint, 'type')})"
        if _is_generated(handler, hint):
            return f"{self.twin(handler, hint)}({var})"
        if handler == converter._structure_optional:
            inner = _optional_of(hint)
            value = self.expression(converter.get_structure_hook(inner), inner, var, depth)
            return var if value == var else f"None if {var} is None else {value}"
        if _is_list_hook(handler):
            return self.list_expression(handler, var, depth)
        if _is_mapping_hook(handler):
            return self.mapping_expression(handler, var)
        raise NotStock(handler)

    def list_expression(self, handler: Any, var: str, depth: int) -> str:
        """A new list of the items, each as the list hook's item handler makes it."""
        if len(handler.__defaults__) == 1:
            return f"list({var})"  # a list of anything, copied
        _, item_handler, item_type = handler.__defaults__
        closure = dict(zip(handler.__code__.co_freevars, handler.__closure__ or (), strict=True))
        if "handler" in closure and closure["handler"].cell_contents is not item_handler:
            raise NotStock(handler)
        item = f"x{depth}"
        value = self.expression(item_handler, item_type, item, depth + 1)
        if value == item:
            return f"list({var})"
        if value.endswith(f"({item})") and value[: -len(item) - 2].isidentifier():
            return f"list(map({value[: -len(item) - 2]}, {var}))"
        return f"[{value} for {item} in {var}]"

    def mapping_expression(self, handler: Any, var: str) -> str:
        """A new dict of the same keys and values (free JSON, as cattrs keeps it)."""
        known = handler.__globals__
        if "__cattr_k_s" in known and (
            known["__cattr_k_s"] is not str
            or known["__cattr_v_s"] != self.converter.get_structure_hook(Any)
        ):
            raise NotStock(handler)  # keys or values are structured: not free JSON
        return f"dict({var})"


def _among(hook: Any, hooks: frozenset[Any]) -> bool:
    """Whether ``hook`` is one of ``hooks`` (by identity: a plugin's hook need not hash)."""
    return any(hook is known for known in hooks)


def _inlined(var: str, lookup: str, value: str) -> str | None:
    """``value`` reading ``lookup`` where it names ``var``, if it names it once (else None)."""
    parts = re.split(rf"\b{var}\b", value)
    return lookup.join(parts) if len(parts) == 2 else None


def _shared(hook: Any, hint: Any) -> Structurer:
    """``hook(value, hint)``, remembered for the last few thousand distinct ``value`` strings."""

    def structure(value: Any) -> Any:
        return hook(value, hint)

    return functools.lru_cache(maxsize=SHARED_VALUES)(structure)


def _optional_of(hint: Any) -> Any:
    """``X`` of ``X | None``, as cattrs' optional hook picks it."""
    arguments: tuple[Any, ...] = getattr(hint, "__args__", ())
    if len(arguments) != 2 or type(None) not in arguments:
        raise NotStock(hint)
    return arguments[0] if arguments[1] is type(None) else arguments[1]
