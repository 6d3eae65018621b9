"""The wire rules between JSON values and the model, in one cattrs converter.

- Objects map to the frozen attrs classes field by field, under the same names.
- Unknown keys are an error, except inside ``extensions`` objects, whose content
  (keyed by extension namespace) is kept exactly as it came for plugins to read.
- Fields at their default (``None``, ``[]``, ``{}``, ``false``, the default code)
  are left out on output, so a canonical document has one spelling.
- Decimals (money, hours) are JSON strings such as ``"12800000"`` and ``"2.5"``,
  read into :class:`decimal.Decimal` and written back with the same digits; they
  never pass through float.
- Dates are ISO 8601 strings of day (``2019-02-05``), month (``2019-09``), season
  (``2016-21``, ISO 8601-2: 21 spring … 24 winter) or year (``2018``) precision.
- Multilingual text is a flat object of language tag to string, Swedish required:
  ``{"sv": "…", "en": "…"}``; a translation that is not a string is refused.
- Code values (roles, kinds, qualifiers) are plain strings.
- Whole numbers (counts, sub-goal numbers) are JSON integers: ``5.0`` or ``1e-400``,
  which JSON Schema counts as integers, are refused rather than read as 5 or 0;
  booleans are ``true`` and ``false``, never a number or a string.
- Extension data is kept as it came, nested at most :data:`MAX_FREE_DEPTH` levels.

Structuring assumes a schema-valid document (``grprojects.load`` checks first); its
own errors are still grouped per field by cattrs' detailed validation.

The leaf rules are plain functions in :data:`STRUCTURE_HOOKS` and
:data:`UNSTRUCTURE_HOOKS`, which the fast path (:mod:`grprojects._fasthooks`) calls
too. :data:`converter` is made, and cattrs imported, when first used: a valid
document is structured by the fast path alone, so a one-file ``validate`` never pays
for importing cattrs.
"""

from __future__ import annotations

import threading
import typing
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final, TypeVar

from .model import PartialDate, Text
from .model.readonly import frozen_json

if TYPE_CHECKING:
    import cattrs

T = TypeVar("T")


def _structure_text(value: Any, _: type) -> Text:
    if not isinstance(value, dict) or not isinstance(value.get("sv"), str):
        raise ValueError("text must be an object with a Swedish text under 'sv'")
    translations = {k: v for k, v in value.items() if k != "sv"}
    for language, translation in translations.items():
        if not isinstance(language, str):
            raise TypeError(f"a language tag must be a string, not {language!r}")
        if not isinstance(translation, str):
            raise TypeError(f"the {language!r} text must be a string, not {translation!r}")
    return Text(sv=value["sv"], translations=translations)


def _unstructure_text(text: Text) -> dict[str, str]:
    return {"sv": text.sv, **text.translations}


def _decimal_text(value: Decimal | int) -> str:
    # Fixed-point, never exponent form: str(Decimal("0.0000000")) would give "0E-7";
    # an int (built in Python) as its digits: format(5, "f") would give "5.000000".
    return str(value) if type(value) is int else format(value, "f")


def _structure_decimal(value: Any, _: type) -> Decimal:
    if not isinstance(value, str):
        raise TypeError(f'a decimal must be a string such as "2.5", not {value!r}')
    return Decimal(value)


def _structure_int(value: Any, cls: type) -> int:
    if type(value) is not cls:  # True is no count, 5.0 no boolean
        raise TypeError(
            f"expected true or false, not {value!r}"
            if cls is bool
            else f"a whole number is written without a decimal point or exponent, not {value!r}"
        )
    return typing.cast(int, value)  # an int (or a bool), as just checked


MAX_FREE_DEPTH: Final = 100
"""How deeply extension data (the value under a namespace) may nest: arrays and objects
within each other. Deeper data is refused as it is read, so that every writer (``dumps``,
orjson's 255 levels, the exporters) and every JSON tool after them can carry it."""


