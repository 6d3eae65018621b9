"""Extensions: namespaced fields validated by their fragments, declared or reported."""

from __future__ import annotations

import json
from types import SimpleNamespace
from typing import Any

import attrs
import jsonschema
import pytest

from grprojects import PluginError, dumps, hookimpl, load, public
from grprojects.codelists import Code
from grprojects.extensions import EXTENSIBLE_KINDS, combined_schema, extension_diagnostics
from grprojects.plugin_types import Extension
from grprojects.runtime import Runtime
from grprojects.schema import published_schema
from grprojects.testing import codes, isolated_runtime, minimal_dataset

NS = "se.test.ext"
FRAGMENT = {
    "type": "object",
    "properties": {"note": {"$ref": "#/$defs/Text"}, "level": {"type": "integer", "minimum": 1}},
    "additionalProperties": False,
}
EXTENSION = Extension(
    namespace=NS,
    title="Test",
    description="Fields on every kind of object.",
    version="1.0",
    schemas=dict.fromkeys(EXTENSIBLE_KINDS, FRAGMENT),
    codes={"activity-kind": (Code("test-kind", {"sv": "testsort"}),)},
)
DEPENDENT = Extension(
    namespace="se.test.dep",
    title="Dependent",
    description="Builds on se.test.ext; project fields only.",
    version="0.1",
    schemas={"project": {"type": "object"}},
    requires=(NS,),
)

PATHS = {
    "dataset": "",
    "organisation": "/organisations/0",
    "project": "/projects/0",
    "activity": "/projects/0/activities/0",
    "source": "/sources/0",
}
"""Where each kind of object sits in minimal_dataset() (with one activity added)."""


def extensions_plugin(*extensions: Extension) -> SimpleNamespace:
    """A plugin declaring ``extensions``."""
    return SimpleNamespace(register_extensions=hookimpl(lambda: list(extensions)))


@pytest.fixture(scope="module")
def manager() -> Runtime:
    """A manager with the two test extensions."""
    return isolated_runtime(extensions_plugin(EXTENSION, DEPENDENT))


def document(data: dict[str, Any] | None = None, **members: Any) -> dict[str, Any]:
    """A dataset using the test extension, with ``data`` under it on every kind of object."""
    value = minimal_dataset(**{"uses_extensions": [NS], **members})
    value["projects"][0]["activities"] = [
        {"id": "a", "kind": "test-kind", "title": {"sv": "En aktivitet"}}
    ]
    if data is not None:
        for path in PATHS.values():
            target: Any = value
            for part in path.split("/")[1:]:
                target = target[int(part)] if part.isdigit() else target[part]
            target["extensions"] = {NS: data}
    return value


def test_valid_data_on_every_kind_passes(manager: Runtime) -> None:
    """Data matching the fragment is accepted on all five kinds of object."""
    assert extension_diagnostics(document({"note": {"sv": "Hej"}, "level": 2}), manager) == []


@pytest.mark.parametrize(("kind", "path"), PATHS.items())
def test_invalid_data_is_reported_at_its_pointer(manager: Runtime, kind: str, path: str) -> None:
    """Each kind's data is checked against its fragment, core definitions included."""
    found = extension_diagnostics(document({"note": {"en": "no Swedish"}, "level": 0}), manager)
    here = [d for d in found if d.pointer.startswith(f"{path}/extensions/{NS}/")]
    assert [(d.code, d.pointer.removeprefix(path)) for d in here] == [
        ("extension.invalid", f"/extensions/{NS}/level"),
        ("extension.invalid", f"/extensions/{NS}/note"),
    ]
    assert "0 is less than the minimum of 1" in here[0].message


def test_undeclared_data_is_an_error(manager: Runtime) -> None:
    """Data under a namespace the document does not declare is extension.undeclared."""
    value = document({"level": 1})
    value["uses_extensions"] = []
    found = extension_diagnostics(value, manager)
    assert codes(found) == ["extension.undeclared"] * 5
    assert found[0].pointer == f"/extensions/{NS}"


def test_unknown_extension_is_an_error(manager: Runtime) -> None:
    """A declared namespace no plugin provides is extension.unknown at its declaration."""
    found = extension_diagnostics(document(uses_extensions=[NS, "se.nowhere.x"]), manager)
    assert [(d.code, d.pointer) for d in found] == [("extension.unknown", "/uses_extensions/1")]
    assert "known: se.test.dep, se.test.ext" in found[0].message


