"""XLSX workbooks: readable, safe to open, checked before unpacking, lossless both ways."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from grprojects import DocumentError, Text, load
from grprojects.formats import _archive, read_dataset, write_dataset, xlsx
from grprojects.formats._cell_limit import MAX_CELL_TEXT
from grprojects.model import Dataset
from grprojects.model.fields import LONGEST_TEXT
from tests.formats import libreoffice
from tests.formats.conftest import BEFORE_1_1
from tests.formats.repair import evolve


@pytest.fixture
def workbook(example: Dataset, tmp_path: Path) -> Path:
    """The example written as a workbook."""
    path = tmp_path / "gr.xlsx"
    write_dataset(example, path)
    return path


def test_example_round_trips(workbook: Path, example: Dataset) -> None:
    """The example read back from its workbook equals the example."""
    assert read_dataset(workbook) == example


def test_sheets_have_bold_swedish_headings(workbook: Path) -> None:
    """Each sheet starts with a frozen, bold heading row in Swedish with the keys."""
    book = openpyxl.load_workbook(workbook)
    sheet = book["Projekt"]
    assert sheet["A1"].value == "Id (id)"
    assert sheet["A1"].font.bold
    assert sheet["B1"].value == "Namn (name.sv)"
    assert sheet.freeze_panes == "B2"
    assert book["Aktiviteter"].freeze_panes == "C2"


def test_formula_like_text_is_stored_as_text(example: Dataset, tmp_path: Path) -> None:
    """A name starting with = is a string cell marked quote-prefix, no apostrophe shown."""
    organisation = evolve(example.organisations[0], name=Text(sv='=HYPERLINK("x")'))
    dataset = evolve(example, organisations=[organisation, *example.organisations[1:]])
    path = tmp_path / "risky.xlsx"
    write_dataset(dataset, path)
    sheet = openpyxl.load_workbook(path)["Organisationer"]
    cell = sheet["B2"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == ('=HYPERLINK("x")', "s", True)
    assert not sheet["B3"].quotePrefix
    assert read_dataset(path) == dataset


def test_an_apostrophe_written_by_an_older_export_is_still_removed(
    example: Dataset, tmp_path: Path
) -> None:
    """A text cell '=1 (how exports marked formula-like text before) reads as =1."""
    path = tmp_path / "gr.xlsx"
    write_dataset(example, path)
    book = openpyxl.load_workbook(path)
    book["Organisationer"]["B2"].value = "'=1"
    book["Organisationer"]["B2"].data_type = "s"
    book.save(path)
    assert read_dataset(path).organisations[0].name.sv == "=1"


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"])))
def test_text_xlsx_cannot_hold_is_escaped_and_restored(text: str) -> None:
    """Control characters, CR and literal _xHHHH_ survive encode then decode."""
    encoded = xlsx.encode(text)
    assert xlsx.decode(encoded) == text
    assert not set(encoded) & {chr(c) for c in (*range(9), 11, 12, *range(13, 32))}


def test_a_formula_typed_by_a_user_is_reported(workbook: Path, tmp_path: Path) -> None:
    """A formula in a cell is an error at that cell, not a value read from its cache."""
    book = openpyxl.load_workbook(workbook)
    book["Källor"]["C2"] = "=1+1"
    edited = tmp_path / "edited.xlsx"
    book.save(edited)
    with pytest.raises(DocumentError) as raised:
        read_dataset(edited)
    (problem,) = raised.value.diagnostics
    assert problem.code == "table.formula"
    assert problem.message == "Källor!C2: a formula (=1+1); enter its value"
    assert problem.pointer == "/sources/0/kind"
    assert problem.file == str(edited)


def test_dates_and_numbers_typed_in_excel_are_read(workbook: Path, tmp_path: Path) -> None:
    """A date cell in a date column and a number in a text column read as the user meant."""
    import datetime as dt

    book = openpyxl.load_workbook(workbook)
    sheet = book["Dokument"]
    headings = [c.value for c in sheet[1]]
    sheet.cell(2, headings.index("Datum (date)") + 1).value = dt.datetime(2019, 2, 21)
    edited = tmp_path / "edited.xlsx"
    book.save(edited)
    assert str(read_dataset(edited).projects[0].documents[0].date) == "2019-02-21"


def _bomb(path: Path, size: int) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * size)


def test_a_zip_bomb_is_refused_before_unpacking(tmp_path: Path) -> None:
    """A member that would unpack to hundreds of times its size is refused by its header."""
    path = tmp_path / "bomb.xlsx"
    _bomb(path, 4 * 2**20)
    assert path.stat().st_size < 20_000
    with pytest.raises(DocumentError) as raised:
        read_dataset(path)
    (problem,) = raised.value.diagnostics
    assert problem.code == "archive.too-large"
    assert "zip bomb" in problem.message


