"""Facts the checks rest on: check digits, what looks like personal data, honest bounds."""

from __future__ import annotations

import pytest

from grprojects.checks.counts import describe
from grprojects.checks.privacy import _personal_in
from grprojects.lookups import luhn_check_digit
from grprojects.model import Count, Qualifier


@pytest.mark.parametrize(
    ("first_nine", "check_digit"),
    [("212000135", 5), ("556036079", 3), ("123456789", 7), ("000000000", 0)],
)
def test_luhn_check_digit_of_organisation_numbers(first_nine: str, check_digit: int) -> None:
    """The tenth digit of an organisationsnummer is the Luhn digit of the first nine."""
    assert luhn_check_digit(first_nine) == check_digit


@pytest.mark.parametrize(
    "text",
    [
        "Ring 031-335 51 82 för frågor.",
        "Mobil: 0734-22 30 79",
        "Tel +46 31 335 51 82",
        "Skriv till fornamn.efternamn@goteborgsregionen.se",
    ],
)
def test_phone_numbers_and_addresses_are_found(text: str) -> None:
    """Swedish phone numbers as people write them, and e-mail addresses, are recognised."""
    assert _personal_in(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "Projektet pågick 2016-04-01 till 2018-12-31.",
        "12,8 miljoner kronor från Europeiska socialfonden 2014–2020",
        "7 träffar à 2,5 timme, 30 kurser, 1100 personer",
        "kommunkod 1480, organisationsnummer 212000-1355",
    ],
)
def test_dates_amounts_and_codes_are_not_taken_for_personal_data(text: str) -> None:
    """Dates, amounts, counts and official codes do not look like phone numbers."""
    assert _personal_in(text) is None


def test_found_personal_data_is_masked_in_messages() -> None:
    """A message never repeats a phone number in full: CI logs are often public."""
    found = _personal_in("Ring 031-335 51 82")
    assert found == "a phone number (031-…)"


@pytest.mark.parametrize(
    ("count", "words"),
    [
        (Count(value=1900, qualifier=Qualifier.MORE_THAN), "more than 1900"),
        (Count(value=6, qualifier=Qualifier.BETWEEN, max=10), "between 6 and 10"),
        (Count(value=1100), "1100"),
        (Count(value=6, qualifier=Qualifier.BETWEEN), "between 6 and ?"),
    ],
)
def test_counts_are_described_with_their_qualifier(count: Count, words: str) -> None:
    """Messages say counts as the sources do, qualifier included."""
    assert describe(count) == words
