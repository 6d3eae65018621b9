"""What plugins hand to grprojects: checks, importers, exporters and extensions.

Each is a small frozen object with a name, returned in lists from the hooks in
:mod:`grprojects.hookspecs`. Plugins construct them; grprojects calls them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import attrs

from .codelists import Code, CodeList
from .diagnostics import Diagnostic, Severity

if TYPE_CHECKING:
    from .model import Dataset


@attrs.frozen
class CheckContext:
    """What a semantic check sees: the checked dataset and the code lists in force.

    Everything here is frozen; a check cannot change what the next one sees.
    """

    dataset: Dataset
    codelists: Mapping[str, CodeList]
    raw: Any = None
    """The document's JSON value, for checks about its spelling rather than its meaning."""


class CheckFunction(Protocol):
    """The function of a check: yields a diagnostic for each problem it finds."""

    def __call__(self, context: CheckContext, /) -> Iterable[Diagnostic]: ...


@attrs.frozen
class Check:
    """A semantic check with a stable code, documented for ``grprojects explain``."""

    code: str
    """Stable, dotted and lower case: ``period.end-before-start``."""
    severity: Severity
    category: str
    """What the check is about: ``references``, ``dates``, ``counts``, ``privacy`` …"""
    summary: str
    """One line saying what the check finds."""
    explanation: str
    """Why it matters and how to fix it, in a paragraph or two."""
    failing_example: str
    """A JSON fragment the check reports."""
    passing_example: str
    """The same fragment, mended."""
    run: CheckFunction

    def diagnostic(self, pointer: str, message: str) -> Diagnostic:
        """A diagnostic of this check at ``pointer``."""
        return Diagnostic(self.code, message, pointer, self.severity)


@attrs.frozen
class Importer:
    """Reads some file format into a dataset."""

    name: str
    """The format name used by ``--from`` (``json``, ``xlsx``)."""
    description: str
    suffixes: tuple[str, ...]
    """File name endings it reads (``.xlsx``), lower case with the dot."""
    read: Callable[[Path], Dataset]
    """Read the file at the path; raise :class:`~grprojects.DocumentError` on bad input."""


@attrs.frozen
class Exporter:
    """Writes a dataset in some file format."""

    name: str
    """The format name used by ``--to`` (``json``, ``ics``)."""
    description: str
    suffixes: tuple[str, ...]
    """File name endings it writes, the first the default."""
    write: Callable[[Dataset, Path], list[str]]
    """Write the dataset to the path; return notes for the user (what was left out and why)."""


@attrs.frozen
class Extension:
    """Fields of a plugin's own, under a namespace, with their schema and codes.

    Like an OCDS extension: a manifest (this object), a schema patch (``schemas``,
    one JSON Schema per extensible object) and code-list additions.
    """

    namespace: str
    """Reverse-domain name under ``extensions`` in documents: ``se.goteborg.diarium``."""
    title: str
    description: str
    version: str
    schemas: Mapping[str, Mapping[str, Any]]
    """A JSON Schema per object kind: ``dataset``, ``organisation``, ``project``, ``activity``."""
    codes: Mapping[str, tuple[Code, ...]] = attrs.field(factory=dict)
    """Codes the extension adds to code lists, by code-list id."""


@attrs.frozen
class CodeAddition:
    """Codes a plugin adds to a shipped code list (open or closed)."""

    codelist: str
    """The id of the code list: ``activity-kind``, ``organisation-role`` …"""
    codes: tuple[Code, ...]
