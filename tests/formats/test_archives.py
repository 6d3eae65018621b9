"""Damaged, hostile and oversized archives: each a located error with exit 1, in bounded time."""

from __future__ import annotations

import re
import shutil
import subprocess
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from grprojects import DocumentError
from grprojects.cli import cli
from grprojects.exitcodes import EXIT_INVALID
from grprojects.formats import _archive, csv, read_dataset, workbook, write_dataset
from grprojects.model import Dataset
from tests.formats import hostile

_SHEET = "xl/worksheets/sheet2.xml"
_ENDING = {"xlsx": ".xlsx", "csv": ".csv.zip"}
"""The workbook part of ``Organisationer``, the second sheet."""


@pytest.fixture(scope="module")
def exports(example: Dataset, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The example exported once as a workbook and as a CSV zip."""
    folder = tmp_path_factory.mktemp("exports")
    paths = {"xlsx": folder / "gr.xlsx", "csv": folder / "gr.csv.zip"}
    for path in paths.values():
        write_dataset(example, path)
    return paths


def _problem(path: Path) -> tuple[str, str]:
    with pytest.raises(DocumentError) as raised:
        read_dataset(path)
    first = raised.value.diagnostics[0]
    assert first.file == str(path)
    return first.code, first.message


def _measured(path: Path, warm: Path) -> tuple[str, str, int]:
    """:func:`_problem` and the peak of memory allocated meanwhile, imports made before."""
    read_dataset(warm)
    tracemalloc.start()
    try:
        code, message = _problem(path)
        return code, message, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _edited(source: Path, target: Path, member: str, edit: bytes | None) -> Path:
    hostile.rewrite(source, target, lambda name, data: edit if name == member else data)
    return target


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_corrupt_deflate_data_names_the_member(
    exports: dict[str, Path], tmp_path: Path, kind: str
) -> None:
    """A member whose compressed bytes are damaged is ``archive.unreadable``, by name."""
    source = exports[kind]
    with zipfile.ZipFile(source) as archive:
        member = max(archive.infolist(), key=lambda m: m.compress_size).filename
    path = tmp_path / f"damaged{_ENDING[kind]}"
    hostile.corrupt_deflate(source, path, member)
    code, message = _problem(path)
    assert code == "archive.unreadable"
    assert repr(member) in message


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_an_unsupported_compression_method_is_refused_by_its_header(
    exports: dict[str, Path], tmp_path: Path, kind: str
) -> None:
    """A bzip2 member is refused before it is unpacked, naming the method."""
    path = tmp_path / f"bzip2{_ENDING[kind]}"
    hostile.rewrite(exports[kind], path, lambda _, data: data, compress_type=zipfile.ZIP_BZIP2)
    code, message = _problem(path)
    assert code == "archive.compression"
    assert "method 12" in message


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_an_encrypted_member_is_refused(
    exports: dict[str, Path], tmp_path: Path, kind: str
) -> None:
    """A member flagged as encrypted is refused with a hint to save it without a password."""
    path = tmp_path / f"locked{_ENDING[kind]}"
    hostile.flip_flag(exports[kind], path, 0x1)
    assert _problem(path)[0] == "archive.encrypted"


def test_a_password_protected_workbook_is_named_as_such(tmp_path: Path) -> None:
    """Excel's encrypted workbooks are OLE files, not zips: the message says so."""
    path = tmp_path / "protected.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    code, message = _problem(path)
    assert code == "archive.unreadable"
    assert "without a password" in message


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
@pytest.mark.parametrize("keep", [0.3, 0.9, 0.999])
def test_a_truncated_archive_is_unreadable(
    exports: dict[str, Path], tmp_path: Path, kind: str, keep: float
) -> None:
    """A file cut short anywhere is ``archive.unreadable`` (no EOFError, no ``Aborted.``)."""
    data = exports[kind].read_bytes()
    path = tmp_path / f"cut{_ENDING[kind]}"
    path.write_bytes(data[: int(len(data) * keep)])
    assert _problem(path)[0] == "archive.unreadable"


def test_a_name_that_is_not_utf8_despite_the_flag_is_unreadable(
    exports: dict[str, Path], tmp_path: Path
) -> None:
    """A member name flagged UTF-8 that is not is refused, not a UnicodeDecodeError."""
    path = tmp_path / "bad-name.csv.zip"
    data = exports["csv"].read_bytes().replace("Källor".encode(), b"K\xe4llor\xff")
    path.write_bytes(data)
    assert _problem(path)[0] == "archive.unreadable"


def test_truncated_sheet_xml_is_located_by_member_line_and_column(
    exports: dict[str, Path], tmp_path: Path
) -> None:
    """Sheet XML cut short is reported with its member and where the parser stopped."""
    with zipfile.ZipFile(exports["xlsx"]) as archive:
        xml = archive.read(_SHEET)
    path = _edited(exports["xlsx"], tmp_path / "cut.xlsx", _SHEET, xml[: len(xml) // 2])
    code, message = _problem(path)
    assert code == "xlsx.unreadable"
    assert re.match(rf"{_SHEET}:\d+:\d+: not well-formed XML: ", message)


def test_a_malformed_attribute_is_named_by_sheet_and_row(
    exports: dict[str, Path], tmp_path: Path
) -> None:
    """An attribute openpyxl cannot read (a style index that is text) names the sheet."""
    with zipfile.ZipFile(exports["xlsx"]) as archive:
        xml = archive.read(_SHEET)
    broken = xml.replace(b'<c r="A3"', b'<c r="A3" s="x"', 1)
    path = _edited(exports["xlsx"], tmp_path / "attribute.xlsx", _SHEET, broken)
    code, message = _problem(path)
    assert code == "xlsx.unreadable"
    assert message.startswith("Organisationer: after row 2: openpyxl cannot read it")


_BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>&h;</t></is></c></row></sheetData></worksheet>"""
_XXE = b"""<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>&secret;</t></is></c></row></sheetData></worksheet>"""


@pytest.mark.parametrize("xml", [_BOMB, _XXE], ids=["entity-bomb", "external-entity"])
def test_a_dtd_is_refused_before_any_entity_is_expanded(
    exports: dict[str, Path], tmp_path: Path, xml: bytes
) -> None:
    """Entity bombs and external entities are refused at the DTD, with little memory."""
    path = _edited(exports["xlsx"], tmp_path / "entities.xlsx", _SHEET, xml)
    code, message, peak = _measured(path, exports["xlsx"])
    assert code == "xlsx.doctype"
    assert re.match(rf"{_SHEET}:2:\d+: declares a document type \(DTD\)", message)
    assert "root:" not in message
    assert peak < 5 * 2**20


def test_a_cell_in_the_last_column_is_refused_before_openpyxl_builds_the_row(
    exports: dict[str, Path], tmp_path: Path
) -> None:
    """One cell in column XFD per row (openpyxl filled 16,384 cells a row: 2.2 GB) is refused
    at its row, in well under a second and a few MiB."""
    path = tmp_path / "wide.xlsx"
    hostile.with_rows(exports["xlsx"], path, 3000)
    started = time.perf_counter()
    code, message, peak = _measured(path, exports["xlsx"])
    assert code == "archive.too-large"
    assert message.endswith(f"row 100: 16,384 columns; at most {_archive.MAX_COLUMNS:,} are read")
    assert time.perf_counter() - started < 5
    assert peak < 5 * 2**20


def test_cells_are_counted_across_sheets_before_they_are_kept(
    exports: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows narrow enough one by one still end at the total cell limit."""
    monkeypatch.setattr(_archive, "MAX_CELLS", 5_000)
    path = tmp_path / "many.xlsx"
    hostile.with_rows(exports["xlsx"], path, 200, column="Z")
    code, message = _problem(path)
    assert code == "archive.too-large"
    assert "more than 5,000 cells in all" in message


def test_a_cell_of_a_hundred_thousand_runs_is_refused(
    exports: dict[str, Path], tmp_path: Path
) -> None:
    """Elements within one row are bounded, so openpyxl never builds one huge rich text."""
    runs = b"<r><t>x</t></r>" * (workbook.MAX_RECORD_ELEMENTS // 2)
    xml = (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is>'
        + runs
        + b"</is></c></row></sheetData></worksheet>"
    )
    path = _edited(exports["xlsx"], tmp_path / "runs.xlsx", _SHEET, xml)
    code, message = _problem(path)
    assert code == "archive.too-large"
    assert message.startswith(f"{_SHEET}:1:")
    assert message.endswith("elements in one row or shared string")


def test_unknown_members_are_refused_before_any_is_parsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """190 members named after no sheet cost no parsing (at almost 1 MiB each they took
    4.8 GB before; ``hostile.member_flood`` makes that file too)."""
    path = tmp_path / "flood.csv.zip"
    hostile.member_flood(path, 190, 2**16)

    def parse(*_: object) -> None:
        raise AssertionError("a member was parsed")

    monkeypatch.setattr(csv, "_table", parse)
    with pytest.raises(DocumentError) as raised:
        read_dataset(path)
    assert {d.code for d in raised.value.diagnostics} == {"table.unknown-sheet"}
    assert len(raised.value.diagnostics) == 190


def test_csv_cells_are_counted_while_parsing(
    exports: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A CSV file wider than the column limit is refused at its row."""
    monkeypatch.setattr(_archive, "MAX_COLUMNS", 50)
    path = _edited(exports["csv"], tmp_path / "wide.csv.zip", "Källor.csv", b"," * 60)
    code, message = _problem(path)
    assert (code, message) == ("archive.too-large", "Källor!1:1: 61 columns; at most 50 are read")


def test_utf8_names_without_the_zip_flag_are_read(
    exports: dict[str, Path], example: Dataset, tmp_path: Path
) -> None:
    """A CSV zip whose UTF-8 names lack the UTF-8 flag (Info-ZIP, macOS) reads as written."""
    path = tmp_path / "info-zip.csv.zip"
    hostile.without_utf8_flag(exports["csv"], path)
    with zipfile.ZipFile(path) as archive:
        assert "Datamängd.csv" not in archive.namelist()  # Python's own reading: CP437
    assert read_dataset(path) == example


@pytest.mark.skipif(shutil.which("zip") is None, reason="Info-ZIP zip is not installed")
def test_a_bundle_rezipped_with_info_zip_is_read(
    exports: dict[str, Path], example: Dataset, tmp_path: Path
) -> None:
    """Unpacked and zipped again with Info-ZIP ``zip``, the bundle still reads."""
    folder = tmp_path / "gr-projects"
    folder.mkdir()
    with zipfile.ZipFile(exports["csv"]) as archive:
        for name in archive.namelist():
            (folder / name).write_bytes(archive.read(name))
    target = tmp_path / "again.zip"
    subprocess.run(
        ["zip", "-q", "-r", str(target), folder.name],
        cwd=tmp_path,
        check=True,
    )
    assert read_dataset(target, format_name="csv") == example


def test_the_command_line_exits_1_on_a_damaged_workbook(
    exports: dict[str, Path], tmp_path: Path
) -> None:
    """``convert`` reports a damaged workbook as invalid input, never as an internal error."""
    path = tmp_path / "damaged.xlsx"
    hostile.corrupt_deflate(exports["xlsx"], path, _SHEET)
    result = CliRunner().invoke(cli, ["convert", str(path), str(tmp_path / "out.json")])
    assert result.exit_code == EXIT_INVALID, result.output
    assert "archive.unreadable" in result.output
    assert "Aborted" not in result.output


_MAIN = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'


def test_a_row_outside_the_sheet_data_is_counted_too(
    exports: dict[str, Path], tmp_path: Path
) -> None:
    """openpyxl parses a ``row`` wherever it is in a sheet; so does the count."""
    xml = _MAIN + b'<sheetData/><extLst><row r="7"><c r="XFD7"/></row></extLst></worksheet>'
    path = _edited(exports["xlsx"], tmp_path / "hidden.xlsx", _SHEET, xml)
    assert _problem(path) == (
        "archive.too-large",
        f"{_SHEET}, row 7: 16,384 columns; at most {_archive.MAX_COLUMNS:,} are read",
    )


def test_elements_openpyxl_keeps_are_bounded(exports: dict[str, Path], tmp_path: Path) -> None:
    """Elements beside the rows, which openpyxl keeps in memory, are refused past the limit."""
    junk = b"<x/>" * (workbook.MAX_PART_ELEMENTS + 1)
    xml = _MAIN + b"<sheetData/><extLst>" + junk + b"</extLst></worksheet>"
    path = _edited(exports["xlsx"], tmp_path / "junk.xlsx", _SHEET, xml)
    code, message = _problem(path)
    assert code == "archive.too-large"
    assert message.endswith("elements outside rows in one part")
