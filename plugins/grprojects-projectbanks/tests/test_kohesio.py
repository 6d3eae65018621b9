"""Tests of the Kohesio importer: every row of a list of operations accounted for.

``data/kohesio-operations-se.csv`` holds ten invented operations in Kohesio's column
layout (UTF-8 with a byte-order mark, CRLF, a quoted summary over two lines), each row
with one of the quirks a real list has. Its comments are in ``ROWS`` below.
"""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal
from pathlib import Path

import grprojects_projectbanks.kohesio as kohesio
import pytest
from grprojects_projectbanks.kohesio import codes, read_operations

from grprojects import DocumentError, RecordTally, dumps, public
from grprojects.formats.convert import import_with, read_dataset
from grprojects.model import AbsenceReason, Money
from grprojects.plugin_types import Imported
from grprojects.testing import isolated_runtime, validate

SAMPLE = Path(__file__).parent / "data" / "kohesio-operations-se.csv"
DOCS = Path(__file__).resolve().parents[3] / "docs" / "sources" / "kohesio.md"

ROWS = {
    2: "a clean ESF+ operation of 2021–2027",
    3: "a clean ERDF operation of 2014–2020 whose summary spans lines 3 and 4",
    5: "a clean operation, the beneficiary's organisationsnummer in its VAT form",
    6: "an operation in Denmark",
    7: "a wrong check digit, an EU budget of 0, an ISO date",
    8: "a sole trader: the identifier is a personnummer",
    9: "the English name only, the fund YEI, the NUTS code SE999",
    10: "a second beneficiary of the operation on line 2",
    11: "no operation id",
    12: "no fund, an amount with a decimal comma, no currency, a rate of 140",
}

EXPECTED = {
    (1, "kohesio.columns-not-read"),
    (6, "kohesio.not-swedish"),
    (7, "kohesio.bad-orgnr"),
    (7, "kohesio.zero-amount"),
    (7, "kohesio.bad-date"),
    (8, "kohesio.personal-identity-number"),
    (9, "kohesio.english-name-only"),
    (9, "kohesio.unknown-fund"),
    (9, "kohesio.bad-nuts3"),
    (10, "kohesio.repeated-operation"),
    (11, "kohesio.bad-operation-id"),
    (12, "kohesio.bad-amount"),
    (12, "kohesio.bad-currency"),
    (12, "kohesio.no-fund"),
    (12, "kohesio.bad-rate"),
}


@pytest.fixture(scope="module")
def sample() -> Imported:
    """The sample, imported."""
    return read_operations(SAMPLE)


def _headings() -> list[str]:
    with SAMPLE.open(encoding="utf-8-sig", newline="") as file:
        return next(csv.reader(file))


def _first_row() -> dict[str, str]:
    with SAMPLE.open(encoding="utf-8-sig", newline="") as file:
        return next(csv.DictReader(file))


def write(tmp_path: Path, rows: list[dict[str, str]], headings: list[str] | None = None) -> Path:
    """A list of operations with ``rows`` (changes to the sample's first row) at a new path."""
    headings = headings or _headings()
    text = io.StringIO(newline="")
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(headings)
    for changes in rows:
        row = {**_first_row(), **changes}
        writer.writerow([row.get(h, "") for h in headings])
    path = tmp_path / "operations.csv"
    path.write_text(text.getvalue(), encoding="utf-8-sig")
    return path


def test_every_row_is_accounted_for(sample: Imported) -> None:
    """Four rows imported as they stand, four with warnings, two refused: all ten."""
    assert sample.records == RecordTally(imported=4, with_warnings=4, refused=2)
    assert sample.records.total == len(ROWS)
    assert [d.line for d in sample.refused] == [6, 11]


def test_each_quirk_gets_exactly_its_diagnostics(sample: Imported) -> None:
    """The sample's quirks, and nothing else, are reported, each on the line it starts on."""
    assert {(d.line, d.code) for d in sample.diagnostics} == EXPECTED
    assert len(sample.diagnostics) == len(EXPECTED)
    for diagnostic in sample.diagnostics:
        assert diagnostic.message.startswith(f"line {diagnostic.line}")
        assert diagnostic.severity is codes.SEVERITY[diagnostic.code]
        assert (diagnostic.file, diagnostic.source) == (str(SAMPLE), "kohesio")


