"""Ajv 8, the validator most JavaScript tools embed, takes the published schemas and agrees
with grprojects on every test document.

Ajv runs as a user would run it: the draft 2020-12 class, default options (strict mode),
ajv-formats. Its verdict on each document is compared with grprojects' schema verdict
(the reference engine; the semantic checks are grprojects' own and not asked of Ajv).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Final

import pytest

from grprojects.extensions import combined_schema
from grprojects.model import SCHEMA_VERSION
from grprojects.runtime import default_runtime
from grprojects.schema import published_names, published_schema
from grprojects.schema_check import validator_for_schema

from .corpus import CLEAN, ROOT, Document
from .node import run_node

SCHEMAS = sorted((ROOT / "schemas").glob("*/*.schema.json"))
FROZEN_ANNOTATIONS: Final = ("x-codelist", "x-personal-data", "x-reference")
"""The keywords of schema 1.0 that Ajv's strict mode refuses; 1.0 is frozen as published,
so its documents are checked by an Ajv told these keywords (``keywords`` option)."""
REFUSED_IN_STRICT_MODE: Final = {"1.0/dataset.schema.json", "1.0/project.schema.json"}
"""The published schemas Ajv's default strict mode refuses: schema 1.0's, for the above."""
KNOWN_DIFFERENCES: Final[dict[str, str]] = {}
"""Documents on which Ajv and grprojects may differ, with the reason. None so far: the
schemas spell patterns so that ECMA-262 and Python read them alike (no ``\\d``, ``\\s`` or
``.``), and grprojects checks a final ``$`` as ECMA-262 does."""


@pytest.fixture(scope="module")
def verdicts(documents: list[Document]) -> tuple[dict[str, Any], dict[str, bool]]:
    """Ajv's answer for the whole corpus (one node run), and grprojects' verdicts."""
    job: dict[str, Any] = {"schemas": [str(p) for p in SCHEMAS], "declare": FROZEN_ANNOTATIONS}
    job["documents"] = [
        {"id": d.key, "schema": published_schema(d.schema, d.version)["$id"], "path": str(d.path)}
        for d in documents
    ]
    answer = run_node("ajv_verdicts.js", job, needs=("ajv", "ajv-formats"))
    return answer, {d.key: d.valid for d in documents}


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
        ("variation/count-past-64-bits", False),  # 1.1's whole numbers end at 2⁵³ − 1
        ("variation/count-largest", True),
        ("variation/count-past-largest", False),
    ],
)
def test_the_verdicts_are_the_documented_ones(
    verdicts: tuple[dict[str, Any], dict[str, bool]], key: str, valid: bool
) -> None:
    """A root may name its schema in "$schema" (not a nested object, not a 1.0 document);
    unlisted codes of open lists pass; counts end at 2⁵³ − 1; both validators say so."""
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
        value = json.loads(CLEAN.read_text("utf-8"))
        value["uses_extensions"] = [namespace]
        value["projects"][0]["extensions"] = {namespace: {"diarienummer": number}}
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
