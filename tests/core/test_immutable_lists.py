"""The model's lists are tuples: built from any iterable, unchangeable, written as JSON arrays.

mypy (``make typecheck``) checks this file too: the ``assert_type`` lines and the
constructors given lists are part of the test.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, assert_type

import attrs
import pytest
from hypothesis import given, settings

import grprojects
from grprojects.converter import converter
from grprojects.errors import DocumentError
from grprojects.model import Dataset, Participation, Project, Publisher, Text
from grprojects.model.fields import Model, fields_of

from ..strategies import datasets


def list_values(obj: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """Every list field's value of ``obj`` and of the objects inside it, with its pointer."""
    for info in fields_of(type(obj)):
        value = getattr(obj, info.name)
        here = f"{path}/{info.name}"
        if info.is_list:
            yield here, value
        if info.is_model and value is not None:
            items = enumerate(value) if info.is_list else [(None, value)]
            for index, item in items:
                yield from list_values(item, here if index is None else f"{here}/{index}")


def not_tuples(obj: Model) -> list[str]:
    """The pointers of list fields that hold something other than a tuple."""
    return [where for where, value in list_values(obj) if type(value) is not tuple]


@settings(max_examples=15)
@given(datasets())
def test_every_list_is_a_tuple_built_read_or_structured(dataset: Dataset) -> None:
    """Generated (built from lists), loaded (fast path) and cattrs-structured datasets hold
    tuples in every list field, and the JSON text round-trips unchanged."""
    assert not_tuples(dataset) == []
    text = grprojects.dumps(dataset)
    loaded = grprojects.load(text)
    assert not_tuples(loaded) == []
    assert not_tuples(converter.structure(converter.unstructure(dataset), Dataset)) == []
    assert loaded == dataset
    assert grprojects.dumps(loaded) == text


def _project(**changes: Any) -> Project:
    return Project(id="p", name=Text(sv="P"), **changes)


def test_lists_and_other_iterables_become_tuples_and_a_tuple_is_kept() -> None:
    """A constructor and ``evolve`` take a list, a generator or a tuple; the field holds a tuple."""
    owner = Participation(role="owner", organisation="gr")
    project = Project(id="p", name=Text(sv="P"), participations=[owner], sources=["s"])
    assert_type(project.participations, tuple[Participation, ...])
    assert project.participations == (owner,)
    assert project.sources == ("s",)
    generated = project.evolve(sources=(s for s in ["a", "b"]))
    assert generated.sources == ("a", "b")
    kept = ("x", "y")
    assert project.evolve(sources=kept).sources is kept  # no copy of what is a tuple already
    assert Project(id="p", name=Text(sv="P")).participations == ()


def test_a_list_field_cannot_be_changed() -> None:
    """Appending, assigning an item or replacing the list all raise; the object is unchanged."""
    dataset = Dataset(
        version="1.1",
        title=Text(sv="T"),
        publisher=Publisher(name=Text(sv="GR")),
        projects=[_project(sources=["s"])],
    )
    with pytest.raises(AttributeError):
        dataset.projects.append(_project())  # type: ignore[attr-defined] # the point
    with pytest.raises(TypeError):
        dataset.projects[0].sources[0] = "t"  # type: ignore[index] # the point
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        dataset.projects = ()  # type: ignore[misc] # the point
    assert [p.sources for p in dataset.projects] == [("s",)]


def test_a_string_for_a_list_is_refused_when_written_not_split_into_characters() -> None:
    """``sources="s1"`` is kept as it is (not ``("s", "1")``), and writing names the field."""
    project = _project(sources="s1")  # mypy accepts it: a str is an iterable of str
    assert project.sources == "s1"  # type: ignore[comparison-overlap] # kept for the check
    with pytest.raises(
        DocumentError, match=r"Project\.sources must be a list \(held as a tuple\), not str"
    ):
        grprojects.dumps(project)
