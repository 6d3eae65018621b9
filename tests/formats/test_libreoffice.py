"""LibreOffice's saves of our exports read back to the dataset that was exported.

The committed saves (made by ``python -m tests.formats.libreoffice``) are read on
every run; where LibreOffice is installed, one more test has it save fresh exports.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from grprojects import Text
from grprojects.formats import read_dataset, write_dataset
from grprojects.formats._cell_limit import MAX_CELL_TEXT
from grprojects.model import Dataset
from grprojects.model.fields import LONGEST_TEXT
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
    """LibreOffice opens today's XLSX and ODS exports and saves both as XLSX, unchanged; the
    longest text, written with 10,922 XLSX escapes (``_x0001_``), survives its save too, while a
    text of 32,766 characters beyond U+FFFF is cut to Excel's 32,767 UTF-16 units."""
    ours = tmp_path / "ours"
    ours.mkdir()
    write_dataset(example, ours / "from-xlsx.xlsx")
    write_dataset(example, ours / "from-ods.ods")
    escaped, astral = ("ab\x01" * LONGEST_TEXT)[:LONGEST_TEXT], "𝄞" * LONGEST_TEXT
    names = [Text(sv=escaped), Text(sv=astral)]
    organisations = [o.evolve(name=n) for o, n in zip(example.organisations, names, strict=False)]
    long = example.evolve(organisations=[*organisations, *example.organisations[2:]])
    assert write_dataset(long, ours / "long.xlsx")  # the note on the astral text
    assert libreoffice.SOFFICE is not None
    libreoffice.convert_all(sorted(ours.iterdir()), "xlsx", tmp_path)
    for name in ("from-xlsx.xlsx", "from-ods.xlsx"):
        assert read_dataset(tmp_path / "out" / name) == example, name
    saved = read_dataset(tmp_path / "out" / "long.xlsx").organisations
    assert saved[0].name.sv == escaped
    assert saved[1].name.sv == "𝄞" * (MAX_CELL_TEXT // 2)
