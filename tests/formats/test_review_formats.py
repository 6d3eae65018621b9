"""Exchange formats under hostile or careless editing: nothing lost, every problem named."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from grprojects import DocumentError, Text, load
from grprojects.cli import cli as main
from grprojects.formats import read_dataset, tabular_import, write_dataset, xlsx
from grprojects.model import Dataset
from grprojects.runtime import make_runtime
from tests.formats.conftest import BEFORE_1_1
from tests.formats.repair import evolve


@pytest.mark.parametrize("text", ["_x0041_", "a_x005F_b", "__x00e5__", "_x0041_x0042_"])
def test_literal_escape_sequences_survive_xlsx_escaping(text: str) -> None:
    """Text that looks like an OOXML escape decodes back to itself."""
    assert xlsx.decode(xlsx.encode(text)) == text


@given(st.lists(st.sampled_from(["_x0041_", "_x005F_", "_", "x", "0", "\r", "a"])).map("".join))
def test_texts_built_from_escape_pieces_survive_xlsx_escaping(text: str) -> None:
    """Any mix of escape-like pieces, underscores and control characters round trips."""
    assert xlsx.decode(xlsx.encode(text)) == text


def test_an_escape_like_text_before_a_control_character_survives() -> None:
    """``_x0041`` followed by a carriage return is not read back as ``A``."""
    assert xlsx.decode(xlsx.encode("_x0041\r")) == "_x0041\r"
    assert xlsx.encode("_x0041_") == "_x005F_x0041_"


@pytest.fixture
def workbook(example: Dataset, tmp_path: Path) -> Path:
    """The example written as a workbook."""
    path = tmp_path / "gr.xlsx"
    write_dataset(example, path)
    return path


@pytest.fixture
def bundle(example: Dataset, tmp_path: Path) -> Path:
    """The example written as a zip of CSV files."""
    path = tmp_path / "gr.csv.zip"
    write_dataset(example, path)
    return path


def problems_reading(path: Path) -> list[tuple[str, str]]:
    """(code, message) of every problem reading ``path``."""
    with pytest.raises(DocumentError) as raised:
        read_dataset(path)
    return [(d.code, d.message) for d in raised.value.diagnostics]


def rezip(source: Path, target: Path, rename: Callable[[str], str | None]) -> None:
    """Copy the zip ``source`` to ``target``, each member renamed (``None``: left out)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for name in old.namelist():
            renamed = rename(name)
            if renamed is not None:
                new.writestr(renamed, old.read(name))


def test_a_deleted_sheet_is_reported(workbook: Path, tmp_path: Path) -> None:
    """A workbook without one of the layout's sheets is refused, naming the sheet."""
    book = openpyxl.load_workbook(workbook)
    del book["Aktivitetssiffror"]
    edited = tmp_path / "edited.xlsx"
    book.save(edited)
    assert [c for c, m in problems_reading(edited) if m.startswith("Aktivitetssiffror")] == [
        "table.missing-sheet"
    ]


def test_a_deleted_column_is_reported(workbook: Path, tmp_path: Path) -> None:
    """A workbook whose sheet lost a column the export writes is refused, naming the key."""
    book = openpyxl.load_workbook(workbook)
    sheet = book["Projekt"]
    index = next(c.column for c in sheet[1] if str(c.value).endswith("(description.sv)"))
    sheet.delete_cols(index)
    edited = tmp_path / "edited.xlsx"
    book.save(edited)
    ((code, message),) = problems_reading(edited)
    assert code == "table.missing-column"
    assert message.startswith("Projekt!1:1: no column 'description.sv'")


def test_a_csv_file_left_out_is_reported(bundle: Path, tmp_path: Path) -> None:
    """A CSV zip without one sheet's file is refused, naming the sheet."""
    edited = tmp_path / "edited.csv.zip"
    rezip(bundle, edited, lambda n: None if n == "Aktivitetssiffror.csv" else n)
    assert [c for c, _ in problems_reading(edited)] == ["table.missing-sheet"]