def test_a_warning_names_its_column_and_points_at_its_project(sample: Imported) -> None:
    """A cell's problem reads ``line N, Column:``; a kept row's points at its project."""
    bad_date = next(d for d in sample.diagnostics if d.code == "kohesio.bad-date")
    assert bad_date.message.startswith("line 7, Operation_Start_Date: '2024-01-15'")
    assert bad_date.pointer == "/projects/3"
    refused = next(d for d in sample.diagnostics if d.code == "kohesio.not-swedish")
    assert (refused.message.startswith("line 6, Country:"), refused.pointer) == (True, "")


def test_the_import_validates_clean_under_1_1(sample: Imported) -> None:
    """The dataset passes the schema and every check, with the plugin installed or not:
    it uses no extension, so nothing is unknown without it."""
    assert validate(sample.dataset, kohesio) == []
    assert validate(sample.dataset) == []
    assert sample.dataset.uses_extensions == ()
    assert sample.dataset.version == "1.1"


def test_import_with_gives_the_account(tmp_path: Path) -> None:
    """Through grprojects' own door the dataset is checked and the account kept whole."""
    runtime = isolated_runtime(kohesio)
    imported = import_with(runtime.importers["kohesio"], SAMPLE, runtime)
    assert imported.records == RecordTally(4, 4, 2)
    assert len(imported.diagnostics) == len(EXPECTED)


def test_a_clean_row_maps_every_field(sample: Imported) -> None:
    """Line 2: id, names, planned period, beneficiary as owner, fund, managing authority,
    EU budget, programme, period, local id, area and the extension's values."""
    project = sample.dataset.project("kohesio-Q9000001")
    assert (project.name.sv, project.name.get("en")) == (
        "Nya vägar till arbete",
        "New roads to work",
    )
    (period,) = project.periods
    assert (str(period.start), str(period.end), period.status) == (
        "2023-09-04",
        "2026-08-31",
        "planned",
    )
    assert project.organisations_in("owner") == ["orgnr-222000-1230", "orgnr-559900-0022"]
    assert project.organisations_in("funder") == ["fond-esf-plus"]
    assert project.organisations_in("managing-authority") == ["svenska-esf-radet"]
    (funding,) = project.funding
    assert funding.amount == Money(amount=Decimal("134991.36"), currency="EUR")
    assert (funding.fund, funding.programme_code) == ("esf-plus", "2021SE05SFPR001")
    assert funding.programme is not None
    assert funding.programme.sv == "ESF+"
    assert funding.programme_period is not None
    assert (str(funding.programme_period.start), str(funding.programme_period.end)) == (
        "2021",
        "2027",
    )
    assert [(i.scheme, i.value, i.issuer) for i in project.identifiers] == [
        ("eu-kohesio", "Q9000001", "europeiska-kommissionen"),
        ("se-arendenummer", "2021SE05SFPR001_23-901-S01", "svenska-esf-radet"),
    ]
    (area,) = project.areas
    assert (list(area.regions), list(area.counties)) == (["SE232"], ["14"])
    assert project.extensions == {}
    (funding,) = project.funding
    assert funding.total_eligible_expenditure == Money(amount=Decimal("337478.4"), currency="EUR")
    assert funding.cofinancing_rate == Decimal("40")


def test_every_fact_cites_the_file_as_a_register(sample: Imported) -> None:
    """The file is a register source of the Commission; the managing authorities, which
    Kohesio does not state, cite an editorial source that says where they come from."""
    source = sample.dataset.source("kohesio")
    assert (source.kind, source.publisher) == ("register", "europeiska-kommissionen")
    assert "kohesio-operations-se.csv" in source.title.sv
    editorial = sample.dataset.source("kohesio-forvaltande-myndigheter")
    assert editorial.kind == "editorial"
    assert editorial.note is not None
    authority = sample.dataset.organisation("tillvaxtverket")
    assert list(authority.sources) == ["kohesio-forvaltande-myndigheter"]


