"""The documents outside validators are asked about, each with grprojects' own verdict.

The example documents, the test suite's valid and invalid documents, and edits of a
clean document at the edges the schemas draw. Documents grprojects cannot read as JSON
at all (duplicate keys, NaN, trailing commas) are left out: no schema ever sees them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final, NamedTuple

from grprojects.errors import DocumentError
from grprojects.jsontext import parse_json
from grprojects.model import SCHEMA_KEY
from grprojects.model.fields import LONGEST_TEXT
from grprojects.schema import document_version, published_schema
from grprojects.schema_check import schema_diagnostics

ROOT = Path(__file__).resolve().parents[2]
CORPUS: Final = (
    "examples",
    "tests/data/valid",
    "tests/data/invalid",
    "tests/data/frozen-1.0",
    "tests/core/invalid",
)
"""The example documents and the test suite's valid and invalid documents."""
CLEAN = ROOT / "tests" / "data" / "valid" / "clean.json"


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


def _set_name(value: str) -> Callable[[dict[str, Any]], Any]:
    return lambda d: _project(d)["name"].update(en=value)


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
    "count-largest": _set_count(2**53 - 1),
    "count-past-largest": _set_count(2**53),
    "municipality-with-full-width-digits": _set_place("１４８０"),
    "municipality-unknown": _set_place("0000"),
    "text-longest": _set_name("x" * LONGEST_TEXT),
    "text-past-longest": _set_name("x" * (LONGEST_TEXT + 1)),
    "text-longest-astral": _set_name("𝄞" * LONGEST_TEXT),
    "text-past-longest-astral": _set_name("𝄞" * (LONGEST_TEXT + 1)),
    "activity-kind-unlisted": _set_kind("hackathon"),
    "activity-kind-empty": _set_kind(""),
}
"""Edits of a clean document at the edges the schemas draw, by name."""


def _variations(folder: Path) -> list[tuple[str, str, Path]]:
    made = []
    for name, edit in VARIATIONS.items():
        document = json.loads(CLEAN.read_text("utf-8"))
        edit(document)
        path = folder / f"{name}.json"
        path.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
        made.append((f"variation/{name}", "dataset", path))
    record = {
        SCHEMA_KEY: published_schema("project")["$id"],
        **_project(json.loads(CLEAN.read_text("utf-8"))),
    }
    path = folder / "project-record-with-schema-key.json"
    path.write_text(json.dumps(record, ensure_ascii=False), "utf-8")
    made.append(("variation/project-record-with-schema-key", "project", path))
    frozen = json.loads((ROOT / "tests/data/frozen-1.0/clean.json").read_text("utf-8"))
    path = folder / "frozen-1.0-with-schema-key.json"
    path.write_text(json.dumps({SCHEMA_KEY: "1.0.json", **frozen}, ensure_ascii=False), "utf-8")
    made.append(("variation/frozen-1.0-with-schema-key", "dataset", path))
    return made


def _files(folder: Path) -> list[tuple[str, str, Path]]:
    """Every corpus document as (key, schema name, path), the variations written to ``folder``."""
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


class Document(NamedTuple):
    """One document of the corpus and what grprojects' schema check says of it."""

    key: str
    schema: str
    """The schema it is a document of: ``dataset`` or ``project``."""
    path: Path
    version: str
    """The schema version whose rules check it (the one it names)."""
    valid: bool
    """grprojects' verdict: the reference engine finds no schema problem."""


def corpus(folder: Path) -> list[Document]:
    """The whole corpus with grprojects' verdicts, the variations written to ``folder``."""
    found = []
    for key, schema, path in _files(folder):
        value = parse_json(path.read_text("utf-8"), file=str(path))
        valid = not schema_diagnostics(value, schema)
        found.append(Document(key, schema, path, document_version(value), valid))
    return found
