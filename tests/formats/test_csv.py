"""CSV: a zip of one file per sheet, RFC 4180 and UTF-8, read back without loss."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest

from grprojects import DocumentError
from grprojects.formats import read_dataset, tabular, write_dataset
from grprojects.model import Dataset


@pytest.fixture
def bundle(example: Dataset, tmp_path: Path) -> Path:
    """The example written as a zip of CSV files."""
    path = tmp_path / "gr.csv.zip"
    write_dataset(example, path)
    return path


def test_example_round_trips(bundle: Path, example: Dataset) -> None:
    """The example read back from its CSV files equals the example."""
    assert read_dataset(bundle) == example


def test_one_plain_file_per_sheet(bundle: Path) -> None:
    """The archive holds exactly one CSV per sheet, flat, named after the sheet."""
    with zipfile.ZipFile(bundle) as archive:
        names = archive.namelist()
    assert names == [f"{name}.csv" for name in tabular.sheet_names()]
    assert all("/" not in n and "\\" not in n and not n.startswith(".") for n in names)


def test_files_are_utf8_with_bom_and_crlf(bundle: Path) -> None:
    """Each file starts with a byte-order mark and ends its lines with CRLF."""
    with zipfile.ZipFile(bundle) as archive:
        data = archive.read("Organisationer.csv")
    assert data.startswith(b"\xef\xbb\xbfId (id),Namn (name.sv),")
    assert b"\r\n" in data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[4][1] == "Göteborgs Stad"


def test_equal_data_gives_equal_archives(example: Dataset, tmp_path: Path) -> None:
    """Two exports of one dataset are byte for byte the same."""
    write_dataset(example, tmp_path / "a.csv.zip")
    write_dataset(example, tmp_path / "b.csv.zip")
    assert (tmp_path / "a.csv.zip").read_bytes() == (tmp_path / "b.csv.zip").read_bytes()


def _rewrite(source: Path, target: Path, extra: dict[str, bytes]) -> None:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for name in old.namelist():
            if name not in extra:
                new.writestr(name, old.read(name))
        for name, data in extra.items():
            new.writestr(name, data)


@pytest.mark.parametrize("name", ["../utanför.csv", "katalog/Projekt.csv", "anteckning.txt"])
def test_members_outside_the_layout_are_refused(bundle: Path, tmp_path: Path, name: str) -> None:
    """A path, a folder or a file that is not a sheet is reported, and nothing is extracted."""
    path = tmp_path / "edited.csv.zip"
    _rewrite(bundle, path, {name: b"x"})
    with pytest.raises(DocumentError) as raised:
        read_dataset(path)
    (problem,) = raised.value.diagnostics
    assert problem.code == "csv.unexpected-file"
    assert repr(name) in problem.message
    assert not (tmp_path.parent / "utanför.csv").exists()


def test_a_file_that_is_not_utf8_is_reported(bundle: Path, tmp_path: Path) -> None:
    """A sheet saved in Latin-1 is named with the byte where decoding failed."""
    path = tmp_path / "latin.csv.zip"
    _rewrite(bundle, path, {"Källor.csv": "Id (id)\nkälla\n".encode("latin-1")})
    with pytest.raises(DocumentError) as raised:
        read_dataset(path)
    codes = [d.code for d in raised.value.diagnostics]
    assert "csv.encoding" in codes


def test_an_unknown_sheet_is_reported(bundle: Path, tmp_path: Path) -> None:
    """A CSV file named after no sheet is reported by name."""
    path = tmp_path / "extra.csv.zip"
    _rewrite(bundle, path, {"Budget.csv": b"Belopp (amount)\r\n100\r\n"})
    with pytest.raises(DocumentError) as raised:
        read_dataset(path)
    (problem,) = raised.value.diagnostics
    assert (problem.code, problem.message.partition(":")[0]) == ("table.unknown-sheet", "Budget")
