"""OpenDocument spreadsheets: the XLSX layout in LibreOffice's own format, both ways."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from xml.etree.ElementTree import Element

import pytest
from defusedxml.ElementTree import fromstring
from hypothesis import given
from hypothesis import strategies as st
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableRow

from grprojects import DocumentError
from grprojects.formats import _cells, choose_importer, ods, read_dataset, write_dataset
from grprojects.model import Dataset

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"


@pytest.fixture(scope="module")
def spreadsheet(example: Dataset, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example written as an ODS file, once for the module (tests only read it)."""
    path = tmp_path_factory.mktemp("ods") / "gr.ods"
    write_dataset(example, path)
    return path


def _content(path: Path) -> Element:
    with zipfile.ZipFile(path) as archive:
        root: Element = fromstring(archive.read("content.xml"))
    return root


def _replace_content(path: Path, target: Path, edit: str, by: str) -> None:
    """Copy the ODS at ``path`` to ``target`` with ``edit`` in its content.xml replaced."""
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w") as copy:
        for member in source.infolist():
            data = source.read(member)
            if member.filename == "content.xml":
                text = data.decode()
                assert edit in text
                data = text.replace(edit, by, 1).encode()
            copy.writestr(member, data)


def test_example_round_trips(spreadsheet: Path, example: Dataset) -> None:
    """The example read back from its ODS file equals the example."""
    assert read_dataset(spreadsheet) == example


def test_an_ods_is_recognised_by_its_mimetype(spreadsheet: Path, tmp_path: Path) -> None:
    """A spreadsheet saved under another name is still read as ODS."""
    renamed = tmp_path / "export.zip"
    renamed.write_bytes(spreadsheet.read_bytes())
    assert choose_importer(path=renamed, head=renamed.read_bytes()[:256]) == "ods"


def test_cells_have_their_value_types(spreadsheet: Path) -> None:
    """Amounts are floats, booleans booleans, codes text with their Swedish names."""
    content = _content(spreadsheet)
    types = {
        (cell.get(f"{{{_OFFICE}}}value-type"), cell.get(f"{{{_OFFICE}}}value"))
        for cell in content.iter(f"{{{_TABLE}}}table-cell")
    }
    assert ("float", "12800000") in types
    assert ("boolean", None) in types
    texts = {"".join(cell.itertext()) for cell in content.iter(f"{{{_TABLE}}}table-cell")}
    assert "owner – projektägare" in texts


def _cell_read_back(value: str) -> object:
    """``value`` written as the one cell of a one-sheet document, and read back."""
    document = OpenDocumentSpreadsheet()
    table, row = Table(name="t"), TableRow()
    row.addElement(ods._cell(value))
    table.addElement(row)
    document.spreadsheet.addElement(table)
    buffer = io.BytesIO()
    document.write(buffer)
    with zipfile.ZipFile(buffer) as archive:
        ((_, rows),) = ods._sheets(io.BytesIO(archive.read("content.xml")))
    ((found,),) = rows
    return _cells.restore(found) if isinstance(found, str) else found


@given(st.text(alphabet=" \t\nab'=_x0D\r\x01\x98\U0001fffe", max_size=12))
def test_text_with_any_spacing_survives(text: str) -> None:
    """Leading, trailing and repeated spaces, tabs, line breaks and control characters survive."""
    assert _cell_read_back(text) == text


def test_repeated_filled_rows_past_the_limit_are_refused(spreadsheet: Path, tmp_path: Path) -> None:
    """A row repeated two million times is refused before it is unfolded."""
    target = tmp_path / "bomb.ods"
    _replace_content(
        spreadsheet,
        target,
        "<table:table-row>",
        '<table:table-row table:number-rows-repeated="2000000"><table:table-cell '
        'office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>'
        "<table:table-row>",
    )
    with pytest.raises(DocumentError) as raised:
        read_dataset(target)
    (problem,) = raised.value.diagnostics
    assert problem.code == "ods.too-large"


def test_malformed_content_is_a_located_error_and_prints_nothing(
    spreadsheet: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Broken XML is one error naming the file; none of the document reaches the output."""
    target = tmp_path / "broken.ods"
    _replace_content(spreadsheet, target, "<table:table-row>", "<table:table-row><oops>")
    with pytest.raises(DocumentError) as raised:
        read_dataset(target)
    (problem,) = raised.value.diagnostics
    assert (problem.code, problem.file) == ("ods.unreadable", str(target))
    assert capsys.readouterr().out == ""


def test_entity_declarations_are_refused(spreadsheet: Path, tmp_path: Path) -> None:
    """An internal entity (the start of an entity bomb) is refused, not expanded."""
    target = tmp_path / "entity.ods"
    _replace_content(
        spreadsheet,
        target,
        "?>",
        '?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>',
    )
    with pytest.raises(DocumentError) as raised:
        read_dataset(target)
    assert raised.value.diagnostics[0].code == "ods.unreadable"


def test_a_formula_that_computes_is_reported(spreadsheet: Path, tmp_path: Path) -> None:
    """A cell with a formula other than TRUE()/FALSE() is named, not read from its cache."""
    target = tmp_path / "formula.ods"
    _replace_content(
        spreadsheet,
        target,
        '<table:table-cell office:value-type="float" office:value="12800000">',
        '<table:table-cell table:formula="of:=[.A1]*2" office:value-type="float" '
        'office:value="12800000">',
    )
    with pytest.raises(DocumentError) as raised:
        read_dataset(target)
    (problem,) = raised.value.diagnostics
    assert problem.code == "table.formula"
    assert problem.message.startswith("Finansiering!")
    assert problem.pointer == "/projects/0/funding/0/amount/amount"
