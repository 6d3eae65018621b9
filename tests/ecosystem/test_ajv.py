"""Ajv 8, the validator most JavaScript tools embed, takes the published schemas and agrees
with grprojects on every test document.

Ajv runs as a user would run it: the draft 2020-12 class, default options (strict mode),
ajv-formats. Its verdict on each document is compared with grprojects' schema verdict
(the reference engine; the semantic checks are grprojects' own and not asked of Ajv).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

import pytest

from grprojects.errors import DocumentError
from grprojects.extensions import combined_schema
from grprojects.jsontext import parse_json
from grprojects.model import SCHEMA_KEY, SCHEMA_VERSION
from grprojects.runtime import default_runtime
from grprojects.schema import document_version, published_names, published_schema
from grprojects.schema_check import schema_diagnostics, validator_for_schema

from .node import run_node

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = sorted((ROOT / "schemas").glob("*/*.schema.json"))
CORPUS: Final = (
    "examples",
    "tests/data/valid",
    "tests/data/invalid",
    "tests/data/frozen-1.0",
    "tests/core/invalid",
)
"""The example documents and the test suite's valid and invalid documents."""
FROZEN_ANNOTATIONS: Final = ("x-codelist", "x-personal-data", "x-reference")
"""The keywords of schema 1.0 that Ajv's strict mode refuses; 1.0 is frozen as published,
so its documents are checked by an Ajv told these keywords (``keywords`` option)."""
REFUSED_IN_STRICT_MODE: Final = {"1.0/dataset.schema.json", "1.0/project.schema.json"}
"""The published schemas Ajv's default strict mode refuses: schema 1.0's, for the above."""
KNOWN_DIFFERENCES: Final[dict[str, str]] = {}
"""Documents on which Ajv and grprojects may differ, with the reason. None so far: the
schemas spell patterns so that ECMA-262 and Python read them alike (no ``\\d``, ``\\s`` or
``.``), and grprojects checks a final ``$`` as ECMA-262 does."""

_CLEAN = ROOT / "tests" / "data" / "valid" / "clean.json"


def _project(document: dict[str, Any]) -> dict[str, Any]:
    project: dict[str, Any] = document["projects"][0]
    return project


def _set_id(value: str) -> Callable[[dict[str, Any]], Any]:
    return lambda d: _project(d).update(id=value)


def _set_start(value: str) -> Callable[[dict[str, Any]], Any]:
    return lambda d: _project(d)["periods"][0].update(start=value)


def _set_count(value: Any) -> Callable[[dict[str, Any]], Any]:
    return lambda d: _project(d)["activities"][0]["figures"][0]["count"].update(value=value)


def _set_place(value: str) -> Callable[[dict[str, Any]], Any]:
    return lambda d: _project(d)["activities"][0]["place"].update(municipality=value)


def _set_kind(value: str) -> Callable[[dict[str, Any]], Any]:
    return lambda d: _project(d)["activities"][0].update(kind=value)


VARIATIONS: Final[dict[str, Callable[[dict[str, Any]], Any]]] = {
    "schema-key-url": lambda d: d.update({SCHEMA_KEY: published_schema("dataset")["$id"]}),
    "schema-key-relative-path": lambda d: d.update({SCHEMA_KEY: "../schemas/dataset.schema.json"}),
    "schema-key-number": lambda d: d.update({SCHEMA_KEY: 1}),
    "schema-key-inside-a-project": lambda d: _project(d).update({SCHEMA_KEY: "x.json"}),
    "id-with-right-to-left-override": _set_id("abc\u202edef"),
    "id-with-final-newline": _set_id("abc\n"),
    "id-with-zero-width-space": _set_id("ab\u200bc"),
    "id-with-swedish-letters": _set_id("göteborgs-stad"),
    "date-year-zero": _set_start("0000-01-01"),
    "date-february-30": _set_start("2019-02-30"),
    "date-leap-day": _set_start("2020-02-29"),
    "date-season": _set_start("2016-21"),
    "date-with-arabic-indic-digits": _set_start("٢٠١٩-09"),
    "count-zero": _set_count(0),
    "count-negative": _set_count(-1),
    "count-as-text": _set_count("90"),
    "count-as-boolean": _set_count(True),
    "count-past-64-bits": _set_count(2**64),
    "municipality-with-full-width-digits": _set_place("１４８０"),
    "municipality-unknown": _set_place("0000"),
    "activity-kind-unlisted": _set_kind("hackathon"),
    "activity-kind-empty": _set_kind(""),
}
"""Edits of a clean document at the edges the schemas draw, by name."""


