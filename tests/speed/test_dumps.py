"""``dumps`` by orjson writes exactly the text json writes, or leaves the writing to json."""

from __future__ import annotations

import json
from typing import Any

import attrs
import cattrs
import pytest
from benchmarks import generate
from hypothesis import given

from grprojects import _fastdump, dumps, load, to_json
from grprojects.converter import make_converter
from grprojects.model import Dataset, Place, Project

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
def test_the_shared_hooks_are_cattrs_own(dataset: Dataset) -> None:
    """``to_json`` gives exactly what a plain cattrs converter with the wire rules gives."""
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
    assert _fastdump.dumps(dataset, _shared_twins()) is None
    assert written in dumps(dataset)
    assert dumps(dataset) == _json_text(dataset)


def test_a_lone_surrogate_is_written_by_json() -> None:
    """orjson refuses a lone surrogate; json writes it, and dumps gives json's text."""
    dataset = load(json.dumps(REALISTIC))
    broken = dataset.evolve(license="\ud800")
    assert dumps(broken) == _json_text(broken)


def _shared_twins() -> _fastdump.ShallowTwins:
    from grprojects.converter import shallow_twins

    return shallow_twins


def test_a_hook_registered_later_is_used_as_it_is() -> None:
    """A plugin's own hook for a model class wins over the shallow twin, as it does in cattrs."""
    converter = make_converter()
    twins = _fastdump.ShallowTwins(converter)
    converter.register_unstructure_hook_factory(attrs.has, twins)
    converter.register_unstructure_hook(Place, lambda place: {"where": str(place.name)})
    dataset = load(json.dumps(REALISTIC))
    text = _fastdump.dumps(dataset, twins)
    assert text == json.dumps(converter.unstructure(dataset), ensure_ascii=False, indent=2) + "\n"
    assert '"where": "' in (text or "")


def test_fields_are_left_out_as_cattrs_leaves_them_out() -> None:
    """Defaults, empty lists and ``None`` are left out; other values are written."""
    converter = cattrs.Converter(omit_if_default=True)
    twins = _fastdump.ShallowTwins(converter)
    converter.register_unstructure_hook_factory(attrs.has, twins)

    @attrs.frozen
    class Sample:
        name: str
        tags: list[str] = attrs.field(factory=list)
        note: str | None = None
        country: str = "SE"
        counted: bool = False

    shallow = twins.twins[converter.get_unstructure_hook(Sample)]
    assert shallow(Sample("a")) == {"name": "a"}
    full = Sample("a", ["x"], "n", "DE", counted=True)
    assert shallow(full) == converter.unstructure(full)


def test_values_that_are_not_model_objects_are_written_by_json() -> None:
    """``dumps`` of a plain JSON value is json's text."""
    assert _fastdump.dumps({"a": [1, 2]}, _shared_twins()) is None
    assert dumps({"a": [1, 2]}) == '{\n  "a": [\n    1,\n    2\n  ]\n}\n'
