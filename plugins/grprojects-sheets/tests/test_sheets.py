"""Tests of the activity-list importer: good rows kept, every bad cell reported."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import grprojects_sheets
import pytest
from grprojects_sheets import read_activities
from openpyxl import Workbook

from grprojects import Count, DocumentError, PartialDate, Severity, dumps, load
from grprojects.formats.convert import read_with
from grprojects.model import Qualifier
from grprojects.plugin_types import Imported, PartialImportError, RecordTally
from grprojects.testing import assert_no_diagnostic, isolated_runtime, validate

HEADER = (
    "Projekt:;Föräldrastöd för nyanlända\n"
    "Ägare:;Göteborgsregionen\n"
    "Ägare-id:;gr\n"
    "Ägartyp:;kommunalförbund\n"
    "Delmål 1:;Föräldrar får stöd\n"
    "\n"
)
HEADINGS = "Aktivitet;Typ;Datum;Från;Till;Plats;Kommun;Språk;Deltagare;Timmar;Träffar;Delmål\n"
GOOD = (
    "Kursledarutbildning;utbildning;;hösten 2019;;Göteborg;Göteborg;svenska;ca 20;2,5;7;1\n"
    "Föräldrakurs;Kursomgångar;;september 2018;december 2019;;;arabiska, dari och engelska;"
    "över 1 900;2,5;7;1\n"
)
BAD = "Trasig;utbildningsdag;31 februari 2019;;;;Atlantis;;många;x;;a\n"


def write(
    tmp_path: Path, text: str, name: str = "aktiviteter.csv", encoding: str = "utf-8"
) -> Path:
    """Write ``text`` as a CSV file and return its path."""
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_good_rows_become_activities(tmp_path: Path) -> None:
    """Swedish dates, counts, decimals, languages and municipalities are read right."""
    imported = read_activities(write(tmp_path, HEADER + HEADINGS + GOOD))
    assert imported.diagnostics == ()
    project = imported.dataset.projects[0]
    assert (project.id, project.organisations_in("owner")) == ("föräldrastöd-för-nyanlända", ["gr"])
    assert imported.dataset.organisations[0].kind == "municipal-association"
    training, course = project.activities
    assert training.kind == "training"
    assert training.period is not None
    assert training.period.start == PartialDate.parse("2019-23")
    assert training.place is not None
    assert training.place.municipality == "1480"
    assert training.figures[0].count == Count(value=20, qualifier=Qualifier.ABOUT)
    assert training.hours_per_session == Decimal("2.5")
    assert course.languages == ("ara", "prs", "eng")
    assert course.figures[0].count == Count(value=1900, qualifier=Qualifier.MORE_THAN)
    assert course.period is not None
    assert str(course.period.end) == "2019-12"
    assert course.goals == (1,)
    assert project.goals[0].number == 1


def test_every_bad_cell_is_reported_with_its_place(tmp_path: Path) -> None:
    """A bad row is left out and each of its bad cells is named by sheet, row and column."""
    imported = read_activities(write(tmp_path, HEADER + HEADINGS + GOOD + BAD))
    assert [a.title.sv for a in imported.dataset.projects[0].activities] == [
        "Kursledarutbildning",
        "Föräldrakurs",
    ]
    assert [(d.code, d.message.split(":")[0]) for d in imported.diagnostics] == [
        ("sheets.bad-date", "aktiviteter!C10 (Datum)"),
        ("sheets.bad-municipality", "aktiviteter!G10 (Kommun)"),
        ("sheets.bad-count", "aktiviteter!I10 (Deltagare)"),
        ("sheets.bad-number", "aktiviteter!J10 (Timmar)"),
        ("sheets.bad-goal", "aktiviteter!L10 (Delmål)"),
    ]
    first = imported.diagnostics[0]
    assert (first.line, first.column, first.severity) == (10, 3, Severity.ERROR)
    assert "'31 februari 2019' is not a real date" in first.message


def test_municipality_names_are_read_as_people_write_them(tmp_path: Path) -> None:
    """Kommun takes the core lookups' spellings; a close misspelling is kept with a warning."""
    text = (
        "Aktivitet;Typ;Kommun\n"
        "A;kurs;Lerums kommun\n"
        "B;kurs;LillaEdet\n"
        "C;kurs;Stenungssund\n"
        "D;kurs;Göteborgsregionen\n"
    )
    imported = read_activities(write(tmp_path, text))
    places = [a.place for a in imported.dataset.projects[0].activities]
    assert [p.municipality if p else None for p in places] == ["1441", "1462", "1415"]
    fuzzy, unknown = imported.diagnostics
    assert (fuzzy.code, fuzzy.severity) == ("sheets.fuzzy-municipality", Severity.WARNING)
    assert fuzzy.message.startswith("aktiviteter!C4 (Kommun): 'Stenungssund' is read as ")
    assert (unknown.code, unknown.severity) == ("sheets.bad-municipality", Severity.ERROR)
    assert "the nearest are Göteborg (1480)" in unknown.message


