"""Speed and memory of the Kohesio importer on generated lists of operations.

The default suite imports 1,000 rows. The issue's figure, 10,000 rows in under 10 s, is
measured with ``GRPROJECTS_KOHESIO_ROWS=10000`` (see docs/sources/kohesio.md)::

    GRPROJECTS_KOHESIO_ROWS=10000 .venv/bin/python -m pytest -q \
        plugins/grprojects-projectbanks/tests/test_kohesio_speed.py
"""

from __future__ import annotations

import csv
import os
import time
import tracemalloc
from pathlib import Path

from grprojects_projectbanks.kohesio import read_operations

from grprojects.lookups import luhn_check_digit

ROWS = int(os.environ.get("GRPROJECTS_KOHESIO_ROWS", "1000"))
SECONDS_PER_10K = 10.0

HEADINGS = [
    "Operation_Unique_Identifier",
    "Operation_Local_Identifier",
    "Operation_Name_Programme_Language",
    "Operation_Name_English",
    "Operation_Summary_Programme_Language",
    "Operation_Summary_English",
    "Operation_Start_Date",
    "Operation_End_Date",
    "Total_Eligible_Expenditure_amount",
    "Total_Eligible_Expenditure_Currency",
    "Project_EU_Budget",
    "Cofinancing_Rate",
    "Fund_Code",
    "Programme_Name",
    "Programming_Period",
    "Country",
    "NUTS3_Code",
    "Beneficiary_Name",
    "Beneficiary_Local_Identifier",
    "Padding",
]
NUTS3 = ["SE110", "SE121", "SE224", "SE231", "SE232", "SE311", "SE332"]
FUNDS = [("ERDF", "Västsverige", "2014-2020"), ("ESF+", "ESF+", "2021-2027")]


def orgnr(number: int) -> str:
    """A valid invented organisationsnummer (group 556, companies)."""
    digits = f"556{number:06d}"
    return f"{digits[:6]}-{digits[6:]}{luhn_check_digit(digits)}"


def write_operations(path: Path, rows: int, padding: int = 0) -> Path:
    """A list of ``rows`` invented Swedish operations, as Kohesio writes one, at ``path``.

    Every row has a ``Padding`` column of ``padding`` characters that the importer does
    not read, to show that the file is never held whole.
    """
    filler = "x" * padding
    with path.open("w", encoding="utf-8-sig", newline="") as file:
        writer = csv.writer(file, lineterminator="\r\n")
        writer.writerow(HEADINGS)
        for n in range(rows):
            fund, programme, period = FUNDS[n % 2]
            writer.writerow(
                [
                    f"https://linkedopendata.eu/entity/Q{8_000_000 + n}",
                    f"2021SE05SFPR001_{n:06d}",
                    f"Påhittad insats {n}",
                    f"Invented operation {n}",
                    f"En påhittad insats, nummer {n}, för att mäta importen.",
                    f"An invented operation, number {n}.",
                    f"{1 + n % 28:02d}/{1 + n % 12:02d}/2022",
                    f"{1 + n % 28:02d}/{1 + n % 12:02d}/2025",
                    f"{100_000 + n}.50",
                    "EUR",
                    f"{40_000 + n}.20",
                    "40.0",
                    fund,
                    programme,
                    period,
                    "Sweden",
                    NUTS3[n % len(NUTS3)],
                    f"Påhittat bolag {n % 3000} AB",
                    orgnr(n % 3000),
                    filler,
                ]
            )
    return path


def test_a_generated_list_imports_within_the_time_limit(tmp_path: Path) -> None:
    """ROWS generated operations import in proportion to 10 s per 10,000, every one counted.

    The bound is on CPU time: the machine's two cores are shared, and waiting for them
    is no part of the importer's speed. The wall-clock time is printed beside it."""
    path = write_operations(tmp_path / "operations.csv", ROWS)
    began, cpu = time.perf_counter(), time.process_time()
    imported = read_operations(path)
    seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
    print(f"\n{ROWS} Kohesio rows imported in {seconds:.2f} s ({cpu:.2f} s of CPU)")
    assert imported.records is not None
    assert (imported.records.imported, imported.records.total) == (ROWS, ROWS)
    assert len(imported.dataset.projects) == ROWS
    assert (
        len(imported.dataset.organisations) == min(ROWS, 3000) + 5
    )  # the Commission, two funds, two authorities
    assert cpu < SECONDS_PER_10K * max(ROWS, 1000) / 10_000


def _peak(path: Path) -> int:
    """The most memory, in bytes, allocated at once while importing ``path``."""
    tracemalloc.start()
    try:
        read_operations(path)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_the_file_is_streamed_not_held(tmp_path: Path) -> None:
    """300 rows padded with 20 KB each that the importer does not read (6 MB more file)
    take less than 1 MB more memory than the same rows unpadded: only the dataset is kept,
    never the file."""
    plain = write_operations(tmp_path / "plain.csv", 300)
    padded = write_operations(tmp_path / "padded.csv", 300, padding=20_000)
    assert padded.stat().st_size - plain.stat().st_size > 5_900_000
    read_operations(plain)  # the code lists and lookups, loaded once, are not the file's
    assert _peak(padded) < _peak(plain) + 1_000_000
