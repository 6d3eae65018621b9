"""Workbooks and CSV zips exported under an earlier schema version read back.

The fixtures in ``fixtures/before-1.1`` were written by the exporter of commit
``d58c216`` (main just before schema 1.1), from that commit's example
(``gr-projects-1.0.json``): they lack every sheet and column 1.1 added.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from grprojects import DocumentError, load
from grprojects.formats import read_dataset, write_dataset
from grprojects.formats._tree import record_kinds
from grprojects.formats.tabular import sheet_name
from grprojects.model import Dataset
from grprojects.upgrades import upgrade

BEFORE = Path(__file__).parent / "fixtures" / "before-1.1"
FORMATS = ("xlsx", "csv.zip", "ods")


def _kind(name: str) -> str:
    """The sheet name of the record kind ``name`` (``projects.areas``)."""
    return sheet_name(next(k for k in record_kinds() if k.name == name))


def _problems(path: Path) -> list[tuple[str, str]]:
    with pytest.raises(DocumentError) as raised:
        read_dataset(path)
    return [(d.code, d.message) for d in raised.value.diagnostics]


@pytest.mark.parametrize("suffix", FORMATS)
def test_an_export_from_before_1_1_reads_back_equal(suffix: str) -> None:
    """A 1.0 export without 1.1's sheets and columns reads as the 1.0 example, and upgrades
    to the example as 1.1 upgrades it."""
    example: Dataset = load(BEFORE / "gr-projects-1.0.json")
    read = read_dataset(BEFORE / f"gr-projects-1.0.{suffix}")
    assert read.version == "1.0"
    assert read == example
    assert upgrade(read) == upgrade(example)
    assert upgrade(read).version == "1.1"


def test_a_1_0_workbook_still_needs_the_sheets_and_columns_1_0_has(tmp_path: Path) -> None:
    """Deleting a sheet or column that 1.0 had is still refused in a 1.0 workbook."""
    book = openpyxl.load_workbook(BEFORE / "gr-projects-1.0.xlsx")
    del book[_kind("projects.activities.figures")]
    sheet = book[_kind("projects")]
    sheet.delete_cols(next(c.column for c in sheet[1] if str(c.value).endswith("(name.sv)")))
    edited = tmp_path / "edited.xlsx"
    book.save(edited)
    problems = _problems(edited)
    assert ("table.missing-sheet", _kind("projects.activities.figures")) in [
        (c, m.partition(":")[0]) for c, m in problems
    ]
    heading = f"{_kind('projects')}!1:1: no column 'name.sv'"
    assert any(c == "table.missing-column" and m.startswith(heading) for c, m in problems)


def test_a_1_1_export_needs_the_sheets_1_1_added(tmp_path: Path) -> None:
    """A 1.1 CSV zip without the sheet of project areas (new in 1.1) is refused."""
    path = tmp_path / "gr.csv.zip"
    write_dataset(upgrade(load(BEFORE / "gr-projects-1.0.json")), path)
    edited = tmp_path / "edited.csv.zip"
    areas = f"{_kind('projects.areas')}.csv"
    with zipfile.ZipFile(path) as old, zipfile.ZipFile(edited, "w") as new:
        for name in old.namelist():
            if name != areas:
                new.writestr(name, old.read(name))
    assert [c for c, _ in _problems(edited)] == ["table.missing-sheet"]


def test_a_1_1_export_named_1_0_is_checked_by_1_0s_rules(tmp_path: Path) -> None:
    """A workbook saying 1.0 but holding values of 1.1's fields is refused by 1.0's schema,
    not read as a 1.1 dataset."""
    path = tmp_path / "gr.csv.zip"
    write_dataset(load(Path(__file__).parents[2] / "examples" / "gr-projects.json"), path)
    edited = tmp_path / "edited.csv.zip"
    dataset_sheet = f"{_kind('')}.csv"
    with zipfile.ZipFile(path) as old, zipfile.ZipFile(edited, "w") as new:
        for name in old.namelist():
            data = old.read(name)
            if name == dataset_sheet:
                data = data.replace(b"\n1.1,", b"\n1.0,", 1)
            new.writestr(name, data)
    codes = {c for c, _ in _problems(edited)}
    assert codes == {"schema.unknown-key"}
