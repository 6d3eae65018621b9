"""The field table is the one reading of the model's classes, and nothing reads cattrs' insides."""

from __future__ import annotations

import re
import typing
from pathlib import Path

import attrs
import pytest

from grprojects.model import MODEL_CLASSES, Text
from grprojects.model.fields import Shape, field_of, fields_of

ROOT = Path(__file__).resolve().parents[2]
SEARCHED = ("src", "tests", "benchmarks", "plugins", "docs")
"""Every folder of Python in the repository: the library, its tests, benchmarks, the
sample plugins and the documentation's code."""

TABLE = ROOT / "src" / "grprojects" / "model" / "fields.py"
"""The one module that reads type hints and attrs fields: it makes the table."""

SHARED_METHODS = ROOT / "src" / "grprojects" / "_methods.py"
"""Reads the attrs fields of any frozen class (not only the model's, and no type hints) for
the eq, hash and repr it gives them in place of attrs' generated ones."""

HINT_READERS = re.compile(
    r"get_type_hints|get_origin|get_args|__annotations__|attrs\.fields\(|__attrs_attrs__"
)
"""How a module would read a class's fields by itself instead of from the table."""

SNIFFING = re.compile(
    r"__globals__|__code__|co_filename|co_varnames|__closure__|__defaults__"
    r"|\bcattrs(\.\w+)*\._\w|\bconverter\._\w|\bconv\._\w"
)
"""How a fast path would recognise another library's generated code instead of writing its
own: code objects, closures, globals, defaults, or a private name of cattrs or of a
converter."""


def _python_files() -> list[Path]:
    files = [path for folder in SEARCHED for path in (ROOT / folder).rglob("*.py")]
    return sorted(p for p in files if "_build" not in p.parts and p != Path(__file__).resolve())


def _offending(pattern: re.Pattern[str], allowed: set[Path]) -> list[str]:
    return [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in _python_files()
        if path not in allowed
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]


def test_only_the_field_table_reads_type_hints_and_attrs_fields() -> None:
    """No module but ``model/fields.py`` inspects a class's hints or attrs fields by itself.

    This test is the one exception, because it checks the table against attrs below; the
    shared methods read the attrs fields of every kind of class, as attrs' own would.
    """
    assert _offending(HINT_READERS, {TABLE, SHARED_METHODS}) == []


def test_nothing_reads_code_objects_globals_or_private_cattrs_names() -> None:
    """The fast paths are written from the field table and registered through cattrs'
    public API; no module reads another function's code, globals or cattrs' private names."""
    assert _offending(SNIFFING, set()) == []


def test_the_searches_see_the_files_they_guard() -> None:
    """The searches read the library and the tests: the patterns would find what they
    forbid (so an empty result above means something)."""
    files = _python_files()
    assert TABLE in files
    assert ROOT / "src" / "grprojects" / "_fasthooks.py" in files
    assert HINT_READERS.search("hints = typing.get_type_hints(cls)")
    assert SNIFFING.search("converter._structure_optional")
    assert SNIFFING.search("hook.__code__.co_filename")


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda c: c.__name__)
def test_the_table_lists_each_attrs_field_in_order_with_its_default(cls: type) -> None:
    """The table has every attrs field of the class, in declaration (wire) order, with the
    default attrs gives and the type it was declared with."""
    hints = typing.get_type_hints(cls)
    table = fields_of(cls)
    assert [f.name for f in table] == [a.name for a in attrs.fields(cls)]
    for info, attribute in zip(table, attrs.fields(cls), strict=True):
        assert info.type == hints[attribute.name]
        assert info.required == (attribute.default is attrs.NOTHING)
        assert info.empty() == (
            attribute.default.factory()
            if isinstance(attribute.default, attrs.Factory)  # type: ignore[arg-type]  # Factory is a class
            else attribute.default
        )


def test_the_table_describes_a_field_as_the_model_declares_it() -> None:
    """A few fields read back as declared: shapes, lists, optionality and constraints."""
    from grprojects.model import Activity, Count, Project

    people = field_of(Project, "people")
    assert (people.shape, people.is_list, people.personal) == (Shape.MODEL, True, True)
    part_of = field_of(Activity, "part_of")
    assert (part_of.optional, part_of.reference, part_of.shape) == (True, "activity", Shape.STRING)
    value = field_of(Count, "value")
    assert (value.shape, value.minimum, value.required) == (Shape.INTEGER, 0, True)
    assert field_of(Text, "translations").shape is Shape.STRINGS
    with pytest.raises(KeyError):
        field_of(Count, "nothing")
