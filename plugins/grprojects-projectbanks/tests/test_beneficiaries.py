"""Both banks make a beneficiary alike, so a merge can match it by identifier."""

from __future__ import annotations

from pathlib import Path

from grprojects_projectbanks import projektbanken
from grprojects_projectbanks.beneficiaries import CODE_LIST, beneficiary, beneficiary_kind
from grprojects_projectbanks.kohesio import read_operations
from test_kohesio import write

from grprojects.model import Dataset
from test_projektbanken import write_records


def _kommunkod(dataset: Dataset, name: str) -> list[tuple[str, str, list[str]]]:
    (organisation,) = [o for o in dataset.organisations if o.name.sv == name]
    assert organisation.kind == "municipality"
    assert dataset.source(CODE_LIST).kind == "code-list"
    return [(i.scheme, i.value, list(i.sources)) for i in organisation.identifiers]


def test_a_municipality_beneficiary_has_one_kommunkod_in_both_banks(tmp_path: Path) -> None:
    """``Lerums kommun`` from either bank carries kommunkod 1441, citing SCB's code list."""
    bank = tmp_path / "bank.json"
    record = {"ärende-id": "20209901", "projektnamn": "Exempel", "stödmottagare": "Lerums kommun"}
    from_bank = projektbanken.read(write_records(bank, [record])).dataset
    from_kohesio = read_operations(
        write(tmp_path, [{"Beneficiary_Name": "Lerums kommun", "Beneficiary_Local_Identifier": ""}])
    ).dataset
    expected = [("se-kommunkod", "1441", [CODE_LIST])]
    assert _kommunkod(from_bank, "Lerums kommun") == expected
    assert _kommunkod(from_kohesio, "Lerums kommun") == expected


def test_a_beneficiary_of_no_municipality_cites_no_code_list() -> None:
    """A company's kind shows in its name; it gets no kommunkod."""
    company = beneficiary("exempel-ab", "Exempel Innovation AB", ["src"])
    assert (company.kind, list(company.identifiers)) == ("company", [])
    assert beneficiary_kind("Stenungssunds kommun") == "other"  # a loose reading is no identity


def test_a_municipality_under_its_irregular_official_name_gets_its_kommunkod() -> None:
    """``Falu kommun`` (no genitive of Falun), ``Region Gotland`` (Gotlands kommun's name in
    use) and ``Göteborgs Stad`` are municipalities with their own kommunkod; Region Skåne
    is a region, with none."""
    found = {
        name: (b.kind, [i.value for i in b.identifiers])
        for name in ("Falu kommun", "Region Gotland", "Göteborgs Stad", "Region Skåne")
        for b in [beneficiary("x", name, ["src"])]
    }
    assert found == {
        "Falu kommun": ("municipality", ["2080"]),
        "Region Gotland": ("municipality", ["0980"]),
        "Göteborgs Stad": ("municipality", ["1480"]),
        "Region Skåne": ("region", []),
    }