def test_a_summary_over_two_lines_is_one_description(sample: Imported) -> None:
    """Line 3's quoted summary keeps its line break, comma and quotes; the next row is
    line 5, where it starts in the file."""
    (statement,) = sample.dataset.project("kohesio-Q9000002").descriptions
    assert statement.text.sv == (
        'Företag i regionen får stöd, rådgivning och "klimatcheckar".\nProjektet pågår i tre år.'
    )
    assert statement.text.get("en") == "Firms in the region get support."
    assert sample.dataset.project("kohesio-Q9000002").organisations_in("managing-authority") == [
        "tillvaxtverket"
    ]


def test_an_organisationsnummer_in_vat_form_is_normalised(sample: Imported) -> None:
    """``SE802500001201`` becomes the organisationsnummer 802500-0012."""
    organisation = sample.dataset.organisation("orgnr-802500-0012")
    assert organisation.identifier("se-orgnr") == "802500-0012"


def test_a_zero_eu_budget_is_left_out_and_recorded_unknown(sample: Imported) -> None:
    """Line 7's ``0`` is no amount: the funding has none and says the amount is unknown."""
    (funding,) = sample.dataset.project("kohesio-Q9000005").funding
    assert funding.amount is None
    (absence,) = funding.missing
    assert (absence.field, absence.reason) == ("amount", AbsenceReason.UNKNOWN)
    assert absence.wording is not None
    assert absence.wording.sv == "0"


def test_a_bad_organisationsnummer_keeps_the_named_beneficiary(sample: Imported) -> None:
    """Line 7's beneficiary is kept by name, without the number whose check digit is wrong."""
    project = sample.dataset.project("kohesio-Q9000005")
    (owner,) = project.organisations_in("owner")
    assert sample.dataset.organisation(owner).identifiers == ()


def test_a_sole_trader_leaves_no_personal_data(sample: Imported) -> None:
    """Line 8's personnummer and name appear nowhere: not in the dataset, not in a message;
    the project still says it has a beneficiary."""
    text = dumps(sample.dataset) + "".join(d.message for d in sample.diagnostics)
    assert "850101" not in text
    assert "8501011236" not in text
    assert "Exempelsson" not in text
    (owner,) = [
        p for p in sample.dataset.project("kohesio-Q9000006").participations if p.role == "owner"
    ]
    assert owner.organisation is None
    assert owner.description is not None


def test_english_name_only_and_an_unknown_fund(sample: Imported) -> None:
    """Line 9: the English name stands as the name; YEI is a funder without a fund code;
    SE999 is kept as unmatched, not dropped."""
    project = sample.dataset.project("kohesio-Q9000007")
    assert project.name.sv == project.name.get("en") == "Youth guarantee"
    (funding,) = project.funding
    assert (funding.funder, funding.fund) == ("fond-yei", None)
    assert funding.programme_code == "2014SE05M9OP001"
    (area,) = project.areas
    assert (list(area.unmatched), list(area.regions)) == (["SE999"], [])


def test_no_fund_means_no_funder_and_the_values_are_named(sample: Imported) -> None:
    """Line 12: without a fund the EU budget has no funder; each left-out value is quoted."""
    project = sample.dataset.project("kohesio-Q9000008")
    assert list(project.funding) == []
    messages = " ".join(d.message for d in sample.diagnostics if d.line == 12)
    assert "'500.25'" in messages
    assert "'1 234,50'" in messages
    assert "'140'" in messages
    assert project.extensions == {}
    assert project.identifiers[0].value == "Q9000008"


