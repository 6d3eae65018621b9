"""The columns of a Kohesio list of operations: which are read, which are required, and
how a file is recognised by its heading row.

Kohesio's exports have grown columns between programme periods (about 40 for 2014–2020,
44 for 2021–2027), so the heading row, not a position, says where each column is. The
columns named here are read; any other is tolerated and named once in a note, since
its values are not imported.
"""

from __future__ import annotations

import csv
import difflib
from collections.abc import Mapping, Sequence
from typing import Final

import attrs

REQUIRED: Final[tuple[tuple[str, ...], ...]] = (
    ("Operation_Unique_Identifier",),
    ("Operation_Local_Identifier",),
    ("Operation_Name_English",),
    ("Operation_Name_Programme_Language",),
    ("Country", "CountryCode"),
    ("NUTS3_Code",),
    ("Operation_Start_Date",),
    ("Operation_End_Date",),
    ("Total_Eligible_Expenditure_amount",),
    ("Total_Eligible_Expenditure_Currency",),
    ("Project_EU_Budget",),
    ("Cofinancing_Rate",),
    ("Beneficiary_Name",),
    ("Beneficiary_Local_Identifier",),
    ("Fund_Code",),
    ("Programme_Name",),
    ("Programming_Period",),
)
"""The columns every list of operations has; where a tuple names two, either will do
(some exports write the country's name in ``Country``, others its code in ``CountryCode``)."""

OPTIONAL: Final = (
    "Country",
    "CountryCode",
    "Operation_Summary_English",
    "Operation_Summary_Programme_Language",
    "Programme_Code",
)
"""Columns read when they are there."""

READ: Final = frozenset(name for names in REQUIRED for name in names) | frozenset(OPTIONAL)
"""Every column whose values are imported."""

SIGNATURE: Final = frozenset(
    {
        "Operation_Unique_Identifier",
        "Operation_Local_Identifier",
        "Operation_Name_Programme_Language",
        "Project_EU_Budget",
        "Beneficiary_Name",
        "Fund_Code",
    }
)
"""Headings that together tell a Kohesio list from any other CSV file."""

SIGNATURE_NEEDED: Final = 4
"""How many of :data:`SIGNATURE` a heading row must have to be a list of operations: a
file that lacks a few is still claimed, so that its missing columns can be named."""


def _key(heading: str) -> str:
    return heading.strip().casefold()


_CANONICAL: Final = {_key(name): name for name in READ}


@attrs.frozen
class Header:
    """Where each read column is in a file, and what else the heading row holds."""

    positions: Mapping[str, int]
    """Column name (as this module writes it) → its index in a row."""
    others: tuple[str, ...]
    """Headings of columns that are not read, as the file writes them."""
    width: int
    """How many cells the heading row has."""


class HeaderError(ValueError):
    """The heading row lacks required columns or names one twice; the message says which."""


def read_header(cells: Sequence[str]) -> Header:
    """The :class:`Header` of a heading row; :class:`HeaderError` naming every missing or
    doubled column, with the nearest heading the file has for each missing one.

    Headings are matched ignoring case and surrounding spaces.
    """
    positions: dict[str, int] = {}
    others: list[str] = []
    doubled: list[str] = []
    for index, heading in enumerate(cells):
        name = _CANONICAL.get(_key(heading))
        if name is None:
            if heading.strip():
                others.append(heading.strip())
        elif name in positions:
            doubled.append(name)
        else:
            positions[name] = index
    missing = [names for names in REQUIRED if not any(n in positions for n in names)]
    problems = [f"{name} appears twice" for name in doubled]
    if missing:
        problems.append(
            "missing required columns: " + "; ".join(_missing(m, others) for m in missing)
        )
    if problems:
        raise HeaderError(", ".join(problems))
    return Header(positions, tuple(others), len(cells))


def _missing(names: tuple[str, ...], others: Sequence[str]) -> str:
    """``names`` as missing, with the file's nearest heading when one is close."""
    wanted = " or ".join(names)
    by_key = {_key(o): o for o in others}
    near = difflib.get_close_matches(_key(names[0]), list(by_key), n=1, cutoff=0.75)
    return f"{wanted} (the file has {by_key[near[0]]!r})" if near else wanted


def delimiter_of(first_line: str) -> str:
    """The delimiter of the heading line: a comma, as Kohesio writes, or the semicolon
    of a file a Swedish spreadsheet saved again."""
    return ";" if first_line.count(";") > first_line.count(",") else ","


def looks_like_operations(head: bytes) -> bool:
    """Whether the first bytes of a file begin with a Kohesio heading row."""
    text = head.decode("utf-8", errors="replace").removeprefix("\ufeff")
    first = text.splitlines()[0] if text else ""
    try:
        cells = next(csv.reader([first], delimiter=delimiter_of(first)))
    except (csv.Error, StopIteration):
        return False
    found = {_CANONICAL.get(_key(cell)) for cell in cells}
    return len(SIGNATURE & found) >= SIGNATURE_NEEDED
