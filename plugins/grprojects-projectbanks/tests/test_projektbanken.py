"""The project-bank importer: every record accounted for, each quirk with its diagnostic."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from grprojects_projectbanks import projektbanken
from grprojects_projectbanks.projektbanken import codes

import grprojects
from grprojects import Severity
from grprojects.model import AbsenceReason, Dataset, Phone, Project
from grprojects.plugin_types import Imported, RecordTally
from grprojects.testing import isolated_runtime, validate

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "projektbanken-record.json"


@pytest.fixture
def imported(projektbanken_sample: Path) -> Imported:
    """The five invented records, imported."""
    return projektbanken.read(projektbanken_sample)


def _project(imported: Imported, case: str) -> Project:
    (project,) = [p for p in imported.dataset.projects if p.id == case]
    return project


def _found(imported: Imported) -> list[tuple[str, str, Severity]]:
    return [(d.pointer, d.code, d.severity) for d in imported.diagnostics]


def write_records(path: Path, records: list[Any]) -> Path:
    """``records`` as a project-bank JSON export at ``path``."""
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    return path


def test_the_sample_imports_with_exactly_the_diagnostics_its_quirks_call_for(
    imported: Imported,
) -> None:
    """Three records clean, two with warnings, none refused; each remark at its record's key."""
    assert imported.records == RecordTally(imported=3, with_warnings=2, refused=0)
    info, warning = Severity.INFO, Severity.WARNING
    expected = [
        ("/0/beviljat_belopp_eur", codes.ZERO_EUR, info),
        ("/1/projektbeskrivning", codes.ENCODING_DAMAGE, warning),
        ("/1/kommuner", codes.FUZZY_MUNICIPALITY, warning),
        ("/1/beviljat_belopp_eur", codes.ZERO_EUR, info),
        ("/2/beviljat_belopp_eur", codes.ZERO_EUR, info),
        ("/3/beviljat_belopp_eur", codes.ZERO_EUR, info),
        ("/4/kommuner", codes.UNKNOWN_MUNICIPALITY, warning),
        ("/4/telnr", codes.AMBIGUOUS_CONTACT, warning),
        ("/4/beviljat_belopp_sek", codes.ZERO_AMOUNT, warning),
        ("/4/beviljat_belopp_eur", codes.ZERO_EUR, info),
    ]
    assert _found(imported) == expected
    assert {d.source for d in imported.diagnostics} == {"grprojects-projectbanks"}


def test_the_imported_sample_validates_clean(imported: Imported, tmp_path: Path) -> None:
    """The dataset has no error, warning or note under 1.1, as loaded from its JSON."""
    written = tmp_path / "bank.json"
    written.write_text(grprojects.dumps(imported.dataset), encoding="utf-8")
    assert [d.describe() for d in grprojects.validate(written)] == []
    assert grprojects.load(written).version == "1.1"


def test_every_fact_of_a_record_cites_its_record_in_the_file(imported: Imported) -> None:
    """Each record is a register source of the file, dated by its update date."""
    project = _project(imported, "20209902")
    assert project.sources == ("projektbanken-20209902",)
    source = imported.dataset.source("projektbanken-20209902")
    assert (source.kind, source.publisher, str(source.updated)) == (
        "register",
        "tillvaxtverket",
        "2016-08-30",
    )
    assert source.note is not None
    assert source.note.sv == (
        "Posten /1 i sample-eruf-2014-2020.json, uppdaterad 2016-08-30 15:01:09, hämtad från "
        "projektbanken2020#page=eruf."
    )
    whole = imported.dataset.source("projektbanken")
    assert str(whole.updated) == "2020-01-10"  # the newest record's update date


def test_record_20209902_maps_as_the_hand_written_example(imported: Imported) -> None:
    """Identifier, roles, amount, programme, axis, area and the missing contact are those of
    examples/projektbanken-record.json, the thematic objective's "Att öka …" read as 3."""
    example: Dataset = grprojects.load(EXAMPLE)
    (wanted,) = example.projects
    got = _project(imported, "20209902")
    assert [(i.scheme, i.value, i.issuer) for i in got.identifiers] == [
        (i.scheme, i.value, i.issuer) for i in wanted.identifiers
    ]
    assert [(p.role, p.organisation) for p in got.participations] == [
        (p.role, p.organisation) for p in wanted.participations
    ]
    (funding,), (wanted_funding,) = got.funding, wanted.funding
    assert funding.amount == wanted_funding.amount
    assert (funding.fund, funding.programme_code, funding.programme) == (
        wanted_funding.fund,
        wanted_funding.programme_code,
        wanted_funding.programme,
    )
    assert funding.priority_axis == wanted_funding.priority_axis
    assert [(a.field, a.reason, a.wording) for a in funding.missing] == [
        (a.field, a.reason, a.wording) for a in wanted_funding.missing
    ]
    assert funding.thematic_objectives == wanted_funding.thematic_objectives == ("3",)
    assert funding.wording == wanted_funding.wording
    (area,), (wanted_area,) = got.areas, wanted.areas
    assert (area.municipalities, area.counties, area.wording) == (
        wanted_area.municipalities,
        wanted_area.counties,
        wanted_area.wording,
    )
    (contact,), (wanted_contact,) = got.contacts, wanted.contacts
    assert [(a.field, a.reason, a.wording) for a in contact.missing] == [
        (a.field, a.reason, a.wording) for a in wanted_contact.missing
    ]
    assert (contact.function, contact.organisation) == (
        wanted_contact.function,
        wanted_contact.organisation,
    )
    assert got.descriptions[0].text == wanted.descriptions[0].text


