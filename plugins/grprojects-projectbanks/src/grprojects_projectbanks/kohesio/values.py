"""Reading the cells of a Kohesio list of operations: dates, amounts, rates, ids.

Each reader takes the cell's text (stripped, never empty) and returns the value, or
raises :class:`CellError` whose message says what the cell should hold. None of them
guesses: ``1,5`` is not read as one and a half, ``2020-03-16`` not as a Kohesio date.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Final

from grprojects import PartialDate, Period


class CellError(ValueError):
    """A cell that cannot be read; the message says what it should hold."""


_DATE: Final = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_DECIMAL: Final = re.compile(r"^-?\d{1,18}(\.\d{1,10})?$")
_PERIOD: Final = re.compile(r"^(\d{4})\s*[-–]\s*(\d{4})$")
_QID: Final = re.compile(r"^(?:https?://linkedopendata\.eu/entity/)?(Q[1-9][0-9]{0,11})$")


def date(text: str) -> PartialDate:
    """A Kohesio date, day/month/year (``16/03/2020``)."""
    found = _DATE.match(text)
    if found is None:
        raise CellError(f"{text!r} is not a date written dd/mm/yyyy, as Kohesio writes them")
    day, month, year = (int(part) for part in found.groups())
    try:
        return PartialDate.of(dt.date(year, month, day))
    except ValueError as error:
        raise CellError(f"{text!r} is no calendar date ({error})") from None


def amount(text: str) -> Decimal:
    """An amount with a decimal point and no grouping (``337478.4``), zero or more."""
    if not _DECIMAL.match(text):
        raise CellError(
            f"{text!r} is not an amount written as Kohesio writes them, digits with a "
            "decimal point and no spaces or thousands separators (337478.4)"
        )
    value = Decimal(text)
    if value < 0:
        raise CellError(f"{text!r} is a negative amount")
    return _plain(value)


def rate(text: str) -> Decimal:
    """The Union co-financing rate as a percentage (``40.0``), 0 to 100."""
    try:
        value = Decimal(text.removesuffix("%").strip())
    except InvalidOperation:
        raise CellError(f"{text!r} is not a percentage (40.0)") from None
    if not value.is_finite() or not 0 <= value <= 100:
        raise CellError(f"{text!r} is not a percentage from 0 to 100")
    return _plain(value)


def _plain(value: Decimal) -> Decimal:
    """``value`` written without an exponent and without trailing zeros after the point."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def programming_period(text: str) -> Period:
    """A programming period, ``2014-2020``, as the years it spans."""
    found = _PERIOD.match(text)
    if found is None or int(found[1]) > int(found[2]):
        raise CellError(f"{text!r} is not a programming period such as 2014-2020")
    return Period(start=PartialDate(int(found[1])), end=PartialDate(int(found[2])))


def operation_qid(text: str) -> str:
    """The operation's Wikibase id in Kohesio's graph (``Q7361953``), from the id or its
    address (``https://linkedopendata.eu/entity/Q7361953``)."""
    if not text:
        raise CellError(
            "empty; every operation has Kohesio's id (https://linkedopendata.eu/entity/Q…)"
        )
    found = _QID.match(text)
    if found is None:
        raise CellError(
            f"{text!r} is not a Kohesio operation id (https://linkedopendata.eu/entity/Q…)"
        )
    return found[1]


_SWEDEN: Final = frozenset({"se", "sweden", "sverige"})


def is_sweden(country: str) -> bool:
    """Whether a ``Country`` or ``CountryCode`` cell names Sweden."""
    return country.strip().casefold() in _SWEDEN


_CCI: Final = re.compile(r"^(\d{4}[A-Z]{2}\d{2}[A-Z0-9]{4}\d{3})(?:_|$)")


def cci_of(local_identifier: str) -> str | None:
    """The programme's CCI number at the start of an operation's local id
    (``2021SE05SFPR001_23-017-S01`` → ``2021SE05SFPR001``), if it starts with one."""
    found = _CCI.match(local_identifier)
    return found[1] if found else None
