"""Export then import gives back the same dataset, for every generated dataset."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings

from grprojects.formats import read_dataset, write_dataset
from grprojects.model import Dataset, Organisation, Publisher, Text
from tests.formats.repair import unique_keys
from tests.strategies import datasets


@pytest.mark.filterwarnings("ignore:Generating overly large repr")  # 32,766-character texts
@settings(max_examples=max(settings().max_examples // 3, 10))  # three files per example
@given(datasets(edges=True).map(unique_keys))
def test_spreadsheets_hold_everything_the_model_holds(dataset: Dataset) -> None:
    """XLSX, ODS and CSV exports of any dataset read back equal, huge and tiny numbers included.

    Keys are unique where sheets join.
    """
    with tempfile.TemporaryDirectory() as folder:
        for name in ("data.xlsx", "data.ods", "data.csv.zip"):
            path = Path(folder) / name
            write_dataset(dataset, path)
            assert read_dataset(path) == dataset, name


def test_ids_that_look_like_escapes_or_formulas_survive_spreadsheets(tmp_path: Path) -> None:
    """Ids "'" and "=1" (joined from other sheets) come back as they were, never as formulas."""
    names = [Text(sv="Göteborg")]
    organisations = [
        Organisation(id="'", name=Text(sv="A"), kind="unit", alternative_names=names),
        Organisation(id="=1", name=Text(sv="B"), kind="unit", alternative_names=names),
    ]
    dataset = Dataset(
        version="1.0",
        title=Text(sv="t"),
        publisher=Publisher(name=Text(sv="p")),
        organisations=organisations,
    )
    for suffix in (".xlsx", ".ods", ".csv.zip"):
        target = tmp_path / f"data{suffix}"
        write_dataset(dataset, target)
        assert read_dataset(target) == dataset
