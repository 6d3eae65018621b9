"""The table layout XLSX and CSV share: derived from the model, lossless, precise on errors."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from grprojects import DocumentError
from grprojects.formats import _archive, _cells, _sizes, tabular, tabular_import
from grprojects.formats import _presentation as presentation
from grprojects.formats._tree import ValueKind, record_kinds
from grprojects.model import Dataset, Period
from tests.formats.repair import evolve

Tables = dict[str, list[list[Any]]]


def as_tables(dataset: Dataset) -> Tables:
    """The dataset's tables as a reader would find them in CSV: heading row, then data rows."""
    return {
        t.name: [t.headings, *[[_field(c) for c in r] for r in t.rows]]
        for t in tabular.tables(dataset)
    }


def _field(cell: _cells.Cell) -> Any:
    return _cells.neutralise(cell) if isinstance(cell, str) else cell


def cell(tables: Tables, sheet: str, key: str, row: int) -> tuple[int, int]:
    """The (row, column) indexes of ``key`` in data row ``row`` (1-based) of ``sheet``."""
    column = next(i for i, h in enumerate(tables[sheet][0]) if h.endswith(f"({key})"))
    return row, column


def problems(tables: Tables) -> list[tuple[str, str, str]]:
    """(code, message, pointer) of every problem reading ``tables``."""
    with pytest.raises(DocumentError) as raised:
        tabular_import.read_tables(tables)
    return [(d.code, d.message, d.pointer) for d in raised.value.diagnostics]


def test_every_value_of_the_model_has_a_column(example: Dataset) -> None:
    """Each plain value of each record kind has a column keyed by its path."""
    for table, kind in zip(tabular.tables(example), record_kinds(), strict=True):
        keys = {c.key for c in table.columns}
        for value in kind.values:
            wanted = f"{value.key}.sv" if value.kind is ValueKind.TEXT else value.key
            assert wanted in keys, (table.name, wanted)


def test_sheet_names_are_unique_and_fit_excel() -> None:
    """Sheet names are unique, at most 31 characters and free of the characters Excel refuses."""
    names = tabular.sheet_names()
    assert len(names) == len(record_kinds())
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)
    assert list(names)[:3] == ["Datamängd", "Organisationer", "Andra namn"]


def test_headings_are_swedish_with_the_key(example: Dataset) -> None:
    """Headings read in Swedish and end with the path-style key in parentheses."""
    activities = next(t for t in tabular.tables(example) if t.name == "Aktiviteter")
    assert activities.headings[:4] == [
        "Projekt (projects.id)",
        "Id (id)",
        "Typ (kind)",
        "Titel (title.sv)",
    ]
    assert "Plats: kommunkod (place.municipality)" in activities.headings


def test_example_round_trips_through_tables(example: Dataset) -> None:
    """Tables of the example read back to an equal dataset."""
    assert tabular_import.read_tables(as_tables(example)) == example


@given(st.text())
def test_neutralising_is_undone_by_restoring(text: str) -> None:
    """Restoring a neutralised text gives it back, and no neutralised text can run."""
    cell_text = _cells.neutralise(text)
    assert _cells.restore(cell_text) == text
    assert cell_text
    assert not cell_text.startswith(_cells.FORMULA_TRIGGERS)


@pytest.mark.parametrize(
    ("text", "cell_text"),
    [
        ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
        ("+46 31", "'+46 31"),
        ("", "'"),
        ("'ja", "''ja"),
        ("Ale", "Ale"),
    ],
)
def test_risky_text_gets_an_apostrophe(text: str, cell_text: str) -> None:
    """Formula-like text, empty text and text starting with an apostrophe are escaped."""
    assert _cells.neutralise(text) == cell_text


def test_a_present_but_empty_period_gets_a_column_saying_so(example: Dataset) -> None:
    """An activity period with neither start nor end survives, through a ``finns`` column."""
    project = example.projects[0]
    activity = evolve(project.activities[0], period=Period())
    changed = evolve(project, activities=[activity, *project.activities[1:]])
    dataset = evolve(example, projects=[changed, *example.projects[1:]])
    tables = as_tables(dataset)
    assert "Period finns (period)" in tables["Aktiviteter"][0]
    assert tabular_import.read_tables(tables) == dataset


