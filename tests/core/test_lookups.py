"""Lookups: every municipality and county is found however people write it, nothing else is,
organisationsnummer are normalised and checked, and NUTS 3 regions give their county."""

from __future__ import annotations

import doctest
import re
import unicodedata
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from grprojects.codelists import codelist
from grprojects.lookups import (
    ORGNR_FORM,
    AmbiguousMatchError,
    Certainty,
    Match,
    NoMatchError,
    OrganisationNumberError,
    PersonalNumberError,
    county_of_nuts3,
    luhn_check_digit,
    match_county,
    match_municipality,
    municipality_of_organisation,
    normalise_orgnr,
    official_names,
)

from .test_schema import ROOT

MUNICIPALITIES = [(c.code, c.title["sv"]) for c in codelist("municipality").codes]
COUNTIES = [(c.code, c.title["sv"]) for c in codelist("county").codes]
SURE = {Certainty.EXACT, Certainty.NORMALISED}


def genitive(name: str) -> str:
    """``Lerum`` → ``Lerums``; Swedish adds no s after s, x or z (``Borås kommun``)."""
    return name if name[-1] in "sxz" else name + "s"


def spellings(name: str) -> Iterator[str]:
    """The ways people write a municipality's name that mean it and nothing else."""
    yield from (name.lower(), name.upper(), name.swapcase())
    yield from (f"{name} kommun", f"{genitive(name)} kommun", f"{genitive(name)} Kommun")
    yield from (f"{genitive(name)} stad", f"{genitive(name)} Stad", genitive(name))
    yield from (name.replace("-", " "), name.replace(" ", "-"), f"  {name}\u00a0kommun ")
    yield re.sub(r"[- ]", "", name)  # LillaEdet


def plain(name: str) -> str:
    """``name`` in lower case without diacritics, spaces or hyphens (``Åre`` → ``are``)."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c))


def doubled(name: str) -> str:
    """``name`` with its middle letter typed twice (``Stenungssund``): one letter too many."""
    letters = re.sub(r"[- ]", "", name)
    middle = len(letters) // 2
    return letters[:middle] + letters[middle] + letters[middle:]


def test_there_are_290_municipalities_and_21_counties() -> None:
    """The lookups read SCB's full lists."""
    assert (len(MUNICIPALITIES), len(COUNTIES)) == (290, 21)


@pytest.mark.parametrize(("code", "name"), MUNICIPALITIES, ids=[n for _, n in MUNICIPALITIES])
def test_every_municipality_is_found_in_every_spelling(code: str, name: str) -> None:
    """SCB's name and code are exact; case, kommun/stad, genitive, hyphens and spaces are
    normalised; a doubled letter is fuzzy. All give the municipality's code."""
    for exact in (name, code):
        assert match_municipality(exact) == Match(exact, code, name, Certainty.EXACT)
    for spelling in spellings(name):
        match = match_municipality(spelling)
        assert (match.code, match.name, match.certainty in SURE) == (code, name, True), spelling
    typo = doubled(name)
    if typo == "Avvesta":  # as close to Alvesta: refused, see test_ambiguous_misspellings…
        return
    match = match_municipality(typo)
    assert (match.code, match.certainty) == (code, Certainty.FUZZY), typo
    assert 0.5 < match.score < 1


@pytest.mark.parametrize(("code", "name"), COUNTIES, ids=[n for _, n in COUNTIES])
def test_every_county_is_found_in_every_spelling(code: str, name: str) -> None:
    """A county is found by its code, SCB's name, the name without län (genitive or not),
    the region's name, and a doubled letter."""
    assert match_county(name) == Match(name, code, name, Certainty.EXACT)
    assert match_county(code).certainty is Certainty.EXACT
    stem = name.removesuffix(" län")  # Västra Götalands, Kalmar
    base = stem.removesuffix("s")  # Västra Götaland
    for spelling in (name.upper(), stem, base, f"Region {base}", f"{stem}regionen", f"{base} län"):
        match = match_county(spelling)  # f"{base} län" is SCB's name for Kalmar län
        assert (match.code, match.certainty in SURE) == (code, True), spelling
    match = match_county(doubled(name))
    assert (match.code, match.certainty) == (code, Certainty.FUZZY)