class TooDeepError(ValueError):
    """Free JSON nests more deeply than :data:`MAX_FREE_DEPTH`; ``path`` leads to the place."""

    def __init__(self, path: list[str | int]) -> None:
        self.path = path
        super().__init__(f"extension data nests more than {MAX_FREE_DEPTH} levels deep here")


def too_deep(value: Any, limit: int = MAX_FREE_DEPTH) -> list[str | int] | None:
    """The path to the first array or object nested deeper than ``limit`` in ``value``, if any.

    Walked with a stack, not recursion, so any depth is measured without a ``RecursionError``.
    """
    stack: list[tuple[Any, list[str | int]]] = [(value, [])]
    while stack:
        item, path = stack.pop()
        if isinstance(item, dict | list):
            if len(path) >= limit:
                return path
            pairs = item.items() if isinstance(item, dict) else enumerate(item)
            stack.extend((child, [*path, key]) for key, child in pairs)
    return None


def structure_free_json(value: Any, _: type) -> dict[str, Any]:
    """The wire rule reading extension data: kept as it came, read-only, not too deep."""
    if not isinstance(value, dict):
        raise TypeError(f"extension data must be an object keyed by namespace, not {value!r}")
    for namespace, data in value.items():
        path = too_deep(data)
        if path is not None:
            raise TooDeepError([namespace, *path])
    frozen: dict[str, Any] = frozen_json(value)  # read-only, as the model keeps it
    return frozen


def _is_free_json(cls: Any) -> bool:
    return bool(cls == dict[str, Any])


def _structure_date(value: Any, _: type) -> PartialDate:
    if not isinstance(value, str):
        raise TypeError(f'a date must be a string such as "2019-02-05", not {value!r}')
    return PartialDate.parse(value)


STRUCTURE_HOOKS: Final[Mapping[type, Callable[[Any, type], Any]]] = {
    Text: _structure_text,
    Decimal: _structure_decimal,
    PartialDate: _structure_date,
    int: _structure_int,  # and bool, a subclass of int
}
"""The wire rule reading each leaf type, called as cattrs calls hooks: ``(value, type)``."""

UNSTRUCTURE_HOOKS: Final[Mapping[type, Callable[[Any], Any]]] = {
    Text: _unstructure_text,
    Decimal: _decimal_text,
    PartialDate: str,
}
"""The wire rule writing each leaf type."""


def structure_hook(cls: Any) -> Callable[[Any, type], Any]:
    """The wire rule reading ``cls``: its own, or its nearest base's (``bool`` is an ``int``),
    or for free JSON (``dict[str, Any]``) :func:`structure_free_json`; as the converter finds it."""
    if _is_free_json(cls):
        return structure_free_json
    for base in cls.__mro__:
        if base in STRUCTURE_HOOKS:
            return STRUCTURE_HOOKS[base]
    raise KeyError(f"no wire rule reads {cls!r}")


def _register_wire_rules(converter: cattrs.Converter) -> None:
    """Register the grprojects wire rules (listed in this module's docstring) on ``converter``."""
    for cls, structure in STRUCTURE_HOOKS.items():
        converter.register_structure_hook(cls, structure)
    for cls, unstructure in UNSTRUCTURE_HOOKS.items():
        converter.register_unstructure_hook(cls, unstructure)
    converter.register_structure_hook_func(_is_free_json, structure_free_json)


def make_converter(cls: type[cattrs.Converter] | None = None) -> cattrs.Converter:
    """A new converter (a ``cls``, by default a :class:`cattrs.Converter`) with the wire rules."""
    import cattrs  # only when a converter is made: see the module's docstring

    converter = (cls or cattrs.Converter)(
        omit_if_default=True, forbid_extra_keys=True, detailed_validation=True
    )
    _register_wire_rules(converter)
    return converter


_made: list[cattrs.Converter] = []
_making: Final = threading.Lock()

if TYPE_CHECKING:
    converter: cattrs.Converter
    """The core converter. Plugins cannot change the wire rules: nothing registers hooks on it."""


def __getattr__(name: str) -> Any:
    """:data:`converter`, made once, when first asked for."""
    if name != "converter":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    with _making:
        if not _made:
            _made.append(make_converter())
    return _made[0]
