"""Schema and model agree on invalid input too: what one refuses, so does the other."""

from __future__ import annotations

import functools
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from grprojects.converter import converter
from grprojects.model import MODEL_CLASSES, Text
from grprojects.model.fields import fields_of
from grprojects.schema import published_schema
from grprojects.schema_check import validator_for_schema

from ..strategies import models

CLASSES = [cls for cls in MODEL_CLASSES if cls is not Text]


@functools.cache
def _class_validator(cls: type[Any]) -> Any:
    schema = dict(published_schema("dataset"))
    schema["$ref"] = f"#/$defs/{cls.__name__}"
    return validator_for_schema(schema)


def _structures(value: Any, cls: type[Any]) -> bool:
    try:
        converter.structure(value, cls)
    except Exception:  # noqa: BLE001 - any refusal counts
        return False
    return True


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
@given(data=st.data())
def test_an_unknown_key_is_refused_by_both(cls: Any, data: st.DataObject) -> None:
    """An extra key makes the schema and the converter both refuse the object."""
    value = converter.unstructure(data.draw(models(cls)))
    value["not_a_field"] = 1
    assert not _class_validator(cls).is_valid(value)
    assert not _structures(value, cls)


@pytest.mark.parametrize(
    "cls",
    [c for c in CLASSES if any(f.required for f in fields_of(c))],
    ids=lambda c: c.__name__,
)
@given(data=st.data())
def test_a_missing_required_field_is_refused_by_both(cls: Any, data: st.DataObject) -> None:
    """Dropping any field without a default makes both refuse the object."""
    value = converter.unstructure(data.draw(models(cls)))
    required = [f.name for f in fields_of(cls) if f.required]
    del value[data.draw(st.sampled_from(required))]
    assert not _class_validator(cls).is_valid(value)
    assert not _structures(value, cls)


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
@given(data=st.data())
def test_what_the_schema_accepts_the_model_holds_unchanged(cls: Any, data: st.DataObject) -> None:
    """Every schema-valid object structures and unstructures back to the same JSON."""
    value = converter.unstructure(data.draw(models(cls)))
    assert _class_validator(cls).is_valid(value)
    assert converter.unstructure(converter.structure(value, cls)) == value
