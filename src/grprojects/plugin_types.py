"""What plugins hand to grprojects: checks, importers, exporters and extensions.

Each is a small frozen object with a name, returned in lists from the hooks in
:mod:`grprojects.hookspecs`. Plugins construct them; grprojects calls them.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal, Protocol

import attrs

from ._methods import shared_methods
from .codelists import Code, CodeList
from .diagnostics import Diagnostic, Severity
from .errors import DocumentError

if TYPE_CHECKING:
    from .model import Dataset, Organisation, Project, Source


@shared_methods
@attrs.frozen(eq=False, repr=False)
class CheckContext:
    """What a semantic check sees: the checked dataset and the code lists in force.

    Everything here is frozen; a check cannot change what the next one sees.
    """

    dataset: Dataset
    codelists: Mapping[str, CodeList]
    raw: Any = None
    """The document's JSON value, for checks about its spelling rather than its meaning."""
    standalone: bool = False
    """The dataset is one project read alone (a JSON Lines record), without the
    organisations and sources a whole dataset lists."""


class CheckFunction(Protocol):
    """The function of a check: yields a diagnostic for each problem it finds."""

    def __call__(self, context: CheckContext, /) -> Iterable[Diagnostic]: ...


CODE_PATTERN: Final = re.compile(r"^[a-z][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$")
"""A check's code: dotted, lower case, hyphens within words: ``period.end-before-start``."""


def _check_code(_: object, __: object, code: Any) -> None:
    if not isinstance(code, str) or not CODE_PATTERN.match(code):
        raise ValueError(
            f"a check code is dotted and lower case (period.end-before-start), not {code!r}"
        )


def _severity(value: object) -> Severity:
    """A :class:`Severity`, or the name of one (``"warning"``) made into it."""
    if isinstance(value, Severity):
        return value
    if isinstance(value, str) and value.upper() in Severity.__members__:
        return Severity[value.upper()]
    raise ValueError(f"a check's severity is a Severity (Severity.WARNING), not {value!r}")


def _callable(_: object, __: object, run: Any) -> None:
    if not callable(run):
        raise TypeError(f"a check's run must be a function of the context, not {run!r}")


Scope = Literal["project", "dataset"]
"""What a check looks at: one project at a time, or the whole dataset at once."""

SCOPES: Final[tuple[Scope, ...]] = ("project", "dataset")


def _scope(_: object, __: object, scope: Any) -> None:
    if scope not in SCOPES:
        raise ValueError(f"a check's scope is 'project' or 'dataset', not {scope!r}")


@shared_methods
@attrs.frozen(eq=False, repr=False)
class Check:
    """A semantic check with a stable code, documented for ``grprojects explain``.

    Made with a code that is not dotted lower case, a severity that is neither a
    :class:`Severity` nor the name of one, or a ``run`` that cannot be called, it
    raises at once, so the plugin returning it is blamed when the plugins load. A
    severity given by name (``"warning"``) becomes the :class:`Severity`.
    """

    code: str = attrs.field(validator=_check_code)
    """Stable, dotted and lower case: ``period.end-before-start``."""
    severity: Severity = attrs.field(converter=_severity)
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
    run: CheckFunction = attrs.field(validator=_callable)
    needs_dataset: bool = False
    """The check looks up what a whole dataset lists (organisations, sources, other
    projects), so it is not run on a project read alone (``CheckContext.standalone``)."""
    extension: str | None = None
    """The namespace of the extension whose rules the check enforces: it runs only on
    documents that declare it in ``uses_extensions``, so a dataset that never opted in
    is not held to a plugin's local rules, nor made to wait for them."""
    scope: Scope = attrs.field(default="dataset", validator=_scope)
    """``"project"``: what the check reports inside a project depends on that project
    alone, and what it reports outside the projects on no project; it may then be run
    on each project of a large document as it is read (on a dataset of that project
    alone, ``raw`` holding that dataset's JSON) and on the dataset without its projects.
    ``"dataset"`` (the default, always safe): it needs the whole document at once, and
    a large document is then read whole to run it."""

    def diagnostic(self, pointer: str, message: str) -> Diagnostic:
        """A diagnostic of this check at ``pointer``."""
        return Diagnostic(self.code, message, pointer, self.severity)


