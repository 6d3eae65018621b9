"""The published schemas and the model agree on every field, enum and requirement."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from grprojects.codelists import builtin_codelists
from grprojects.model import (
    MODEL_CLASSES,
    ROOTS,
    SCHEMA_KEY,
    SCHEMA_VERSION,
    SCHEMA_VERSIONS,
    Text,
)
from grprojects.model.fields import Shape, fields_of
from grprojects.schema import (
    PUBLISHED,
    SCHEMA_NAMES,
    build_schema,
    code_def_name,
    document_def_name,
    frozen_schema_text,
    published_names,
    published_schema,
    schema_text,
    standard_keywords,
)

ROOT = Path(__file__).resolve().parents[2]
CLASSES = [cls for cls in MODEL_CLASSES if cls is not Text]


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_published_files_equal_the_generated_schemas(name: str) -> None:
    """schemas/<current>/*.schema.json are exactly what the model generates (`make schemas`)."""
    published = (ROOT / "schemas" / SCHEMA_VERSION / f"{name}.schema.json").read_text("utf-8")
    assert published == schema_text(build_schema(name))
    assert json.loads(published)["$id"].endswith(f"/schema/{SCHEMA_VERSION}/{name}.schema.json")


@pytest.mark.parametrize("version", [v for v in SCHEMA_VERSIONS if v != SCHEMA_VERSION])
def test_earlier_versions_stay_published_byte_for_byte(version: str) -> None:
    """schemas/<version>/ holds the package's frozen files of that version, unchanged."""
    for name in published_names(version):
        published = (ROOT / "schemas" / version / f"{name}.schema.json").read_text("utf-8")
        assert published == frozen_schema_text(name, version)
        assert json.loads(published) == published_schema(name, version)
        assert json.loads(published)["$id"].endswith(f"/schema/{version}/{name}.schema.json")


def test_published_folder_holds_exactly_the_shipped_schemas() -> None:
    """schemas/ has one folder per version, each with exactly that version's schemas."""
    assert sorted(p.name for p in (ROOT / "schemas").iterdir()) == sorted(SCHEMA_VERSIONS)
    for version in SCHEMA_VERSIONS:
        files = sorted(p.name for p in (ROOT / "schemas" / version).glob("*.schema.json"))
        assert files == sorted(f"{name}.schema.json" for name in published_names(version))
    assert set(published_names("1.0")) == set(PUBLISHED)


def test_the_wheel_ships_every_version() -> None:
    """pyproject force-includes schemas/ (every version folder) into the wheel."""
    pyproject = (ROOT / "pyproject.toml").read_text("utf-8")
    assert '"schemas" = "grprojects/_published_schemas"' in pyproject


def test_every_published_schema_is_draft_2020_12_with_an_id() -> None:
    """Each schema names its draft, has an ``$id`` of its own and checks as a valid schema."""
    from jsonschema import Draft202012Validator

    ids = set()
    for version in SCHEMA_VERSIONS:
        for name in published_names(version):
            schema = published_schema(name, version)
            assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
            ids.add(schema["$id"])
            Draft202012Validator.check_schema(dict(schema))
    assert len(ids) == sum(len(published_names(v)) for v in SCHEMA_VERSIONS)


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_every_field_is_in_the_schema_with_its_description(cls: type[Any]) -> None:
    """Each model field is a schema property described by its field doc; nothing else is."""
    definition = published_schema("dataset")["$defs"][cls.__name__]
    fields = fields_of(cls)
    assert list(definition["properties"]) == [f.name for f in fields]
    for field in fields:
        assert definition["properties"][field.name]["description"] == field.doc
    assert definition["additionalProperties"] is False


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_required_fields_are_those_without_defaults(cls: type[Any]) -> None:
    """A field is required on the wire exactly when the class has no default for it."""
    definition = published_schema("dataset")["$defs"][cls.__name__]
    expected = [f.name for f in fields_of(cls) if f.required]
    assert definition.get("required", []) == expected


def _scalar(prop: dict[str, Any]) -> dict[str, Any]:
    return prop.get("items", prop) if prop.get("type") == "array" else prop


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_enums_follow_enum_types_and_closed_code_lists(cls: type[Any]) -> None:
    """Enum types and closed code lists become ``enum``; open lists refer to their codes."""
    definition = published_schema("dataset")["$defs"][cls.__name__]
    for field in fields_of(cls):
        prop = _scalar(definition["properties"][field.name])
        name = field.codelist
        if field.shape is Shape.ENUM:
            assert prop["enum"] == [m.value for m in field.item]
        elif name is not None and builtin_codelists()[name].closed:
            assert prop["enum"] == [c.code for c in builtin_codelists()[name].codes]
        elif name is not None:
            assert prop["$ref"] == f"#/$defs/{code_def_name(name)}"
            assert prop["type"] == "string"
            assert "enum" not in prop


@pytest.mark.parametrize("name", sorted(n for n, c in builtin_codelists().items() if not c.closed))
def test_open_code_lists_offer_their_codes_with_swedish_names(name: str) -> None:
    """An open list's codes are ``const`` branches described by their Swedish names, in the
    list's order, after a first branch that takes any value."""
    definition = published_schema("dataset")["$defs"][code_def_name(name)]
    codes = builtin_codelists()[name].codes
    anything, *listed = definition["anyOf"]
    assert [b["const"] for b in listed] == [c.code for c in codes]
    assert [b.get("description") for b in listed] == [c.title.get("sv") for c in codes]
    assert set(anything) == {"description"}  # no constraint: every value passes


def test_every_root_allows_a_schema_key_and_nothing_else_does() -> None:
    """``"$schema"`` is a string member of each document root, and of no other object (a
    project inside a dataset is no root); the root's other members are its class's."""
    for name, cls in ROOTS.items():
        schema = published_schema(name)
        assert schema["$ref"] == f"#/$defs/{document_def_name(cls)}"
    defs = published_schema("dataset")["$defs"]
    holders = {n for n, d in defs.items() if SCHEMA_KEY in d.get("properties", {})}
    assert holders == {document_def_name(cls) for cls in ROOTS.values()}
    for cls in ROOTS.values():
        document, own = defs[document_def_name(cls)], defs[cls.__name__]
        assert document["properties"][SCHEMA_KEY]["type"] == "string"
        assert list(document["properties"]) == [SCHEMA_KEY, *own["properties"]]
        assert document["required"] == own["required"]
        assert document["additionalProperties"] is False


def test_the_schemas_use_no_keyword_outside_the_standard() -> None:
    """No ``x-`` annotation is left, so strict validators (Ajv's default mode) compile them."""
    text = schema_text(published_schema("dataset"))
    assert '"x-' not in text


def test_personal_fields_are_marked_in_the_schema() -> None:
    """Exactly the fields the model marks personal say so in their ``$comment``."""
    defs = published_schema("dataset")["$defs"]
    marked = {
        (cls, key)
        for cls, definition in defs.items()
        for key, prop in definition.get("properties", {}).items()
        if prop.get("$comment", "").startswith("Personal data")
    }
    assert marked == {
        ("Project", "people"),
        ("Project", "contacts"),
        ("Activity", "people"),
        ("Activity", "quotes"),
        ("Person", "phones"),
        ("Contact", "email"),
        ("Contact", "phones"),
    }


def test_closed_code_lists_name_a_source_and_date() -> None:
    """Every shipped code list says where it comes from and when."""
    for codelist in builtin_codelists().values():
        assert codelist.source.get("title"), codelist.id
        assert codelist.source.get("date"), codelist.id
        assert len(codelist.values) == len(codelist.codes), f"{codelist.id} repeats a code"


def test_schema_text_is_stable_json() -> None:
    """The canonical schema text parses back to the same schema."""
    text = schema_text(published_schema("project"))
    assert json.loads(text) == published_schema("project")
    assert text.endswith("}\n")


def test_model_reference_page_is_current() -> None:
    """docs/reference.md is what the model generates (run `make schemas`)."""
    from grprojects.schema import reference_markdown

    assert (ROOT / "docs" / "reference.md").read_text("utf-8") == reference_markdown()


def test_code_lists_page_is_current_and_lists_every_code() -> None:
    """docs/codelists.md is what the shipped lists generate, every code with its label."""
    from grprojects.codelists import builtin_codelists
    from grprojects.schema import codelists_markdown

    page = (ROOT / "docs" / "codelists.md").read_text("utf-8")
    assert page == codelists_markdown()
    for name, codelist in builtin_codelists().items():
        assert f"## {name}\n" in page
        for code in codelist.codes:
            assert f"| `{code.code}` | {code.title.get('sv', '')} |" in page
    assert "| `training-day` | utbildningsdag | training day |" in page


def test_model_page_names_every_class() -> None:
    """The model guide's glossary mentions every class of the model."""
    guide = (ROOT / "docs" / "model.md").read_text("utf-8")
    missing = [cls.__name__ for cls in MODEL_CLASSES if f"`{cls.__name__}`" not in guide]
    assert missing == []


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_required_fields_come_first(cls: type[Any]) -> None:
    """Required fields precede optional ones, so schema order is the canonical wire order."""
    required = [f.required for f in fields_of(cls)]
    assert required == sorted(required, reverse=True)


def test_standard_keywords_move_x_annotations_into_comments() -> None:
    """An ``x-`` keyword becomes a ``$comment`` line beside any comment already there; a
    property or definition named ``x-…`` and data (``enum``) are left as they are."""
    fragment = {
        "x-extensions": [{"namespace": "se.a.b"}],
        "$comment": "Made by hand.",
        "properties": {
            "x-note": {"type": "string", "x-personal-data": True},
            "kind": {"enum": ["x-one"], "x-reference": "organisation"},
        },
    }
    assert standard_keywords(fragment) == {
        "$comment": 'Made by hand.\nx-extensions: [{"namespace": "se.a.b"}]',
        "properties": {
            "x-note": {"type": "string", "$comment": "x-personal-data: true"},
            "kind": {"enum": ["x-one"], "$comment": 'x-reference: "organisation"'},
        },
    }
