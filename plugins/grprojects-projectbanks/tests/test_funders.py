"""One record per EU fund and per managing authority, the same from both banks."""

from __future__ import annotations

from pathlib import Path

import pytest
from grprojects_projectbanks import projektbanken
from grprojects_projectbanks.funders import (
    MANAGING_AUTHORITIES,
    fund_id,
    fund_of,
    fund_organisation,
    funds,
)
from grprojects_projectbanks.kohesio import read_operations
from test_kohesio import write

from grprojects.codelists import codelist
from grprojects.model import Organisation
from test_projektbanken import write_records


def test_every_fund_of_the_code_list_is_named_in_swedish_and_english() -> None:
    """Each of the list's funds has a name in both languages without the bracketed
    abbreviation, which becomes the short name (the Swedish one first)."""
    shown = {
        code: (fund.name.sv, fund.name.translations.get("en"), fund.short_name)
        for code, fund in funds().items()
    }
    assert set(shown) == codelist("fund").values
    assert shown["erdf"] == (
        "Europeiska regionala utvecklingsfonden",
        "European Regional Development Fund",
        "Eruf",
    )
    assert shown["esf-plus"] == (
        "Europeiska socialfonden plus",
        "European Social Fund Plus",
        "ESF+",
    )
    assert shown["jtf"] == ("Fonden för en rättvis omställning", "Just Transition Fund", "JTF")
    assert shown["cf"] == ("Sammanhållningsfonden", "Cohesion Fund", None)
    assert all("(" not in f"{sv} {en}" for sv, en, _ in shown.values())


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("ERDF", "erdf"),
        ("Eruf", "erdf"),
        (" erdf ", "erdf"),
        ("Europeiska regionala utvecklingsfonden", "erdf"),
        ("European  Regional Development Fund", "erdf"),
        ("ESF", "esf"),
        ("esf+", "esf-plus"),
        ("CF", "cf"),
        ("JTF", "jtf"),
        ("YEI", None),  # the Youth Employment Initiative: an allocation, not a fund of the list
        ("Interreg", None),  # a goal of the ERDF with other instruments, not one fund
    ],
)
def test_a_fund_is_read_from_its_code_abbreviation_or_name(written: str, code: str | None) -> None:
    """Kohesio's Fund_Code and the bank's words name the fund of the code list, or none."""
    assert fund_of(written) == code


def test_both_banks_give_the_erdf_and_tillvaxtverket_the_same_record(tmp_path: Path) -> None:
    """Apart from the source each cites, the bank's ERDF and Kohesio's are one record (id
    fond-erdf, names in Swedish and English, short name Eruf), and so is Tillväxtverket."""
    record = {"ärende-id": "20209901", "projektnamn": "Exempel", "stödmottagare": "Exempel AB"}
    bank = projektbanken.read(write_records(tmp_path / "bank.json", [record])).dataset
    operations = read_operations(write(tmp_path, [{"Fund_Code": "ERDF"}])).dataset

    def bare(organisation: Organisation) -> Organisation:
        return organisation.evolve(sources=[])

    for identity in (fund_id("erdf"), "tillvaxtverket"):
        assert bare(bank.organisation(identity)) == bare(operations.organisation(identity))
    assert bare(bank.organisation("fond-erdf")) == bare(fund_organisation("erdf", []))
    assert bank.organisation("tillvaxtverket").name.sv == MANAGING_AUTHORITIES["tillvaxtverket"]