def test_a_placeholder_0_eur_is_left_out_as_unknown(imported: Imported) -> None:
    """0 EUR is no amount: no equivalent, an unknown entry with the wording "0", a note."""
    (funding,) = _project(imported, "20209901").funding
    assert funding.equivalents == ()
    assert [(a.field, a.reason, str(a.wording)) for a in funding.missing] == [
        ("equivalents", AbsenceReason.UNKNOWN, "0")
    ]


def test_a_0_sek_grant_is_reported_and_left_out(imported: Imported) -> None:
    """A project "utan beviljat belopp": the amount is unknown, not zero, and warned about."""
    (funding,) = _project(imported, "20209905").funding
    assert funding.amount is None
    assert ("amount", AbsenceReason.UNKNOWN, "0") in [
        (a.field, a.reason, str(a.wording)) for a in funding.missing
    ]


def test_amounts_are_exact_decimals(imported: Imported) -> None:
    """5300000.5 SEK stays 5300000.5, not a float's neighbour."""
    (funding,) = _project(imported, "20209903").funding
    assert funding.amount is not None
    assert (funding.amount.amount, funding.amount.currency) == (Decimal("5300000.5"), "SEK")


def test_encoding_damage_is_reported_and_kept_as_written(imported: Imported) -> None:
    """'¿' is not guessed into å, ä or ö: the text stays, the warning counts the damage."""
    (description,) = _project(imported, "20209902").descriptions
    assert description.text.sv == (
        "Ett samarbete mellan kommunerna i området för att st¿rka sm¿ f¿retag."
    )
    (damage,) = [d for d in imported.diagnostics if d.code == codes.ENCODING_DAMAGE]
    assert "'¿' stands 3 times" in damage.message


def test_uppgift_saknas_becomes_stated_missing(imported: Imported) -> None:
    """Leader, phone and e-mail stated missing: one contact for the function, all three listed."""
    project = _project(imported, "20209902")
    assert project.people == ()
    (contact,) = project.contacts
    assert [(a.field, a.reason, str(a.wording)) for a in contact.missing] == [
        ("person", AbsenceReason.STATED_MISSING, "UPPGIFT SAKNAS"),
        ("phones", AbsenceReason.STATED_MISSING, "UPPGIFT SAKNAS"),
        ("email", AbsenceReason.STATED_MISSING, "UPPGIFT SAKNAS"),
    ]


def test_nn_and_a_switchboard_make_a_contact_without_a_person(imported: Imported) -> None:
    """ "NN" is the person stated missing; "vx 031-…" is a switchboard number."""
    project = _project(imported, "20209904")
    (contact,) = project.contacts
    assert contact.person is None
    assert contact.phones == (Phone(number="031-000 00 03", switchboard=True),)
    assert contact.email == "info@example.se"
    assert [(a.field, str(a.wording)) for a in contact.missing] == [("person", "NN")]


def test_a_name_with_a_title_and_two_phones_is_one_person(imported: Imported) -> None:
    """ "Per Prov, projektledare" is a name and a title; both numbers are his."""
    (person,) = _project(imported, "20209903").people
    assert (person.name, str(person.title), person.email) == (
        "Per Prov",
        "projektledare",
        "per.prov@example.se",
    )
    assert [p.number for p in person.phones] == ["031-000 00 00", "070-000 00 02"]


def test_two_people_in_one_cell_are_split_and_their_phone_kept_apart(imported: Imported) -> None:
    """ "Anna Exempel / Per Prov" are two people; the one phone is on the shared contact."""
    project = _project(imported, "20209905")
    assert [p.name for p in project.people] == ["Anna Exempel", "Per Prov"]
    assert all(p.phones == () for p in project.people)
    shared = [c for c in project.contacts if c.person is None]
    assert [[p.number for p in c.phones] for c in shared] == [["+46700000001"]]
    assert [(a.field, str(a.wording)) for a in shared[0].missing] == [("email", "UPPGIFT SAKNAS")]