@shared_methods
@attrs.frozen(eq=False, repr=False)
class DiagnosticCode:
    """A code an importer reports about its input, documented for ``grprojects explain``.

    Checks document their codes themselves (:class:`Check`); an importer lists the codes
    its diagnostics carry in :attr:`Importer.codes`, so that every code a user meets in
    ``convert``'s account of the records can be looked up the same way. Made with a
    code that is not dotted lower case, it raises at once, as a check does.
    """

    code: str = attrs.field(validator=_check_code)
    """Stable, dotted, lower case, in the plugin's namespace: ``projektbanken.zero-amount``."""
    severity: Severity = attrs.field(converter=_severity)
    summary: str
    """One line saying what the code reports."""
    explanation: str
    """What the importer did with the value and how to mend the input, in a paragraph."""
    failing_example: str = ""
    """An input fragment the importer reports."""
    passing_example: str = ""
    """The same fragment, as the importer takes it without a remark."""
    category: str = "imports"
    """What the code is about, for the reference; importers' codes are ``imports``."""


def _codes(codes: Iterable[DiagnosticCode]) -> tuple[DiagnosticCode, ...]:
    return tuple(codes)


@shared_methods
@attrs.frozen(eq=False, repr=False)
class Importer:
    """Reads some file format into a dataset."""

    name: str
    """The format name used by ``--from`` (``json``, ``xlsx``)."""
    description: str
    suffixes: tuple[str, ...]
    """File name endings it reads (``.xlsx``), lower case with the dot."""
    read: Callable[[Path], Dataset | Imported]
    """Read the file at the path; raise :class:`~grprojects.DocumentError` on bad input.

    An importer with something to say about the records it read returns an
    :class:`Imported`: the dataset with every warning and every refused record, and
    how many records were taken in, taken in with warnings, or refused. An importer
    that keeps the good records of a partly bad file may instead raise
    :class:`PartialImportError`, which carries them beside the diagnostics.
    """
    codes: tuple[DiagnosticCode, ...] = attrs.field(default=(), converter=_codes)
    """The codes its diagnostics carry, each documented, for ``grprojects explain``."""
    stream: Callable[[Path], DatasetStream] | None = None
    """Optional: the file's dataset a record at a time, each checked as it is read, so
    that ``convert`` to an exporter that writes as it goes never holds the whole. The
    built-in JSON Lines and JSON importers have it (JSON from 64 MB on); an outside
    plugin's importer is called through ``read``, inside its plugin's fences."""


class PartialImportError(DocumentError):
    """An import that kept its good records and reports every bad one.

    A caller that only wants clean input treats it as the ``DocumentError`` it is;
    one that can use the rest reads :attr:`dataset`. Nothing is silently dropped.
    """

    def __init__(self, diagnostics: Sequence[Diagnostic], dataset: Dataset) -> None:
        super().__init__(diagnostics)
        self.dataset = dataset
        """The dataset built from the records that were read without error."""


def _diagnostics(diagnostics: Iterable[Diagnostic]) -> tuple[Diagnostic, ...]:
    return tuple(diagnostics)


@shared_methods
@attrs.frozen(eq=False, repr=False)
class RecordTally:
    """How an importer accounted for the records of its input: each is counted once.

    A register export is a list of records, and a regional developer must be able to
    tell that none went missing on the way in: every record was imported as it stood,
    imported with warnings (a value stated missing, a name matched loosely), or
    refused with the reason.
    """

    imported: int = attrs.field(validator=attrs.validators.ge(0))
    """Records taken in without a remark."""
    with_warnings: int = attrs.field(default=0, validator=attrs.validators.ge(0))
    """Records taken in with at least one warning about them."""
    refused: int = attrs.field(default=0, validator=attrs.validators.ge(0))
    """Records left out, each with an error diagnostic saying why."""

    @property
    def total(self) -> int:
        """Every record the input held."""
        return self.imported + self.with_warnings + self.refused

    def __str__(self) -> str:
        return (
            f"{self.total} records: {self.imported} imported, "
            f"{self.with_warnings} with warnings, {self.refused} refused"
        )


@shared_methods
@attrs.frozen(eq=False, repr=False)
class Imported:
    """What an importer read, with everything it has to say about it.

    Every diagnostic names its record (a JSON Pointer into the input, or ``sheet!cell``).
    Warnings and notes are about records that were kept; an error is about a record
    that was refused, so a dataset with errors beside it is incomplete, and the
    callers (``convert``, ``summary``) treat it as :class:`PartialImportError`.
    """

    dataset: Dataset
    diagnostics: tuple[Diagnostic, ...] = attrs.field(default=(), converter=_diagnostics)
    records: RecordTally | None = None
    """The accounting of the input's records, for importers that read records."""

    @property
    def refused(self) -> tuple[Diagnostic, ...]:
        """The errors: the records left out and why."""
        return tuple(d for d in self.diagnostics if d.severity is Severity.ERROR)


