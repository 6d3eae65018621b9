"""Property: a Kohesio import never lets a sole trader's personnummer or name through.

A list of operations names no contact persons (the regulations publish beneficiaries,
not people), so the only personal data a row can carry is a sole trader's: the
beneficiary's identifier, which is then the owner's personnummer, and the firm's name,
often the owner's own. Whatever form the number is written in, neither appears in the
dataset, in its public export, or in any diagnostic.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import tempfile
from pathlib import Path

from grprojects_projectbanks.kohesio import read_operations
from hypothesis import given, settings
from hypothesis import strategies as st

from grprojects import dumps, public
from grprojects.lookups import luhn_check_digit

HEADINGS = [
    "Operation_Unique_Identifier",
    "Operation_Local_Identifier",
    "Operation_Name_English",
    "Operation_Name_Programme_Language",
    "Country",
    "NUTS3_Code",
    "Operation_Start_Date",
    "Operation_End_Date",
    "Total_Eligible_Expenditure_amount",
    "Total_Eligible_Expenditure_Currency",
    "Project_EU_Budget",
    "Cofinancing_Rate",
    "Beneficiary_Name",
    "Beneficiary_Local_Identifier",
    "Fund_Code",
    "Programme_Name",
    "Programming_Period",
]


@st.composite
def personnummer(draw: st.DrawFn) -> tuple[str, str]:
    """A valid personnummer as a list may write it, and its ten digits."""
    born = draw(st.dates(dt.date(1930, 1, 1), dt.date(2009, 12, 31)))
    serial = draw(st.integers(0, 999))
    nine = f"{born:%y%m%d}{serial:03d}"
    ten = f"{nine}{luhn_check_digit(nine)}"
    written = draw(
        st.sampled_from(
            [
                f"{ten[:6]}-{ten[6:]}",
                ten,
                f"{born.year // 100}{ten}",
                f"{born.year // 100}{ten[:6]}-{ten[6:]}",
                f"SE{ten}01",
                f"{ten[:6]} {ten[6:]}",
            ]
        )
    )
    return written, ten


names = st.from_regex(r"[A-ZÅÄÖ][a-zåäö]{3,9} [A-ZÅÄÖ][a-zåäö]{4,12}son", fullmatch=True)


def _file(rows: list[tuple[str, str]]) -> str:
    text = io.StringIO(newline="")
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(HEADINGS)
    for n, (name, number) in enumerate(rows):
        writer.writerow(
            [
                f"https://linkedopendata.eu/entity/Q{7_000_000 + n}",
                f"2021SE05SFPR001_{n}",
                "Invented",
                "Påhittad",
                "Sweden",
                "SE232",
                "01/01/2024",
                "31/12/2025",
                "1000",
                "EUR",
                "400",
                "40",
                f"{name} Konsult",
                number,
                "ESF+",
                "ESF+",
                "2021-2027",
            ]
        )
    return text.getvalue()


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(names, personnummer()), min_size=1, max_size=4))
def test_no_sole_trader_leaves_through_an_import(rows: list[tuple[str, tuple[str, str]]]) -> None:
    """Every sole trader's row is imported with a warning, and neither the number (in any
    form) nor the name is in the dataset, its public export or a diagnostic."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "operations.csv"
        path.write_text(_file([(name, written) for name, (written, _) in rows]), "utf-8")
        imported = read_operations(path)
    assert imported.records is not None
    assert imported.records.with_warnings == len(rows)
    said = "\n".join(d.message for d in imported.diagnostics)
    for text in (dumps(imported.dataset), dumps(public(imported.dataset)), said):
        digits = text.replace("-", "").replace(" ", "")
        for name, (_, ten) in rows:
            assert name not in text
            assert ten not in digits
