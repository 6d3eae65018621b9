"""``grprojects summary``: what it says of the example dataset."""

from __future__ import annotations

from pathlib import Path

from grprojects import load
from grprojects.cli.summary import describe

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "gr-projects.json"


def test_counts_of_one_are_singular() -> None:
    """A project with one funding statement says so, not "1 funding statements"."""
    lines = describe(load(EXAMPLE))
    assert "  3 sub-goals, 14 activities, 13 participations, 1 funding statement, 6 documents" in (
        lines
    )


def test_activity_dates_line_up_on_their_right_edge() -> None:
    """Dates are right-aligned to the project's longest one, so titles start in one column."""
    lines = describe(load(EXAMPLE))
    first = lines.index(
        "      5 februari 2019  Länderkunskap med fokus på Mellanöstern och Afrikas horn"
    )
    assert lines[first + 1 : first + 5] == [
        "         27 mars 2019  Tillit och bemötande med fokus på socialtjänsten",
        "          hösten 2019  Utbildning för kursledare",
        "    11 september 2019  Att göra socialtjänsten tillgänglig och begriplig",
        "      22 oktober 2019  Att arbeta med tolk",
    ]
