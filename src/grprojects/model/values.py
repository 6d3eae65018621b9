"""Value types: multilingual text, dates of varying precision, periods, counts and money.

These carry the honesty the sources demand: "våren 2016" is a season, not a day;
"över 1900" is a bound, not a number; "12,8 miljoner" is rounded.
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import ClassVar, Final

import attrs

from .fields import VISIBLE, Model, Shape, field, model

LANGUAGE_TAG_PATTERN: Final = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"


@model
class Text(Model):
    """Text in Swedish, with optional translations keyed by BCP 47 language tag.

    On the wire it is one flat object: ``{"sv": "Nya GRannar", "en": "New Neighbours"}``.
    """

    wire_shape: ClassVar[Shape] = Shape.TEXT

    sv: str = field("The text in Swedish; always present.", pattern=VISIBLE)
    translations: Mapping[str, str] = field(
        "The same text in other languages, keyed by BCP 47 tag (``en``, ``ar``).",
        factory=dict,
    )

    def get(self, language: str) -> str:
        """The text in ``language``, falling back to Swedish."""
        if language == "sv":
            return self.sv
        return self.translations.get(language, self.sv)

    def __str__(self) -> str:
        return self.sv


class Precision(enum.IntEnum):
    """How much of a date the source states, coarsest first."""

    YEAR = 1
    SEASON = 2
    MONTH = 3
    DAY = 4


class Season(enum.IntEnum):
    """Seasons as ISO 8601-2 numbers them (21 spring … 24 winter)."""

    SPRING = 21
    SUMMER = 22
    AUTUMN = 23
    WINTER = 24


# Meteorological seasons: spring March–May, summer June–August, autumn
# September–November, winter December to the end of February of the next year.
_SEASON_MONTHS: Final = {
    Season.SPRING: (3, 5),
    Season.SUMMER: (6, 8),
    Season.AUTUMN: (9, 11),
    Season.WINTER: (12, 14),
}

_WORDS: Final = {
    "sv": (
        [
            "januari",
            "februari",
            "mars",
            "april",
            "maj",
            "juni",
            "juli",
            "augusti",
            "september",
            "oktober",
            "november",
            "december",
        ],
        ("våren", "sommaren", "hösten", "vintern"),
    ),
    "en": (
        [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ],
        ("spring", "summer", "autumn", "winter"),
    ),
}

FIRST_YEAR: Final = 1
LAST_YEAR: Final = 9999
"""Dates lie in the years 0001–9999, every day of which Python, SQLite, spreadsheets and
iCalendar can hold; a date whose span leaves them (winter 9999 ends in 10000) is refused."""

_YEAR: Final = r"(?:000[1-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-9][0-9]{3})"
"""0001–9999 in four ASCII digits, without look-ahead, which not every schema validator has."""
_YEAR_BEFORE_LAST: Final = (
    r"(?:000[1-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-8][0-9]{3}|9[0-8][0-9]{2}|99[0-8][0-9]|999[0-8])"
)
"""0001–9998: the years whose winter ends within :data:`LAST_YEAR`."""

PARTIAL_DATE_PATTERN: Final = rf"^(?:{_YEAR}(?:-(?:0[1-9]|1[0-2]|2[1-3]))?|{_YEAR_BEFORE_LAST}-24)$"
"""Year (``2018``), month (``2019-09``) or season (``2016-21``) forms; days are ISO dates."""
DAY_PATTERN: Final = rf"^{_YEAR}-[0-9]{{2}}-[0-9]{{2}}$"
"""The form of a day (``2019-02-05``); the schema's ``date`` format checks the calendar."""
_DAY_RE: Final = re.compile(DAY_PATTERN)
_PARTIAL_RE: Final = re.compile(PARTIAL_DATE_PATTERN)


