"""Upgrading documents to the current schema version, losslessly, with a report.

A MINOR version only adds: every 1.0 document is already a 1.1 document but for the
``version`` it names, and but for a whole number of 2⁵³ or more (every JSON tool keeps
whole numbers exactly only below it) or a string longer than
:data:`~grprojects.model.fields.LONGEST_TEXT` (what a spreadsheet cell holds), which
1.1 refuses. Upgrading therefore changes what the version rules demand and nothing
else, and proves it: the upgraded document validates under the current schema and,
version aside, holds exactly the values the old one held; a document with such a
number or string is refused at its place.
"""

from __future__ import annotations

from typing import Any

import attrs

from . import io
from ._methods import shared_methods
from .diagnostics import Diagnostic
from .engines import schema_diagnostics
from .errors import DocumentError
from .jsontext import parse_json, scan
from .model import SCHEMA_VERSION, SCHEMA_VERSIONS, Dataset
from .schema import document_version


@shared_methods
@attrs.frozen(eq=False, repr=False)
class Change:
    """One thing an upgrade changed, at its JSON Pointer."""

    pointer: str
    description: str


@shared_methods
@attrs.frozen(eq=False, repr=False)
class Upgraded:
    """A document brought to the current version, and what that changed."""

    dataset: Dataset
    from_version: str
    changes: tuple[Change, ...]

    @property
    def changed(self) -> bool:
        """Whether the upgrade changed anything."""
        return bool(self.changes)


def upgrade(dataset: Dataset) -> Dataset:
    """``dataset`` as a document of the current schema version (in memory).

    Every earlier version's document is valid under the current rules once it names
    the current version, so the values are kept as they are; a 1.0 count of 2⁵³ or
    more, or a longer string, is kept too, and writing the result refuses it at its
    place (``schema.maximum``, ``schema.too-long``).
    """
    if dataset.version == SCHEMA_VERSION:
        return dataset
    if dataset.version not in SCHEMA_VERSIONS:
        raise ValueError(f"no schema version {dataset.version!r}; known: {SCHEMA_VERSIONS}")
    return dataset.evolve(version=SCHEMA_VERSION)


def upgrade_text(text: str, *, file: str | None = None) -> Upgraded:
    """Read a dataset of any published version, checked by its own version's rules, and
    upgrade it; :class:`~grprojects.DocumentError` when it is not valid as it stands."""
    value = parse_json(text, file=file)
    version = document_version(value)
    problems = schema_diagnostics(value, "dataset")
    if problems:
        raise DocumentError(scan(text, file=file).place(problems))
    old: Dataset = io.to_model(value, Dataset)
    new = upgrade(old)
    changes: list[Change] = []
    if new.version != old.version:
        changes.append(Change("/version", f"version {old.version} → {new.version}"))
    _prove_lossless(old, new, file)
    return Upgraded(new, version, tuple(changes))


def _prove_lossless(old: Dataset, new: Dataset, file: str | None) -> None:
    """Refuse an upgrade that would not validate or would change a value."""
    after: dict[str, Any] = io.to_json(new)
    problems = schema_diagnostics(after, "dataset")
    before: dict[str, Any] = io.to_json(old)
    lost = {
        k for k in before.keys() | after.keys() if k != "version" and before.get(k) != after.get(k)
    }
    if lost:
        problems.append(
            Diagnostic("upgrade.lossy", f"the upgrade would change {sorted(lost)}", file=file)
        )
    if problems:
        raise DocumentError([attrs.evolve(d, file=file) for d in problems])