def test_a_csv_file_twice_is_reported(bundle: Path, tmp_path: Path) -> None:
    """Two members with one sheet's name are refused rather than one winning."""
    edited = tmp_path / "edited.csv.zip"
    with zipfile.ZipFile(bundle) as old, zipfile.ZipFile(edited, "w") as new:
        for name in old.namelist():
            new.writestr(name, old.read(name))
        with pytest.warns(UserWarning, match="Duplicate name"):
            new.writestr("Dokument.csv", old.read("Dokument.csv"))
    assert problems_reading(edited) == [
        (
            "csv.duplicate-file",
            "Dokument.csv: twice in the archive; which one holds the data is unknown",
        )
    ]


def test_public_export_leaves_out_data_of_unknown_extensions(
    example: Dataset, tmp_path: Path
) -> None:
    """Extension data no installed plugin describes may be personal, so --public drops it."""
    email = "anna.svensson@example.se"
    data = {"se.example.kommun": {"kontakt_epost": email}}
    project = evolve(example.projects[0], extensions=data)
    dataset = evolve(example, projects=[project, *example.projects[1:]])
    path = tmp_path / "public.csv.zip"
    notes = write_dataset(dataset, path, public=True, runtime=make_runtime(entry_points=False))
    with zipfile.ZipFile(path) as archive:
        text = b"".join(archive.read(n) for n in archive.namelist()).decode("utf-8-sig")
    assert email not in text
    assert "se.example.kommun" not in text
    assert any("se.example.kommun 1" in note for note in notes)
    assert read_dataset(path).projects[0].extensions == {}


def edit_cell(workbook: Path, target: Path, sheet: str, key: str, row: int, value: Any) -> str:
    """Save ``workbook`` as ``target`` with ``value`` in column ``key`` of ``row``; its name."""
    book = openpyxl.load_workbook(workbook)
    cells = book[sheet]
    column = next(c.column for c in cells[1] if str(c.value).endswith(f"({key})"))
    cells.cell(row, column).value = value
    book.save(target)
    return f"{sheet}!{cells.cell(row, column).coordinate}"


def date_cell(workbook: Path, target: Path, value: dt.datetime, number_format: str) -> str:
    """Put a date cell shown as ``number_format`` in the first document's date."""
    book = openpyxl.load_workbook(workbook)
    cells = book["Dokument"]
    column = next(c.column for c in cells[1] if str(c.value).endswith("(date)"))
    cells.cell(2, column).value = value
    cells.cell(2, column).number_format = number_format
    book.save(target)
    return f"Dokument!{cells.cell(2, column).coordinate}"


@pytest.mark.parametrize(
    ("value", "number_format", "wire"),
    [
        (dt.datetime(2018, 9, 1), "yyyy-mm", "2018-09"),
        (dt.datetime(2018, 9, 1), "mmm yyyy", "2018-09"),
        (dt.datetime(2018, 9, 1), '[$-41D]mmmm "år" yyyy', "2018-09"),
        (dt.datetime(2018, 1, 1), "yyyy", "2018"),
        (dt.datetime(2018, 9, 14), "yyyy-mm-dd", "2018-09-14"),
        (dt.datetime(2018, 9, 14), "d/m/yyyy", "2018-09-14"),
    ],
)
def test_a_date_cell_is_as_precise_as_its_format_shows(
    workbook: Path, tmp_path: Path, value: dt.datetime, number_format: str, wire: str
) -> None:
    """``2018-09`` typed in Excel (stored 2018-09-01, shown yyyy-mm) is the month, not a day."""
    edited = tmp_path / "edited.xlsx"
    date_cell(workbook, edited, value, number_format)
    assert str(read_dataset(edited).projects[0].documents[0].date) == wire


def test_a_date_cell_whose_precision_is_unclear_is_reported(workbook: Path, tmp_path: Path) -> None:
    """A month format over a day other than the first is reported, not guessed."""
    edited = tmp_path / "edited.xlsx"
    place = date_cell(workbook, edited, dt.datetime(2018, 9, 14), "yyyy-mm")
    ((code, message),) = problems_reading(edited)
    assert code == "table.value"
    assert message.startswith(f"{place}: a date cell shown as 'yyyy-mm' holds 2018-09-14")