def test_missing_columns_are_one_located_error(tmp_path: Path) -> None:
    """A heading row lacking columns is refused whole, naming every one missing and the
    nearest heading the file has for a misspelt one."""
    headings = [h for h in _headings() if h not in {"Fund_Code", "Country"}]
    headings = [h.replace("Operation_Start_Date", "Operation_Start_Dat") for h in headings]
    with pytest.raises(DocumentError) as raised:
        read_operations(write(tmp_path, [{}], headings))
    (diagnostic,) = raised.value.diagnostics
    assert (diagnostic.code, diagnostic.line) == ("kohesio.header", 1)
    assert diagnostic.message == (
        "line 1: missing required columns: Country or CountryCode; Operation_Start_Date "
        "(the file has 'Operation_Start_Dat'); Fund_Code"
    )


def test_country_code_stands_for_country_and_headings_ignore_case(tmp_path: Path) -> None:
    """A file with ``CountryCode`` (SE) instead of ``Country``, headings in another case."""
    path = write(tmp_path, [{"Country": "SE"}])
    heading, rest = path.read_bytes().decode("utf-8-sig").split("\r\n", 1)
    heading = heading.replace(",Country,", ",CountryCode,").replace("NUTS3_Code", "nuts3_code ")
    path.write_text(f"{heading}\r\n{rest}", encoding="utf-8")
    imported = read_operations(path)
    assert imported.records == RecordTally(1)
    assert list(imported.dataset.projects[0].areas[0].counties) == ["14"]


def test_a_column_twice_is_refused(tmp_path: Path) -> None:
    """Two ``Project_EU_Budget`` columns: which holds the budget is unknown."""
    headings = [*_headings(), "Project_EU_Budget"]
    with pytest.raises(DocumentError, match="Project_EU_Budget appears twice"):
        read_operations(write(tmp_path, [{}], headings))


def test_a_semicolon_separated_file_is_read(tmp_path: Path) -> None:
    """A list a Swedish spreadsheet saved again, separated by semicolons, reads the same."""
    text = SAMPLE.read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    path = tmp_path / "semikolon.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    assert read_operations(path).records == RecordTally(4, 4, 2)


def test_a_file_not_in_utf8_is_refused_at_its_line(tmp_path: Path) -> None:
    """Latin-1 text is one error naming the encoding and where it goes wrong."""
    path = tmp_path / "latin1.csv"
    path.write_bytes(SAMPLE.read_text(encoding="utf-8-sig").encode("latin-1"))
    with pytest.raises(DocumentError) as raised:
        read_operations(path)
    (diagnostic,) = raised.value.diagnostics
    assert diagnostic.code == "kohesio.file"
    assert "not UTF-8" in diagnostic.message
    assert diagnostic.line == 2


@pytest.mark.parametrize("text", ["", "\r\n"])
def test_an_empty_file_is_refused(tmp_path: Path, text: str) -> None:
    """A file without a heading row says so."""
    path = tmp_path / "empty.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DocumentError, match="the file is empty"):
        read_operations(path)


def test_cells_past_the_heading_row_are_reported(tmp_path: Path) -> None:
    """A row with a filled cell beyond the last heading: kept, its extra cell reported."""
    path = write(tmp_path, [{}])
    path.write_text(path.read_text(encoding="utf-8-sig").rstrip() + ",överbliven\r\n", "utf-8")
    imported = read_operations(path)
    assert imported.records == RecordTally(0, 1)
    assert [d.code for d in imported.diagnostics if d.line == 2] == ["kohesio.row-width"]


def test_rows_of_one_operation_that_disagree_keep_the_first(tmp_path: Path) -> None:
    """A second row of an operation with another EU budget: the first is kept, the other
    value named in the warning, the beneficiary added."""
    path = write(
        tmp_path,
        [
            {},
            {
                "Project_EU_Budget": "999.5",
                "Beneficiary_Name": "Annan AB",
                "Beneficiary_Local_Identifier": "",
            },
        ],
    )
    imported = read_operations(path)
    (conflict,) = [d for d in imported.diagnostics if d.code == "kohesio.conflicting-row"]
    assert "'999.5'" in conflict.message
    assert "'134991.36'" in conflict.message
    (project,) = imported.dataset.projects
    assert project.funding[0].amount == Money(amount=Decimal("134991.36"), currency="EUR")
    assert len(project.organisations_in("owner")) == 2


