"""Datasette metadata for the SQLite export: what each table and column holds.

The descriptions come from where everything else's do: each table's from its model
class, each column's from its field's documentation (personal fields say only that
they are personal data). Datasette shows them above each table and in its column
menus; the code tables are labelled by their Swedish ``title``, and each full-text
index is named for its table.

    grprojects convert gr-projects.json gr.sqlite
    python -m grprojects.formats.datasette gr.sqlite > metadata.json
    datasette gr.sqlite --metadata metadata.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Final

from . import sqlite_layout

TITLE: Final = "Samverkansprojekt"
DESCRIPTION: Final = (
    "Projects, organisations, activities and results in the grprojects model, "
    "one table per kind of record. Columns ending in _pk link to a row's pk; "
    "codes link to the codes_ tables, which give their Swedish names."
)


def metadata(database: str) -> dict[str, Any]:
    """Datasette's metadata for the database file named ``database`` (its stem: ``gr``)."""
    tables: dict[str, dict[str, Any]] = {}
    for table in sqlite_layout.tables():
        entry: dict[str, Any] = {"description": table.doc}
        columns = {c.name: c.doc for c in table.columns if c.doc}
        if columns:
            entry["columns"] = columns
        if table.name in sqlite_layout.schema().codelists:
            entry["label_column"] = "title"
        tables[table.name] = entry
    for search in sqlite_layout.searches():
        tables[search.table]["fts_table"] = search.name
    return {
        "title": TITLE,
        "description": DESCRIPTION,
        "databases": {database: {"tables": tables}},
    }


def main(argv: list[str] | None = None) -> int:
    """Print the metadata for the database file given as the only argument."""
    arguments = sys.argv[1:] if argv is None else argv
    if len(arguments) != 1:
        print("usage: python -m grprojects.formats.datasette DATABASE.sqlite", file=sys.stderr)
        return 2
    print(json.dumps(metadata(Path(arguments[0]).stem), ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