def test_a_workbook_too_large_in_total_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The declared sizes of all members together are limited too."""
    monkeypatch.setattr(_archive, "MAX_TOTAL_SIZE", 1000)
    path = tmp_path / "big.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("a.xml", b"x" * 600)
        archive.writestr("b.xml", b"x" * 600)
    with pytest.raises(DocumentError, match="would unpack to 1,200 bytes"):
        read_dataset(path)


def test_not_a_workbook_is_a_clear_error(tmp_path: Path) -> None:
    """A file that is not a zip is reported as unreadable, without a traceback."""
    path = tmp_path / "fake.xlsx"
    path.write_bytes(b"not a workbook")
    with pytest.raises(DocumentError) as raised:
        read_dataset(path)
    assert raised.value.diagnostics[0].code == "archive.unreadable"


def test_a_zip_without_a_workbook_is_a_clear_error(tmp_path: Path) -> None:
    """A zip that holds no workbook parts is reported as an unreadable workbook."""
    path = tmp_path / "empty.xlsx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hej")
    path.write_bytes(buffer.getvalue())
    with pytest.raises(DocumentError) as raised:
        read_dataset(path)
    assert raised.value.diagnostics[0].code == "xlsx.unreadable"


def test_personal_data_is_marked(workbook: Path) -> None:
    """Sheets of people, contacts, quotes and what lies in them have a red tab; a personal
    column says so."""
    book = openpyxl.load_workbook(workbook)
    red = {s.title for s in book.worksheets if s.sheet_properties.tabColor is not None}
    assert red == {
        "Citat",
        "Personer",
        "Kontakter",
        "Personers telefonnummer",
        "Kontakters telefonnummer",
        "Saknas i Citat",
        "Saknas i Personer",
        "Saknas i Kontakter",
    }
    headings = [c.value for c in book["Aktiviteter"][1]]
    assert "Personer, personuppgifter (people)" in headings


def _with_numbers(example: Dataset, amount: str, count: int) -> Dataset:
    """The example with its first funding amount and first organisation count replaced."""
    from decimal import Decimal

    project = example.projects[0]
    funding = project.funding[0]
    money = evolve(funding.amount, amount=Decimal(amount))
    project = evolve(project, funding=[evolve(funding, amount=money), *project.funding[1:]])
    organisation = example.organisations[0]
    figure = organisation.figures[0]
    figure = evolve(figure, count=evolve(figure.count, value=count))
    organisation = evolve(organisation, figures=[figure, *organisation.figures[1:]])
    return evolve(
        example,
        projects=[project, *example.projects[1:]],
        organisations=[organisation, *example.organisations[1:]],
    )


def _value_cell(book: openpyxl.Workbook, sheet: str, key: str) -> openpyxl.cell.Cell:
    headings = [c.value for c in book[sheet][1]]
    column = next(i for i, h in enumerate(headings) if h.endswith(f"({key})"))
    return book[sheet].cell(2, column + 1)


def test_amounts_and_counts_are_numbers_spreadsheets_can_sum(workbook: Path) -> None:
    """12800000 and a count of 13 are number cells, so SUM works on them."""
    book = openpyxl.load_workbook(workbook)
    amount = _value_cell(book, "Finansiering", "amount.amount")
    count = _value_cell(book, "Organisationssiffror", "count.value")
    assert (amount.value, amount.data_type) == (12800000, "n")
    assert (count.value, count.data_type) == (13, "n")


@pytest.mark.parametrize(
    ("amount", "count"),
    [("0.0000001", 2**53 - 1), ("2.50", 1234567890123456), ("1" + "0" * 400, 2**53 - 1)],
    ids=["tiny-and-2**53-1", "trailing-zero-and-16-digits", "400-digits-and-2**53-1"],
)
def test_numbers_a_spreadsheet_would_change_are_text(
    example: Dataset, tmp_path: Path, amount: str, count: int
) -> None:
    """Tiny, trailing-zero and 400-digit amounts and 16-digit counts (up to the largest,
    2⁵³ − 1) are text cells and read back unchanged; a 1.0 document's larger counts are
    tested with every format in ``test_valid_documents``."""
    dataset = _with_numbers(example, amount, count)
    for name in ("data.xlsx", "data.csv.zip"):
        path = tmp_path / name
        write_dataset(dataset, path)
        assert read_dataset(path) == dataset
    book = openpyxl.load_workbook(tmp_path / "data.xlsx")
    assert _value_cell(book, "Finansiering", "amount.amount").value == amount
    assert _value_cell(book, "Organisationssiffror", "count.value").value == str(count)


def test_a_tiny_amount_is_fixed_point_in_csv(example: Dataset, tmp_path: Path) -> None:
    """The amount 0.0000001 is written 0.0000001 in CSV, never 1E-7."""
    path = tmp_path / "data.csv.zip"
    write_dataset(_with_numbers(example, "0.0000001", 1), path)
    with zipfile.ZipFile(path) as archive:
        text = archive.read("Finansiering.csv").decode("utf-8-sig")
    assert ",0.0000001," in text
    assert "E-" not in text.upper().replace("E-POST", "")


def test_a_workbook_is_laid_out_to_be_worked_in(workbook: Path, example: Dataset) -> None:
    """Widths follow content, long text wraps, every sheet filters, codes drop down."""
    book = openpyxl.load_workbook(workbook)
    assert (book.properties.title, book.properties.creator) == (
        example.title.sv,
        example.publisher.name.sv,
    )
    projects = book["Projekt"]
    corner = projects.cell(projects.max_row, projects.max_column).coordinate
    assert projects.auto_filter.ref == f"A1:{corner}"
    widths = {c: projects.column_dimensions[c].width for c in ("A", "B")}
    assert 10 < widths["A"] < widths["B"] <= 60
    summary = _value_cell(book, "Projekt", "summary.sv")
    assert len(summary.value) > 60
    assert summary.alignment.wrap_text
    participation = book["Deltagande"]
    (dropdown,) = participation.data_validations.dataValidation
    assert str(dropdown.sqref) == "B2:B1048576"
    assert dropdown.formula1.startswith("'Kodlistor'!$")
    assert book["Kodlistor"].sheet_state == "hidden"
    codes = book["Kodlistor"]
    listed = [row[0].value for row in codes[dropdown.formula1.split("!")[1].replace("$", "")]]
    assert "owner – projektägare" in listed
    assert "participant – medverkande" in listed
    assert participation["B2"].value == "owner – projektägare"


def test_a_sheet_past_excels_row_limit_is_refused(
    example: Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A table with more rows than the reader takes is an error naming the sheet (the code
    lists' sheet too); no file is left."""
    monkeypatch.setattr(_archive, "MAX_ROWS", 22)
    path = tmp_path / "big.xlsx"
    with pytest.raises(DocumentError) as raised:
        write_dataset(example, path)
    sheets = [d.message.split(":")[0] for d in raised.value.diagnostics]
    assert sheets == ["Deltagande", "Kodlistor"]
    assert "holds at most 22" in raised.value.diagnostics[0].message
    assert not path.exists()


