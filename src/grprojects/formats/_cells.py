"""Cells both ways: what a value of the model becomes in a spreadsheet cell, and back.

- Text a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``,
  tab or carriage return) gets an apostrophe in front; so does text starting with an
  apostrophe, and empty text is a lone apostrophe. :func:`restore` removes one
  leading apostrophe from every text cell, so the round trip is exact.
- Lists of ids and codes are one per line; a list whose items are empty, span lines
  or have space at either end (or whose first item starts with ``[``) is a JSON array.
- Reading is lenient where people edit: a number typed into a text cell, a date cell
  in a date column, ``ja``/``nej`` for booleans; every other mismatch is a
  ``ValueError`` saying what was expected.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import re
from decimal import Decimal
from typing import Any, Final

import attrs

from ._tree import Value, ValueKind

Cell = str | int | bool | None
"""What the layout writes into a cell."""


@attrs.frozen
class Formula:
    """A cell holding a formula, which import refuses: only stored values are data."""

    text: str


RawCell = str | int | float | bool | dt.datetime | dt.date | dt.time | Formula | None
"""What a reader may find in a cell; ``None`` and ``""`` are empty."""

FORMULA_TRIGGERS: Final = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula."""
ESCAPE: Final = "'"
"""Put before text that would run as a formula; removed again on import."""
LINE: Final = "\n"
"""Separates the ids or codes of a list in one cell."""

_TRUE: Final = frozenset({"true", "ja", "sant", "1", "x"})
_FALSE: Final = frozenset({"false", "nej", "falskt", "0"})


def neutralise(text: str) -> str:
    """``text`` as a cell no spreadsheet runs: an apostrophe before risky text."""
    if text == "" or text.startswith((*FORMULA_TRIGGERS, ESCAPE)):
        return ESCAPE + text
    return text


def restore(text: str) -> str:
    """The text :func:`neutralise` was given: one leading apostrophe removed."""
    return text[1:] if text.startswith(ESCAPE) else text


def column_letter(index: int) -> str:
    """The spreadsheet name of the 0-based column ``index``: 0 → ``A``, 26 → ``AA``."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _one_line(code: str) -> bool:
    return bool(code) and code == code.strip() and LINE not in code


def to_cell(value: Value, item: Any, language: str | None) -> Cell:
    """The cell of one value, before neutralising."""
    if item is None:
        return None
    match value.kind:
        case ValueKind.TEXT:
            text = item.sv if language == "sv" else item.translations.get(language)
            return None if text is None else str(text)
        case ValueKind.STRING:
            return str(item.value if isinstance(item, enum.Enum) else item)
        case ValueKind.INTEGER | ValueKind.BOOLEAN:
            return bool(item) if value.kind is ValueKind.BOOLEAN else int(item)
        case ValueKind.DECIMAL | ValueKind.DATE:
            return str(item)
        case ValueKind.STRINGS:
            codes = [str(c.value if isinstance(c, enum.Enum) else c) for c in item]
            if not codes:
                return None
            if all(_one_line(c) for c in codes) and not codes[0].startswith("["):
                return LINE.join(codes)
            return json.dumps(codes, ensure_ascii=False)
        case ValueKind.INTEGERS:
            return LINE.join(str(int(n)) for n in item) or None
        case ValueKind.JSON:
            return json.dumps(item, ensure_ascii=False) if item else None


def _text(raw: RawCell) -> str:
    if isinstance(raw, str):
        return raw
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        raise ValueError(f"expected text, found {raw!r}")
    return str(int(raw)) if float(raw).is_integer() else repr(raw)


def _integer(raw: RawCell) -> int:
    if isinstance(raw, bool):
        raise ValueError(f"expected a whole number, found {raw!r}")
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    if isinstance(raw, str) and re.fullmatch(r"\s*[+-]?[0-9]+\s*", raw):
        return int(raw)
    raise ValueError(f"expected a whole number, found {raw!r}")


def _boolean(raw: RawCell) -> bool:
    if isinstance(raw, bool):
        return raw
    word = str(raw).strip().lower() if isinstance(raw, str | int) else ""
    if word in _TRUE or word in _FALSE:
        return word in _TRUE
    raise ValueError(f"expected true or false (ja/nej), found {raw!r}")


def _string_list(text: str) -> list[str]:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(
            f"a list starting with [ must be a JSON array: {error.msg} at character {error.pos + 1}"
        ) from None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError('a list starting with [ must be a JSON array of texts (["a", "b"])')
    return value


def from_cell(kind: ValueKind, raw: RawCell) -> Any:
    """The wire value of a filled cell; ``ValueError`` saying what was expected."""
    if isinstance(raw, str):
        raw = restore(raw)
    match kind:
        case ValueKind.TEXT | ValueKind.STRING:
            return _text(raw)
        case ValueKind.INTEGER:
            return _integer(raw)
        case ValueKind.BOOLEAN:
            return _boolean(raw)
        case ValueKind.DECIMAL:
            if isinstance(raw, float):
                return format(Decimal(repr(raw)), "f")
            return _text(raw)
        case ValueKind.DATE:
            if isinstance(raw, dt.datetime) and raw.time() == dt.time():
                return raw.date().isoformat()
            if isinstance(raw, dt.date) and not isinstance(raw, dt.datetime):
                return raw.isoformat()
            return _text(raw)
        case ValueKind.STRINGS:
            text = _text(raw)
            if text.startswith("["):
                return _string_list(text)
            return [line.strip() for line in text.split(LINE) if line.strip()]
        case ValueKind.INTEGERS:
            if isinstance(raw, str):
                return [_integer(line) for line in raw.split(LINE) if line.strip()]
            return [_integer(raw)]
        case ValueKind.JSON:
            try:
                value = json.loads(_text(raw))
            except json.JSONDecodeError as error:
                raise ValueError(f"not JSON: {error.msg} at character {error.pos + 1}") from None
            if not isinstance(value, dict):
                raise ValueError("extension data must be a JSON object ({…})")
            return value