@attrs.frozen(order=False)
class PartialDate:
    """A calendar date known to the day, month, season or year.

    Wire forms (ISO 8601 and its part 2 for seasons): ``2016-04-01``, ``2019-09``,
    ``2016-21`` (spring 2016; 22 summer, 23 autumn, 24 winter) and ``2018``.
    A partial date stands for every day it may be; comparisons are honest, so
    ``is_before`` is true only when every possible day is earlier. Every day it may be
    lies in the years 0001–9999.
    """

    wire_shape: ClassVar[Shape] = Shape.DATE

    year: int
    month: int | None = None
    day: int | None = None
    season: Season | None = None

    def __attrs_post_init__(self) -> None:
        if not FIRST_YEAR <= self.year <= LAST_YEAR or (
            self.year == LAST_YEAR and self.season == Season.WINTER
        ):
            raise ValueError(
                f"{self} is outside the years {FIRST_YEAR:04d}–{LAST_YEAR} that dates may span"
            )

    @property
    def precision(self) -> Precision:
        """How precisely the date is known."""
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        if self.season is not None:
            return Precision.SEASON
        return Precision.YEAR

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read the wire form; raise ``ValueError`` naming the text when it is not one."""
        if _DAY_RE.match(text):
            try:
                day = dt.date.fromisoformat(text)
            except ValueError as error:
                raise ValueError(f"{text!r} is not a calendar date: {error}") from None
            return cls(day.year, day.month, day.day)
        if not _PARTIAL_RE.match(text):
            raise ValueError(
                f"{text!r} is not a date: use YYYY-MM-DD, YYYY-MM, YYYY or a season "
                "YYYY-21 (spring), -22 (summer), -23 (autumn), -24 (winter), in the years "
                f"{FIRST_YEAR:04d}–{LAST_YEAR}"
            )
        year, _, rest = text.partition("-")
        if not rest:
            return cls(int(year))
        number = int(rest)
        if number > 20:
            return cls(int(year), season=Season(number))
        return cls(int(year), number)

    @classmethod
    def of(cls, day: dt.date) -> PartialDate:
        """The day-precision partial date of ``day``."""
        return cls(day.year, day.month, day.day)

    def __str__(self) -> str:
        if self.day is not None and self.month is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        if self.season is not None:
            return f"{self.year:04d}-{int(self.season)}"
        return f"{self.year:04d}"

    def label(self, language: str = "sv") -> str:
        """The date as people write it: "5 februari 2019", "hösten 2019" (or English)."""
        months, seasons = _WORDS.get(language, _WORDS["en"])
        if self.month is not None:
            month = months[self.month - 1]
            return f"{self.day} {month} {self.year}" if self.day else f"{month} {self.year}"
        if self.season is not None:
            return f"{seasons[self.season - Season.SPRING]} {self.year}"
        return str(self.year)

    @property
    def earliest(self) -> dt.date:
        """The first day the date may be."""
        if self.month is not None:
            return dt.date(self.year, self.month, self.day or 1)
        if self.season is not None:
            return dt.date(self.year, _SEASON_MONTHS[self.season][0], 1)
        return dt.date(self.year, 1, 1)

    @property
    def latest(self) -> dt.date:
        """The last day the date may be."""
        if self.month is not None:
            if self.day is not None:
                return dt.date(self.year, self.month, self.day)
            return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        if self.season is not None:
            last = _SEASON_MONTHS[self.season][1]
            year, month = self.year + (last - 1) // 12, (last - 1) % 12 + 1
            return dt.date(year, month, calendar.monthrange(year, month)[1])
        return dt.date(self.year, 12, 31)

    def is_before(self, other: PartialDate) -> bool:
        """True when every day this may be falls before every day ``other`` may be."""
        return self.latest < other.earliest

    def is_after(self, other: PartialDate) -> bool:
        """True when every day this may be falls after every day ``other`` may be."""
        return self.earliest > other.latest

    def contains(self, other: PartialDate) -> bool:
        """True when every day ``other`` may be lies within this date's span."""
        return self.earliest <= other.earliest and other.latest <= self.latest

    @property
    def sort_key(self) -> tuple[dt.date, dt.date]:
        """A total order for listing: earliest day first, narrower spans first."""
        return (self.earliest, self.latest)


@model
class Period(Model):
    """A span of time whose ends may be partial dates or unknown.

    An activity on one day has the same start and end. A missing end means the
    source does not say.
    """

    start: PartialDate | None = field("The first day, as precisely as known.", default=None)
    end: PartialDate | None = field("The last day, inclusive, as precisely as known.", default=None)

    @property
    def sort_key(self) -> tuple[dt.date, dt.date]:
        """A key that lists periods by their earliest possible start."""
        if self.start is not None:
            return self.start.sort_key
        if self.end is not None:
            return self.end.sort_key
        return (dt.date.max, dt.date.max)

    def may_contain(self, date: PartialDate) -> bool:
        """False only when ``date`` certainly lies outside the period."""
        if self.start is not None and date.is_before(self.start):
            return False
        return not (self.end is not None and date.is_after(self.end))

    def is_reversed(self) -> bool:
        """True when the end is certainly before the start."""
        return self.start is not None and self.end is not None and self.end.is_before(self.start)


class Qualifier(enum.StrEnum):
    """How a stated number relates to the true one."""

    EXACTLY = "exactly"
    ABOUT = "about"
    AT_LEAST = "at-least"
    MORE_THAN = "more-than"
    AT_MOST = "at-most"
    FEWER_THAN = "fewer-than"
    BETWEEN = "between"


@model
class Count(Model):
    """A count as the source states it: "över 1900" is ``more-than 1900``.

    ``between`` takes ``max`` as well: "6-10 medarbetare" is ``between 6 and 10``.
    """

    value: int = field("The number the source gives (the lower one for ``between``).", minimum=0)
    qualifier: Qualifier = field(
        "How the number relates to the true count.",
        default=Qualifier.EXACTLY,
    )
    max: int | None = field("The upper number of a ``between`` range.", default=None, minimum=0)

    @property
    def lower_bound(self) -> int | None:
        """The smallest count consistent with the statement, if it has one."""
        match self.qualifier:
            case Qualifier.EXACTLY | Qualifier.AT_LEAST | Qualifier.BETWEEN:
                return self.value
            case Qualifier.MORE_THAN:
                return self.value + 1
            case _:
                return None

    @property
    def upper_bound(self) -> int | None:
        """The largest count consistent with the statement, if it has one."""
        match self.qualifier:
            case Qualifier.EXACTLY | Qualifier.AT_MOST:
                return self.value
            case Qualifier.FEWER_THAN:
                return self.value - 1
            case Qualifier.BETWEEN:
                return self.max
            case _:
                return None


DECIMAL_PATTERN: Final = r"^-?(0|[1-9][0-9]*)(\.[0-9]+)?$"
PERCENT_PATTERN: Final = r"^(100(\.0+)?|[1-9]?[0-9](\.[0-9]+)?)$"
"""A percentage from 0 to 100 as a decimal string (``40``, ``57.5``, ``100``)."""


@model
class Money(Model):
    """An exact amount of money: a decimal string on the wire, never a float."""

    amount: Decimal = field(
        'The amount as a decimal string (``"12800000"``), in whole currency units.',
        pattern=DECIMAL_PATTERN,
    )
    currency: str = field(
        "The ISO 4217 currency code (``SEK``, ``EUR``).",
        pattern=r"^[A-Z]{3}$",
        codelist="currency",
    )
    qualifier: Qualifier = field(
        'How the amount relates to the true one: ``about`` for a rounded "12,8 miljoner".',
        default=Qualifier.EXACTLY,
    )
