"""Documents named for their outcome: each invalid one fails with the expected codes and places."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import grprojects
from grprojects.model import SCHEMA_VERSION
from grprojects.schema import SCHEMA_NAMES

HERE = Path(__file__).parent
INVALID = HERE / "invalid"
EXPECTED: dict[str, list[list[str]]] = json.loads((INVALID / "expected.json").read_text("utf-8"))
ROOT = HERE.parents[1]
FROZEN = ROOT / "tests" / "data" / "frozen-1.0"


def test_every_invalid_document_has_an_expectation() -> None:
    """No invalid document is left without the codes and pointers it must fail with."""
    files = {p.stem for p in INVALID.glob("*.json") if p.name != "expected.json"}
    assert files == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_invalid_document_fails_at_the_expected_places(name: str) -> None:
    """Loading reports every expected problem, each with its code, pointer, file and line."""
    path = INVALID / f"{name}.json"
    with pytest.raises(grprojects.DocumentError) as caught:
        grprojects.load(path)
    found = sorted([d.code, d.pointer] for d in caught.value.diagnostics)
    assert found == sorted(EXPECTED[name])
    for diagnostic in caught.value.diagnostics:
        assert diagnostic.file == str(path)
        assert diagnostic.line is not None
        assert diagnostic.line >= 1


def test_duplicate_key_is_reported_at_its_second_occurrence() -> None:
    """A repeated key names the key and the line it repeats on."""
    with pytest.raises(grprojects.DocumentError) as caught:
        grprojects.load(INVALID / "duplicate-key.json")
    (diagnostic,) = caught.value.diagnostics
    assert (diagnostic.line, diagnostic.column) == (4, 3)
    assert "'title'" in diagnostic.message


def test_syntax_error_names_line_and_column() -> None:
    """A trailing comma is reported where the parser stopped, with no traceback text."""
    with pytest.raises(grprojects.DocumentError) as caught:
        grprojects.load(INVALID / "trailing-comma.json")
    (diagnostic,) = caught.value.diagnostics
    assert (diagnostic.line, diagnostic.column) == (4, 1)
    assert str(caught.value).startswith("1 problem in the document:")
    assert "trailing-comma.json:4:1: error json.syntax" in str(caught.value)


def test_valid_minimal_document_loads() -> None:
    """The minimal valid document loads into the model with its values."""
    dataset = grprojects.load(HERE / "valid-minimal.json")
    project = dataset.project("nya-grannar")
    assert project.organisations_in("owner") == ["gr"]
    assert str(project.periods[0].start) == "2016-21"


@pytest.mark.skipif(
    shutil.which("check-jsonschema", path=str(Path(sys.executable).parent)) is None,
    reason="check-jsonschema (a dev dependency) is not installed in this environment",
)
def test_a_third_party_validator_agrees(tmp_path: Path) -> None:
    """check-jsonschema accepts the examples and refuses every schema-invalid document,
    under the current schema and, for the frozen 1.0 documents, under 1.0's."""
    binary = str(Path(sys.executable).parent / "check-jsonschema")

    def run(version: str, *documents: Path) -> int:
        schema = ROOT / "schemas" / version / f"{SCHEMA_NAMES[0]}.schema.json"
        command = [binary, "--schemafile", str(schema), *map(str, documents)]
        return subprocess.run(command, capture_output=True, check=False).returncode

    examples = sorted((ROOT / "examples").glob("*.json"))
    assert run(SCHEMA_VERSION, HERE / "valid-minimal.json", *examples) == 0
    assert run("1.0", *sorted(FROZEN.glob("*.json"))) == 0
    schema_invalid = [
        INVALID / f"{name}.json"
        for name, problems in EXPECTED.items()
        if all(code.startswith("schema.") for code, _ in problems) and name != "unsupported-version"
    ]
    assert len(schema_invalid) >= 10
    for document in schema_invalid:
        assert run(SCHEMA_VERSION, document) == 1, document.name
        older = tmp_path / document.name  # the same document, as a 1.0 one
        older.write_text(document.read_text("utf-8").replace('"1.1"', '"1.0"', 1), "utf-8")
        assert run("1.0", older) == 1, document.name