@pytest.mark.parametrize(
    ("text", "code", "certainty"),
    [
        ("Göteborgs Stad", "1480", Certainty.EXACT),
        ("Göteborgs", "1480", Certainty.NORMALISED),
        ("Lerums kommun", "1441", Certainty.EXACT),
        ("Lerums  Kommun", "1441", Certainty.EXACT),
        ("Lerum kommun", "1441", Certainty.NORMALISED),
        ("LillaEdet", "1462", Certainty.NORMALISED),
        ("Borås kommun", "1490", Certainty.EXACT),
        ("Falu kommun", "2080", Certainty.EXACT),
        ("Falu", "2080", Certainty.NORMALISED),
        ("Region Gotland", "0980", Certainty.EXACT),
        ("114", "0114", Certainty.NORMALISED),
        ("Stenungssund", "1415", Certainty.FUZZY),
        ("Stenungssunds kommun", "1415", Certainty.FUZZY),
        ("Goteborg", "1480", Certainty.FUZZY),
        ("Ockero", "1407", Certainty.FUZZY),
        ("Are", "2321", Certainty.FUZZY),
        ("Håbbo", "0305", Certainty.FUZZY),
        ("Habbo", "0643", Certainty.FUZZY),
        ("Habo", "0643", Certainty.EXACT),
        ("Håbo", "0305", Certainty.EXACT),
    ],
)
def test_municipality_spellings_seen_in_real_files(
    text: str, code: str, certainty: Certainty
) -> None:
    """Spellings from registers and sheets give the right code with the right certainty."""
    match = match_municipality(text)
    assert (match.query, match.code, match.certainty) == (text, code, certainty)


@pytest.mark.parametrize(
    ("text", "nearest"),
    [
        ("Atlantis", None),
        ("Göteborgsregionen", "1480"),
        ("Lerumsregionen", "1441"),
        ("kommun", None),
        ("Region Uppsala", "0380"),  # the region (county council), not the municipality
    ],
)
def test_names_of_no_municipality_are_refused_with_the_nearest(
    text: str, nearest: str | None
) -> None:
    """Something that is no municipality raises NoMatchError naming the nearest ones."""
    with pytest.raises(NoMatchError) as raised:
        match_municipality(text)
    error = raised.value
    assert not isinstance(error, AmbiguousMatchError)
    assert (error.query, error.what) == (text, "municipality")
    assert str(error).startswith(f"{text!r} is no municipality")
    if nearest is not None:
        assert error.candidates[0].code == nearest
        assert f"the nearest are {error.candidates[0].name} ({nearest})" in str(error)
    assert len(error.candidates) <= 3
    assert isinstance(error, ValueError)


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Lindköping", {"0580", "1494"}),  # Linköping or Lidköping
        ("Avvesta", {"2084", "0764"}),  # Avesta or Alvesta
        ("Håbö", None),
    ],
)
def test_ambiguous_misspellings_are_not_guessed(text: str, codes: set[str] | None) -> None:
    """A spelling as close to two names raises AmbiguousMatchError listing both."""
    if codes is None:  # Håbö is one step from Håbo and two from Habo: Håbo wins
        assert match_municipality(text).code == "0305"
        return
    with pytest.raises(AmbiguousMatchError) as raised:
        match_municipality(text)
    assert {c.code for c in raised.value.candidates} == codes
    assert "as close to" in str(raised.value)


