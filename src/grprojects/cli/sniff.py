"""Telling grprojects documents from the other JSON files of a repository, for pre-commit.

A pre-commit hook is handed every changed ``.json`` file: ``package.json``,
``tsconfig.json``, ``.vscode/settings.json``. ``validate --only-documents`` skips the
ones that are *clearly* something else, and validates everything it is unsure of, so a
broken document is still reported:

- a ``"$schema"`` naming a grprojects schema makes a document, naming another schema
  makes something else; a grprojects schema is named by its address, or by the path
  of a local copy that keeps the published file name (``../schemas/1.1/dataset.schema.json``,
  as the editors page shows);
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

from ..model import SCHEMA_KEY
from ..schema import PUBLISHED, SCHEMA_HOME, published_schema
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


_SCHEMA_FILES: Final = frozenset(f"{name}.schema.json" for name in PUBLISHED)


def names_our_schema(declared: str) -> bool:
    """Whether a document's ``"$schema"`` names a grprojects schema: its published address,
    or a path or URL whose file is named as a published schema is."""
    file = declared.replace("\\", "/").rsplit("/", 1)[-1]
    return declared.startswith(SCHEMA_HOME) or file in _SCHEMA_FILES


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
    declared = value.get(SCHEMA_KEY)
    if isinstance(declared, str):
        return names_our_schema(declared)
    keys = set(value)
    return 2 * len(keys & top_level_keys(name)) > len(keys)
