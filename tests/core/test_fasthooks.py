"""The fast structuring path gives what cattrs gives; the detailed converter explains failures."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import cattrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import grprojects
from grprojects import _fasthooks as fasthooks
from grprojects import io, schema_check
from grprojects._fasthooks import make_fast_converter
from grprojects.converter import converter
from grprojects.errors import DocumentError
from grprojects.model import MODEL_CLASSES, Dataset, PartialDate, Project, Text
from grprojects.model.fields import Shape, fields_of
from grprojects.model.readonly import frozen_json
from grprojects.model_check import plain_json

from ..strategies import datasets, projects

EXAMPLE = Path(__file__).parents[2] / "examples" / "gr-projects.json"


def _spelled_out(data: st.DataObject, value: dict[str, Any], cls: Any) -> dict[str, Any]:
    """The JSON ``value`` of a ``cls`` with some left-out defaults written out ([], "SE", …).

    Not None: the schema has no ``null``.
    """
    spelled = dict(value)
    for field in fields_of(cls):
        if field.name in spelled:
            raw = spelled[field.name]
            if field.is_model and raw is not None:
                spelled[field.name] = (
                    [_spelled_out(data, x, field.item) for x in raw]
                    if field.is_list
                    else _spelled_out(data, raw, field.item)
                )
        elif not field.required and field.default is not None and data.draw(st.booleans()):
            spelled[field.name] = converter.unstructure(field.empty(), field.type)
    return spelled


def _types(value: Any) -> Any:
    """The exact type of ``value`` and of everything in it (equality does not tell a tuple
    from a list, nor a read-only dict from a dict)."""
    kind = type(value)
    if kind in MODEL_CLASSES:
        return kind, [(f.name, _types(getattr(value, f.name))) for f in fields_of(kind)]
    if isinstance(value, tuple | list):
        return kind, [_types(item) for item in value]
    if isinstance(value, dict):
        return kind, [(key, _types(item)) for key, item in value.items()]
    return kind


def _fast(cls: Any) -> fasthooks.Written:
    return fasthooks.structurer(cls)


@given(datasets(), st.data())
def test_datasets_structure_as_cattrs_does(dataset: Dataset, data: st.DataObject) -> None:
    """For schema-valid datasets, defaults left out or spelled out, fast == cattrs; the tree
    the writers' one-pass type check builds is cattrs' tree."""
    value = _spelled_out(data, converter.unstructure(dataset), Dataset)  # valid: see below
    fast = _fast(Dataset)(value)
    slow = converter.structure(value, Dataset)
    assert fast == slow == dataset
    assert _types(fast) == _types(slow)
    assert plain_json(fast) == plain_json(slow) == converter.unstructure(dataset)
    assert grprojects.dumps(fast) == grprojects.dumps(slow)  # same types too (1 is not 1.0)


@given(projects(), st.data())
def test_projects_structure_as_cattrs_does(project: Project, data: st.DataObject) -> None:
    """For schema-valid single projects (JSON Lines records), fast == cattrs."""
    value = _spelled_out(data, converter.unstructure(project), Project)
    assert schema_check.schema_diagnostics(value, "project") == []
    assert _fast(Project)(value) == converter.structure(value, Project) == project


def test_the_example_structures_as_cattrs_does() -> None:
    """The shipped example gives the same dataset on the fast path, through io.to_model too."""
    value = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    slow = converter.structure(value, Dataset)
    assert _fast(Dataset)(value) == slow
    assert io.to_model(value, Dataset) == slow
    assert len(slow.projects) == 2


def _shared_containers(model: Any, raw: Any, path: str = "") -> list[str]:
    """Where a list or dict of ``model`` is the very object found in its JSON ``raw``."""
    found = []
    if isinstance(model, Text):
        return [path] if model.translations is raw else []
    kind: type = type(model)
    for field in fields_of(kind):
        got, came = getattr(model, field.name), raw.get(field.name)
        where = f"{path}/{field.name}"
        if isinstance(got, list | dict) and got is came:
            found.append(where)
        if field.shape in (Shape.MODEL, Shape.TEXT) and came is not None:
            pairs = zip(got, came, strict=True) if field.is_list else [(got, came)]
            for index, (item, item_came) in enumerate(pairs):
                at = f"{where}/{index}" if field.is_list else where
                found += _shared_containers(item, item_came, at)
    return found


def test_objects_are_made_past_init_only_where_init_just_sets_the_fields() -> None:
    """A class whose ``__init__`` does more than set fields (a date checks its year after it)
    is made through it; the others slot by slot, with the converters that still matter."""
    assert fasthooks.settable(PartialDate) is None
    slots = fasthooks.settable(Text)
    assert slots is not None
    assert slots["sv"][1] is None
    assert slots["translations"][1] is frozen_json
    dataset = fasthooks.settable(Dataset)
    assert dataset is not None
    assert dataset["projects"][1] is None  # a tuple already: as_items would keep it as it is


def test_the_model_shares_no_list_or_dict_with_the_json() -> None:
    """Every list and dict of the result is new: plugins reading the JSON cannot change it.

    Extension data is copied at its top as cattrs copies it; what lies within is kept
    as it came (both paths do the same).
    """
    value = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    value["extensions"] = {"se.example": {"list": [1, 2]}}
    value["projects"][0]["goals"][0]["title"] = {"sv": "Mål", "en": "Goal"}
    dataset = _fast(Dataset)(value)
    assert _shared_containers(dataset, value) == []
    assert dataset.extensions == value["extensions"]
    assert dataset.extensions is not value["extensions"]
    assert dataset.projects[0].goals[0].title == Text(sv="Mål", translations={"en": "Goal"})


def test_an_integral_float_is_refused_on_both_paths() -> None:
    """A goal number written ``2.0`` (a JSON Schema integer) is no int on either path.

    It once read as 2, and ``1e-400`` as 0: a number written as a float is refused.
    """
    goal = {"number": 2.0, "description": {"sv": "d"}}
    value = {"id": "p", "name": {"sv": "P"}, "goals": [goal]}
    assert schema_check.schema_diagnostics(value, "project") == []
    with pytest.raises(TypeError, match="whole number"):
        _fast(Project)(value)
    with pytest.raises(cattrs.ClassValidationError):
        converter.structure(value, Project)


def test_explicit_nulls_read_as_none_as_cattrs_reads_them() -> None:
    """``null`` on an optional field is None on both paths (though the schema refuses it)."""
    value = {
        "version": "1.1",
        "title": {"sv": "t"},
        "publisher": {"name": {"sv": "p"}, "url": None},
        "published": None,
    }
    dataset = _fast(Dataset)(value)
    assert dataset == converter.structure(value, Dataset)
    assert (dataset.published, dataset.publisher.url) == (None, None)


def _goal_value(key: str) -> dict[str, Any]:
    goal = {key: 1, "description": {"sv": "d"}}
    return {"id": "p", "name": {"sv": "P"}, "goals": [goal]}


def test_the_fast_converter_structures_models_by_the_written_functions() -> None:
    """Through cattrs' public hook API alone, each model class gets its written function.

    This is all the fast path asks of cattrs: were a release to dispatch otherwise,
    this fails rather than something else running unseen.
    """
    fast = make_fast_converter()
    for cls in MODEL_CLASSES:
        if cls is not Text:
            assert fast.get_structure_hook(cls) is fasthooks.fast_hook(cls)
    assert fast.structure(_goal_value("number"), Project).goals[0].number == 1
    assert fast.structure({"sv": "a", "en": "b"}, Text) == Text(sv="a", translations={"en": "b"})


def test_structure_is_the_fast_converters_and_needs_no_converter_for_a_model() -> None:
    """``structure`` gives what the fast converter gives, calling a model class's written
    function directly, and the fast converter's own hooks for anything else."""
    fast = make_fast_converter()
    value = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    value.pop("$schema", None)
    assert fasthooks.structure(value, Dataset) == fast.structure(value, Dataset)
    assert fasthooks.structure({"sv": "a", "en": "b"}, Text) == Text(
        sv="a", translations={"en": "b"}
    )
    assert fasthooks.structure("2019-09", PartialDate) == PartialDate.parse("2019-09")


