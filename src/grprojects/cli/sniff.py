"""Telling grprojects documents from the other JSON files of a repository, for pre-commit.

A pre-commit hook is handed every changed ``.json`` file: ``package.json``,
``tsconfig.json``, ``.vscode/settings.json``. ``validate --only-documents`` skips the
ones that are *clearly* something else, and validates everything it is unsure of, so a
broken document is still reported:

- a ``"$schema"`` naming a grprojects schema makes a document, naming another schema
  makes something else;
- otherwise a JSON object is a document when most of its keys are keys the schema
  gives the top level (``version``, ``title``, ``projects`` … for a dataset), so a
  document with a typo in one key is still one;
- a top-level array, string or number is not a document;
- text that is not JSON is read again leniently (comments and trailing commas
  allowed, as in editors' settings files) and judged the same way; if even that fails
  it is taken for a broken document.

A JSON Lines file is judged by its first record, against the project schema; a record
of one organisation or source (``{"organisation": {…}}``) is a document too.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Any, Final

from ..schema import SCHEMA_HOME, published_schema
from ..validation import JSON_LINES_SUFFIXES, record_kind

_COMMENT_OR_TRAILING_COMMA: Final = re.compile(
    r'("(?:\\.|[^"\\])*")|//[^\n]*|/\*.*?\*/|,(?=\s*[}\]])', re.DOTALL
)
"""A JSON string (kept), or a comment or trailing comma (dropped) outside strings."""


@functools.cache
def top_level_keys(schema: str) -> frozenset[str]:
    """The keys the published schema ``schema`` allows at the top of a document."""
    root: Any = published_schema(schema)
    reference = root.get("$ref", "")
    if reference.startswith("#/$defs/"):
        root = root["$defs"][reference.removeprefix("#/$defs/")]
    return frozenset(root.get("properties", {}))


def _lenient(text: str) -> Any:
    """``text`` read as JSON with comments and trailing commas (JSONC), or ``None``."""
    try:
        return json.loads(_COMMENT_OR_TRAILING_COMMA.sub(lambda m: m.group(1) or "", text))
    except ValueError:
        return None


def _first_record(path: Path) -> bytes:
    """The first non-blank line of a JSON Lines file, read without reading the rest."""
    with path.open("rb") as file:
        return next((line for line in file if line.strip()), b"")


def looks_like_document(path: Path, schema: str | None = None) -> bool:
    """False only when ``path`` is clearly not a grprojects document (see the module)."""
    lines = path.suffix.lower() in JSON_LINES_SUFFIXES
    name = "project" if lines else schema or "dataset"
    try:
        text = (_first_record(path) if lines else path.read_bytes()).decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return True  # validating it says what is wrong
    try:
        value = json.loads(text)
    except ValueError:
        value = _lenient(text)
        if value is None:
            return True
    if not isinstance(value, dict):
        return False
    if lines and record_kind(value) is not None:
        return True
    declared = value.get("$schema")
    if isinstance(declared, str):
        return declared.startswith(SCHEMA_HOME)
    keys = set(value)
    return 2 * len(keys & top_level_keys(name)) > len(keys)
