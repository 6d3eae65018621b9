"""Whatever a spreadsheet writer writes, its own reader reads back: the writers refuse, by
sheet and before writing anything, what the readers would refuse (rows, columns, cells).

The limits are lowered for the test; the writers read them when they write.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from grprojects import DocumentError
from grprojects.formats import _archive, ods, read_dataset, write_dataset
from grprojects.model import Dataset

CELL_LIMITS = {
    "xlsx": (_archive, "MAX_CELLS"),
    "csv": (_archive, "MAX_CELLS"),
    "ods": (ods, "MAX_CELLS"),
}
"""Where each format's reader keeps its limit on the cells of all sheets together."""


def _refusal(dataset: Dataset, path: Path, fmt: str) -> DocumentError:
    with pytest.raises(DocumentError) as raised:
        write_dataset(dataset, path, format_name=fmt, force=True)
    return raised.value


@pytest.mark.parametrize("fmt", sorted(CELL_LIMITS))
def test_the_writer_counts_the_cells_exactly_as_its_reader_does(
    example: Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    """At the count the writer states the file is written and read back equal; one cell
    fewer allowed and the writer refuses it (the file already there untouched), as the
    reader then refuses the file written before."""
    module, name = CELL_LIMITS[fmt]
    path = tmp_path / f"gr.{fmt}"
    monkeypatch.setattr(module, name, 10)
    (problem,) = _refusal(example, path, fmt).diagnostics
    assert problem.code == "table.too-many-cells"
    found = re.match(r"([0-9,]+) cells in all sheets", problem.message)
    assert found is not None, problem.message
    cells = int(found.group(1).replace(",", ""))
    assert cells > 1_000
    monkeypatch.setattr(module, name, cells)
    write_dataset(example, path, format_name=fmt)
    assert read_dataset(path, format_name=fmt) == example
    monkeypatch.setattr(module, name, cells - 1)
    other = tmp_path / f"other.{fmt}"
    other.write_bytes(b"before")
    assert [d.code for d in _refusal(example, other, fmt).diagnostics] == ["table.too-many-cells"]
    assert other.read_bytes() == b"before"
    with pytest.raises(DocumentError) as raised:
        read_dataset(path, format_name=fmt)
    assert "cells" in raised.value.diagnostics[0].message


@pytest.mark.parametrize("fmt", ["csv", "ods", "xlsx"])
def test_a_sheet_past_the_readers_rows_or_columns_is_refused_by_name(
    example: Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    """Rows and columns past what the reader takes are refused naming the sheet and, for
    rows, the first record that does not fit; nothing is written."""
    monkeypatch.setattr(_archive, "MAX_ROWS", 22)
    monkeypatch.setattr(_archive, "MAX_COLUMNS", 12)
    monkeypatch.setattr(ods, "MAX_COLUMNS", 12)
    path = tmp_path / f"gr.{fmt}"
    problems = _refusal(example, path, fmt).diagnostics
    rows = [d for d in problems if d.code == "table.too-many-rows"]
    assert rows[0].message.startswith("Deltagande: ")
    assert rows[0].pointer.startswith("/projects/")
    columns = {d.message.split(":")[0] for d in problems if d.code == "table.too-many-columns"}
    assert "Aktiviteter" in columns
    assert not path.exists()
