"""The format pages tell the truth about the example: queries, sheets, files."""

from __future__ import annotations

import re
import sqlite3
import zipfile
from pathlib import Path

import pytest

from grprojects.formats import register_exporters, tabular, write_dataset
from grprojects.model import Dataset

PAGES = Path(__file__).parents[2] / "docs" / "formats"
_QUERY_AND_RESULT = re.compile(r"```sql\n(.*?)```\n\n((?:\|[^\n]*\|\n)+)", re.DOTALL)


def _table(markdown: str) -> list[list[str]]:
    rows = [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in markdown.splitlines()
    ]
    return [row for row in rows if set("".join(row)) != {"-"}]


def test_every_format_has_a_page() -> None:
    """Each format the package registers has its own page."""
    for exporter in register_exporters():
        assert (PAGES / f"{exporter.name}.md").exists(), exporter.name


@pytest.fixture(scope="module")
def database(example: Dataset, tmp_path_factory: pytest.TempPathFactory) -> sqlite3.Connection:
    """The example as a SQLite database."""
    path = tmp_path_factory.mktemp("docs") / "gr.sqlite"
    write_dataset(example, path)
    return sqlite3.connect(path)


def test_sqlite_queries_give_the_results_shown(database: sqlite3.Connection) -> None:
    """Each query on the SQLite page returns, on the example, the table printed below it."""
    found = _QUERY_AND_RESULT.findall((PAGES / "sqlite.md").read_text(encoding="utf-8"))
    assert len(found) == 4
    for query, result in found:
        cursor = database.execute(query)
        rows = [[d[0] for d in cursor.description]]
        rows += [["NULL" if v is None else str(v) for v in row] for row in cursor]
        assert rows == _table(result), query


def test_sqlite_tables_named_on_the_page_exist(database: sqlite3.Connection) -> None:
    """Every table the page names in backticks at the start of a row is in the database."""
    page = (PAGES / "sqlite.md").read_text(encoding="utf-8")
    named = set(re.findall(r"^\| `([a-z_]+)`", page, re.MULTILINE))
    tables = {t for (t,) in database.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert named
    assert named <= tables


def test_the_sheet_list_is_the_layout(example: Dataset) -> None:
    """The XLSX page lists every sheet, in order, with the example's row counts."""
    page = (PAGES / "xlsx.md").read_text(encoding="utf-8")
    listed = re.findall(r"^\| `([^`]+)` \| [^|]+ \| (\d+) \|$", page, re.MULTILINE)
    assert listed == [(t.name, str(len(t.rows))) for t in tabular.tables(example)]


def test_the_csv_example_is_what_is_written(example: Dataset, tmp_path: Path) -> None:
    """The CSV page shows Projektperioder.csv as the export writes it."""
    path = tmp_path / "gr.csv.zip"
    write_dataset(example, path)
    with zipfile.ZipFile(path) as archive:
        written = archive.read("Projektperioder.csv").decode("utf-8-sig").replace("\r\n", "\n")
    page = (PAGES / "csv.md").read_text(encoding="utf-8")
    assert written in page
