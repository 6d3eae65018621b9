"""The SQLite export: a normalised database that passes SQLite's own checks."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given, settings

from grprojects import DocumentError, Participation
from grprojects.formats import sqlite, write_dataset
from grprojects.formats._tree import ValueKind, record_kinds
from grprojects.model import Dataset
from tests.formats.repair import evolve, sound
from tests.strategies import datasets


@pytest.fixture(scope="module")
def database(example: Dataset, tmp_path_factory: pytest.TempPathFactory) -> sqlite3.Connection:
    """The example written as SQLite and opened again from the file."""
    path = tmp_path_factory.mktemp("sqlite") / "gr.sqlite"
    write_dataset(example, path)
    return sqlite3.connect(path)


def test_example_passes_sqlites_checks(database: sqlite3.Connection) -> None:
    """The example's database has no broken foreign key and passes the integrity check."""
    assert database.execute("PRAGMA foreign_key_check").fetchall() == []
    assert database.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert database.execute("PRAGMA user_version").fetchone() == (sqlite.USER_VERSION,)


def test_example_rows_match_the_dataset(database: sqlite3.Connection, example: Dataset) -> None:
    """Each record of the example is one row of its table."""
    count = {
        table: database.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]  # noqa: S608 - fixed names
        for table in ("organisations", "projects", "activities", "participations", "sources")
    }
    assert count == {
        "organisations": len(example.organisations),
        "projects": len(example.projects),
        "activities": sum(len(p.activities) for p in example.projects),
        "participations": sum(len(p.participations) for p in example.projects),
        "sources": len(example.sources),
    }


def test_every_table_has_a_primary_key_and_every_foreign_key_an_index(
    database: sqlite3.Connection,
) -> None:
    """Each table has a primary key, and each foreign key is the start of some index."""
    # ordinary tables only: full-text indexes are virtual tables with shadow tables
    tables = [
        row[1]
        for row in database.execute("PRAGMA table_list")
        if row[0] == "main" and row[2] == "table" and not row[1].startswith("sqlite_")
    ]
    for table in tables:
        if table == "dataset":
            continue
        info = database.execute(f'PRAGMA table_info("{table}")').fetchall()
        assert any(column[5] for column in info), table
        indexed = [
            [row[2] for row in database.execute(f'PRAGMA index_info("{name}")')]
            for (_, name, *_) in database.execute(f'PRAGMA index_list("{table}")')
        ]
        keys: dict[int, list[str]] = {}
        for row in database.execute(f'PRAGMA foreign_key_list("{table}")'):
            keys.setdefault(row[0], []).append(row[3])
        for columns in keys.values():
            assert any(index[: len(columns)] == columns for index in indexed), (table, columns)


def test_every_model_value_has_a_column() -> None:
    """Each plain value of each record kind has a column, or a link table for lists."""
    layout = {t.name: {c.name for c in t.columns} for t in sqlite.tables()}
    for kind in record_kinds():
        plan = sqlite.schema().plans[kind]
        filled = {v.key for v, _ in plan.columns} | {link.value.key for link in plan.links}
        assert filled == {v.key for v in kind.values}, kind.name
        for _, column in plan.columns:
            assert column in layout[plan.table.name]
        lists = {v.key for v in kind.values if v.kind in (ValueKind.STRINGS, ValueKind.INTEGERS)}
        assert {link.value.key for link in plan.links} == lists


def test_activity_languages_keep_their_order(database: sqlite3.Connection) -> None:
    """The course's five languages are rows of activity_languages, in the page's order."""
    rows = database.execute(
        "SELECT language FROM activity_languages WHERE activity = 'förälder-i-nytt-land' "
        "ORDER BY position"
    ).fetchall()
    assert [r[0] for r in rows] == ["ara", "prs", "eng", "som", "tir"]


def test_a_dangling_reference_is_refused_with_its_pointer(example: Dataset) -> None:
    """A participation of an organisation not in the dataset is named by its JSON Pointer."""
    broken = Participation(organisation="ingen-sådan", role="partner")
    project = evolve(example.projects[0], participations=[broken])
    dataset = evolve(example, projects=[project])
    with pytest.raises(DocumentError) as raised:
        sqlite.build(dataset)
    (problem,) = raised.value.diagnostics
    assert problem.code == "sqlite.reference"
    assert problem.pointer == "/projects/0/participations/0/organisation"
    assert "ingen-sådan" in problem.message


def test_a_repeated_id_is_refused_with_its_pointer(example: Dataset) -> None:
    """Two projects with one id cannot both be rows; the second is named."""
    dataset = evolve(example, projects=[example.projects[0]] * 2)
    with pytest.raises(DocumentError) as raised:
        sqlite.build(dataset)
    assert {d.code for d in raised.value.diagnostics} == {"sqlite.duplicate-key"}
    assert raised.value.diagnostics[0].pointer == "/projects/1"


@settings(max_examples=max(settings().max_examples // 3, 10))
@given(datasets())
def test_any_sound_dataset_gives_a_sound_database(dataset: Dataset) -> None:
    """Every generated dataset, its references mended, passes SQLite's checks."""
    connection = sqlite.build(sound(dataset))
    try:
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        connection.close()
