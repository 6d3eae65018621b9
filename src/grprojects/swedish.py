"""Parsers for what municipal spreadsheets hold: Swedish dates, numbers and counts.

Each function takes a cell's text and returns a model value, or raises
``ValueError`` with a message that quotes the text and says what would be read.
They are strict on purpose: a guess that is wrong is worse than a clear error.

- Dates: ``2019-02-05``, ``5 februari 2019``, ``5 feb. 2019``, ``februari 2019``,
  ``hösten 2019``, ``våren 2016``, ``2018`` → :class:`~grprojects.PartialDate` of
  day, month, season or year precision. Seasons are meteorological, as the model's
  are; school terms (``HT 2019``) are not seasons and are refused.
- Numbers: decimal commas (``12,8``) and thousands separated by spaces, no-break
  spaces or thin spaces (``1 900``). ``1.900`` is refused as ambiguous.
- Counts: ``över 1900``, ``fler än 1700``, ``ca 1100``, ``minst 20``, ``högst 30``,
  ``färre än 10``, ``6-10``, ``mellan 6 och 10`` → :class:`~grprojects.Count` with
  its qualifier.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Final

from .model import Count, PartialDate
from .model.values import Qualifier, Season

MONTHS: Final = {
    "januari": 1,
    "februari": 2,
    "mars": 3,
    "april": 4,
    "maj": 5,
    "juni": 6,
    "juli": 7,
    "augusti": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "december": 12,
}
"""Swedish month names (written in lower case in Swedish)."""

MONTH_ABBREVIATIONS: Final = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "okt": 10,
    "nov": 11,
    "dec": 12,
}

SEASONS: Final = {
    "våren": Season.SPRING,
    "vår": Season.SPRING,
    "sommaren": Season.SUMMER,
    "sommar": Season.SUMMER,
    "hösten": Season.AUTUMN,
    "höst": Season.AUTUMN,
    "vintern": Season.WINTER,
    "vinter": Season.WINTER,
}
"""Season words, definite (``hösten``) and bare (``höst``)."""

QUALIFIERS: Final = {
    "över": Qualifier.MORE_THAN,
    "fler än": Qualifier.MORE_THAN,
    "mer än": Qualifier.MORE_THAN,
    "drygt": Qualifier.MORE_THAN,
    "ca": Qualifier.ABOUT,
    "ca.": Qualifier.ABOUT,
    "cirka": Qualifier.ABOUT,
    "omkring": Qualifier.ABOUT,
    "ungefär": Qualifier.ABOUT,
    "runt": Qualifier.ABOUT,
    "minst": Qualifier.AT_LEAST,
    "högst": Qualifier.AT_MOST,
    "max": Qualifier.AT_MOST,
    "maximalt": Qualifier.AT_MOST,
    "färre än": Qualifier.FEWER_THAN,
    "mindre än": Qualifier.FEWER_THAN,
    "under": Qualifier.FEWER_THAN,
}
"""Words before a number and how the stated number relates to the true one."""

_SPACES: Final = re.compile(r"[\s\u00a0\u2007\u202f]+")
_GROUPED: Final = r"[0-9]{1,3}(?: [0-9]{3})+|[0-9]+"
_NUMBER: Final = re.compile(rf"^[-−]?(?:{_GROUPED})(?:,[0-9]+)?$")
_DOT_THOUSANDS: Final = re.compile(r"^[0-9]{1,3}(?:\.[0-9]{3})+$")
_DAY_MONTH_YEAR: Final = re.compile(r"^([0-9]{1,2})(?::[ae])? ([a-zåäö]+)\.? ([0-9]{4})$")
_MONTH_YEAR: Final = re.compile(r"^([a-zåäö]+)\.? ([0-9]{4})$")
_SEASON_YEAR: Final = re.compile(r"^([a-zåäö]+) ([0-9]{4})$")
_YEAR: Final = re.compile(r"^[0-9]{4}$")
_ISO: Final = re.compile(r"^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$")
_RANGE: Final = re.compile(rf"^({_GROUPED}) ?[-–—] ?({_GROUPED})$")
_BETWEEN: Final = re.compile(rf"^mellan ({_GROUPED}) och ({_GROUPED})$")

_DATE_FORMS: Final = "2019-02-05, 5 februari 2019, 5 feb 2019, februari 2019, hösten 2019 or 2019"


def _clean(text: str) -> str:
    """Trimmed, lower case, every run of white space (no-break and thin too) one space."""
    return _SPACES.sub(" ", text).strip().lower()


def _month(word: str) -> int | None:
    return MONTHS.get(word) or MONTH_ABBREVIATIONS.get(word)


def parse_date(text: str) -> PartialDate:
    """A Swedish or ISO date of day, month, season or year precision."""
    cleaned = _clean(text)
    if not cleaned:
        raise ValueError("an empty cell is not a date")
    if _ISO.match(cleaned) or _YEAR.match(cleaned):
        try:
            return PartialDate.parse(cleaned)
        except ValueError:
            raise ValueError(f"{text!r} is not a real date") from None
    if match := _DAY_MONTH_YEAR.match(cleaned):
        day, word, year = int(match[1]), match[2], int(match[3])
        month = _month(word)
        if month is None:
            raise ValueError(f"{text!r}: {word!r} is not a Swedish month name")
        try:
            return PartialDate.of(dt.date(year, month, day))
        except ValueError:
            raise ValueError(f"{text!r} is not a real date: that month has no day {day}") from None
    if match := _MONTH_YEAR.match(cleaned):
        month = _month(match[1])
        if month is not None:
            return PartialDate(int(match[2]), month)
    if match := _SEASON_YEAR.match(cleaned):
        season = SEASONS.get(match[1])
        if season is not None:
            return PartialDate(int(match[2]), season=season)
    raise ValueError(f"{text!r} is not a date; write it like {_DATE_FORMS}")


def _digits(number: str) -> str:
    return number.replace(" ", "")


def parse_integer(text: str) -> int:
    """A whole number, with spaces (also no-break and thin) between thousands."""
    cleaned = _clean(text)
    if _DOT_THOUSANDS.match(cleaned):
        raise ValueError(f"{text!r} is ambiguous: write thousands with a space (1 900)")
    if not _NUMBER.match(cleaned) or "," in cleaned:
        raise ValueError(f"{text!r} is not a whole number (such as 20 or 1 900)")
    return int(_digits(cleaned).replace("−", "-"))


def parse_decimal(text: str) -> Decimal:
    """A number with a decimal comma (``12,8``) or point (``2.5``) and spaced thousands."""
    cleaned = _clean(text)
    if _DOT_THOUSANDS.match(cleaned):
        raise ValueError(
            f"{text!r} is ambiguous: write thousands with a space (1 900) "
            "and decimals with a comma (1,9)"
        )
    if re.match(r"^[-−]?[0-9]+\.[0-9]+$", cleaned):
        cleaned = cleaned.replace(".", ",")
    if not _NUMBER.match(cleaned):
        raise ValueError(f"{text!r} is not a number (such as 2,5 or 1 900)")
    return Decimal(_digits(cleaned).replace(",", ".").replace("−", "-"))


def parse_count(text: str) -> Count:
    """A count as stated: exact, a bound (``över 1900``), about (``ca 1100``) or a range."""
    cleaned = _clean(text)
    if match := _RANGE.match(cleaned) or _BETWEEN.match(cleaned):
        low, high = int(_digits(match[1])), int(_digits(match[2]))
        if high < low:
            raise ValueError(f"{text!r}: the range ends below where it starts")
        return Count(value=low, qualifier=Qualifier.BETWEEN, max=high)
    qualifier = Qualifier.EXACTLY
    for words in sorted(QUALIFIERS, key=len, reverse=True):
        if cleaned.startswith(words + " "):
            qualifier, cleaned = QUALIFIERS[words], cleaned[len(words) + 1 :]
            break
    if not re.match(rf"^(?:{_GROUPED})$", cleaned):
        raise ValueError(
            f"{text!r} is not a count; write it like 20, 1 900, över 1900, ca 1100, "
            "minst 20 or 6-10"
        )
    return Count(value=int(_digits(cleaned)), qualifier=qualifier)