def test_the_leaf_hooks_are_the_converters() -> None:
    """Each wire rule the written functions call is the one the converters have registered."""
    from grprojects.converter import UNSTRUCTURE_HOOKS, structure_hook

    for kind in (Text, PartialDate, int, bool, Decimal, dict[str, Any]):
        assert structure_hook(kind) is converter.get_structure_hook(kind)
    for written, hook in UNSTRUCTURE_HOOKS.items():
        assert converter.get_unstructure_hook(written) is hook


def test_to_model_takes_the_fast_path() -> None:
    """``to_model`` structures with the fast converter: an unknown key (which the schema,
    run before it, refuses) passes it unseen, where the detailed converter refuses it."""
    value = _goal_value("number")
    value["goals"][0]["not_a_field"] = True
    assert io.to_model(value, Project).goals[0].number == 1
    with pytest.raises(cattrs.ClassValidationError):
        converter.structure(value, Project)


def test_equal_dates_share_one_parsed_date() -> None:
    """A date string met again in a field gives the very date parsed before (immutable)."""
    period = {"start": "2019-09", "end": "2019-09"}
    value = {
        "id": "p",
        "name": {"sv": "P"},
        "activities": [
            {"id": "a", "kind": "course", "title": {"sv": "A"}, "period": period},
            {"id": "b", "kind": "course", "title": {"sv": "B"}, "period": period},
        ],
    }
    first, second = (a.period for a in _fast(Project)(value).activities)
    assert (first.start, first.end) == (PartialDate(2019, 9), PartialDate(2019, 9))
    assert first.start is second.start
    assert first.end is second.end


@pytest.mark.parametrize(
    ("value", "pointer"),
    [
        ({"version": "1.1", "title": {"sv": "t"}, "publisher": {"name": "GR"}}, "/publisher/name"),
        ({"version": "1.1", "publisher": {"name": {"sv": "p"}}}, "/title"),
        (
            {
                "version": "1.1",
                "title": {"sv": "t"},
                "publisher": {"name": {"sv": "p"}},
                "published": 2019,
            },
            "/published",
        ),
    ],
    ids=["text-not-object", "required-missing", "date-not-string"],
)
def test_what_the_fast_path_chokes_on_gets_cattrs_diagnostics(value: Any, pointer: str) -> None:
    """A value the fast function fails on is reported by cattrs, exactly as before."""
    with pytest.raises(Exception) as cattrs_error:  # noqa: PT011 - whatever cattrs raises
        converter.structure(value, Dataset)
    expected = list(io._cattrs_diagnostics(cattrs_error.value, []))
    with pytest.raises(DocumentError) as raised:
        io.to_model(value, Dataset)
    assert list(raised.value.diagnostics) == expected
    assert [d.pointer for d in expected] == [pointer]
