"""Cells both ways: what a value of the model becomes in a spreadsheet cell, and back.

- Counts and amounts are numbers when a spreadsheet holds them without change: at
  most 15 significant digits (what Excel shows and keeps when a cell is edited) and,
  for an amount, written the way the number is (``2.5``, not ``2.50`` or
  ``0.0000001``, which a spreadsheet shows as ``1E-07``). Any other is text.
- Text a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``,
  tab or carriage return) is marked as text: with the quote-prefix attribute where the
  format has one (:func:`text_cell`), with an apostrophe in front in CSV
  (:func:`neutralise`). Text starting with an apostrophe gets one more, and empty text
  is a lone apostrophe; :func:`restore` removes one leading apostrophe from every
  text cell, so the round trip is exact.
- Lists of ids and codes are one per line; a list whose items are empty, span lines
  or have space at either end (or whose first item starts with ``[``) is a JSON array.
- Reading is lenient where people edit: a number typed into a free-text cell, a date cell
  in a date column (as precise as its number format shows it: ``yyyy-mm`` is a
  month), ``ja``/``nej`` for booleans, the formulas ``=TRUE()`` and ``=FALSE()``
  LibreOffice stores booleans as; every other mismatch is a ``ValueError`` saying
  what was expected.
- What XML cannot hold (control characters, carriage returns, U+FFFE, U+FFFF) is
  escaped as Office Open XML does, ``_xHHHH_`` (:func:`encode`, :func:`decode`).
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import re
from decimal import Decimal
from typing import Any, Final

import attrs

from ._cell_limit import ESCAPE
from ._tree import Value, ValueKind

Cell = str | int | float | bool | None
"""What the layout writes into a cell: a float only where :func:`number` allows it."""


@attrs.frozen
class Formula:
    """A cell holding a formula, which import refuses: only stored values are data."""

    text: str


@attrs.frozen
class ErrorValue:
    """A cell holding a spreadsheet error (``#N/A``, ``#REF!``), which import refuses."""

    text: str


@attrs.frozen
class DateCell:
    """A spreadsheet date cell with its number format, which says how much of it is shown.

    Excel stores ``2018-09`` typed into a cell as the date 2018-09-01 shown as
    ``yyyy-mm``; the format is what keeps the month precision.
    """

    value: dt.datetime
    number_format: str


RawCell = (
    str
    | int
    | float
    | bool
    | dt.datetime
    | dt.date
    | dt.time
    | dt.timedelta
    | DateCell
    | ErrorValue
    | Formula
    | None
)
"""What a reader may find in a cell; ``None`` and ``""`` are empty."""

FORMULA_TRIGGERS: Final = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula."""
LINE: Final = "\n"
"""Separates the ids or codes of a list in one cell."""

MAX_DIGITS: Final = 15
"""Significant digits a spreadsheet keeps: Excel shows and stores on edit no more."""
CONSTANTS: Final = {"=TRUE()": True, "=FALSE()": False}
"""Formulas that are values: LibreOffice stores a boolean as one of them."""

_TRUE: Final = frozenset({"true", "ja", "sant", "1", "x"})
_FALSE: Final = frozenset({"false", "nej", "falskt", "0"})


def neutralise(text: str) -> str:
    """``text`` as a CSV field no spreadsheet runs: an apostrophe before risky text."""
    if text == "" or text.startswith((*FORMULA_TRIGGERS, ESCAPE)):
        return ESCAPE + text
    return text


def text_cell(text: str) -> tuple[str, bool]:
    """``text`` as a text cell, and whether it needs the quote-prefix attribute.

    The attribute keeps a spreadsheet from running formula-like text when the cell
    is edited, without an apostrophe showing in the cell.
    """
    if text == "" or text.startswith(ESCAPE):
        return ESCAPE + text, False
    return text, text.startswith(FORMULA_TRIGGERS)


def restore(text: str) -> str:
    """The text :func:`neutralise` was given: one leading apostrophe removed."""
    return text[1:] if text.startswith(ESCAPE) else text


def formula(text: str) -> bool | Formula:
    """A formula cell: the boolean of a constant (``=TRUE()``), else :class:`Formula`."""
    constant = CONSTANTS.get(text.removeprefix("of:").upper().replace(" ", ""))
    return Formula(text) if constant is None else constant


_ESCAPED: Final = re.compile(r"_x([0-9A-Fa-f]{4})_")
_UNSAFE: Final = "\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ufffe\uffff"
_DISCOURAGED: Final = "\x7f-\x84\x86-\x9f" + "".join(
    chr(plane + 0xFFFE) + chr(plane + 0xFFFF) for plane in range(0x10000, 0x110000, 0x10000)
)
"""Characters XML discourages, which odfpy turns into U+FFFD."""


def _escaping(unsafe: str) -> re.Pattern[str]:
    """An underscore that would read as the start of an escape, or a character to escape.

    The underscore is escaped also when the character after ``_xHHHH`` is one that gets
    escaped itself, since its escape starts with an underscore.
    """
    return re.compile(rf"_(?=x[0-9A-Fa-f]{{4}}[_{unsafe}])|[{unsafe}]")


_NEEDS_ESCAPE: Final = _escaping(_UNSAFE)
_NEEDS_ESCAPE_ODF: Final = _escaping(_UNSAFE + _DISCOURAGED)


def _escape_match(match: re.Match[str]) -> str:
    units = match.group(0).encode("utf-16-be", "surrogatepass")
    return "".join(f"_x{units[i] << 8 | units[i + 1]:04X}_" for i in range(0, len(units), 2))


def encode(text: str, *, discouraged: bool = False) -> str:
    """``text`` with what XML cannot hold escaped as ``_xHHHH_``.

    ``discouraged`` escapes as well what XML discourages (C1 controls, non-characters
    of the upper planes, as UTF-16 pairs), which odfpy would replace.
    """
    return (_NEEDS_ESCAPE_ODF if discouraged else _NEEDS_ESCAPE).sub(_escape_match, text)


def decode(text: str) -> str:
    """The text :func:`encode` was given."""
    decoded = _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)
    if decoded == text or not _SURROGATE.search(decoded):
        return decoded
    return decoded.encode("utf-16-be", "surrogatepass").decode("utf-16-be", "surrogatepass")


_SURROGATE: Final = re.compile("[\ud800-\udfff]")


def number(text: str) -> int | float | None:
    """The number cell that shows the count or amount ``text`` unchanged, or ``None``.

    ``None`` when a spreadsheet would change it: more than :data:`MAX_DIGITS`
    significant digits, or digits a number does not keep (``2.50``, ``-0``,
    ``0.0000001`` shown as ``1E-07``, ``3.0`` read back as ``3``).
    """
    if len(text.lstrip("-").replace(".", "").lstrip("0")) > MAX_DIGITS:
        return None
    if "." not in text:
        whole = int(text)
        return whole if str(whole) == text else None
    fraction = float(text)
    return fraction if repr(fraction) == text and not fraction.is_integer() else None


def number_text(value: int | float) -> str:
    """The count or amount a number cell holds, in fixed-point: ``2.5``, ``0.0000001``."""
    if isinstance(value, int):
        return str(value)
    if value.is_integer():
        return str(int(value))
    return format(Decimal(repr(value)), "f")


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
        case ValueKind.BOOLEAN:
            return bool(item)
        case ValueKind.INTEGER | ValueKind.DECIMAL:
            text = str(int(item)) if value.kind is ValueKind.INTEGER else format(item, "f")
            found = number(text)
            return text if found is None else found
        case ValueKind.DATE:
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


def _clock(time: dt.time) -> str:
    return time.isoformat("seconds" if time.second else "minutes")


def described(raw: RawCell) -> str:
    """A cell's content in words for messages: ``a date and time 2019-02-05 09:30``."""
    if isinstance(raw, DateCell):
        raw = raw.value
    if isinstance(raw, dt.datetime):
        if raw.time() == dt.time():
            return f"a date {raw.date().isoformat()}"
        return f"a date and time {raw.date().isoformat()} {_clock(raw.time())}"
    if isinstance(raw, dt.date):
        return f"a date {raw.isoformat()}"
    if isinstance(raw, dt.time):
        return f"a time {_clock(raw)}"
    if isinstance(raw, dt.timedelta):
        return f"a duration of {raw}"
    if isinstance(raw, bool):
        return f"the truth value {str(raw).upper()}"
    if isinstance(raw, int | float):
        return f"the number {raw}"
    if isinstance(raw, Formula | ErrorValue):
        return f"a formula ({raw.text})" if isinstance(raw, Formula) else raw.text
    if raw is None or raw == "":
        return "an empty cell"
    return repr(raw)


def _text(raw: RawCell) -> str:
    if isinstance(raw, str):
        return raw
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        raise ValueError(f"expected text, found {described(raw)}")
    return number_text(raw)


def _integer(raw: RawCell) -> int:
    if isinstance(raw, bool):
        raise ValueError(f"expected a whole number, found {described(raw)}")
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    if isinstance(raw, str) and re.fullmatch(r"\s*[+-]?[0-9]+\s*", raw):
        return int(raw)
    raise ValueError(f"expected a whole number, found {described(raw)}")


def _boolean(raw: RawCell) -> bool:
    if isinstance(raw, bool):
        return raw
    word = str(raw).strip().lower() if isinstance(raw, str | int) else ""
    if word in _TRUE or word in _FALSE:
        return word in _TRUE
    raise ValueError(f"expected true or false (ja/nej), found {described(raw)}")


_FORMAT_LITERALS: Final = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|[_*].')
"""Parts of a number format that show no date part: quoted text, escapes, colours."""


def _date(raw: dt.datetime | DateCell) -> str:
    """The wire date of a date cell, as precise as its number format shows it."""
    value = raw.value if isinstance(raw, DateCell) else raw
    if value.time() != dt.time():
        raise ValueError(f"expected a date, found {described(value)}; enter the date only")
    day = value.date()
    if not isinstance(raw, DateCell):
        return day.isoformat()
    code = _FORMAT_LITERALS.sub("", raw.number_format.split(";")[0]).lower()
    shown = {part for part in "ymdhs" if part in code}
    if {"y", "d"} <= shown:
        return day.isoformat()
    if "y" in shown and not shown & {"d", "h", "s"}:
        if "m" in shown and day.day == 1:
            return f"{day.year:04d}-{day.month:02d}"
        if "m" not in shown and (day.month, day.day) == (1, 1):
            return f"{day.year:04d}"
    raise ValueError(
        f"a date cell shown as {raw.number_format!r} holds {day.isoformat()}, so whether "
        "the day, month or year is meant is unclear; type the date as text "
        "(2018-09-01, 2018-09 or 2018) or format the cell to show it all"
    )


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
            return _text(raw)
        case ValueKind.DATE:
            if isinstance(raw, dt.datetime | DateCell):
                return _date(raw)
            if isinstance(raw, dt.date):
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