def test_a_programme_outside_the_code_list_is_named(tmp_path: Path) -> None:
    """A CCI number the shipped programme list lacks is reported, its name kept."""
    path = write(tmp_path, [{"Operation_Local_Identifier": "2014SE16RFOP001_20201234"}])
    imported = read_operations(path)
    (note,) = [d for d in imported.diagnostics if d.code == "kohesio.unknown-programme"]
    assert "'2014SE16RFOP001'" in note.message
    assert imported.dataset.projects[0].funding[0].programme_code is None


def test_the_file_is_chosen_by_its_heading_row(tmp_path: Path) -> None:
    """The runtime picks ``kohesio`` for a list of operations under any name, and not
    for another CSV file, which the name ending still decides."""
    runtime = isolated_runtime(kohesio)
    renamed = tmp_path / "export.txt"
    renamed.write_bytes(SAMPLE.read_bytes())
    for path in (SAMPLE, renamed):
        chosen = runtime.choose_importer(path)
        assert chosen is not None
        assert chosen.name == "kohesio"
    other = tmp_path / "other.csv"
    other.write_text("Aktivitet;Typ;Datum\nKurs;utbildning;2019\n", encoding="utf-8")
    assert kohesio.choose_importer(head=other.read_bytes()) is None
    few = tmp_path / "few.csv"
    few.write_text("Operation_Unique_Identifier,Fund_Code,Name\n", encoding="utf-8")
    assert kohesio.choose_importer(head=few.read_bytes()) is None


def test_the_public_export_is_the_dataset(sample: Imported) -> None:
    """Kohesio rows carry no contact persons: the public copy leaves nothing out."""
    assert public(sample.dataset).projects == sample.dataset.projects


def test_the_docs_table_is_the_declared_codes() -> None:
    """The docs page's table lists exactly the declared codes, each with its severity."""
    page = DOCS.read_text(encoding="utf-8")
    table = dict(re.findall(r"^\| `(kohesio\.[a-z0-9-]+)` \| (\w+) \|", page, re.MULTILINE))
    assert table == {c.code: str(c.severity) for c in codes.CODES}


def test_the_importers_codes_are_explained() -> None:
    """Every code the importer names is declared, so ``grprojects explain`` knows it."""
    from grprojects.reporting.rules import rules

    known = rules(isolated_runtime(kohesio))
    declared = {c.code for c in codes.CODES}
    assert declared <= known.keys()
    named = {v for k, v in vars(codes).items() if k.isupper() and isinstance(v, str)}
    assert named == declared
    assert len(declared) == 24
    assert known[codes.ZERO_AMOUNT].plugin == "grprojects_projectbanks.kohesio"


@pytest.mark.parametrize(
    ("changes", "code", "tally"),
    [
        (
            {"Operation_Name_Programme_Language": "", "Operation_Name_English": ""},
            "kohesio.no-name",
            RecordTally(0, 0, 1),
        ),
        (
            {"Beneficiary_Name": "", "Beneficiary_Local_Identifier": ""},
            "kohesio.no-beneficiary",
            RecordTally(0, 1),
        ),
        ({"Programming_Period": "2021"}, "kohesio.bad-period", RecordTally(0, 1)),
        ({"Operation_End_Date": "31/02/2026"}, "kohesio.bad-date", RecordTally(0, 1)),
        ({"Country": ""}, "kohesio.not-swedish", RecordTally(0, 0, 1)),
        (
            {"Operation_Local_Identifier": "Dnr 2023/17"},
            "kohesio.bad-local-identifier",
            RecordTally(0, 1),
        ),
    ],
)
def test_a_single_quirk(
    tmp_path: Path, changes: dict[str, str], code: str, tally: RecordTally
) -> None:
    """One changed cell gives its one diagnostic, at line 2, and the row counted so."""
    imported = read_operations(write(tmp_path, [changes]))
    assert [(d.line, d.code) for d in imported.diagnostics if d.line == 2] == [(2, code)]
    assert imported.records == tally