def test_a_date_and_time_in_a_date_column_is_reported_in_words(
    workbook: Path, tmp_path: Path
) -> None:
    """A time of day in a date column is an error at its cell, without Python's repr."""
    edited = tmp_path / "edited.xlsx"
    place = date_cell(workbook, edited, dt.datetime(2019, 2, 5, 9, 30), "yyyy-mm-dd hh:mm")
    assert problems_reading(edited) == [
        (
            "table.value",
            f"{place}: expected a date, found a date and time 2019-02-05 09:30; "
            "enter the date only",
        )
    ]


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (dt.datetime(2019, 2, 5, 9, 30), "a date and time 2019-02-05 09:30"),
        (dt.time(9, 30), "a time 09:30"),
        (True, "the truth value TRUE"),
    ],
)
def test_cells_of_the_wrong_type_are_described_in_words(
    workbook: Path, tmp_path: Path, value: Any, words: str
) -> None:
    """A date, time or truth value in a text column is named in words, not Python repr."""
    edited = tmp_path / "edited.xlsx"
    place = edit_cell(workbook, edited, "Källor", "title.sv", 2, value)
    assert problems_reading(edited) == [("table.value", f"{place}: expected text, found {words}")]


def test_an_empty_duplicate_key_is_named_in_words() -> None:
    """Two rows whose joined-on key is empty say "an empty id", not "id None"."""
    assert tabular_import._named("id", None) == "an empty id"
    assert tabular_import._named("id", "a") == "id 'a'"


@pytest.mark.parametrize(
    ("sheet", "key"),
    [("Personer", "phone"), ("Identifierare", "value"), ("Aktiviteter", "place.municipality")],
)
def test_a_number_in_a_code_column_is_refused(
    workbook: Path, tmp_path: Path, sheet: str, key: str
) -> None:
    """031335518 typed without formatting the column as text is refused, not read as 31335518."""
    edited = tmp_path / "edited.xlsx"
    place = edit_cell(workbook, edited, sheet, key, 3, 31335518)
    found = [(c, m) for c, m in problems_reading(edited) if m.startswith(f"{place}:")]
    assert len(found) == 1
    assert found[0][0] == "table.value"
    assert "format the column as text" in found[0][1]
    assert "the number 31335518" in found[0][1]


def test_a_csv_field_longer_than_pythons_default_limit_round_trips(tmp_path: Path) -> None:
    """A text of 140,000 characters (schema 1.0 has no longest text) exports to CSV and
    reads back whole."""
    old: Dataset = load(BEFORE_1_1)
    long = "lång text " * 14_000
    project = evolve(old.projects[0], description=Text(sv=long))
    dataset = evolve(old, projects=[project, *old.projects[1:]])
    path = tmp_path / "long.csv.zip"
    write_dataset(dataset, path)
    assert read_dataset(path).projects[0].description == Text(sv=long)
    assert csv.field_size_limit() == 131_072


def test_csv_zips_made_the_usual_ways_are_read(
    bundle: Path, example: Dataset, tmp_path: Path
) -> None:
    """A zipped folder with macOS extras, NFD names and .CSV endings reads as the flat zip."""
    edited = tmp_path / "finder.csv.zip"
    with zipfile.ZipFile(bundle) as old, zipfile.ZipFile(edited, "w") as new:
        new.writestr("gr-projects/", b"")
        new.writestr("gr-projects/.DS_Store", b"\0\0\0\1Bud1")
        for name in old.namelist():
            data = old.read(name)
            renamed = unicodedata.normalize("NFD", name)
            if name == "Projekt.csv":
                renamed = "Projekt.CSV"
            new.writestr(f"gr-projects/{renamed}", data)
            new.writestr(f"__MACOSX/gr-projects/._{renamed}", b"\0\5\26\7")
    assert read_dataset(edited) == example


