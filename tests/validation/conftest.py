"""Shared fixtures: a validator with the built-in checks only, and the test documents."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from grprojects.reporting import Report, rules
from grprojects.runtime import Runtime, make_runtime
from grprojects.validation import Validator

DATA = Path(__file__).resolve().parents[1] / "data"
"""Test documents named for their outcome, with ``expected.json`` beside them."""
ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "gr-projects.json"


def expectations() -> dict[str, list[dict[str, Any]]]:
    """What each test document must produce: file name → list of code and pointer."""
    loaded: dict[str, list[dict[str, Any]]] = json.loads(
        (DATA / "expected.json").read_text("utf-8")
    )
    return loaded


@pytest.fixture(scope="session")
def builtin_manager() -> Runtime:
    """The built-in plugins alone, so installed plugins cannot change what tests see."""
    return make_runtime(entry_points=False)


@pytest.fixture(scope="session")
def validator(builtin_manager: Runtime) -> Validator:
    """A validator with every built-in check and nothing else."""
    return Validator(runtime=builtin_manager)


@pytest.fixture
def clean() -> dict[str, Any]:
    """The clean test dataset as a JSON value, fresh for each test to change."""
    value: dict[str, Any] = json.loads((DATA / "valid" / "clean.json").read_text("utf-8"))
    return value


@pytest.fixture(scope="module")
def report(validator: Validator, builtin_manager: Runtime, tmp_path_factory: Any) -> Report:
    """A run over a clean file, an invalid one, a broken one and a JSON Lines file."""
    folder = tmp_path_factory.mktemp("run")
    records = folder / "records.jsonl"
    clean = json.loads((DATA / "valid" / "clean.json").read_text("utf-8"))
    records.write_text(json.dumps(clean["projects"][1]) + "\n{]\n", encoding="utf-8")
    paths = [
        DATA / "valid" / "clean.json",
        DATA / "invalid" / "schema-invalid-still-checked.json",
        DATA / "invalid" / "json-trailing-comma.json",
        records,
    ]
    return Report(tuple(validator.validate_paths(paths)), rules(builtin_manager))