def test_inline_and_shared_strings_are_both_read(workbook: Path, example: Dataset) -> None:
    """Our export holds inline strings, LibreOffice's save shared ones; both read back equal."""
    with zipfile.ZipFile(workbook) as archive:
        assert 't="inlineStr"' in archive.read("xl/worksheets/sheet1.xml").decode()
        assert "xl/sharedStrings.xml" not in archive.namelist()
    with zipfile.ZipFile(libreoffice.RESAVED_XLSX) as archive:
        assert "xl/sharedStrings.xml" in archive.namelist()
    assert read_dataset(workbook) == read_dataset(libreoffice.RESAVED_XLSX) == example


def test_a_1_0_text_longer_than_a_cell_holds_is_refused_at_its_pointer(tmp_path: Path) -> None:
    """Schema 1.0 has no longest text: 32,767 characters written with their apostrophe are
    one too many for a cell, an error at the text; the file already there is untouched."""
    old: Dataset = load(BEFORE_1_1)
    organisation = evolve(old.organisations[0], name=Text(sv="'" + "a" * 32_766))
    dataset = evolve(old, organisations=[organisation, *old.organisations[1:]])
    path = tmp_path / "long.xlsx"
    path.write_bytes(b"before")
    with pytest.raises(DocumentError) as raised:
        write_dataset(dataset, path, force=True)
    (problem,) = raised.value.diagnostics
    assert (problem.code, problem.pointer) == ("xlsx.cell-too-long", "/organisations/0/name/sv")
    assert problem.message.startswith("32,768 characters")
    assert path.read_bytes() == b"before"


@pytest.mark.parametrize(
    "text",
    [
        "'" + "a" * (LONGEST_TEXT - 1),
        ("rad\r\n_x0041_" * LONGEST_TEXT)[:LONGEST_TEXT],
        "=" + "ö" * (LONGEST_TEXT - 1),
    ],
    ids=["apostrophe", "escapes", "formula-like"],
)
def test_the_longest_texts_are_kept_whole(example: Dataset, tmp_path: Path, text: str) -> None:
    """The longest text of schema 1.1 fits a cell with its apostrophe, and one whose XML
    escapes (``_x000D_``, ``_x005F_``) make it seven times as long is not cut by openpyxl:
    each reads back exactly."""
    assert len(text) == LONGEST_TEXT == MAX_CELL_TEXT - 1
    organisation = evolve(example.organisations[0], name=Text(sv=text))
    dataset = evolve(example, organisations=[organisation, *example.organisations[1:]])
    path = tmp_path / "long.xlsx"
    assert write_dataset(dataset, path) == []
    assert read_dataset(path) == dataset


def test_astral_text_past_excels_utf16_count_is_written_whole_with_a_note(
    example: Dataset, tmp_path: Path
) -> None:
    """32,766 characters beyond U+FFFF are 65,532 UTF-16 units, past what Excel counts in a
    cell: written whole and read back exactly, with a note naming the first such cell."""
    organisation = evolve(example.organisations[0], name=Text(sv="𝄞" * LONGEST_TEXT))
    dataset = evolve(example, organisations=[organisation, *example.organisations[1:]])
    path = tmp_path / "astral.xlsx"
    (note,) = write_dataset(dataset, path)
    assert note.startswith("1 cells hold more than 32,767 UTF-16 units")
    assert note.endswith("/organisations/0/name/sv")
    assert read_dataset(path) == dataset
