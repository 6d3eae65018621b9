"""Round trips: model → JSON → model, and canonical text → model → text."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import grprojects
from grprojects.converter import converter
from grprojects.model import MODEL_CLASSES, Dataset
from grprojects.schema_check import schema_diagnostics, schema_validator

from ..strategies import datasets, models, projects


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda c: c.__name__)
@given(data=st.data())
def test_every_class_round_trips(cls: Any, data: st.DataObject) -> None:
    """structure(unstructure(x)) == x for every model class."""
    value = data.draw(models(cls))
    assert converter.structure(converter.unstructure(value), cls) == value


@given(datasets())
def test_dataset_text_round_trips(dataset: Dataset) -> None:
    """dump → load gives an equal dataset and the identical text again."""
    text = grprojects.dumps(dataset)
    loaded = grprojects.load(text)
    assert loaded == dataset
    assert grprojects.dumps(loaded) == text


@given(datasets())
def test_generated_datasets_satisfy_the_schema(dataset: Dataset) -> None:
    """Whatever the model can hold, the published schema accepts."""
    assert schema_diagnostics(grprojects.to_json(dataset)) == []


@given(projects())
def test_generated_projects_satisfy_the_project_schema(project: grprojects.Project) -> None:
    """A single project (a JSON Lines record) is valid against the project schema."""
    assert list(schema_validator("project").iter_errors(grprojects.to_json(project))) == []


def test_decimals_keep_their_digits() -> None:
    """Money and hours keep every digit as written: no float on the way."""
    text = (
        '{"version": "1.1", "title": {"sv": "t"}, "publisher": {"name": {"sv": "p"}}, '
        '"projects": [{"id": "p", "name": {"sv": "P"}, "funding": [{"funder": "f", '
        '"amount": {"amount": "12800000.10", "currency": "SEK"}}], "activities": [{"id": "a",'
        ' "kind": "course", "title": {"sv": "K"}, "hours_per_session": "2.50"}]}]}'
    )
    dataset = grprojects.load(text)
    amount = dataset.projects[0].funding[0].amount
    assert amount is not None
    assert str(amount.amount) == "12800000.10"
    assert str(dataset.projects[0].activities[0].hours_per_session) == "2.50"
    assert '"2.50"' in grprojects.dumps(dataset)


def test_extension_data_is_kept_as_it_came() -> None:
    """Data under ``extensions`` survives load → dump untouched, nesting and order included."""
    text = (
        '{"version": "1.1", "title": {"sv": "t"}, "publisher": {"name": {"sv": "p"}}, '
        '"extensions": {"se.goteborg.stad": {"z": [1, {"b": null, "a": "å"}], "a": true}}}'
    )
    dumped = grprojects.dumps(grprojects.load(text))
    assert '"z": [\n        1,\n        {\n          "b": null,\n          "a": "å"' in dumped
