"""The fast structuring path gives what cattrs gives, and steps aside when it cannot."""

from __future__ import annotations

import json
import typing
from pathlib import Path
from typing import Any

import attrs
import cattrs
import pytest
from cattrs.gen import make_dict_structure_fn, override
from hypothesis import given
from hypothesis import strategies as st

import grprojects
from grprojects import _faststructure as faststructure
from grprojects import io, schema_check
from grprojects.converter import converter, make_converter
from grprojects.errors import DocumentError
from grprojects.model import Dataset, Goal, PartialDate, Project, Text

from ..strategies import datasets, projects

EXAMPLE = Path(__file__).parents[2] / "examples" / "gr-projects.json"


def _unwrap(hint: Any) -> tuple[Any, bool]:
    """The item type of ``hint`` (``X``, ``X | None`` or ``list[X]``) and whether it is a list."""
    if type(None) in typing.get_args(hint):
        (hint,) = [a for a in typing.get_args(hint) if a is not type(None)]
    if typing.get_origin(hint) is list:
        return typing.get_args(hint)[0], True
    return hint, False


def _is_object(hint: Any) -> bool:
    return attrs.has(hint) and hint not in (Text, PartialDate)  # these have their own wire forms


def _spelled_out(data: st.DataObject, value: dict[str, Any], cls: Any) -> dict[str, Any]:
    """The JSON ``value`` of a ``cls`` with some left-out defaults written out ([], "SE", …).

    Not None: the schema has no ``null``.
    """
    hints = typing.get_type_hints(cls)
    spelled = dict(value)
    for field in attrs.fields(cls):
        item, many = _unwrap(hints[field.name])
        if field.name in spelled:
            raw = spelled[field.name]
            if _is_object(item) and raw is not None:
                spelled[field.name] = (
                    [_spelled_out(data, x, item) for x in raw]
                    if many
                    else _spelled_out(data, raw, item)
                )
        elif (
            field.default is not attrs.NOTHING
            and field.default is not None
            and data.draw(st.booleans())
        ):
            default = field.default
            if isinstance(default, attrs.Factory):  # type: ignore[arg-type]  # Factory is a class
                default = default.factory()
            spelled[field.name] = converter.unstructure(default, hints[field.name])
    return spelled


def _fast(cls: Any) -> faststructure.Structurer:
    fast = faststructure.structurer(converter, cls)
    assert fast is not None, "the shared converter has only stock hooks: the fast path is on"
    return fast


@given(datasets(), st.data())
def test_datasets_structure_as_cattrs_does(dataset: Dataset, data: st.DataObject) -> None:
    """For schema-valid datasets, defaults left out or spelled out, fast == cattrs."""
    value = _spelled_out(data, converter.unstructure(dataset), Dataset)  # valid: see below
    fast = _fast(Dataset)(value)
    slow = converter.structure(value, Dataset)
    assert fast == slow == dataset
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
    for field in attrs.fields(type(model)):
        got, came = getattr(model, field.name), raw.get(field.name)
        where = f"{path}/{field.name}"
        if isinstance(got, list | dict) and got is came:
            found.append(where)
        if isinstance(got, list):
            for index, item in enumerate(got):
                if attrs.has(type(item)) and isinstance(came[index], dict):
                    found += _shared_containers(item, came[index], f"{where}/{index}")
        elif attrs.has(type(got)) and isinstance(came, dict):  # not a date's string
            found += _shared_containers(got, came, where)
    return found


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
        "version": "1.0",
        "title": {"sv": "t"},
        "publisher": {"name": {"sv": "p"}, "url": None},
        "published": None,
    }
    dataset = _fast(Dataset)(value)
    assert dataset == converter.structure(value, Dataset)
    assert (dataset.published, dataset.publisher.url) == (None, None)


def _renaming(conv: cattrs.Converter) -> None:
    """Goals read their number from "nr": a customisation the fast path cannot know."""
    conv.register_structure_hook(
        Goal, make_dict_structure_fn(Goal, conv, number=override(rename="nr"))
    )


def _goal_value(key: str) -> dict[str, Any]:
    goal = {key: 1, "description": {"sv": "d"}}
    return {"id": "p", "name": {"sv": "P"}, "goals": [goal]}


def test_a_fresh_converter_with_stock_hooks_takes_the_fast_path() -> None:
    """A converter made by make_converter() has only stock hooks: the fast function is used."""
    conv = make_converter()
    fast = faststructure.structurer(conv, Project)
    assert fast is not None
    assert fast(_goal_value("number")).goals[0].number == 1


def test_a_custom_hook_turns_the_fast_path_off() -> None:
    """With a renaming hook for one class, cattrs structures the whole document, honouring it."""
    conv = make_converter()
    _renaming(conv)
    assert faststructure.structurer(conv, Project) is None
    project = faststructure.structure(conv, _goal_value("nr"), Project)
    assert project.goals[0].number == 1


def test_a_hook_registered_later_is_honoured() -> None:
    """The fast function is remade when hooks change: a later custom text hook is used."""
    conv = make_converter()
    assert faststructure.structurer(conv, Project) is not None

    def shouting(value: Any, _: type) -> Text:
        return Text(sv=value["sv"].upper())

    conv.register_structure_hook(Text, shouting)
    assert faststructure.structurer(conv, Project) is None
    project = faststructure.structure(conv, _goal_value("number"), Project)
    assert project.name == Text(sv="P")
    assert project.goals[0].description == Text(sv="D")


@pytest.mark.parametrize(
    ("value", "pointer"),
    [
        ({"version": "1.0", "title": {"sv": "t"}, "publisher": {"name": "GR"}}, "/publisher/name"),
        ({"version": "1.0", "publisher": {"name": {"sv": "p"}}}, "/title"),
        (
            {
                "version": "1.0",
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