def test_missing_dependency_and_misplaced_data(manager: Runtime) -> None:
    """A dependency must be declared too; data on a kind the extension lacks is misplaced."""
    value = document(uses_extensions=["se.test.dep"])
    value["projects"][0]["activities"][0]["extensions"] = {"se.test.dep": {}}
    found = extension_diagnostics(value, manager)
    assert [(d.code, d.pointer) for d in found] == [
        ("extension.misplaced", "/projects/0/activities/0/extensions/se.test.dep"),
        ("extension.missing-dependency", "/uses_extensions/0"),
    ]


def test_a_project_record_takes_its_declarations_from_the_caller(manager: Runtime) -> None:
    """A project document (JSON Lines) has no uses_extensions; the caller says what is used."""
    project = {"id": "p", "name": {"sv": "P"}, "extensions": {NS: {"level": "high"}}}
    assert codes(extension_diagnostics(project, manager, name="project")) == [
        "extension.undeclared"
    ]
    found = extension_diagnostics(project, manager, name="project", uses=[NS])
    assert [(d.code, d.pointer) for d in found] == [
        ("extension.invalid", f"/extensions/{NS}/level")
    ]


def test_combined_schema_validates_offline(manager: Runtime) -> None:
    """The combined schema is self-contained and gives the same verdicts with plain jsonschema."""
    schema = combined_schema("dataset", [NS], manager)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    assert list(validator.iter_errors(document({"level": 3}))) == []
    assert not validator.is_valid(document({"level": 0}))
    stranger = document()
    stranger["extensions"] = {"se.other.ext": {}}
    assert not validator.is_valid(stranger)
    assert schema["$id"].endswith("/dataset+se.test.ext.schema.json")
    assert f'x-extensions: [{{"namespace": "{NS}"' in schema["$comment"]
    assert "x-extensions" not in schema  # Ajv's strict mode refuses unknown keywords


def test_combined_schema_leaves_the_published_one_alone(manager: Runtime) -> None:
    """Building a combined schema does not change the cached published schema."""
    before = json.dumps(published_schema("dataset"), sort_keys=True)
    combined_schema("dataset", [NS, "se.test.dep"], manager)
    assert json.dumps(published_schema("dataset"), sort_keys=True) == before


def test_combined_schema_of_an_unknown_namespace(manager: Runtime) -> None:
    """Asking for an extension nobody provides names the ones that exist."""
    with pytest.raises(KeyError, match=r"no extension 'se\.nowhere\.x'; known: se\.test\.dep"):
        combined_schema("dataset", ["se.nowhere.x"], manager)


def test_extension_codes_apply_to_documents_using_it(manager: Runtime) -> None:
    """The extension's activity kind is known only to documents that use the extension."""
    assert "test-kind" in manager.codelists_for([NS])["activity-kind"]
    assert "test-kind" not in manager.codelists["activity-kind"]


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"namespace": "Göteborg"}, "not reverse-domain style"),
        ({"schemas": {"person": {}}}, "objects that take no extensions: person"),
        ({"schemas": {"project": {"type": "thing"}}}, "invalid project schema"),
        (
            {"schemas": {"project": {"$ref": "https://example.org/s.json"}}},
            "$ref to another document",
        ),
    ],
)
def test_malformed_manifests_are_plugin_errors(changes: dict[str, Any], problem: str) -> None:
    """An extension with a bad namespace, kind, schema or remote $ref is refused."""
    bad = attrs.evolve(EXTENSION, **changes)
    with pytest.raises(PluginError, match=problem.replace("$", r"\$")):
        _ = isolated_runtime(extensions_plugin(bad)).extensions


def test_extension_data_survives_load_and_dump() -> None:
    """Every kind's extension data comes back from load → dump exactly as written."""
    value = document({"note": {"sv": "Hej", "en": "Hi"}, "level": 2, "nested": [{"x": None}]})
    assert json.loads(dumps(load(json.dumps(value)))) == value


def test_public_keeps_only_the_declared_keys_not_marked_personal() -> None:
    """A key the fragment marks personal, or does not declare at all, is left out."""
    fragment = {
        "type": "object",
        "properties": {
            "level": {"type": "integer"},
            "handläggare": {"type": "string", "x-personal-data": True},
        },
    }
    extension = attrs.evolve(EXTENSION, schemas={"project": fragment}, codes={})
    local = isolated_runtime(extensions_plugin(extension))
    data = {"level": 2, "handläggare": "Anna Svensson", "anteckning": "ring Anna 0701234567"}
    value = minimal_dataset(uses_extensions=[NS])
    value["projects"][0]["extensions"] = {NS: data}
    dataset = load(json.dumps(value))
    assert public(dataset, runtime=local).projects[0].extensions == {NS: {"level": 2}}
