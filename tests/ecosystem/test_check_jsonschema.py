"""check-jsonschema, the command line validator grprojects is compared with, takes the
published schema, agrees with grprojects on every document of the corpus, and takes a
document naming its schema in ``"$schema"``."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from grprojects.model import SCHEMA_KEY, SCHEMA_VERSION

from .corpus import CLEAN, ROOT, Document

SCHEMA = ROOT / "schemas" / SCHEMA_VERSION / "dataset.schema.json"


def _check_jsonschema() -> str:
    beside = Path(sys.executable).with_name("check-jsonschema")
    found = str(beside) if beside.exists() else shutil.which("check-jsonschema")
    if found is None:
        pytest.skip("check-jsonschema is not installed (it is in the dev extra)")
    return found


def test_check_jsonschema_takes_documents_that_name_their_schema(tmp_path: Path) -> None:
    """A clean dataset with "$schema" passes; the same with a project's unknown key fails,
    naming the file: the schema is read and applied, offline."""
    document: dict[str, Any] = {SCHEMA_KEY: f"../schemas/{SCHEMA_VERSION}/dataset.schema.json"}
    document.update(json.loads(CLEAN.read_text("utf-8")))
    named = tmp_path / "named.json"
    named.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    document["projects"][0]["bogus"] = 1
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    command = [_check_jsonschema(), "--schemafile", str(SCHEMA), "-o", "json"]
    done = subprocess.run(
        [*command, str(named), str(broken)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    failed = {Path(e["filename"]).name for e in report["errors"]}
    assert failed == {"broken.json"}


def test_check_jsonschema_agrees_with_grprojects_on_every_document(
    documents: list[Document],
) -> None:
    """On each current-version dataset of the corpus (examples, test documents, edits at
    the schema's edges), check-jsonschema fails exactly the files grprojects' schema
    check refuses."""
    ours = {
        str(d.path): d.valid
        for d in documents
        if d.schema == "dataset" and d.version == SCHEMA_VERSION
    }
    command = [_check_jsonschema(), "--schemafile", str(SCHEMA), "-o", "json", *ours]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    report = json.loads(done.stdout)
    failed = {e["filename"] for e in report["errors"]}
    assert {path: path not in failed for path in ours} == ours
    assert 0 < sum(ours.values()) < len(ours)