def test_semicolon_separated_csv_is_one_clear_error(bundle: Path, tmp_path: Path) -> None:
    """A file Swedish Excel saved with semicolons gets one message saying how to save it."""
    edited = tmp_path / "semikolon.csv.zip"
    with zipfile.ZipFile(bundle) as old, zipfile.ZipFile(edited, "w") as new:
        for name in old.namelist():
            data = old.read(name)
            if name == "Projekt.csv":
                rows = csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))
                text = io.StringIO(newline="")
                csv.writer(text, delimiter=";").writerows(rows)
                data = text.getvalue().encode("utf-8-sig")
            new.writestr(name, data)
    assert problems_reading(edited) == [
        (
            "csv.semicolons",
            "Projekt.csv: separated by semicolons; save it as CSV UTF-8 (comma-delimited)",
        )
    ]


@pytest.mark.parametrize("encoding", ["latin-1", "utf-16"])
def test_a_csv_file_in_another_encoding_says_how_to_save_it(
    bundle: Path, tmp_path: Path, encoding: str
) -> None:
    """Latin-1 and UTF-16 files are reported with a hint to save as CSV UTF-8."""
    edited = tmp_path / "encoding.csv.zip"
    with zipfile.ZipFile(bundle) as old, zipfile.ZipFile(edited, "w") as new:
        for name in old.namelist():
            data = old.read(name)
            if name == "Källor.csv":
                data = data.decode("utf-8-sig").encode(encoding, errors="replace")
            new.writestr(name, data)
    ((code, message),) = problems_reading(edited)
    assert code == "csv.encoding"
    assert message.startswith("Källor.csv: not UTF-8")
    assert message.endswith("save it as CSV UTF-8 (comma-delimited)")


def test_an_excel_error_value_is_reported(workbook: Path, tmp_path: Path) -> None:
    """``#N/A`` in a cell is an error at that cell, not the text "#N/A"."""
    edited = tmp_path / "edited.xlsx"
    place = edit_cell(workbook, edited, "Källor", "title.sv", 2, "#N/A")
    book = openpyxl.load_workbook(edited)
    assert book["Källor"][place.partition("!")[2]].data_type == "e"
    assert problems_reading(edited) == [
        ("table.error-value", f"{place}: an error value (#N/A); enter the value")
    ]


def test_a_formula_in_a_key_column_keeps_its_message(workbook: Path, tmp_path: Path) -> None:
    """A formula where the project id should be is reported as a formula, not a lacking key."""
    edited = tmp_path / "edited.xlsx"
    place = edit_cell(workbook, edited, "Aktiviteter", "projects.id", 2, '=A1&""')
    assert problems_reading(edited) == [
        ("table.formula", f'{place}: a formula (=A1&""); enter its value')
    ]


def test_summary_reads_a_workbook(workbook: Path) -> None:
    """``grprojects summary`` reads any importable format, not only JSON."""
    result = CliRunner().invoke(main, ["summary", str(workbook)])
    assert result.exit_code == 0, result.output
    assert "2 projects" in result.output.splitlines()[0]


def test_summary_of_an_unknown_format_is_a_clear_error(tmp_path: Path) -> None:
    """A file no importer reads is a usage error (exit 2, as in convert) naming the file and
    the --from that summary has, without a traceback."""
    path = tmp_path / "anteckning.txt"
    path.write_text("hej", encoding="utf-8")
    result = CliRunner().invoke(main, ["summary", str(path)])
    assert result.exit_code == 2
    assert f"cannot tell the format of {path}; name it with --from (" in result.output
    assert "Traceback" not in result.output


def test_the_ics_page_sample_runs() -> None:
    """The Python sample on the calendar page runs as written, imports included."""
    page = (Path(__file__).parents[2] / "docs" / "formats" / "ics.md").read_text(encoding="utf-8")
    (sample,) = re.findall(r"```python\n(.*?)```", page, re.DOTALL)
    root = Path(__file__).parents[2]
    sample = sample.replace('"examples/', f'"{root.as_posix()}/examples/')
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        exec(compile(sample, "ics.md", "exec"), {})  # noqa: S102 - the page's own sample
    assert output.getvalue().split()[0].isdigit()
