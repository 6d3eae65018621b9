"""Value types: partial dates compare honestly, counts know their bounds, text falls back."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given

from grprojects.model import Count, PartialDate, Period, Precision, Qualifier, Season, Text

from ..strategies import partial_dates


@pytest.mark.parametrize(
    ("text", "precision", "earliest", "latest"),
    [
        ("2016-04-01", Precision.DAY, dt.date(2016, 4, 1), dt.date(2016, 4, 1)),
        ("2019-09", Precision.MONTH, dt.date(2019, 9, 1), dt.date(2019, 9, 30)),
        ("2016-21", Precision.SEASON, dt.date(2016, 3, 1), dt.date(2016, 5, 31)),
        ("2019-23", Precision.SEASON, dt.date(2019, 9, 1), dt.date(2019, 11, 30)),
        ("2019-24", Precision.SEASON, dt.date(2019, 12, 1), dt.date(2020, 2, 29)),
        ("2018", Precision.YEAR, dt.date(2018, 1, 1), dt.date(2018, 12, 31)),
        ("2020-02", Precision.MONTH, dt.date(2020, 2, 1), dt.date(2020, 2, 29)),
    ],
)
def test_partial_dates_span_every_day_they_may_be(
    text: str, precision: Precision, earliest: dt.date, latest: dt.date
) -> None:
    """Each wire form has its precision and the first and last day it may stand for."""
    date = PartialDate.parse(text)
    assert (date.precision, date.earliest, date.latest) == (precision, earliest, latest)
    assert str(date) == text


def test_a_day_inside_spring_is_neither_before_nor_after_it() -> None:
    """1 April 2016 lies inside spring 2016: no certain order either way."""
    spring, april = PartialDate.parse("2016-21"), PartialDate.parse("2016-04-01")
    assert not april.is_before(spring)
    assert not april.is_after(spring)
    assert spring.contains(april)
    assert PartialDate.parse("2016-02-29").is_before(spring)


def test_season_numbers_follow_iso_8601_2() -> None:
    """21 is spring and 23 autumn, as ISO 8601-2 numbers seasons."""
    assert PartialDate.parse("2019-23").season is Season.AUTUMN
    assert PartialDate.parse("2016-21").season is Season.SPRING


@pytest.mark.parametrize("text", ["2019-13", "2019-02-30", "2016-25", "19", "2019-9", "våren 2016"])
def test_malformed_dates_are_refused_with_the_forms_named(text: str) -> None:
    """Bad dates raise ValueError; the message names the value and the accepted forms."""
    with pytest.raises(ValueError, match=r"is not a (calendar )?date"):
        PartialDate.parse(text)


@given(partial_dates)
def test_partial_dates_round_trip_through_text(date: PartialDate) -> None:
    """parse(str(d)) == d, and the span is never empty."""
    assert PartialDate.parse(str(date)) == date
    assert date.earliest <= date.latest


def test_period_may_contain_is_false_only_when_certain() -> None:
    """An activity in autumn 2019 may lie in a period ending December 2019; 2020 may not."""
    period = Period(start=PartialDate.parse("2018-09"), end=PartialDate.parse("2019-12"))
    assert period.may_contain(PartialDate.parse("2019-23"))
    assert not period.may_contain(PartialDate.parse("2020-01-10"))
    assert not period.is_reversed()
    assert Period(start=PartialDate.parse("2019"), end=PartialDate.parse("2018")).is_reversed()


@pytest.mark.parametrize(
    ("count", "lower", "upper"),
    [
        (Count(value=1900, qualifier=Qualifier.MORE_THAN), 1901, None),
        (Count(value=1100), 1100, 1100),
        (Count(value=1100, qualifier=Qualifier.ABOUT), None, None),
        (Count(value=6, qualifier=Qualifier.BETWEEN, max=10), 6, 10),
        (Count(value=20, qualifier=Qualifier.FEWER_THAN), None, 19),
    ],
)
def test_counts_know_their_bounds(count: Count, lower: int | None, upper: int | None) -> None:
    """ "Över 1900" is at least 1901; "ca 1100" bounds nothing; "6-10" is 6 to 10."""
    assert (count.lower_bound, count.upper_bound) == (lower, upper)


def test_text_falls_back_to_swedish() -> None:
    """A missing translation gives the Swedish text."""
    text = Text(sv="Nya GRannar", translations={"en": "New Neighbours"})
    assert (text.get("en"), text.get("ar"), str(text)) == (
        "New Neighbours",
        "Nya GRannar",
        "Nya GRannar",
    )


@pytest.mark.parametrize(
    ("text", "swedish", "english"),
    [
        ("2019-02-05", "5 februari 2019", "5 February 2019"),
        ("2019-09", "september 2019", "September 2019"),
        ("2019-23", "hösten 2019", "autumn 2019"),
        ("2016-21", "våren 2016", "spring 2016"),
        ("2018", "2018", "2018"),
    ],
)
def test_dates_read_as_people_write_them(text: str, swedish: str, english: str) -> None:
    """label() writes a partial date in Swedish or English words at its precision."""
    date = PartialDate.parse(text)
    assert (date.label(), date.label("en")) == (swedish, english)
