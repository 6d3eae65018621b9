"""``dumps`` by orjson writes exactly the text json writes, or leaves the writing to json."""

from __future__ import annotations

import json
from typing import Any

import pytest
from benchmarks import generate
from hypothesis import given

from grprojects import dumps, load, to_json
from grprojects.converter import make_converter
from grprojects.model import Dataset, Project, Text

from ..strategies import datasets, projects

pytest.importorskip("orjson")


def _json_text(obj: Any) -> str:
    return json.dumps(to_json(obj), ensure_ascii=False, indent=2) + "\n"


@given(dataset=datasets())
def test_dumps_writes_what_json_writes(dataset: Dataset) -> None:
    """For any dataset the model strategies make, the text is json.dumps' to the character."""
    assert dumps(dataset) == _json_text(dataset)


@given(project=projects())
def test_dumps_of_a_project_writes_what_json_writes(project: Project) -> None:
    """A single project (a JSON Lines record) is written as json would write it too."""
    assert dumps(project) == _json_text(project)


@given(dataset=datasets())
def test_to_json_gives_what_cattrs_gives(dataset: Dataset) -> None:
    """``to_json``, by the functions written from the field table, gives exactly what a
    plain cattrs converter with the wire rules gives."""
    plain = make_converter()
    assert to_json(dataset) == plain.unstructure(dataset)


REALISTIC = generate.dataset(3)


def test_a_canonical_text_survives_load_and_dumps() -> None:
    """A realistic dataset in the canonical layout reads and writes back character for character."""
    text = json.dumps(generate.canonical(REALISTIC), ensure_ascii=False, indent=2) + "\n"
    assert dumps(load(text)) == text
    assert text == _json_text(load(text))


@pytest.mark.parametrize(
    ("content", "written"),
    [({"ratio": 1e-07}, '"ratio": 1e-07'), ({"big": 10**30}, f'"big": {10**30}')],
    ids=["float", "big-integer"],
)
def test_values_orjson_writes_otherwise_are_written_by_json(
    content: dict[str, Any], written: str
) -> None:
    """A float (orjson: ``1e-7``) or a 100-bit integer in extension data is written by json."""
    dataset = load(json.dumps(REALISTIC)).evolve(extensions={"se.example.data": content})
    assert written in dumps(dataset)
    assert dumps(dataset) == _json_text(dataset)


def test_a_float_deep_in_a_project_is_written_by_json() -> None:
    """A float in an activity's extension data is found, and json writes the text."""
    dataset = load(json.dumps(REALISTIC))
    activity = dataset.projects[0].activities[0].evolve(extensions={"se.x": {"r": 1e-07}})
    project = dataset.projects[0].evolve(activities=[activity])
    changed = dataset.evolve(projects=[project])
    assert '"r": 1e-07' in dumps(changed)
    assert dumps(changed) == _json_text(changed)


def test_a_lone_surrogate_is_written_by_json() -> None:
    """orjson refuses a lone surrogate; json writes it, and dumps gives json's text."""
    dataset = load(json.dumps(REALISTIC))
    broken = dataset.evolve(license="\ud800")
    assert dumps(broken) == _json_text(broken)


def test_a_text_alone_is_written_in_its_flat_wire_form() -> None:
    """``dumps`` of a text is its flat object, as ``to_json`` gives it."""
    text = Text(sv="Mål", translations={"en": "Goal"})
    assert dumps(text) == _json_text(text) == '{\n  "sv": "Mål",\n  "en": "Goal"\n}\n'


def test_values_that_are_not_model_objects_are_written_as_json_writes_them() -> None:
    """``dumps`` of a plain JSON value is json's text."""
    assert dumps({"a": [1, 2]}) == '{\n  "a": [\n    1,\n    2\n  ]\n}\n'