def test_municipality_names_as_written_become_codes(imported: Imported) -> None:
    """ "LillaEdet" without a space is read as it stands; "Stenungssund" loosely, with how sure."""
    (area,) = _project(imported, "20209902").areas
    assert area.municipalities == ("1462", "1415", "1419", "1421", "1485")
    (loose,) = [d for d in imported.diagnostics if d.code == codes.FUZZY_MUNICIPALITY]
    assert loose.message == (
        "'Stenungssund' is read as Stenungsund (1415), a close spelling (96% alike); check it"
    )


def test_a_name_that_is_no_municipality_is_kept_with_the_nearest(imported: Imported) -> None:
    """ "Okändby" stays in the area's unmatched names, and the warning names the nearest."""
    (area,) = _project(imported, "20209905").areas
    assert (area.municipalities, area.unmatched, area.counties) == (
        ("1384",),
        ("Okändby",),
        ("13",),
    )
    (unknown,) = [d for d in imported.diagnostics if d.code == codes.UNKNOWN_MUNICIPALITY]
    assert "the nearest are Täby (0160), Osby (1273), Aneby (0604)" in unknown.message


def test_a_county_with_or_without_lan_is_its_code(imported: Imported) -> None:
    """ "Västra Götalands län" and "Västra Götaland" are both 14."""
    assert _project(imported, "20209904").areas[0].counties == ("14",)
    assert _project(imported, "20209901").areas[0].counties == ("14",)


def test_programme_and_objective_are_codes_where_the_lists_have_them(imported: Imported) -> None:
    """Västsverige is 2014SE16RFOP003; every objective's words, after "Att", are the list's."""
    (funding,) = _project(imported, "20209903").funding
    assert (funding.programme_code, funding.thematic_objectives) == ("2014SE16RFOP003", ("1",))
    assert funding.wording is None
    found = {p.id: list(p.funding[0].thematic_objectives) for p in imported.dataset.projects}
    assert found == {
        "20209901": ["2"],
        "20209902": ["3"],
        "20209903": ["1"],
        "20209904": ["4"],
        "20209905": ["3"],
    }


def test_refused_records_are_counted_and_the_rest_kept(tmp_path: Path) -> None:
    """No case number, a repeated one, no name, no object: each refused at its place."""
    good = {"ärende-id": "1", "projektnamn": "Ett", "kommentar": "x"}
    path = write_records(
        tmp_path / "bank.json",
        [
            good,
            {"projektnamn": "Utan nummer"},
            {"ärende-id": "1", "projektnamn": "Samma nummer"},
            {"ärende-id": "3", "projektnamn": "UPPGIFT SAKNAS"},
            "inte en post",
            {"ärende-id": "2 / 3", "projektnamn": "Snedstreck"},
        ],
    )
    imported = projektbanken.read(path)
    assert imported.records == RecordTally(imported=0, with_warnings=1, refused=5)
    assert _found(imported) == [
        ("/0/kommentar", codes.UNKNOWN_KEY, Severity.WARNING),
        ("/1", codes.MISSING_ID, Severity.ERROR),
        ("/2/ärende-id", codes.DUPLICATE_ID, Severity.ERROR),
        ("/3", codes.MISSING_NAME, Severity.ERROR),
        ("/4", codes.NOT_A_RECORD, Severity.ERROR),
        ("/5/ärende-id", codes.BAD_ID, Severity.ERROR),
    ]
    assert [p.id for p in imported.dataset.projects] == ["1"]
    assert "also the record at /0" in imported.diagnostics[2].message


def test_a_json_value_that_is_no_list_is_refused_whole(tmp_path: Path) -> None:
    """An object is no export: a DocumentError naming the file."""
    path = tmp_path / "bank.json"
    path.write_text('{"ärende-id": "1"}', encoding="utf-8")
    with pytest.raises(grprojects.DocumentError) as raised:
        projektbanken.read(path)
    assert [d.code for d in raised.value.diagnostics] == [codes.NOT_A_LIST]


