"""Editors take the published schemas: VS Code's JSON language service, given the schema by
its settings (``json.schemas``) or by the document's own ``"$schema"``, completes the codes
of open code lists with their Swedish names and reports what grprojects' schema refuses.

It runs offline: the schema is read from the repository's ``schemas/`` folder.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Final

import pytest

from grprojects.codelists import builtin_codelists
from grprojects.model import SCHEMA_KEY, SCHEMA_VERSION

from .node import run_node

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "schemas" / SCHEMA_VERSION / "dataset.schema.json"
CLEAN = ROOT / "tests" / "data" / "valid" / "clean.json"
FOLDER: Final = ROOT / "examples"
"""Where the documents are said to be (they are not written): ``$schema`` is relative to it."""
RELATIVE: Final = f"../schemas/{SCHEMA_VERSION}/dataset.schema.json"
"""What the editors page tells a document under ``examples/`` to write in ``"$schema"``."""
CURSOR: Final = "‸"


def _document(
    name: str, *, schema_key: bool, edit: tuple[str, str] | None = None
) -> dict[str, Any]:
    """The clean test document as an editor holds it, ``edit`` made (the cursor marked ‸)."""
    value = json.loads(CLEAN.read_text("utf-8"))
    if schema_key:
        value = {SCHEMA_KEY: RELATIVE, **value}
    text = json.dumps(value, ensure_ascii=False, indent=2)
    if edit is not None:
        assert edit[0] in text
        text = text.replace(edit[0], edit[1], 1)
    offset = text.find(CURSOR)
    if offset >= 0:
        text = text.replace(CURSOR, "")
    return {
        "id": name,
        "uri": (FOLDER / f"{name}.json").as_uri(),
        "text": text,
        "offset": max(offset, 0),
    }


KIND: Final = ('"kind": "training-day"', f'"kind": "{CURSOR}"')
LANGUAGE: Final = ('"kind": "training-day"', f'"kind": "training-day", "languages": ["{CURSOR}"]')


@pytest.fixture(scope="module")
def answers() -> dict[str, Any]:
    """What the language service says about each document (one node run)."""
    documents = [
        _document("by-settings", schema_key=False, edit=KIND),
        _document("by-schema-key", schema_key=True, edit=KIND),
        _document("language-by-schema-key", schema_key=True, edit=LANGUAGE),
        _document("valid-by-schema-key", schema_key=True),
        _document("unknown-key-by-schema-key", schema_key=True, edit=('"id"', '"bogus": 1, "id"')),
        _document("unassociated", schema_key=False, edit=KIND),
    ]
    settings = [{"uri": SCHEMA.as_uri(), "fileMatch": ["by-settings.json"]}]
    job = {"settings": settings, "documents": documents}
    answer: dict[str, Any] = run_node(
        "vscode_completions.js", job, needs=("vscode-json-languageservice",)
    )
    return answer


def _offered(answer: dict[str, Any]) -> dict[str, str | None]:
    return {c["label"].strip('"'): c["documentation"] for c in answer["completions"]}


@pytest.mark.parametrize("name", ["by-settings", "by-schema-key"])
def test_an_open_code_list_is_completed_with_swedish_names(
    answers: dict[str, Any], name: str
) -> None:
    """Inside an activity's empty ``kind``, every listed activity kind is offered, each
    documented by its Swedish name, whichever way the schema was associated."""
    offered = _offered(answers[name])
    for code in builtin_codelists()["activity-kind"].codes:
        assert offered.get(code.code) == code.title["sv"], code.code


def test_a_list_of_open_codes_is_completed(answers: dict[str, Any]) -> None:
    """An item of ``languages`` is offered the language codes with their Swedish names."""
    offered = _offered(answers["language-by-schema-key"])
    assert offered["swe"] == builtin_codelists()["language"].title_of("swe")
    assert offered["fit"] == "meänkieli"


def test_no_schema_no_codes(answers: dict[str, Any]) -> None:
    """Without an association the editor knows no codes: the completions come from the schema."""
    assert "training-day" not in _offered(answers["unassociated"])


def test_the_editor_reports_what_the_schema_refuses(answers: dict[str, Any]) -> None:
    """A valid document with ``"$schema"`` shows no problem; an unknown key shows one."""
    assert answers["valid-by-schema-key"]["problems"] == []
    assert any("bogus" in p for p in answers["unknown-key-by-schema-key"]["problems"])