def test_small_amounts_are_written_fixed_point(tmp_path: Path) -> None:
    """A total of 0.0000001 and a rate of 0.5 are written as such, never ``1E-7``."""
    path = write(
        tmp_path, [{"Total_Eligible_Expenditure_amount": "0.0000001", "Cofinancing_Rate": "0.50"}]
    )
    imported = read_operations(path)
    data = json.loads(dumps(imported.dataset))["projects"][0]["funding"][0]
    assert data["total_eligible_expenditure"]["amount"] == "0.0000001"
    assert data["cofinancing_rate"] == "0.5"
    assert validate(imported.dataset, kohesio) == []


def test_a_municipality_beneficiary_gets_its_kommunkod(tmp_path: Path) -> None:
    """``Lerums kommun`` is the municipality 1441, the code citing SCB's code list; a name
    the lookups read only loosely (``Stenungssunds kommun``) stays a plain organisation."""
    path = write(
        tmp_path,
        [
            {"Beneficiary_Name": "Lerums kommun", "Beneficiary_Local_Identifier": ""},
            {
                "Operation_Unique_Identifier": "https://linkedopendata.eu/entity/Q5",
                "Beneficiary_Name": "Stenungssunds kommun",
                "Beneficiary_Local_Identifier": "",
            },
        ],
    )
    imported = read_operations(path)
    lerum = imported.dataset.organisation("stodmottagare-lerums-kommun")
    assert (lerum.kind, lerum.municipality_code) == ("municipality", "1441")
    assert list(lerum.identifiers[0].sources) == ["scb-kommunkoder"]
    assert imported.dataset.source("scb-kommunkoder").kind == "code-list"
    other = imported.dataset.organisation("stodmottagare-stenungssunds-kommun")
    assert (other.kind, other.municipality_code) == ("other", None)
    assert validate(imported.dataset, kohesio) == []


def test_an_unclosed_quote_is_refused_at_its_line(tmp_path: Path) -> None:
    """A quote opened on line 3 and never closed: the file is no CSV, said at line 3."""
    path = write(tmp_path, [{}])
    text = path.read_bytes().decode("utf-8-sig")
    path.write_text(text + '"https://linkedopendata.eu/entity/Q6,oops\r\n', encoding="utf-8")
    with pytest.raises(DocumentError) as raised:
        read_operations(path)
    (diagnostic,) = raised.value.diagnostics
    assert (diagnostic.code, diagnostic.line) == ("kohesio.file", 3)
    assert "not CSV" in diagnostic.message


def test_a_clean_list_reads_as_a_dataset_through_the_runtime(tmp_path: Path) -> None:
    """``read_dataset`` picks the importer by content and returns the dataset."""
    path = write(tmp_path, [{}, {"Operation_Unique_Identifier": "Q77"}])
    dataset = read_dataset(path, runtime=isolated_runtime(kohesio))
    assert [p.id for p in dataset.projects] == ["kohesio-Q9000001", "kohesio-Q77"]


def test_no_more_than_the_input_limit_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past ``GRPROJECTS_MAX_INPUT_BYTES`` the file is refused at the line reached."""
    monkeypatch.setenv("GRPROJECTS_MAX_INPUT_BYTES", "2000")
    with pytest.raises(DocumentError) as raised:
        read_operations(SAMPLE)
    (diagnostic,) = raised.value.diagnostics
    sizes = [len(line) for line in SAMPLE.read_bytes().splitlines(keepends=True)]
    reached = next(n for n in range(len(sizes)) if sum(sizes[: n + 1]) > 2000) + 1
    assert (diagnostic.code, diagnostic.line) == ("file.too-large", reached)


def test_a_missing_file_is_a_located_error(tmp_path: Path) -> None:
    """A path with no file is an error naming it, not a traceback."""
    with pytest.raises(DocumentError, match="cannot be read"):
        read_operations(tmp_path / "saknas.csv")
