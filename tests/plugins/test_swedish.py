"""Swedish cell parsers: dates, numbers and counts as municipal spreadsheets write them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from grprojects import Count, PartialDate
from grprojects.model import Qualifier
from grprojects.swedish import (
    MONTHS,
    SEASONS,
    parse_count,
    parse_date,
    parse_decimal,
    parse_integer,
)

MONTH_NAMES = {number: name for name, number in MONTHS.items()}


@pytest.mark.parametrize(
    ("text", "wire"),
    [
        ("5 februari 2019", "2019-02-05"),
        ("5 feb 2019", "2019-02-05"),
        ("5 feb. 2019", "2019-02-05"),
        ("1:a april 2016", "2016-04-01"),
        ("2019-02-05", "2019-02-05"),
        ("  31\u00a0December 2018 ", "2018-12-31"),
        ("februari 2019", "2019-02"),
        ("sept 2018", "2018-09"),
        ("2019-09", "2019-09"),
        ("hösten 2019", "2019-23"),
        ("Våren 2016", "2016-21"),
        ("sommar 2017", "2017-22"),
        ("vintern 2018", "2018-24"),
        ("2018", "2018"),
    ],
)
def test_dates(text: str, wire: str) -> None:
    """Each Swedish form is read at the precision it states."""
    assert parse_date(text) == PartialDate.parse(wire)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31 februari 2019", "'31 februari 2019' is not a real date: that month has no day 31"),
        ("5 februarri 2019", "'februarri' is not a Swedish month name"),
        ("HT 2019", "'HT 2019' is not a date; write it like 2019-02-05, 5 februari 2019"),
        ("2019-13", "'2019-13' is not a real date"),
        ("", "an empty cell is not a date"),
    ],
)
def test_bad_dates_say_why(text: str, message: str) -> None:
    """A text that is not a date is a ValueError quoting it."""
    with pytest.raises(ValueError, match=message):
        parse_date(text)


@given(st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31)))
def test_spelled_out_days_read_back(day: dt.date) -> None:
    """Any day written "d månad åååå" reads back as that day."""
    assert parse_date(f"{day.day} {MONTH_NAMES[day.month]} {day.year}") == PartialDate.of(day)


@given(st.sampled_from(sorted(SEASONS)), st.integers(1000, 9999))
def test_seasons_read_back(word: str, year: int) -> None:
    """Any season word with a year reads as that season."""
    assert parse_date(f"{word} {year}") == PartialDate(year, season=SEASONS[word])


@pytest.mark.parametrize(
    ("text", "value"),
    [("1 900", 1900), ("1\u00a0900", 1900), ("1\u202f234\u202f567", 1234567), ("20", 20)],
)
def test_integers_with_spaced_thousands(text: str, value: int) -> None:
    """Spaces, no-break spaces and thin spaces separate thousands."""
    assert parse_integer(text) == value


@given(st.integers(0, 10**12))
def test_integers_written_the_swedish_way_read_back(value: int) -> None:
    """Any whole number with no-break spaces between thousands reads back."""
    assert parse_integer(f"{value:,}".replace(",", "\u00a0")) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [("12,8", "12.8"), ("2,5", "2.5"), ("2.5", "2.5"), ("1 234,50", "1234.50"), ("−3", "-3")],
)
def test_decimals(text: str, value: str) -> None:
    """Decimal commas (and points), spaced thousands and the minus sign are read exactly."""
    assert parse_decimal(text) == Decimal(value)


@pytest.mark.parametrize(
    ("parse", "text", "message"),
    [
        (parse_decimal, "1.900", "ambiguous: write thousands with a space"),
        (parse_integer, "1.900", "ambiguous"),
        (parse_integer, "12,8", "'12,8' is not a whole number"),
        (parse_integer, "1 90", "'1 90' is not a whole number"),
        (parse_decimal, "tolv", "'tolv' is not a number"),
    ],
)
def test_bad_numbers_say_why(parse: Callable[[str], object], text: str, message: str) -> None:
    """Ambiguous or malformed numbers are refused with the reason."""
    with pytest.raises(ValueError, match=message):
        parse(text)


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("20", Count(value=20)),
        ("1 900", Count(value=1900)),
        ("över 1900", Count(value=1900, qualifier=Qualifier.MORE_THAN)),
        ("fler än 1700", Count(value=1700, qualifier=Qualifier.MORE_THAN)),
        ("ca 1100", Count(value=1100, qualifier=Qualifier.ABOUT)),
        ("ca. 1 100", Count(value=1100, qualifier=Qualifier.ABOUT)),
        ("cirka 30", Count(value=30, qualifier=Qualifier.ABOUT)),
        ("minst 20", Count(value=20, qualifier=Qualifier.AT_LEAST)),
        ("högst 30", Count(value=30, qualifier=Qualifier.AT_MOST)),
        ("färre än 10", Count(value=10, qualifier=Qualifier.FEWER_THAN)),
        ("6-10", Count(value=6, qualifier=Qualifier.BETWEEN, max=10)),
        ("6 – 10", Count(value=6, qualifier=Qualifier.BETWEEN, max=10)),
        ("mellan 3 och 4", Count(value=3, qualifier=Qualifier.BETWEEN, max=4)),
    ],
)
def test_counts(text: str, count: Count) -> None:
    """Counts keep how the source qualifies them."""
    assert parse_count(text) == count


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("många", "'många' is not a count; write it like 20, 1 900, över 1900"),
        ("10-6", "'10-6': the range ends below where it starts"),
        ("2,5", "'2,5' is not a count"),
        ("-4", "'-4' is not a count"),
    ],
)
def test_bad_counts_say_why(text: str, message: str) -> None:
    """A text that is not a count is a ValueError quoting it."""
    with pytest.raises(ValueError, match=message):
        parse_count(text)
