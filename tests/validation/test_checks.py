"""Facts the checks rest on: check digits, what looks like personal data, honest bounds."""

from __future__ import annotations

import pytest

from grprojects.checks._skeleton import skeleton
from grprojects.checks.counts import describe
from grprojects.checks.privacy import _personal_in, personal_number_in
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
        "Ring 031\u00a0335\u00a051\u00a082",  # no-break spaces
        "Ring 031\u2011335 51 82",  # a non-breaking hyphen
        "Ring 031\u2013335 51 82",  # an en dash
        "Ring (031) 335 51 82",
        "Mobil +46 (0)70 123 45 67",
        "Skriv till anna (at) kommun (dot) se",
        "Skriv till anna[at]kommun.se",
        "Skriv till anna [at] kommun [dot] se",
        "Skriv till info@göteborg.se",  # a domain in any script
        "Skriv till anna\uff20kommun.se",  # a full-width at sign
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
        "Öppet 08.00\u201317.00, programperiod 2014\u20132020",
        "Look at the report (attached) for the dates",
        "ESF-projekt 2016-3020, diarienummer GR 2019-00123",
    ],
)
def test_dates_amounts_and_codes_are_not_taken_for_personal_data(text: str) -> None:
    """Dates, amounts, counts, official codes and plain English do not look like personal data."""
    assert _personal_in(text) is None
    assert not personal_number_in(text)


def test_found_personal_data_is_masked_in_messages() -> None:
    """A message shows at most the first and last two characters: CI logs are often public."""
    assert _personal_in("Ring 031-335 51 82") == "a phone number ('03…82')"
    assert _personal_in("Ring 031 33") is None


@pytest.mark.parametrize(
    "text",
    [
        "Tolvan, 121212-1212",  # Skatteverket's own test number
        "19121212-1212",
        "191212121212",
        "1212121212",
        "121272-1219",  # a samordningsnummer: the day plus 60
        "121212+1212",  # someone over a hundred
        "Anmälan: 121212\u20131212.",  # an en dash
    ],
)
def test_personal_identity_numbers_are_found(text: str) -> None:
    """Ten or twelve digits, any separator, a real birth day and a right Luhn digit."""
    assert personal_number_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "121212-1213",  # the wrong check digit
        "121232-1212",  # the 32nd of December
        "212000-1355",  # an organisationsnummer: month 20
        "0701234567",  # ten digits from 0: a mobile number
        "19121212+1212",  # a century and a plus sign contradict each other
    ],
)
def test_numbers_that_are_not_personal_identity_numbers_are_not_taken_for_them(text: str) -> None:
    """Wrong check digits, impossible days and organisation numbers are not personnummer."""
    assert not personal_number_in(text)


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


@pytest.mark.parametrize(
    ("text", "look_alike"),
    [
        ("goteborg", "g\u043eteborg"),  # a Cyrillic o
        ("Göteborgs Stad", "G\u04e7teborgs Stad"),  # a Cyrillic o with diaeresis
        ("Göteborgs Stad", "Go\u0308teborgs Stad"),  # decomposed: alike, and NFC-equal
        ("OK-10", "0K-1O"),  # digits for letters
        ("molndal", "rnolndal"),  # r and n for m
        ("partille", "partiIle"),  # a capital I for an l
    ],
)
def test_look_alikes_share_a_skeleton(text: str, look_alike: str) -> None:
    """Strings that look the same have the same UTS #39 skeleton."""
    assert skeleton(text) == skeleton(look_alike)


@pytest.mark.parametrize(
    ("text", "other"),
    [("GR", "G\u0420"), ("lerum", "alingsas"), ("göteborg", "goteborg"), ("Ale", "ale")],
)
def test_strings_that_look_different_keep_different_skeletons(text: str, other: str) -> None:
    """A Cyrillic Р is a P, not an R; ö is not o; case is not a look-alike."""
    assert skeleton(text) != skeleton(other)