@given(
    st.sampled_from(MUNICIPALITIES),
    st.sampled_from(["drop", "swap", "change"]),
    st.integers(0, 20),
    st.sampled_from("abdeklnorst"),
)
def test_a_one_letter_slip_never_becomes_another_municipality_silently(
    municipality: tuple[str, str], slip: str, at: int, letter: str
) -> None:
    """A name with one letter dropped, swapped or changed is read as that municipality,
    refused as ambiguous naming it, or (when the slip spells another name) is that name."""
    code, name = municipality
    at %= len(name) - 1
    typo = {
        "drop": name[:at] + name[at + 1 :],
        "swap": name[:at] + name[at + 1] + name[at] + name[at + 2 :],
        "change": name[:at] + letter + name[at + 1 :],
    }[slip]
    try:
        found: Match | NoMatchError = match_municipality(typo)
    except NoMatchError as error:
        found = error
    if isinstance(found, AmbiguousMatchError):
        assert code in {c.code for c in found.candidates}
    elif isinstance(found, NoMatchError):  # too short to guess from: Al for Ale, stad for Ystad
        assert len(re.sub(r"[- ]|stad$|kommun$", "", typo.lower())) < 3, typo
    elif found.code != code:  # the slip spells another name (or its genitive), but for diacritics
        other = plain(found.name)
        assert found.certainty in SURE or plain(typo) in {other, other + "s"}, typo


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("212000-1355", "212000-1355"),
        ("2120001355", "212000-1355"),
        ("16212000-1355", "212000-1355"),
        ("162120001355", "212000-1355"),
        ("SE212000135501", "212000-1355"),
        ("se 212000-1355 01", "212000-1355"),
        (" 222000-0265\u00a0", "222000-0265"),
        ("212000-0142", "212000-0142"),  # Stockholms stad
    ],
)
def test_organisation_numbers_in_every_form_are_normalised(text: str, expected: str) -> None:
    """10 or 12 digits, with or without the hyphen, or the VAT form, become NNNNNN-NNNN."""
    assert normalise_orgnr(text) == expected
    assert ORGNR_FORM.match(expected)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("212000-1356", "the check digit of 212000-1356 is wrong: the first nine digits give 5"),
        ("SE212000135502", "not an organisationsnummer"),
        ("172120001355", "begins with 16, not 17"),
        ("21200-01355x", "not an organisationsnummer"),
        ("212000-135", "not an organisationsnummer"),
        ("", "not an organisationsnummer"),
    ],
)
def test_bad_organisation_numbers_are_refused_clearly(text: str, message: str) -> None:
    """A wrong check digit, VAT suffix, century prefix or length each say what is wrong."""
    with pytest.raises(OrganisationNumberError, match=message):
        normalise_orgnr(text)


@pytest.mark.parametrize("text", ["800101-1236", "19800101-1236", "SE800101123601", "8001011236"])
def test_a_personnummer_is_refused_without_repeating_it(text: str) -> None:
    """A sole trader's number is a personnummer: refused, and no digit of it is in the message."""
    with pytest.raises(PersonalNumberError) as raised:
        normalise_orgnr(text)
    assert isinstance(raised.value, OrganisationNumberError)
    assert "personnummer" in str(raised.value)
    assert not re.search(r"\d{4}", str(raised.value))


@given(st.integers(1, 9), st.from_regex(r"[0-9][2-9][0-9]{6}", fullmatch=True))
def test_every_form_of_a_valid_number_gives_the_same_number(group: int, rest: str) -> None:
    """A number with its Luhn digit is read alike in all its forms; any other last digit is not."""
    nine = f"{group}{rest}"  # the third digit is 2 or more, as in every legal person's number
    digits = nine + str(luhn_check_digit(nine))
    written = f"{digits[:6]}-{digits[6:]}"
    for form in (written, digits, "16" + digits, f"SE{digits}01"):
        assert normalise_orgnr(form) == written
    wrong = nine + str((int(digits[9]) + 1) % 10)
    with pytest.raises(OrganisationNumberError, match="check digit"):
        normalise_orgnr(wrong)


def test_all_21_nuts3_regions_give_their_county() -> None:
    """Each Swedish NUTS 3 region is one county: Eurostat's name is SCB's county name."""
    regions = codelist("nuts3").codes
    assert len(regions) == 21
    counties = dict(COUNTIES)
    for region in regions:
        county = county_of_nuts3(region.code)
        assert counties[county] == region.title["sv"], region.code
        assert county_of_nuts3(f" {region.code.lower()} ") == county
    assert sorted(county_of_nuts3(r.code) for r in regions) == sorted(counties)
    assert county_of_nuts3("SE232") == "14"  # Västra Götaland


@pytest.mark.parametrize(
    ("code", "message"),
    [("DK011", "not a Swedish NUTS code"), ("SE23", "not a NUTS 3 code"), ("SE999", "no Swedish")],
)
def test_codes_of_no_swedish_nuts3_region_are_refused(code: str, message: str) -> None:
    """Another country, another NUTS level or no region each say which."""
    with pytest.raises(NoMatchError, match=message):
        county_of_nuts3(code)