def test_a_bad_cell_is_named_with_its_sheet_cell_and_pointer(example: Dataset) -> None:
    """A word where a number belongs names the cell and the pointer it maps to."""
    tables = as_tables(example)
    row, column = cell(tables, "Aktiviteter", "sessions", 12)
    tables["Aktiviteter"][row][column] = "sju"
    letter = _cells.column_letter(column)
    index = 12 - len(example.projects[0].activities) - 1
    assert problems(tables) == [
        (
            "table.value",
            f"Aktiviteter!{letter}13: expected a whole number, found 'sju'",
            f"/projects/1/activities/{index}/sessions",
        )
    ]


def test_a_schema_problem_is_named_with_its_cell_and_pointer(example: Dataset) -> None:
    """A municipality code of five digits names its cell and its JSON Pointer."""
    tables = as_tables(example)
    row, column = cell(tables, "Aktiviteter", "place.municipality", 12)
    tables["Aktiviteter"][row][column] = "14800"
    ((code, message, pointer),) = problems(tables)
    activity = 12 - len(example.projects[0].activities) - 1
    assert code.startswith("schema.")
    assert message.startswith(f"Aktiviteter!{_cells.column_letter(column)}13: ")
    assert pointer == f"/projects/1/activities/{activity}/place/municipality"


def test_a_missing_required_value_names_the_empty_cell(example: Dataset) -> None:
    """An empty project name is reported at the name's cell."""
    tables = as_tables(example)
    row, column = cell(tables, "Projekt", "name.sv", 1)
    tables["Projekt"][row][column] = None
    ((code, message, pointer),) = problems(tables)
    assert (code, pointer) == ("schema.required", "/projects/0/name")
    assert message.startswith(f"Projekt!{_cells.column_letter(column)}2: ")


def test_unknown_sheets_columns_and_formulas_are_refused(example: Dataset) -> None:
    """Data the layout cannot place is reported, never dropped."""
    tables = as_tables(example)
    tables["Anteckningar"] = [["Text"], ["hej"]]
    tables["Projekt"][0].append("Budget (budget)")
    tables["Projekt"][1].append(100)
    tables["Källor"][1][0] = _cells.Formula("=A1")
    found = {(code, message.partition(":")[0]) for code, message, _ in problems(tables)}
    width = len(tables["Projekt"][0]) - 1
    assert found == {
        ("table.unknown-sheet", "Anteckningar"),
        ("table.unknown-column", f"Projekt!{_cells.column_letter(width)}1"),
        ("table.formula", "Källor!A2"),
    }


def test_a_row_without_its_parent_is_reported(example: Dataset) -> None:
    """An activity of a project that is not on the Projekt sheet is named, with its row."""
    tables = as_tables(example)
    tables["Aktiviteter"][1][0] = "inget-projekt"
    ((code, message, _),) = problems(tables)
    assert code == "table.orphan"
    assert message == "Aktiviteter!2:2: no row on sheet Projekt has the key 'inget-projekt'"


def test_repeated_keys_that_children_join_on_are_refused(example: Dataset) -> None:
    """Two projects with one id cannot be laid out: their activities would mix."""
    dataset = evolve(example, projects=[example.projects[0]] * 2)
    with pytest.raises(DocumentError) as raised:
        tabular.tables(dataset)
    assert {d.code for d in raised.value.diagnostics} == {"table.duplicate-key"}
    assert raised.value.diagnostics[0].pointer == "/projects/1"


def test_user_edits_of_cell_types_are_read_leniently(example: Dataset) -> None:
    """Numbers typed into text cells and booleans written as ja/nej are read as meant."""
    tables = as_tables(example)
    row, column = cell(tables, "Aktiviteter", "on_request", 1)
    tables["Aktiviteter"][row][column] = "nej"
    row, column = cell(tables, "Aktiviteter", "title.sv", 1)
    tables["Aktiviteter"][row][column] = 2019
    dataset = tabular_import.read_tables(tables)
    assert dataset.projects[0].activities[0].on_request is False
    assert dataset.projects[0].activities[0].title.sv == "2019"