def test_the_importer_raises_partial_import_with_the_good_rows(tmp_path: Path) -> None:
    """Read for a dataset, bad cells raise PartialImportError carrying the good rows."""
    path = write(tmp_path, HEADER + HEADINGS + GOOD + BAD)
    runtime = isolated_runtime(grprojects_sheets)
    with pytest.raises(PartialImportError) as raised:
        read_with(runtime.importers["sheets"], path, runtime)
    assert len(raised.value.diagnostics) == 5
    assert len(raised.value.dataset.projects[0].activities) == 2


def test_the_importer_accounts_for_every_row(tmp_path: Path) -> None:
    """Through the hook: the good rows, the bad one refused, and warnings alone refuse none."""
    importer = isolated_runtime(grprojects_sheets).importers["sheets"]
    imported = importer.read(write(tmp_path, HEADER + HEADINGS + GOOD + BAD))
    assert isinstance(imported, Imported)
    assert imported.records == RecordTally(imported=2, with_warnings=0, refused=1)
    loose = HEADINGS + "Möte;nätverksträff;;;;;Stenungssund;;;;;\n"
    imported = importer.read(write(tmp_path, loose, "loose.csv"))
    assert isinstance(imported, Imported)
    assert imported.records == RecordTally(imported=0, with_warnings=1, refused=0)
    assert imported.refused == ()


def test_unknown_and_unnamed_columns_are_reported(tmp_path: Path) -> None:
    """Values the importer cannot place are reported, not dropped silently."""
    text = "Aktivitet;Typ;Kostnad;\nMöte;nätverksträff;500;x\nMöte;nätverksträff;;y\n"
    imported = read_activities(write(tmp_path, text))
    assert [(d.code, d.line, d.column) for d in imported.diagnostics] == [
        ("sheets.unknown-column", 1, 3),
        ("sheets.unnamed-column", 2, 4),
    ]
    assert [a.id for a in imported.dataset.projects[0].activities] == ["möte", "möte-2"]


def test_missing_required_value_and_conflicting_dates(tmp_path: Path) -> None:
    """An empty Typ and both Datum and Från are each an error at their cell."""
    text = "Aktivitet;Typ;Datum;Från\nUtan typ;;5 feb 2019;\nBåda;kurs;5 feb 2019;6 feb 2019\n"
    imported = read_activities(write(tmp_path, text))
    assert [(d.code, d.message.split(":")[0]) for d in imported.diagnostics] == [
        ("sheets.missing-value", "aktiviteter!B2 (Typ)"),
        ("sheets.conflict", "aktiviteter!D3"),
    ]
    assert imported.dataset.projects[0].activities == ()


def test_bad_header_rows_are_reported(tmp_path: Path) -> None:
    """An unknown header key and an unknown owner kind are reported at their cells."""
    text = "Budget:;100\nÄgare:;X\nÄgartyp:;rymdstation\nAktivitet;Typ\nMöte;annan\n"
    imported = read_activities(write(tmp_path, text))
    assert [(d.code, d.message.split(":")[0]) for d in imported.diagnostics] == [
        ("sheets.bad-header", "aktiviteter!A1"),
        ("sheets.bad-owner-kind", "aktiviteter!B3 (Ägartyp)"),
    ]


def test_a_file_without_a_heading_row_is_a_document_error(tmp_path: Path) -> None:
    """A sheet with no Aktivitet heading cannot be read and says so."""
    with pytest.raises(DocumentError, match=r"sheets\.no-heading-row"):
        read_activities(write(tmp_path, "a;b\n1;2\n"))


def test_windows_1252_with_commas_is_read(tmp_path: Path) -> None:
    """An Excel 'ANSI' CSV with comma delimiters and quoted decimals is read."""
    text = 'Aktivitet,Typ,Timmar\nStudiebesök i Dortmund,studiebesök,"2,5"\n'
    imported = read_activities(write(tmp_path, text, encoding="cp1252"))
    (activity,) = imported.dataset.projects[0].activities
    assert (activity.title.sv, activity.kind, activity.hours_per_session) == (
        "Studiebesök i Dortmund",
        "study-visit",
        Decimal("2.5"),
    )


