"""A cache on disk for what every process would otherwise work out anew from the same inputs.

An entry is a JSON file named by the hash of its key and holding that key, so a
changed input (a schema, the Python that read it) finds no entry instead of a stale
one. Entries are written as every output is (:mod:`grprojects.outputs`: a temporary
file renamed into place), so processes running side by side (pre-commit starts
several) never read half an entry; a cache that cannot be read or written is passed
over, never an error.

The cache lives in ``$GRPROJECTS_CACHE_DIR``; by default ``$XDG_CACHE_HOME/grprojects``
(``~/.cache/grprojects``), on Windows ``%LOCALAPPDATA%\\grprojects\\cache``. Setting the
variable to an empty string turns the cache off.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Final

CACHE_VARIABLE: Final = "GRPROJECTS_CACHE_DIR"
"""The environment variable naming the cache directory (empty: no cache)."""


def cache_dir() -> Path | None:
    """Where entries are kept, or None when the cache is turned off."""
    chosen = os.environ.get(CACHE_VARIABLE)
    if chosen is not None:
        return Path(chosen) if chosen.strip() else None
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "grprojects" / "cache"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "grprojects"


def digest(value: Any) -> str:
    """A hash of a JSON value that does not depend on the order of its keys."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def source_digest(source: Path) -> str:
    """A hash of a module's source, so that edited code never meets an entry of the old one.

    grprojects' version stands in when there is no source beside the module (a zip).
    """
    try:
        return hashlib.sha256(source.read_bytes()).hexdigest()
    except OSError:
        from ._version import __version__

        return __version__


def entry_path(name: str, key: Mapping[str, str]) -> Path | None:
    """The file holding the entry ``name`` of ``key``, or None when the cache is off."""
    folder = cache_dir()
    return None if folder is None else folder / f"{name}-{digest(dict(key))[:32]}.json"


def cached(name: str, key: Mapping[str, str], compute: Callable[[], Any]) -> Any:
    """What ``compute()`` returns for ``key`` (JSON): read from the cache, else computed and kept.

    ``key`` must name everything the value depends on.
    """
    path = entry_path(name, key)
    if path is not None:
        with contextlib.suppress(OSError, ValueError):
            entry = json.loads(path.read_bytes())
            if isinstance(entry, dict) and entry.get("key") == dict(key) and "value" in entry:
                return entry["value"]
    value = compute()
    if path is not None:
        from .outputs import write_bytes  # only to write: outputs imports tempfile

        with contextlib.suppress(OSError, ValueError, TypeError):
            text = json.dumps({"key": dict(key), "value": value}, ensure_ascii=False)
            write_bytes(path, text.encode("utf-8"))
    return value