def test_column_letters_follow_spreadsheet_naming() -> None:
    """Columns are named A … Z, AA … AZ, BA …"""
    assert [_cells.column_letter(i) for i in (0, 25, 26, 51, 52, 701, 702)] == [
        "A",
        "Z",
        "AA",
        "AZ",
        "BA",
        "ZZ",
        "AAA",
    ]


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("12800000", 12800000),
        ("2.5", 2.5),
        ("-3", -3),
        ("0.1", 0.1),
        ("123456789012345", 123456789012345),
        ("1234567890123456", None),
        ("9007199254740993", None),
        ("2.50", None),
        ("3.0", None),
        ("-0", None),
        ("0.0000001", None),
        ("1" + "0" * 400, None),
    ],
)
def test_a_count_or_amount_is_a_number_only_when_a_spreadsheet_keeps_it(
    text: str, cell: float | None
) -> None:
    """15 significant digits at most, and only digits a number shows: else it stays text."""
    found = _cells.number(text)
    assert found == cell
    assert type(found) is type(cell)
    if found is not None:
        assert _cells.number_text(found) == text


@pytest.mark.parametrize(
    ("raw", "text"), [(1e-07, "0.0000001"), (2.5, "2.5"), (12800000.0, "12800000"), (7, "7")]
)
def test_a_number_cell_reads_as_fixed_point_decimal_text(raw: float, text: str) -> None:
    """A number cell in an amount column is its decimal text, never in exponent form."""
    assert _cells.from_cell(ValueKind.DECIMAL, raw) == text


@pytest.mark.parametrize(
    ("formula", "value"),
    [("=TRUE()", True), ("=FALSE()", False), ("of:=TRUE()", True), ("=true()", True)],
)
def test_libreoffice_boolean_formulas_are_values(formula: str, value: bool) -> None:
    """The constant formulas LibreOffice saves booleans as are read as those booleans."""
    assert _cells.formula(formula) is value


def test_other_formulas_stay_formulas() -> None:
    """A formula that computes something is still a formula (and import refuses it)."""
    assert _cells.formula("=A1") == _cells.Formula("=A1")


def test_codes_show_their_swedish_name_and_read_back_as_codes(example: Dataset) -> None:
    """Spreadsheets show ``owner – projektägare``; reading keeps ``owner``, typed alone too."""
    table = next(t for t in tabular.tables(example) if t.name == "Deltagande")
    index = next(i for i, c in enumerate(table.columns) if c.key == "role")
    column = table.columns[index]
    shown = presentation.shown_rows(table)
    assert (table.rows[0][index], shown[0][index]) == ("owner", "owner – projektägare")
    assert presentation.unlabelled(column, "owner – projektägare") == "owner"
    assert presentation.unlabelled(column, "owner") == "owner"
    assert presentation.unlabelled(column, "owner – ägare") == "owner – ägare"  # not its name
    tables = as_tables(example)
    row, col = cell(tables, "Deltagande", "role", 1)
    tables["Deltagande"][row][col] = "owner – projektägare"
    assert tabular_import.read_tables(tables) == example


def test_a_sheet_past_the_row_limit_is_refused_by_name(
    example: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    """More rows than a format holds is an error naming the sheet and the first record left out."""
    monkeypatch.setattr(_archive, "MAX_ROWS", 20)
    sizes = [_sizes.table_size(t) for t in tabular.tables(example)]
    with pytest.raises(DocumentError) as raised:
        _sizes.check_sizes(sizes, "XLSX", columns=1_000, cells=10**9)
    found = [(d.code, d.message.split(":")[0], d.pointer) for d in raised.value.diagnostics]
    assert found == [
        ("table.too-many-rows", "Organisationer", "/organisations/19"),
        ("table.too-many-rows", "Deltagande", "/projects/0/participations/19"),
    ]