def test_the_lookups_page_examples_run() -> None:
    """Every ``pycon`` example on docs/lookups.md gives the output the page shows."""
    page = (ROOT / "docs" / "lookups.md").read_text("utf-8")
    examples = re.findall(r"```pycon\n(.*?)```", page, re.DOTALL)
    assert len(examples) >= 8
    session = "\n".join(examples)  # one page, one session: later examples use earlier names
    test = doctest.DocTestParser().get_doctest(session, {}, "docs/lookups.md", None, 0)
    result = doctest.DocTestRunner().run(test)
    assert (result.failed, result.attempted) == (0, len(test.examples))
    assert result.attempted >= 15


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Lerums kommun", "1441"),
        ("Göteborgs Stad", "1480"),
        ("Stockholms stad", "0180"),
        ("Upplands Väsby kommun", "0114"),
        ("Falu kommun", "2080"),
        ("Kalmar kommun", "0880"),
        ("Region Gotland", "0980"),
        ("Gotlands kommun", "0980"),
        ("Orust kommun", "1421"),
        ("Orusts kommun", "1421"),
        ("Borås Stad", "1490"),
        ("Haparanda stad", "2583"),
        ("Malung-Sälens kommun", "2023"),
        ("Skellefteå kommun", "2482"),
        ("Region Uppsala", None),  # a region, no municipality
        ("LillaEdets kommun", "1462"),
        ("Stenungssunds kommun", None),  # fuzzy: an organisation is not guessed
        ("Lerums Kommunfastigheter AB", None),
        ("Fyrbodals kommunalförbund", None),
        ("Ystad", None),  # a town's name, not its council's
        ("Kommun", None),
        ("Lindköpings kommun", None),  # ambiguous
        ("", None),
    ],
)
def test_an_organisation_is_a_municipality_only_by_a_sure_name(name: str, code: str | None) -> None:
    """An official name, or a name ending in kommun or stad whose rest names a municipality
    surely, is that municipality."""
    found = municipality_of_organisation(name)
    assert (found.code if found else None) == code
    assert found is None or found.certainty in SURE


IRREGULAR_OFFICIAL_NAMES = {"Falun": "Falu kommun", "Kalmar": "Kalmar kommun"}
"""The two official names that are not the genitive of SCB's name before *kommun*."""


def test_every_official_name_is_the_genitive_before_kommun_but_two() -> None:
    """Each of the 290 has an official name, the genitive of its name and *kommun*, but for
    Falu kommun and Kalmar kommun; the irregular ones are data, never a rule's guess."""
    irregular = {}
    for entry in codelist("municipality").codes:
        name = entry.title["sv"]
        rule = f"{name if name[-1] in 'aeiouyåäösxz' else name + 's'} kommun"
        if official_names(entry)[0] != rule:
            irregular[name] = official_names(entry)[0]
    assert irregular == IRREGULAR_OFFICIAL_NAMES


def test_every_official_name_gives_its_own_municipality_and_no_other() -> None:
    """All 306 official names (290 in law, 16 in use: 14 *stad*, Region Gotland, Orust
    kommun) are exact, in any case, as a name and as an organisation's; no name or its
    key belongs to two municipalities."""
    owners: dict[str, set[str]] = {}
    wrong: list[tuple[str, object]] = []
    for entry in codelist("municipality").codes:
        for name in official_names(entry):
            owners.setdefault(" ".join(name.casefold().split()), set()).add(entry.code)
            for written in (name, name.upper()):
                match = match_municipality(written)
                organisation = municipality_of_organisation(written)
                found = (match.code, match.certainty, organisation and organisation.code)
                if found != (entry.code, Certainty.EXACT, entry.code):
                    wrong.append((written, found))
            key = re.sub(r"[- ]", "", name.lower()).removesuffix("kommun").removesuffix("stad")
            if match_municipality(key).code != entry.code:
                wrong.append((key, match_municipality(key).code))
    assert wrong == []
    assert len(owners) == 306
    assert [name for name, codes in owners.items() if len(codes) > 1] == []
