"""The shared ``__eq__``, ``__hash__`` and ``__repr__`` behave as attrs' own would."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from grprojects._methods import shared_methods
from grprojects.model import MODEL_CLASSES, Count, Organisation, PartialDate, Period, Text
from grprojects.model.fields import fields_of

from ..strategies import models


def _as_attrs_writes_it(cls: type[Any]) -> type[Any]:
    """A plain attrs class with the same fields, repr and equality written by attrs."""
    names = [f.name for f in fields_of(cls)]
    return attrs.make_class(cls.__name__, dict.fromkeys(names, attrs.field()), frozen=True)


@pytest.mark.parametrize("cls", [Organisation, Period, Count, Text])
@given(data=st.data())
def test_repr_is_the_text_attrs_writes(cls: Any, data: st.DataObject) -> None:
    """Each object's repr is, character for character, what attrs' generated repr gives."""
    obj = data.draw(models(cls))
    reference = _as_attrs_writes_it(cls)
    values = {f.name: getattr(obj, f.name) for f in fields_of(cls)}
    assert repr(obj) == repr(reference(**values))


def test_equal_fields_make_equal_objects_with_one_hash() -> None:
    """Objects of one class with equal fields are equal and hash alike; a changed field is not."""
    first = Period(start=PartialDate.parse("2016"), end=PartialDate.parse("2019-09"))
    second = Period(start=PartialDate.parse("2016"), end=PartialDate.parse("2019-09"))
    assert first == second
    assert hash(first) == hash(second)
    assert len({first, second}) == 1
    later = first.evolve(end=PartialDate.parse("2020"))
    assert first != later
    assert len({first, later}) == 2


def test_objects_of_different_classes_are_never_equal() -> None:
    """Another class, even with the same field values, or a plain value, is not equal."""
    period = Period(start=PartialDate.parse("2016"))
    twin = _as_attrs_writes_it(Period)(start=period.start, end=None)
    assert period != twin
    assert period.__eq__((period.start, None)) is NotImplemented
    assert period.__eq__(1) is NotImplemented


def test_every_model_class_uses_the_shared_methods() -> None:
    """No model class carries eq, hash or repr that attrs wrote for it: all are the shared ones."""
    made_by = {
        getattr(cls, name).__module__
        for cls in MODEL_CLASSES
        for name in ("__eq__", "__hash__", "__repr__")
    }
    assert made_by == {"grprojects._methods"}


def test_a_class_of_one_field_compares_as_a_tuple_of_it() -> None:
    """As attrs' tuple comparison: the same object in the field is equal even if not equal to
    itself (a NaN), and the hash is that of the class and the one value."""
    nan = float("nan")

    @shared_methods
    @attrs.frozen(eq=False, repr=False)
    class One:
        value: float

    assert One(nan) == One(nan)
    assert One(1.0) != One(2.0)
    assert hash(One(1.0)) == hash(One(1.0))
    assert repr(One(1.0)) == "One(value=1.0)"