def test_unreadable_values_are_kept_and_reported_with_personal_ones_masked(
    tmp_path: Path,
) -> None:
    """A bad date, amount, phone and e-mail are each kept as wording; messages show no
    personal value."""
    record = {
        "ärende-id": "7",
        "projektnamn": "Trasigt",
        "projekt_starttid": "någon gång",
        "beviljat_belopp_sek": "ca två miljoner",
        "projektledare": "Anna Exempel",
        "telnr": "ring receptionen",
        "e-post": "anna.exempel(at)example.se",
    }
    imported = projektbanken.read(write_records(tmp_path / "bank.json", [record]))
    assert [d.code for d in imported.diagnostics] == [
        codes.BAD_DATE,
        codes.BAD_PHONE,
        codes.BAD_EMAIL,
        codes.BAD_AMOUNT,
    ]
    for diagnostic in imported.diagnostics:
        assert "receptionen" not in diagnostic.message
        assert "anna.exempel" not in diagnostic.message
    (project,) = imported.dataset.projects
    (person,) = project.people
    assert [(a.field, str(a.wording)) for a in person.missing] == [
        ("phones", "ring receptionen"),
        ("email", "anna.exempel(at)example.se"),
    ]
    assert [(a.field, str(a.wording)) for a in project.periods[0].missing] == [
        ("start", "någon gång")
    ]
    assert [(a.field, str(a.wording)) for a in project.funding[0].missing] == [
        ("amount", "ca två miljoner")
    ]
    assert [d for d in validate(imported.dataset) if d.severity >= Severity.WARNING] == []


def test_a_comma_between_two_names_is_read_as_two_people_and_reported(tmp_path: Path) -> None:
    """ "Anna Exempel, Per Prov" may be two people: read so, with a warning."""
    record = {"ärende-id": "8", "projektnamn": "Två", "projektledare": "Anna Exempel, Per Prov"}
    imported = projektbanken.read(write_records(tmp_path / "bank.json", [record]))
    assert [d.code for d in imported.diagnostics] == [codes.AMBIGUOUS_PEOPLE]
    assert [p.name for p in imported.dataset.projects[0].people] == ["Anna Exempel", "Per Prov"]


def test_the_importers_codes_are_explained() -> None:
    """Every code the importer reports is documented, so ``explain`` knows it."""
    from grprojects.reporting.rules import rules

    runtime = isolated_runtime(projektbanken)
    known = rules(runtime)
    documented = {c.code for c in codes.CODES}
    assert documented <= known.keys()
    named = {v for k, v in vars(codes).items() if k.isupper() and isinstance(v, str)}
    assert named == documented
    assert known[codes.ZERO_EUR].plugin == "grprojects_projectbanks.projektbanken"


def test_an_unreadable_number_beside_a_readable_one_gets_a_holder_of_its_own(
    tmp_path: Path,
) -> None:
    """The person keeps the good number; the bad one is an unknown number of the function's
    contact, so no field is both present and missing."""
    record = {
        "ärende-id": "9",
        "projektnamn": "Blandat",
        "projektledare": "Per Prov",
        "telnr": "070-000 00 09, okänt nummer",
    }
    imported = projektbanken.read(write_records(tmp_path / "bank.json", [record]))
    assert [d.code for d in imported.diagnostics] == [codes.BAD_PHONE]
    (project,) = imported.dataset.projects
    (person,) = project.people
    assert ([p.number for p in person.phones], person.missing) == (["070-000 00 09"], ())
    assert [
        [(a.field, str(a.wording)) for a in c.missing] for c in project.contacts if c.missing
    ] == [[("phones", "okänt nummer")]]
    assert [d.code for d in validate(imported.dataset) if d.severity >= Severity.WARNING] == []


def test_convert_tells_the_account_and_writes_the_dataset(
    projektbanken_sample: Path, tmp_path: Path
) -> None:
    """Through the installed plugin: warnings on standard error, the tally, exit 0."""
    from click.testing import CliRunner

    from grprojects.cli import cli

    target = tmp_path / "bank.json"
    result = CliRunner().invoke(cli, ["convert", str(projektbanken_sample), str(target)])
    assert result.exit_code == 0, result.output
    assert result.stderr.count(": warning projektbanken.") == 5
    assert result.stderr.endswith("5 records: 3 imported, 2 with warnings, 0 refused\n")
    assert len(grprojects.load(target).projects) == 5


def test_the_docs_table_names_exactly_the_declared_codes() -> None:
    """docs/sources/projektbanken.md's table names every declared code and no other."""
    page = (EXAMPLE.parents[1] / "docs" / "sources" / "projektbanken.md").read_text("utf-8")
    rows = re.findall(r"^\| (`projektbanken\..*?) \| (\w+) \|", page, re.MULTILINE)
    documented = {
        code: severity for cell, severity in rows for code in re.findall(r"`([^`]+)`", cell)
    }
    names = {Severity.INFO: "note", Severity.WARNING: "warning", Severity.ERROR: "error"}
    assert documented == {c.code: names[c.severity] for c in codes.CODES}