def _variations(folder: Path) -> list[tuple[str, str, Path]]:
    made = []
    for name, edit in VARIATIONS.items():
        document = json.loads(_CLEAN.read_text("utf-8"))
        edit(document)
        path = folder / f"{name}.json"
        path.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
        made.append((f"variation/{name}", "dataset", path))
    record = {
        SCHEMA_KEY: published_schema("project")["$id"],
        **_project(json.loads(_CLEAN.read_text("utf-8"))),
    }
    path = folder / "project-record-with-schema-key.json"
    path.write_text(json.dumps(record, ensure_ascii=False), "utf-8")
    made.append(("variation/project-record-with-schema-key", "project", path))
    frozen = json.loads((ROOT / "tests/data/frozen-1.0/clean.json").read_text("utf-8"))
    path = folder / "frozen-1.0-with-schema-key.json"
    path.write_text(json.dumps({SCHEMA_KEY: "1.0.json", **frozen}, ensure_ascii=False), "utf-8")
    made.append(("variation/frozen-1.0-with-schema-key", "dataset", path))
    return made


def _documents(folder: Path) -> list[tuple[str, str, Path]]:
    """Every corpus document as (id, schema name, path); those grprojects cannot read as
    JSON at all (duplicate keys, NaN, trailing commas) are left out: no schema sees them."""
    found = []
    for place in CORPUS:
        for path in sorted((ROOT / place).glob("*.json")):
            if path.name == "expected.json":
                continue
            try:
                parse_json(path.read_text("utf-8"), file=str(path))
            except DocumentError:
                continue
            found.append((f"{place}/{path.name}", "dataset", path))
    return found + _variations(folder)


@functools.cache
def _value(path: Path) -> Any:
    return parse_json(path.read_text("utf-8"), file=str(path))


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], dict[str, bool]]:
    """Ajv's answer for the whole corpus (one node run), and grprojects' verdicts."""
    documents = _documents(tmp_path_factory.mktemp("ajv"))
    ours = {}
    job: dict[str, Any] = {"schemas": [str(p) for p in SCHEMAS], "declare": FROZEN_ANNOTATIONS}
    job["documents"] = []
    for key, name, path in documents:
        value = _value(path)
        version = document_version(value)
        ours[key] = not schema_diagnostics(value, name)
        schema_id = published_schema(name, version)["$id"]
        job["documents"].append({"id": key, "schema": schema_id, "path": str(path)})
    answer = run_node("ajv_verdicts.js", job, needs=("ajv", "ajv-formats"))
    return answer, ours


def test_every_published_schema_compiles_in_strict_mode(
    verdicts: tuple[dict[str, Any], dict[str, bool]],
) -> None:
    """Ajv's default options compile the current schemas with no warning, and so does
    ``strict: true`` (every strict rule an error); only the frozen 1.0 data schemas are
    refused, for their x- annotations (a documented limitation)."""
    answer, _ = verdicts
    outcome = {
        str(Path(path).relative_to(ROOT / "schemas")): error
        for path, error in answer["compiled"].items()
    }
    assert {p for p, error in outcome.items() if error is not None} == REFUSED_IN_STRICT_MODE
    strictest = {
        str(Path(p).relative_to(ROOT / "schemas")) for p, e in answer["strictest"].items() if e
    }
    assert strictest == REFUSED_IN_STRICT_MODE
    for path in REFUSED_IN_STRICT_MODE:
        assert outcome[path].startswith('strict mode: unknown keyword: "x-')
    current = {f"{SCHEMA_VERSION}/{name}.schema.json" for name in published_names(SCHEMA_VERSION)}
    assert current <= outcome.keys()
    assert answer["warnings"] == []


