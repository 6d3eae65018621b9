"""The SQLite export as Datasette shows it: one-column links, code tables, search, metadata."""

from __future__ import annotations

import asyncio
import collections
import json
import re
import sqlite3
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from grprojects import Count, load
from grprojects.formats import datasette, sqlite, write_dataset
from grprojects.model import Dataset
from tests.formats.repair import evolve

BEFORE_1_1 = Path(__file__).parent / "fixtures" / "before-1.1" / "gr-projects-1.0.json"
"""The example as schema 1.0 had it, which set no largest count."""


@pytest.fixture(scope="module")
def path(example: Dataset, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example written as SQLite, in a file named ``gr.sqlite``."""
    path = tmp_path_factory.mktemp("datasette") / "gr.sqlite"
    write_dataset(example, path)
    return path


@pytest.fixture
def database(path: Path) -> sqlite3.Connection:
    """The example's database, opened."""
    return sqlite3.connect(path)


def _tables(database: sqlite3.Connection) -> list[str]:
    return [
        row[1]
        for row in database.execute("PRAGMA table_list")
        if row[0] == "main" and row[2] == "table" and not row[1].startswith("sqlite_")
    ]


def test_every_foreign_key_is_one_column(database: sqlite3.Connection) -> None:
    """Datasette links only one-column keys: every foreign key of the export is one."""
    widths = collections.Counter(
        (table, row[0])
        for table in _tables(database)
        for row in database.execute(f'PRAGMA foreign_key_list("{table}")')
    )
    assert len(widths) > 90
    assert set(widths.values()) == {1}


def test_part_of_links_to_the_activity_it_names(database: sqlite3.Connection) -> None:
    """``part_of_pk`` is the pk of the activity, in the same project, that ``part_of`` names."""
    rows = database.execute(
        "SELECT a.id, w.id FROM activities AS a JOIN activities AS w ON w.pk = a.part_of_pk "
        "WHERE a.project = 'föräldrastöd-för-nyanlända' AND a.id = 'länderkunskap'"
    ).fetchall()
    assert rows == [("länderkunskap", "utbildningsdagar")]
    unlinked = database.execute(
        "SELECT count(*) FROM activities WHERE (part_of IS NULL) != (part_of_pk IS NULL)"
    ).fetchone()
    assert unlinked == (0,)


def test_citations_link_to_their_owner_by_pk(database: sqlite3.Connection) -> None:
    """Each ``*_sources`` row names its owner by a one-column ``<owner>_pk``."""
    rows = database.execute(
        "SELECT p.organisation, s.source FROM participation_sources AS s "
        "JOIN participations AS p ON p.pk = s.participation_pk "
        "WHERE p.project = 'nya-grannar' AND p.organisation = 'alingsås' "
        "ORDER BY s.source"
    ).fetchall()
    assert rows
    assert {organisation for organisation, _ in rows} == {"alingsås"}
    for table in [t for t in _tables(database) if t.endswith("_sources")]:
        keys = sorted(r[2] for r in database.execute(f'PRAGMA foreign_key_list("{table}")'))
        assert len(keys) == 2, table  # the source and the owner: one column each
        assert "sources" in keys, table


def test_codes_link_to_code_tables_with_swedish_names(database: sqlite3.Connection) -> None:
    """A code column links to its list's table, which names each code in Swedish."""
    kinds = database.execute(
        "SELECT DISTINCT a.kind, c.title FROM activities AS a "
        "JOIN codes_activity_kind AS c ON c.code = a.kind WHERE a.kind = 'training-day'"
    ).fetchall()
    assert kinds == [("training-day", "utbildningsdag")]
    (municipalities,) = database.execute("SELECT count(*) FROM codes_municipality").fetchone()
    assert municipalities == 290
    assert database.execute("PRAGMA foreign_key_check").fetchall() == []


def test_a_code_outside_an_open_list_gets_a_row_without_a_name(example: Dataset) -> None:
    """An open list's unknown code still links: its row has no name, rather than no row."""
    project = example.projects[0]
    activity = evolve(project.activities[0], kind="hackathon")
    dataset = evolve(example, projects=[evolve(project, activities=[activity])])
    connection = sqlite.build(dataset)
    row = connection.execute("SELECT * FROM codes_activity_kind WHERE code = 'hackathon'")
    assert row.fetchall() == [("hackathon", None, None)]
    assert connection.execute("PRAGMA foreign_key_check").fetchall() == []


def test_titles_and_descriptions_are_searchable(database: sqlite3.Connection) -> None:
    """A word of a title finds its activity through the table's FTS5 index."""
    found = database.execute(
        "SELECT title FROM activities WHERE rowid IN "
        "(SELECT rowid FROM activities_fts WHERE activities_fts MATCH 'tolk')"
    ).fetchall()
    assert found == [("Att arbeta med tolk",)]
    indexed = {s.table for s in sqlite.searches()}
    assert {"projects", "activities", "organisations", "documents"} <= indexed
    assert not indexed & {"people", "contacts", "quotes"}


def test_a_count_beyond_sqlite_integers_is_kept_exactly(tmp_path: Path) -> None:
    """A 1.0 document's counts of 2^63 and 400 digits are stored as their digits (a BLOB,
    which no affinity rounds to a REAL); 2^63 - 1 stays an integer."""
    example: Dataset = load(BEFORE_1_1)
    project = example.projects[0]
    activities = [
        evolve(activity, instances=Count(value=value))
        for activity, value in zip(project.activities, (2**63, 10**400, 2**63 - 1), strict=False)
    ]
    old = evolve(example, projects=[evolve(project, activities=activities)])
    path = tmp_path / "old.sqlite"
    write_dataset(old, path)
    with sqlite3.connect(path) as connection:
        rows = connection.execute(
            "SELECT instances, typeof(instances) FROM activities ORDER BY pk LIMIT 3"
        ).fetchall()
    assert rows == [
        (str(2**63).encode(), "blob"),
        (str(10**400).encode(), "blob"),
        (2**63 - 1, "integer"),
    ]


def test_decimals_are_fixed_point(example: Dataset) -> None:
    """An amount of 0.0000001 is stored as such, never as 1E-7."""
    project = example.projects[0]
    funding = project.funding[0]
    assert funding.amount is not None
    tiny = evolve(funding, amount=evolve(funding.amount, amount=Decimal("0.0000001")))
    dataset = evolve(example, projects=[evolve(project, funding=[tiny])])
    stored = sqlite.build(dataset).execute("SELECT amount FROM funding").fetchone()
    assert stored == ("0.0000001",)


def test_metadata_describes_every_table_and_column(path: Path) -> None:
    """The metadata has a description for each table and its columns, personal ones masked."""
    found = datasette.metadata("gr")["databases"]["gr"]["tables"]
    assert set(found) == {t.name for t in sqlite.tables()}
    activities = found["activities"]
    assert activities["fts_table"] == "activities_fts"
    assert activities["columns"]["part_of_pk"] == "the part_of (its pk in activities)"
    assert activities["columns"]["title"].startswith("The activity's")
    assert found["people"]["description"] == "personal data"
    assert set(found["people"]["columns"].values()) - {"personal data"} <= {
        "the project",
        "place in its list, from 1",
        "row number: the key other tables refer to",
        "the project (its pk)",
        "other languages (JSON)",
        "day, month, season or year",
    }
    assert found["codes_activity_kind"]["label_column"] == "title"


def test_the_metadata_command_prints_json(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``python -m grprojects.formats.datasette gr.sqlite`` prints the metadata for ``gr``."""
    assert datasette.main([str(path)]) == 0
    assert json.loads(capsys.readouterr().out) == datasette.metadata("gr")


def test_datasette_shows_the_links(path: Path) -> None:
    """Datasette loads the metadata and its table view links part_of, codes and owners."""
    app = pytest.importorskip("datasette.app", reason="datasette is not installed")
    instance = app.Datasette(files=[str(path)], metadata=datasette.metadata("gr"))

    async def pages() -> tuple[Any, ...]:
        activities = await instance.client.get("/gr/activities")
        citations = await instance.client.get("/gr/participation_sources")
        search = await instance.client.get("/gr/activities.json?_search=tolk&_shape=array")
        return activities, citations, search

    activities, citations, search = asyncio.run(pages())
    assert activities.status_code == 200
    html = activities.text
    assert re.search(r'<a href="/gr/activities/\d+">Regionala utbildningsdagar</a>', html)
    assert '<a href="/gr/codes_activity_kind/training-day">utbildningsdag</a>' in html
    assert "the part_of (its pk in activities)" in html
    assert re.search(r'<a href="/gr/participations/\d+">\d+</a>', citations.text)
    assert [row["title"] for row in search.json()] == ["Att arbeta med tolk"]
