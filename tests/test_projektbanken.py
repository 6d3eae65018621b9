"""A project-bank record (shared/data/projektbanken, record 20209902) expressed field by field."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import grprojects
from grprojects.model import Dataset

RECORD = Path(__file__).resolve().parents[1] / "examples" / "projektbanken-record.json"
BANK_ROW: dict[str, Any] = {
    "ärende-id": "20209902",
    "stödmottagare": "Exempel Innovation AB",
    "beviljat_belopp_sek": 12800000,
    "beviljat_belopp_eur": 0,
    "projektnamn": "Samverkan för hållbar tillväxt i Fyrbodal",
    "projektbeskrivning": "Ett samarbete mellan kommunerna i området för att st¿rka sm¿ f¿retag.",
    "projekt_starttid": "2016-09-01",
    "projekt_sluttid": "2019-08-31",
    "projektledare": "UPPGIFT SAKNAS",
    "telnr": "UPPGIFT SAKNAS",
    "e-post": "UPPGIFT SAKNAS",
    "kommuner": "LillaEdet, Stenungssund,Tjörn, Orust, Uddevalla",
    "uppdateringsdatum": "2016-08-30 15:01:09",
    "insatsområde": "Att stärka konkurrenskraften hos små och medelstora företag",
}
"""The record's values as the bank's export gives them (the shape's second record)."""


def test_every_value_of_the_record_has_a_field() -> None:
    """Case number, beneficiary, amounts, period, area, axis and the missing contact all fit,
    with no extension and no free-text dump."""
    dataset: Dataset = grprojects.load(RECORD)
    assert dataset.extensions == {}
    assert dataset.uses_extensions == ()
    (project,) = dataset.projects
    (identifier,) = project.identifiers
    assert (identifier.scheme, identifier.value, identifier.issuer) == (
        "se-arendenummer",
        BANK_ROW["ärende-id"],
        "tillvaxtverket",
    )
    assert (
        dataset.organisation(project.organisations_in("owner")[0]).name.sv
        == "Exempel Innovation AB"
    )
    assert project.organisations_in("managing-authority") == ["tillvaxtverket"]
    assert project.name.sv == BANK_ROW["projektnamn"]
    assert project.descriptions[0].text.sv == BANK_ROW["projektbeskrivning"]
    (period,) = project.periods
    assert (str(period.start), str(period.end)) == ("2016-09-01", "2019-08-31")
    (funding,) = project.funding
    assert funding.amount is not None
    assert int(funding.amount.amount) == 12800000
    assert (funding.fund, funding.programme_code, funding.thematic_objectives) == (
        "erdf",
        "2014SE16RFOP003",
        ("3",),
    )
    assert funding.priority_axis is not None
    assert funding.priority_axis.title.sv == BANK_ROW["insatsområde"]
    assert [(a.field, str(a.reason)) for a in funding.missing] == [("equivalents", "unknown")]
    (area,) = project.areas
    assert area.municipalities == ("1462", "1415", "1419", "1421", "1485")
    assert area.counties == ("14",)
    assert area.wording is not None
    assert BANK_ROW["kommuner"] in area.wording.sv
    (contact,) = project.contacts
    assert contact.person is None
    assert [(a.field, a.wording.sv if a.wording else None) for a in contact.missing] == [
        ("person", "UPPGIFT SAKNAS"),
        ("phones", "UPPGIFT SAKNAS"),
        ("email", "UPPGIFT SAKNAS"),
    ]
    assert str(dataset.source("projektbanken").updated) == "2016-08-30"
    assert dataset.source("projektbanken").kind == "register"


def test_the_record_validates_clean() -> None:
    """The record has no error or warning under the current rules."""
    found = grprojects.validate(RECORD)
    assert [d.describe() for d in found] == []
    assert json.loads(RECORD.read_text("utf-8"))["version"] == "1.1"
