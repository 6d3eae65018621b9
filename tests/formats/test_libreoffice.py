"""LibreOffice's saves of our exports read back to the dataset that was exported.

The committed saves (made by ``python -m tests.formats.libreoffice``) are read on
every run; where LibreOffice is installed, one more test has it save fresh exports.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from grprojects.formats import read_dataset, write_dataset
from grprojects.model import Dataset
from tests.formats import libreoffice


def test_an_xlsx_export_resaved_by_libreoffice_reads_back_equal(example: Dataset) -> None:
    """LibreOffice's booleans (=TRUE(), =FALSE()), shared strings and numbers are read."""
    assert read_dataset(libreoffice.RESAVED_XLSX) == example


def test_an_ods_written_by_libreoffice_reads_back_equal(example: Dataset) -> None:
    """LibreOffice's ODS of our XLSX export (booleans as of:=TRUE() formulas) is read."""
    assert read_dataset(libreoffice.LIBREOFFICE_ODS) == example


@pytest.mark.skipif(libreoffice.SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_saves_of_fresh_exports_read_back_equal(
    example: Dataset, tmp_path: Path
) -> None:
    """LibreOffice opens today's XLSX and ODS exports and saves both as XLSX, unchanged."""
    ours = tmp_path / "ours"
    ours.mkdir()
    write_dataset(example, ours / "from-xlsx.xlsx")
    write_dataset(example, ours / "from-ods.ods")
    assert libreoffice.SOFFICE is not None
    libreoffice.convert_all(sorted(ours.iterdir()), "xlsx", tmp_path)
    for name in ("from-xlsx.xlsx", "from-ods.xlsx"):
        assert read_dataset(tmp_path / "out" / name) == example, name