@functools.cache
def record_lists() -> dict[type, str]:
    """The dataset's lists of records by the class of their items (``Source``: ``sources``),
    read from the field table: what a :class:`DatasetStream` gives one at a time."""
    from .model import Dataset
    from .model.fields import fields_of

    return {info.item: info.name for info in fields_of(Dataset) if info.is_list and info.is_model}


@shared_methods
@attrs.frozen(eq=False, repr=False)
class DatasetStream:
    """A dataset given a record at a time, so that writing it needs the memory of one record.

    :attr:`header` is the dataset with its lists of organisations, projects and
    sources empty; :attr:`records` yields their items (``Organisation``, ``Project``
    and ``Source`` objects), each list in its order, the lists perhaps interleaved (a
    JSON Lines file gives a project's sources beside it). Each call starts again from
    the beginning (a file is read anew), so an exporter that must see everything
    before it writes (a spreadsheet's columns) may go over the records twice.
    """

    header: Dataset
    records: Callable[[], Iterator[Organisation | Project | Source]]

    @classmethod
    def of(cls, dataset: Dataset) -> DatasetStream:
        """The stream of a dataset in memory: what projects cite (organisations,
        sources) before the projects, so a writer meets few references ahead."""
        names = sorted(record_lists().values(), key=lambda name: name == "projects")
        lists = [getattr(dataset, name) for name in names]
        header = dataset.evolve(**{name: [] for name in names})
        return cls(header, lambda: itertools.chain.from_iterable(lists))

    def whole(self) -> Dataset:
        """The dataset in memory, for an exporter that writes only whole datasets."""
        lists: dict[str, list[Any]] = {name: [] for name in record_lists().values()}
        for record in self.records():
            lists[list_of(record)].append(record)
        return self.header.evolve(**lists)


def list_of(record: Any) -> str:
    """The dataset list a record of a :class:`DatasetStream` belongs to (``projects``)."""
    found = record_lists().get(type(record))
    if found is None:
        kind = type(record).__name__
        raise TypeError(
            f"a dataset stream yields the items of {sorted(record_lists().values())}, not {kind}"
        )
    return found


@shared_methods
@attrs.frozen(eq=False, repr=False)
class Exporter:
    """Writes a dataset in some file format."""

    name: str
    """The format name used by ``--to`` (``json``, ``ics``)."""
    description: str
    suffixes: tuple[str, ...]
    """File name endings it writes, the first the default."""
    write: Callable[[Dataset, Path], list[str]]
    """Write the dataset to the path; return notes for the user (what was left out and why).

    Through ``convert`` the path is a new file in a private temporary directory, put in
    place by :mod:`grprojects.outputs` afterwards."""
    stream: Callable[[DatasetStream, Path], list[str]] | None = None
    """Optional: write a :class:`DatasetStream` to the path as ``write`` writes the
    whole dataset, holding a bounded number of records at a time whatever their
    number. ``convert`` uses it when it is there, checking each record before the
    exporter sees it; the built-in SQLite and XLSX exporters have it. An outside
    plugin's exporter is called through ``write``, inside its plugin's fences."""


@shared_methods
@attrs.frozen(eq=False, repr=False)
class Extension:
    """Fields of a plugin's own, under a namespace, with their schema and codes.

    Like an OCDS extension: a manifest (this object), a schema patch (``schemas``,
    one JSON Schema per extensible object) and code-list additions.
    """

    namespace: str
    """Reverse-domain name under ``extensions`` in documents: ``se.goteborg.stad``."""
    title: str
    description: str
    version: str
    schemas: Mapping[str, Mapping[str, Any]]
    """A JSON Schema per object kind it extends: ``dataset``, ``organisation``,
    ``project``, ``activity``, ``source``. Each describes the object found under
    ``extensions[namespace]`` there; ``$ref`` may name core definitions only
    (``#/$defs/Text``), never another document."""
    codes: Mapping[str, tuple[Code, ...]] = attrs.field(factory=dict)
    """Codes the extension adds to open code lists, by code-list id, for documents using it."""
    requires: tuple[str, ...] = ()
    """Namespaces of other extensions a document must also declare to use this one."""
    documentation_url: str | None = None
    """Where people read what the fields mean."""


@shared_methods
@attrs.frozen(eq=False, repr=False)
class CodeAddition:
    """Codes a plugin adds to a shipped open code list, wherever the plugin is installed."""

    codelist: str
    """The id of the code list: ``activity-kind``, ``organisation-role`` …"""
    codes: tuple[Code, ...]
