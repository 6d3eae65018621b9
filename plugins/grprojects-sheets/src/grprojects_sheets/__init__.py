"""Import the activity lists municipalities keep as CSV or XLSX, with Swedish headings.

The importer ``sheets`` reads one sheet of activities (see
:mod:`grprojects_sheets.activities` for the layout) into a dataset holding one
project. It returns an :class:`grprojects.plugin_types.Imported`: the dataset of the
good rows, every bad cell (an error: its row is left out) and every doubtful one (a
warning: its row is kept), and the rows' :class:`~grprojects.plugin_types.RecordTally`;
``grprojects convert`` tells it all, and refuses to write a partial list without
``--partial``. :func:`read_activities` gives the same without the hook.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from grprojects import hookimpl
from grprojects.plugin_types import Imported, Importer

from .codes import CODES

if TYPE_CHECKING:
    from .activities import COLUMNS, SheetImport, read_activities

__all__ = ["COLUMNS", "SheetImport", "read", "read_activities"]
__version__ = "0.1.0"

FORMAT: Final = "sheets"


def __getattr__(name: str) -> Any:
    """:mod:`.activities`' names, imported when first asked for: grprojects loads this
    plugin for every command, which should not cost a ``validate`` the sheet reader."""
    if name in {"COLUMNS", "SheetImport", "read_activities"}:
        from . import activities

        return getattr(activities, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def read(path: Path) -> Imported:
    """The activity list at ``path``: the good rows' dataset, every remark, the rows' tally."""
    from .activities import read_activities

    imported = read_activities(path)
    return Imported(imported.dataset, imported.diagnostics, imported.rows)


def looks_like_activity_list(path: Path) -> bool:
    """Whether a sheet of ``path`` has a heading row with ``Aktivitet`` and ``Typ`` and no ``id``.

    grprojects' own workbook export has id columns; a hand-kept activity list has not.
    """
    from .table import read_tables

    try:
        tables = read_tables(path)
    except Exception:  # noqa: BLE001 - a file we cannot read is simply not ours to claim
        return False
    for table in tables:
        for _, row in table.rows[:20]:
            headings = {str(v).strip().lower() for v in row if v is not None}
            if {"aktivitet", "typ"} <= headings and "id" not in headings:
                return True
    return False


@hookimpl
def register_importers() -> list[Importer]:
    """The activity-list importer."""
    return [
        Importer(
            FORMAT,
            "An activity list with Swedish headings (Aktivitet, Typ, Datum …), CSV or XLSX",
            (".csv", ".xlsx"),
            read,
            codes=CODES,
        )
    ]


@hookimpl
def choose_importer(path: Path, head: bytes) -> str | None:
    """Claim CSV and XLSX files whose headings are an activity list's."""
    if path.suffix.lower() not in {".csv", ".xlsx"}:
        return None
    return FORMAT if looks_like_activity_list(path) else None