def test_ajv_agrees_with_grprojects_on_every_document(
    verdicts: tuple[dict[str, Any], dict[str, bool]],
) -> None:
    """Each example and test document is valid to Ajv exactly when grprojects' schema
    check finds nothing; both valid and invalid documents are among them."""
    answer, ours = verdicts
    theirs = {key: v["valid"] for key, v in answer["verdicts"].items()}
    assert theirs.keys() == ours.keys()
    differ = {
        key: (ours[key], answer["verdicts"][key]["errors"])
        for key in ours
        if ours[key] != theirs[key] and key not in KNOWN_DIFFERENCES
    }
    assert differ == {}
    assert sum(ours.values()) >= 20
    assert len(ours) - sum(ours.values()) >= 20


@pytest.mark.parametrize(
    ("key", "valid"),
    [
        ("variation/schema-key-url", True),
        ("variation/schema-key-relative-path", True),
        ("variation/project-record-with-schema-key", True),
        ("variation/schema-key-number", False),
        ("variation/schema-key-inside-a-project", False),
        ("variation/frozen-1.0-with-schema-key", False),  # 1.0 is frozen without it
        ("variation/activity-kind-unlisted", True),  # an open code list
        ("variation/id-with-final-newline", False),
        ("variation/count-past-64-bits", True),
    ],
)
def test_the_verdicts_are_the_documented_ones(
    verdicts: tuple[dict[str, Any], dict[str, bool]], key: str, valid: bool
) -> None:
    """A root may name its schema in "$schema" (not a nested object, not a 1.0 document);
    unlisted codes of open lists pass; both validators say so."""
    answer, ours = verdicts
    assert ours[key] is valid
    assert answer["verdicts"][key]["valid"] is valid


def test_a_combined_schema_compiles_in_strict_mode_and_agrees(tmp_path: Path) -> None:
    """``grprojects schema --with se.goteborg.stad`` (the extension's fragment marks a
    reference with ``x-reference``) compiles in Ajv's strict mode, and Ajv and grprojects
    agree on the extension's data, good and bad."""
    runtime = default_runtime()
    namespace = "se.goteborg.stad"
    if namespace not in runtime.extension_plugins:
        pytest.skip(f"the extension {namespace} is not installed (plugins/grprojects-goteborg)")
    combined = combined_schema("dataset", [namespace], runtime)
    schema_path = tmp_path / "combined.schema.json"
    schema_path.write_text(json.dumps(combined, ensure_ascii=False), "utf-8")
    ours, documents = {}, []
    for name, number in [("good", "SRF 2018-01234"), ("bad", "2018-01234")]:
        value = json.loads(_CLEAN.read_text("utf-8"))
        value["uses_extensions"] = [namespace]
        _project(value)["extensions"] = {namespace: {"diarienummer": number}}
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(value, ensure_ascii=False), "utf-8")
        ours[name] = validator_for_schema(combined).is_valid(value)
        documents.append({"id": name, "schema": combined["$id"], "path": str(path)})
    job = {"schemas": [str(schema_path)], "documents": documents}
    answer = run_node("ajv_verdicts.js", job, needs=("ajv", "ajv-formats"))
    assert answer["compiled"] == answer["strictest"] == {str(schema_path): None}
    assert answer["warnings"] == []
    assert ours == {"good": True, "bad": False}
    assert {key: v["valid"] for key, v in answer["verdicts"].items()} == ours
