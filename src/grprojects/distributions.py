"""What is installed: a group's entry points and a distribution's version, remembered between runs.

Every run loads the installed plugins, and finding them walks every distribution on
``sys.path`` (:func:`importlib.metadata.entry_points`: about 8 ms, and 15 ms more to
import :mod:`importlib.metadata` with the email parser it reads metadata with), a
tenth of a one-file check. The answers are kept in grprojects' cache on disk
(:mod:`grprojects._cache`), keyed by the ``sys.path`` entries and the modification time
of each: installing, upgrading or removing a distribution adds or removes a
``.dist-info`` (or ``.egg-info``) directory in its folder, which changes that folder's
time. It is the rule :mod:`importlib.metadata`'s own lookup cache follows within a
process. With the cache turned off every call reads the metadata anew.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final, NamedTuple

from . import _cache

_METADATA_FOLDERS: Final = (".dist-info", ".egg-info")


class InstalledEntryPoint(NamedTuple):
    """One entry point of an installed distribution, as grprojects loads and lists it."""

    name: str
    value: str
    """What it names: ``module``, or ``module:attribute``, maybe followed by ``[extras]``."""
    distribution: str | None
    """The name of the distribution that declares it."""
    version: str | None

    def load(self) -> Any:
        """The object the entry point names: its module, or an attribute of it, imported."""
        module, _, attribute = self.value.partition("[")[0].partition(":")
        loaded = importlib.import_module(module.strip())
        for part in attribute.strip().split(".") if attribute.strip() else ():
            loaded = getattr(loaded, part)
        return loaded


def path_state(path: Sequence[str] | None = None) -> str:
    """Each ``sys.path`` entry with its modification time and the metadata directories in it.

    A distribution installed, upgraded or removed anywhere on the path changes it: its
    ``name-version.dist-info`` appears or goes, whatever the file system's clock.
    """
    lines = []
    for entry in sys.path if path is None else path:
        folder = Path(entry or ".").absolute()  # "" is the current directory
        try:
            stamp = str(folder.stat().st_mtime_ns)
        except OSError:
            stamp = "-"
        try:
            with os.scandir(folder) as found:
                names = sorted(e.name for e in found if e.name.endswith(_METADATA_FOLDERS))
        except OSError:  # missing, or a file (a zip): its time tells
            names = []
        lines.append(" ".join([stamp, str(folder), *names]))
    return "\n".join(lines)


def entry_points(group: str) -> tuple[InstalledEntryPoint, ...]:
    """The entry points of ``group``, each once, in :mod:`importlib.metadata`'s order."""
    key = {"group": group, "path": path_state()}
    found = _cache.cached("entry-points", key, lambda: _read_entry_points(group))
    return tuple(InstalledEntryPoint(*item) for item in found)


def version(distribution: str) -> str | None:
    """The installed version of ``distribution``, or None when it is not installed."""
    key = {"distribution": distribution, "path": path_state()}
    found: str | None = _cache.cached("version", key, lambda: _read_version(distribution))
    return found


def _read_entry_points(group: str) -> list[list[str | None]]:
    from importlib import metadata

    found: list[list[str | None]] = []
    seen: set[tuple[str, str]] = set()
    for entry_point in metadata.entry_points(group=group):
        if (entry_point.name, entry_point.value) in seen:
            continue  # the same distribution found twice on sys.path
        seen.add((entry_point.name, entry_point.value))
        dist = entry_point.dist
        name = dist.metadata["Name"] if dist else None
        found.append([entry_point.name, entry_point.value, name, dist.version if dist else None])
    return found


def _read_version(distribution: str) -> str | None:
    from importlib import metadata

    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None
