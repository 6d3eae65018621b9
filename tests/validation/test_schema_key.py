"""A document root may name its schema in ``"$schema"``, as editors expect: grprojects
accepts it, ignores it and does not write it back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import grprojects
from grprojects.cli.sniff import names_our_schema
from grprojects.model import SCHEMA_KEY
from grprojects.schema import published_schema

from .conftest import DATA
from .test_cli import builtin_plugins_only, run  # noqa: F401 - the autouse fixture

CLEAN = DATA / "valid" / "clean.json"
RELATIVE = "../schemas/1.1/dataset.schema.json"


def _with_key(value: object) -> dict[str, object]:
    document = json.loads(CLEAN.read_text("utf-8"))
    return {SCHEMA_KEY: value, **document}


def test_a_dataset_naming_its_schema_loads_as_the_same_dataset() -> None:
    """The key is not data: the dataset equals the one read without it."""
    named = grprojects.load(json.dumps(_with_key(RELATIVE)))
    assert named == grprojects.load(CLEAN)


def test_the_key_is_not_written_back_and_what_is_written_reads_back_equal() -> None:
    """dumps leaves "$schema" out; its text loads back to an equal dataset."""
    dataset = grprojects.load(json.dumps(_with_key(published_schema("dataset")["$id"])))
    text = grprojects.dumps(dataset)
    assert SCHEMA_KEY not in json.loads(text)
    assert grprojects.load(text) == dataset


def test_validate_accepts_a_dataset_naming_its_schema(tmp_path: Path) -> None:
    """The CLI finds nothing in a clean dataset that names its schema."""
    path = tmp_path / "named.json"
    path.write_text(json.dumps(_with_key(RELATIVE), ensure_ascii=False), "utf-8")
    result = run("validate", str(path))
    assert result.exit_code == 0, result.output
    assert result.output == "1 file checked: 0 errors, 0 warnings, 0 infos; valid\n"


def test_a_json_lines_record_may_name_the_project_schema(tmp_path: Path) -> None:
    """A project record is a document root too: its "$schema" is accepted."""
    project = json.loads(CLEAN.read_text("utf-8"))["projects"][0]
    record = {SCHEMA_KEY: published_schema("project")["$id"], **project}
    path = tmp_path / "projects.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", "utf-8")
    result = run("validate", "--select", "schema", str(path))
    assert result.exit_code == 0, result.output
    assert "0 errors" in result.output


@pytest.mark.parametrize(
    ("where", "value", "code", "pointer"),
    [
        ("root", 1, "schema.type", "/$schema"),
        ("project", RELATIVE, "schema.unknown-key", "/projects/0/$schema"),
    ],
)
def test_a_schema_key_elsewhere_or_not_a_string_is_refused(
    where: str, value: object, code: str, pointer: str
) -> None:
    """Only a string, only at the root: a number there, or the key on a nested project,
    is a schema error at its pointer."""
    document = json.loads(CLEAN.read_text("utf-8"))
    if where == "root":
        document = {SCHEMA_KEY: value, **document}
    else:
        document["projects"][0][SCHEMA_KEY] = value
    found = [(d.code, d.pointer) for d in grprojects.validate(json.dumps(document))]
    assert (code, pointer) in found


@pytest.mark.parametrize(
    ("declared", "ours"),
    [
        ("https://w3id.org/grprojects/schema/1.1/dataset.schema.json", True),
        ("../schemas/1.1/dataset.schema.json", True),
        ("file:///srv/data/project.schema.json", True),
        ("..\\schemas\\dataset.schema.json", True),
        ("https://json.schemastore.org/package.json", False),
        ("./my-dataset.schema.json", False),
    ],
)
def test_pre_commit_knows_our_schema_by_address_or_file_name(declared: str, ours: bool) -> None:
    """--only-documents takes a "$schema" naming a grprojects schema, a local copy too."""
    assert names_our_schema(declared) is ours
