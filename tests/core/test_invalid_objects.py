"""Whatever grprojects writes, it reads back equal: no invalid object made in Python is written.

Each example takes a generated valid dataset, puts a wrong value into one field of one
object (of the wrong type, out of range, breaking a pattern, or simply another valid
value), and writes it. Either writing refuses, naming the place, or what was written
loads back equal.
"""

from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grprojects import DocumentError, dumps, load
from grprojects.model import Dataset, Money, PartialDate, Text
from grprojects.model.fields import FieldInfo, Shape, fields_of
from tests.strategies import datasets

EXAMPLE = Path(__file__).parents[2] / "examples" / "gr-projects.json"

_Place = tuple[Any, FieldInfo, str]

WRONG: dict[Shape, list[Any]] = {
    Shape.STRING: ["", " ", "has space/and slash", "x" * 300, "ok-value", 5, None, ["a"]],
    Shape.INTEGER: [-3, 0, 2**70, True, 1.5, "5", None],
    Shape.DECIMAL: [2.5e-7, 1234567890123.45, Decimal("NaN"), Decimal("1E+3"), 7, "1", None],
    Shape.BOOLEAN: [1, "yes", None, True],
    Shape.TEXT: ["plain", Text(sv=""), Text(sv="ok", translations={"en": 5}), None],  # type: ignore[dict-item]
    Shape.DATE: ["2019-02-05", PartialDate(2019), None],
    Shape.ENUM: ["bogus", None],
    Shape.MODEL: ["object", None, 5],
    Shape.JSON: [{"a": object()}, ["not", "an", "object"], None, {}],
    Shape.STRINGS: [{"en": 5}, {"en": "ok"}, None],
}
"""Values to put into a field of each shape: most are wrong, a few are right."""


def places(obj: Any, pointer: str = "") -> list[_Place]:
    """Every field of every object in ``obj``, with its JSON Pointer."""
    found: list[_Place] = []
    cls: type = type(obj)
    for info in fields_of(cls):
        where = f"{pointer}/{info.name}"
        found.append((obj, info, where))
        value = getattr(obj, info.name)
        if info.shape is Shape.MODEL and value is not None:
            items = enumerate(value) if info.is_list else [(None, value)]
            for index, item in items:
                found += places(item, where if index is None else f"{where}/{index}")
    return found


@settings(max_examples=max(settings().max_examples, 60))
@given(datasets(), st.data())
def test_no_generated_invalid_object_reaches_a_file(dataset: Dataset, data: st.DataObject) -> None:
    """Writing refuses with the field named, or what is written loads back equal."""
    broken = copy.deepcopy(dataset)
    obj, info, where = data.draw(st.sampled_from(places(broken)))
    bad = data.draw(st.sampled_from(WRONG[info.shape]))
    if info.is_list and data.draw(st.booleans()):
        bad = (bad,)  # a wrong item in a list, rather than a wrong value for the list
    object.__setattr__(obj, info.name, bad)  # what attrs.evolve would make, without its care
    try:
        text = dumps(broken)
    except DocumentError as refused:
        pointers = [d.pointer for d in refused.diagnostics]
        assert pointers, "a refusal names its place"
        owner = where.rsplit("/", 1)[0]
        assert any(p.startswith(owner) for p in pointers), (where, pointers)
        return
    assert load(text) == broken, where


FLOAT_MONEY = Money(amount=2.5e-7, currency="SEK")  # type: ignore[arg-type]  # the point


def _example() -> Dataset:
    return load(EXAMPLE)


@pytest.mark.parametrize(
    ("edit", "pointer", "code"),
    [
        (lambda p: p.evolve(id="has space/and slash"), "/projects/0/id", "schema.pattern"),
        (
            lambda p: p.evolve(participations=[p.participations[0].evolve(role="ägare")]),
            "/projects/0/participations/0/role",
            "schema.code",
        ),
        (
            lambda p: p.evolve(funding=[p.funding[0].evolve(amount=FLOAT_MONEY)]),
            "/projects/0/funding/0/amount/amount",
            "model.type",
        ),
        (lambda p: p.evolve(name="Nya GRannar"), "/projects/0/name", "model.type"),
    ],
)
def test_the_trust_review_s_objects_are_refused_by_name(edit: Any, pointer: str, code: str) -> None:
    """The objects the review built and saw written: each refused at its field."""
    dataset = _example()
    with pytest.raises(DocumentError) as refused:
        dumps(dataset.evolve(projects=[edit(dataset.projects[0]), *dataset.projects[1:]]))
    assert [(d.code, d.pointer) for d in refused.value.diagnostics] == [(code, pointer)]