def workbook(tmp_path: Path) -> Path:
    """An XLSX file whose Aktiviteter sheet holds typed cells, as Excel stores them."""
    book = Workbook()
    notes = book.active
    assert notes is not None
    notes.title = "Anteckningar"
    notes.append(["Inget att se här"])
    sheet = book.create_sheet("Aktiviteter")
    sheet.append(["Projekt", "Nya GRannar"])
    sheet.append([])
    sheet.append(["Aktivitet", "Typ", "Datum", "Deltagare", "Timmar", "Kommun"])
    sheet.append(["Regional utbildningsdag", "utbildningsdag", dt.datetime(2016, 9, 6), 120, 6.5])
    sheet.append(["Studiebesök", "studiebesök", "5 februari 2019", "20", 2, "Mölndals stad"])
    sheet.append(["Trasig", "studiebesök", 3.5, -4, "lång"])
    path = tmp_path / "aktiviteter.xlsx"
    book.save(path)
    return path


def test_xlsx_cells_of_every_type_are_read(tmp_path: Path) -> None:
    """Dates, integers and floats stored by Excel are read, and bad cells named."""
    imported = read_activities(workbook(tmp_path))
    day, visit = imported.dataset.projects[0].activities
    assert day.period is not None
    assert str(day.period.start) == str(day.period.end) == "2016-09-06"
    assert day.figures[0].count == Count(value=120)
    assert day.hours_per_session == Decimal("6.5")
    assert visit.place is not None
    assert visit.place.municipality == "1481"
    assert [(d.code, d.message.split(":")[0]) for d in imported.diagnostics] == [
        ("sheets.bad-date", "Aktiviteter!C6 (Datum)"),
        ("sheets.bad-count", "Aktiviteter!D6 (Deltagare)"),
        ("sheets.bad-number", "Aktiviteter!E6 (Timmar)"),
    ]


def test_the_plugin_claims_activity_lists_only(tmp_path: Path) -> None:
    """choose_importer picks 'sheets' for an activity list and not for other CSV files."""
    manager = isolated_runtime(grprojects_sheets)
    chosen = manager.choose_importer(write(tmp_path, HEADINGS + GOOD))
    assert chosen is not None
    assert chosen.name == "sheets"
    other = write(tmp_path, "id;namn\n1;x\n", name="annat.csv")
    assert grprojects_sheets.choose_importer(path=other, head=b"") is None


def test_imported_dataset_is_valid_and_round_trips(tmp_path: Path) -> None:
    """What the importer builds passes the schema and survives dump and load."""
    dataset = read_activities(write(tmp_path, HEADER + HEADINGS + GOOD)).dataset
    assert_no_diagnostic(validate(dataset, grprojects_sheets, builtin_checks=False))
    assert load(dumps(dataset)) == dataset


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"Aktivitet;Typ\n\x81\x8d\x90;x\n", "neither UTF-8 nor Windows-1252 (byte 14)"),
        (b'Aktivitet;Typ\n"' + b"x" * 200_000 + b'";x\n', "line 2: not CSV: field larger"),
    ],
    ids=["undecodable", "huge-field"],
)
def test_a_csv_file_that_cannot_be_read_is_a_document_error(
    tmp_path: Path, data: bytes, message: str
) -> None:
    """Bytes neither encoding decodes, or a field past the CSV limit, are located errors."""
    path = tmp_path / "aktiviteter.csv"
    path.write_bytes(data)
    with pytest.raises(DocumentError) as raised:
        read_activities(path)
    (problem,) = raised.value.diagnostics
    assert problem.code == "sheets.unreadable"
    assert message in problem.message


def test_a_damaged_workbook_is_a_document_error(tmp_path: Path) -> None:
    """A workbook cut short is refused by grprojects' checked reader, not a zipfile error."""
    path = tmp_path / "aktiviteter.xlsx"
    book = Workbook()
    book.active.append(["Aktivitet", "Typ"])
    book.save(path)
    path.write_bytes(path.read_bytes()[:2000])
    with pytest.raises(DocumentError) as raised:
        read_activities(path)
    assert raised.value.diagnostics[0].code == "archive.unreadable"


def test_every_code_the_importer_reports_is_explained() -> None:
    """The codes in the source are the codes documented for ``grprojects explain``."""
    import re

    from grprojects_sheets.codes import CODES

    from grprojects.reporting.rules import rules

    source = Path(grprojects_sheets.__file__).parent
    text = "".join(p.read_text("utf-8") for p in source.glob("*.py") if p.name != "codes.py")
    used = set(re.findall(r'"(sheets\.[a-z-]+)"', text))
    used |= {f"sheets.bad-{what}" for what in re.findall(r'_lookup\(.*"([a-z-]+)"\)', text)}
    documented = {c.code for c in CODES}
    assert used == documented
    assert documented <= rules(isolated_runtime(grprojects_sheets)).keys()
