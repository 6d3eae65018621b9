"""Validation in layers: strict JSON, schema, structure, semantic checks.

Each layer reports :class:`~grprojects.Diagnostic` objects with a stable code and a
JSON Pointer; for files also the line and column. A document that fails a layer
still gets as much of the later ones as can run: a schema-invalid document is
structured as far as it goes (the parts that cannot be are *holes*), and the
semantic checks run over what was structured, their findings inside holes or on
values the schema already rejected left out.

The schema layer is one function, :data:`SchemaEngine`; :class:`Validator` takes
any such function, so a faster engine slots in there and nowhere else. Semantic
checks come from the runtime (:attr:`Runtime.checks
<grprojects.plugins.Runtime.checks>`), built-in ones included; a check that
raises becomes an error naming its plugin, and the other checks still run.
"""

from __future__ import annotations

import functools
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import attrs

from . import converter as conversion
from . import engines, io
from ._methods import shared_methods
from .checks._walk import cited_ids, citing
from .checks.references import (
    DATASET_KINDS,
    UNKNOWN_ORGANISATION,
    UNKNOWN_PROJECT,
    UNKNOWN_SOURCE,
)
from .diagnostics import Diagnostic, Severity, parts_of, pointer_of
from .errors import DocumentError
from .extensions import declared_extensions
from .jsontext import collector_paused, parse_json, scan
from .limits import input_limit
from .masking import without_personal_values
from .model import ROOTS, SCHEMA_VERSION, Dataset, PartialDate, Project, Publisher, Text
from .model.fields import FieldInfo, Shape, fields_of
from .parallel import validate_many
from .plugin_types import Check, CheckContext
from .runtime import Runtime, RuntimeSpec, default_runtime
from .schema import document_version, newer_version

if TYPE_CHECKING:
    from .jsonstream import Piece, Place

SchemaEngine = Callable[[Any, str], list[Diagnostic]]
"""Checks a JSON value against the published schema of the given name (``dataset``,
``project``) and returns every problem as a diagnostic with its pointer, in document
order. :func:`grprojects.schema_check.schema_diagnostics` (jsonschema) is the reference engine."""

STREAM_FROM: Final = 64 * 1024 * 1024
"""Files of at least this many bytes are read a project at a time (:meth:`Validator.validate_path`).

Below it reading the document whole is as fast and its peak memory small; above it the
whole tree would cost several times the file, where reading project by project costs
about the model's size (see ``docs/validation/streaming.md``)."""

JSON_LINES_SUFFIXES: Final = (".jsonl", ".ndjson")
"""File endings read as JSON Lines: one project per line, against the ``project`` schema."""

_PathKey = tuple[str | int, ...]


def default_schema_engine() -> SchemaEngine:
    """The schema engine used when none is given: the fastest installed one.

    jsonschema-rs (the ``fast`` extra) answers for valid documents; jsonschema, the
    reference, explains the invalid ones (see :mod:`grprojects.engines`).
    """
    return engines.schema_diagnostics


def code_matches(code: str, pattern: str) -> bool:
    """Whether ``pattern`` selects ``code``: the code itself or a dotted prefix of it.

    ``period``, ``period.`` and ``period.end-before-start`` all select
    ``period.end-before-start``; ``period.end`` does not.
    """
    prefix = pattern.rstrip(".")
    return code == prefix or code.startswith(prefix + ".")


@shared_methods
@attrs.frozen(eq=False, repr=False)
class Selection:
    """Which diagnostics to report: ``--select``, ``--ignore`` and ``--min-severity``."""

    select: tuple[str, ...] = ()
    """Codes or prefixes to report; empty means all."""
    ignore: tuple[str, ...] = ()
    """Codes or prefixes never to report; wins over ``select``."""
    min_severity: Severity = Severity.INFO

    def wants_code(self, code: str) -> bool:
        """Whether diagnostics of ``code`` are reported (at some severity)."""
        if any(code_matches(code, p) for p in self.ignore):
            return False
        return not self.select or any(code_matches(code, p) for p in self.select)

    def wants(self, diagnostic: Diagnostic) -> bool:
        """Whether ``diagnostic`` is reported."""
        return diagnostic.severity >= self.min_severity and self.wants_code(diagnostic.code)


@shared_methods
@attrs.frozen(eq=False, repr=False)
class FileResult:
    """What validating one file found."""

    file: str
    diagnostics: tuple[Diagnostic, ...]
    documents: int = 1
    """How many documents the file held: 1, or the records of a JSON Lines file."""

    @property
    def valid(self) -> bool:
        """No error-severity diagnostic."""
        return all(d.severity < Severity.ERROR for d in self.diagnostics)


# -- structuring as far as it goes ------------------------------------------------------


_STAND_INS: Final = {
    Shape.STRING: "",
    Shape.INTEGER: 0,
    Shape.BOOLEAN: False,
    Shape.DECIMAL: Decimal(0),
    Shape.TEXT: Text(sv=""),
    Shape.DATE: PartialDate(1),
}
"""What stands in a hole for a required value of each plain shape (all immutable)."""


def _placeholder(field: FieldInfo) -> Any:
    """A stand-in for a field's value that could not be structured; it sits in a hole."""
    if field.is_list:
        return []
    if field.optional:
        return None
    if field.is_model:
        return _model_placeholder(field.item)
    if field.shape is Shape.ENUM:
        return next(iter(field.item))
    return _STAND_INS.get(field.shape, {})  # free JSON: a new empty object each time


def _model_placeholder(cls: type) -> Any:
    """A stand-in for an object of ``cls``: its required fields only, each a stand-in."""
    return cls(**{f.name: _placeholder(f) for f in fields_of(cls) if f.required})


def _mend(value: Any, cls: type, path: _PathKey, holes: list[_PathKey]) -> Any:
    """Structure ``value`` into ``cls`` as far as it goes, recording the holes."""
    try:
        return conversion.converter.structure(value, cls)
    except Exception:  # noqa: BLE001, S110 - the schema layer has reported why; mend below
        pass
    if not isinstance(value, dict):
        holes.append(path)
        return _model_placeholder(cls)
    values: dict[str, Any] = {}
    for field in fields_of(cls):
        where = (*path, field.name)
        if field.name not in value:
            if field.required:
                holes.append(where)
                values[field.name] = _placeholder(field)
            continue
        values[field.name] = _mend_field(value[field.name], field, where, holes)
    return cls(**values)


def _mend_field(raw: Any, field: FieldInfo, path: _PathKey, holes: list[_PathKey]) -> Any:
    if raw is None and field.optional:
        return None
    if field.is_model and field.is_list:
        if isinstance(raw, list):
            return [_mend(x, field.item, (*path, i), holes) for i, x in enumerate(raw)]
    elif field.is_model:
        return _mend(raw, field.item, path, holes)
    else:
        try:
            return conversion.converter.structure(raw, field.type)
        except Exception:  # noqa: BLE001, S110 - reported by the schema layer; a hole here
            pass
    holes.append(path)
    return _placeholder(field)


def _inside(pointer: str, places: Iterable[str]) -> bool:
    """Whether ``pointer`` is one of ``places`` or lies within one."""
    return any(pointer == p or pointer.startswith(p + "/") for p in places)


def _order(diagnostic: Diagnostic) -> tuple[Any, ...]:
    """Document order: by line and column when placed, else by pointer."""
    parts = tuple(
        (0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts_of(diagnostic.pointer)
    )
    return (
        diagnostic.file or "",
        diagnostic.line or 0,
        diagnostic.column or 0,
        parts,
        diagnostic.code,
    )


# -- the pipeline -------------------------------------------------------------------------


class Validator:
    """Runs the four layers over documents, with one set of checks and one schema engine."""

    def __init__(
        self,
        *,
        runtime: Runtime | None = None,
        selection: Selection | None = None,
        schema_engine: SchemaEngine | None = None,
        stream_from: int = STREAM_FROM,
    ) -> None:
        self.runtime = runtime if runtime is not None else default_runtime()
        self.selection = selection or Selection()
        self.schema_engine = schema_engine or default_schema_engine()
        self.stream_from = stream_from
        """Dataset files of at least this many bytes are read a project at a time."""

    @functools.cached_property
    def check_codes(self) -> frozenset[str]:
        """The codes of the selected semantic checks."""
        return frozenset(c for c in self.runtime.checks if self.selection.wants_code(c))

    def run_checks(
        self,
        dataset: Dataset,
        raw: Any = None,
        *,
        uses: Iterable[str] = (),
        standalone: bool = False,
    ) -> list[Diagnostic]:
        """Every selected check over ``dataset``; a check that raises becomes an error.

        ``uses`` names the extensions whose code-list additions are in force.
        ``standalone`` means the dataset is one project read alone (a JSON Lines
        record): checks that look up the dataset's organisations and sources are skipped.
        """
        codelists = self.runtime.codelists_for(uses)
        codes = self.check_codes
        if standalone:
            codes = frozenset(c for c in codes if not self.runtime.checks[c][1].needs_dataset)
        context = CheckContext(dataset=dataset, codelists=codelists, raw=raw, standalone=standalone)
        with collector_paused():  # the checks' many small tuples would set off full walks
            return self.runtime.run_checks(context, codes=codes)

    def schema_layer(
        self, value: Any, schema: str, uses: tuple[str, ...] | None
    ) -> list[Diagnostic]:
        """The core schema (through the schema engine) and the extensions' fragments."""
        problems = list(self.schema_engine(value, schema))
        return problems + self.runtime.extension_schemas.diagnostics(value, name=schema, uses=uses)

    def validate_value(self, value: Any, *, schema: str = "dataset") -> list[Diagnostic]:
        """Layers 2–4 over a parsed JSON value: diagnostics with pointers, not yet placed.

        A ``project`` value is a JSON Lines record: it cannot declare extensions, so
        every installed extension counts as declared, and it is checked standalone.
        """
        return self._layers(value, schema).found

    def _layers(
        self, value: Any, schema: str, *, standalone: bool = False, checks: bool = True
    ) -> _Checked:
        """Layers 2–4, and the dataset the checks read (a ``project`` value inside one)."""
        cls = ROOTS[schema]
        alone = schema == "project"
        standalone = standalone or alone
        uses = tuple(self.runtime.extension_plugins) if standalone else None
        problems = self.schema_layer(value, schema, uses) + _newer_version_note(value, schema)
        holes: list[_PathKey] = []
        structured: Any = None
        if not problems:
            try:
                structured = io.to_model(value, cls)
            except DocumentError as error:
                problems += error.diagnostics
        if structured is None and isinstance(value, dict):
            structured = _mend(value, cls, (), holes)
        rejected = [pointer_of(h) for h in holes] + [
            d.pointer for d in problems if d.pointer and d.code != "schema.required"
        ]  # a missing key is a hole of its own; the object around it is still checked
        dataset = None
        if structured is not None:
            dataset = _alone(structured) if alone else structured
        if dataset is not None and checks:
            in_force = uses if uses is not None else declared_extensions(value)
            found = self.run_checks(dataset, value, uses=in_force, standalone=standalone)
            if alone:
                found = [attrs.evolve(d, pointer=_unwrap_pointer(d.pointer)) for d in found]
            problems += [d for d in found if not _inside(d.pointer, rejected)]
        found = without_personal_values((d for d in problems if self.selection.wants(d)), value)
        return _Checked(sorted(found, key=_order), dataset, rejected)

    def validate_text(
        self, text: str, *, file: str | None = None, schema: str = "dataset"
    ) -> list[Diagnostic]:
        """All four layers over a document's text; diagnostics placed at line and column.

        The garbage collector stays paused from the parse until the document's tree is
        freed: paused layer by layer instead, each resumption would walk every object
        the layer made, which costs as much as a layer itself on a large document.
        """
        with collector_paused():
            return self._validate_text(text, file, schema)

    def _validate_text(self, text: str, file: str | None, schema: str) -> list[Diagnostic]:
        try:
            value = parse_json(text, file=file)
        except DocumentError as error:
            return sorted((d for d in error.diagnostics if self.selection.wants(d)), key=_order)
        found = self.validate_value(value, schema=schema)
        if not found:
            return []
        return sorted(scan(text, file=file).place(found), key=_order)

    def validate_path(self, path: Path, *, schema: str | None = None) -> FileResult:
        """Validate one file: JSON Lines by its ending, else one document (``schema``, by
        default a dataset)."""
        if path.suffix.lower() in JSON_LINES_SUFFIXES:
            return self.validate_lines(path)
        if (schema or "dataset") == "dataset" and self._streams(path):
            from .jsonstream import NotStreamable  # here and in _Stream: for large files only

            try:
                with collector_paused():
                    streamed = _Stream(self, path).run()
            except NotStreamable:  # not strict JSON, or a check needs the whole document
                pass
            else:
                return FileResult(str(path), tuple(streamed))
        try:
            text, _ = io.read_text(path)
        except DocumentError as error:
            wanted = tuple(d for d in error.diagnostics if self.selection.wants(d))
            return FileResult(str(path), wanted)
        found = self.validate_text(text, file=str(path), schema=schema or "dataset")
        return FileResult(str(path), tuple(found))

    def _streams(self, path: Path) -> bool:
        """Whether ``path`` is a regular file large enough (and within the input limit) to
        be read a project at a time."""
        try:
            status = path.stat()
        except OSError:
            return False
        return stat.S_ISREG(status.st_mode) and self.stream_from <= status.st_size <= input_limit()

    def validate_lines(self, path: Path) -> FileResult:
        """Validate a JSON Lines file, one record per line, reading a line at a time.

        A record is a project, or ``{"organisation": {…}}`` or ``{"source": {…}}``: one
        of the dataset's organisations or sources. Ids one record cites from another
        (organisations, projects, sources) are looked up in an index of the ids the
        file's records declare, built as the lines are read; a line citing an id not
        declared yet is read again at the end, and what is still unknown then is
        reported at that line. A kind no record declares (a file of projects alone
        lists no organisations) is left unchecked, as it is for a single record.
        Diagnostics carry the file's line number and the pointer within that line's
        record; memory grows with the number of ids and findings, never with the
        records themselves.
        Reading stops with ``file.too-large`` past :func:`~grprojects.limits.input_limit`
        bytes, the findings of the lines before kept.
        """
        file = str(path)
        index = _LinesIndex(self._indexed_kinds())
        found: list[Diagnostic] = []
        records = 0
        try:
            for number, line in io.numbered_lines(path):
                records += 1
                found += self._validate_line(line, number, file, index)
            if waiting := index.waiting:
                for number, line in io.numbered_lines(path, only=waiting):
                    found += self._dangling_on_line(line, number, file, index)
        except DocumentError as error:  # past the limit on one input
            found += error.diagnostics
        except OSError as error:
            found.append(Diagnostic("file.unreadable", error.strerror or str(error), file=file))
        wanted = sorted((d for d in found if self.selection.wants(d)), key=_order)
        return FileResult(file, tuple(wanted), records)

    def _indexed_kinds(self) -> dict[str, Check]:
        """The dataset-wide kinds whose references between records are checked, with the check."""
        return {
            kind: check
            for kind, check in RECORD_REFERENCE_CHECKS.items()
            if check.code in self.check_codes
        }

    def _validate_line(
        self, line: bytes, number: int, file: str, index: _LinesIndex
    ) -> list[Diagnostic]:
        try:
            text = line.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as error:
            bad = io.not_utf8(line, error, file)  # placed within the record's own line
            of_line = " of the line" if bad.column is not None else ""
            return [attrs.evolve(bad, line=number, message=bad.message + of_line)]
        with collector_paused():
            found, record = self._read_record(text, checks=True)
            if record is not None:
                index.add(record, number)
            if found:
                found = scan(text).place(found)
        return [attrs.evolve(d, file=file, line=number + (d.line or 1) - 1) for d in found]

    def _dangling_on_line(
        self, line: bytes, number: int, file: str, index: _LinesIndex
    ) -> list[Diagnostic]:
        """The citations of a line read again that name no id any record declares."""
        text = line.decode("utf-8-sig" if number == 1 else "utf-8")
        with collector_paused():
            _, record = self._read_record(text, checks=False)
        if record is None:
            return []
        dangling = [
            Diagnostic(
                check.code, f"no {kind} {item!r} in the file", pointer, severity=check.severity
            )
            for kind, check in index.checked.items()
            for item, pointer in record.citations(kind)
            if item not in index.declared[kind]
        ]
        placed = scan(text).place(dangling) if dangling else []
        return [attrs.evolve(d, file=file, line=number + (d.line or 1) - 1) for d in placed]

    def _read_record(self, text: str, *, checks: bool) -> tuple[list[Diagnostic], _Record | None]:
        """One record's findings (pointers within it), and what it declares and cites."""
        try:
            value = parse_json(text)
        except DocumentError as error:
            return [d for d in error.diagnostics if self.selection.wants(d)], None
        kind = record_kind(value)
        if kind is None:  # a project
            checked = self._layers(value, "project", checks=checks)
            record = _Record(checked.dataset, checked.rejected, "/projects/0", "")
            return checked.found, record
        wrapped = self._one_of(DATASET_KINDS[kind], value[kind])
        checked = self._layers(wrapped, "dataset", standalone=True, checks=checks)
        inside, to = f"/{DATASET_KINDS[kind]}/0", f"/{kind}"
        found = [attrs.evolve(d, pointer=_moved(d.pointer, inside, to)) for d in checked.found]
        rejected = [_moved(r, inside, to) for r in checked.rejected]
        return found, _Record(checked.dataset, rejected, inside, to)

    def _one_of(self, key: str, item: Any) -> dict[str, Any]:
        """A dataset of ``item`` alone (under ``key``), for the dataset schema to judge."""
        return {
            **conversion.converter.unstructure(_alone_dataset()),
            "uses_extensions": list(self.runtime.extension_plugins),
            key: [item],
        }

    def validate_paths(
        self, paths: Sequence[Path], *, schema: str | None = None
    ) -> Iterator[FileResult]:
        """Validate files, yielding each file's result in path order.

        Large inputs are spread over every core (:func:`grprojects.parallel.validate_many`)
        when each worker can make the same runtime again (it has a
        :attr:`~grprojects.runtime.Runtime.spec`) and the schema engine is the default; a
        runtime with plugin objects of its own, or a custom engine, cannot travel to
        other processes, so those files are validated here, one after another.
        """
        spec = self.runtime.spec
        if spec is not None and self.schema_engine is default_schema_engine():
            worker = functools.partial(
                _validate_one, spec=spec, selection=self.selection, schema=schema
            )
            yield from validate_many(paths, worker, here=lambda path: _guarded(self, path, schema))
            return
        for path in paths:
            yield _guarded(self, path, schema)


def _guarded(validator: Validator, path: Path, schema: str | None) -> FileResult:
    """The file's result; an unexpected failure becomes its one diagnostic, not a crash."""
    try:
        return validator.validate_path(path, schema=schema)
    except Exception as error:  # noqa: BLE001 - one file's failure must not hide the others
        message = f"{type(error).__name__}: {error}"
        return FileResult(str(path), (Diagnostic("internal.error", message, file=str(path)),))


def _validate_one(
    path: Path, *, spec: RuntimeSpec, selection: Selection, schema: str | None
) -> FileResult:
    """One file's result, in a worker process with the runtime ``spec`` describes."""
    return _guarded(_process_validator(spec, selection), path, schema)


def _newer_version_note(value: Any, schema: str) -> list[Diagnostic]:
    """An info note when the document follows an older schema version than the current."""
    if schema != "dataset" or not isinstance(value, dict) or "version" not in value:
        return []
    version = document_version(value)
    newer = newer_version(version) if value["version"] == version else None
    if newer is None:
        return []
    message = (
        f"the document follows schema {version}; {newer} is published "
        "(`grprojects upgrade FILE` rewrites it without losing a value)"
    )
    return [Diagnostic("version.newer-available", message, "/version", severity=Severity.INFO)]


@functools.cache
def _process_validator(spec: RuntimeSpec, selection: Selection) -> Validator:
    return Validator(runtime=spec.build(), selection=selection)


RECORD_REFERENCE_CHECKS: Final[dict[str, Check]] = {
    "organisation": UNKNOWN_ORGANISATION,
    "project": UNKNOWN_PROJECT,
    "source": UNKNOWN_SOURCE,
}
"""The kinds a JSON Lines record may cite from another record, with the check that reports it."""


@shared_methods
@attrs.frozen(eq=False, repr=False)
class _Checked:
    """What layers 2–4 made of one value."""

    found: list[Diagnostic]
    dataset: Dataset | None
    """What the checks read: the dataset, or the one around a project read alone."""
    rejected: list[str]
    """Where the schema rejected a value or structuring left a hole."""


@shared_methods
@attrs.frozen(eq=False, repr=False)
class _Record:
    """One JSON Lines record, as the index of the file's ids sees it."""

    dataset: Dataset | None
    rejected: list[str]
    """Where the schema rejected a value or structuring left a hole (pointers in the record)."""
    inside: str
    """The pointer of the record within :attr:`dataset`."""
    to: str
    """The same place in the record itself."""

    def declared(self, kind: str) -> set[Any]:
        """The ids of ``kind`` this record declares."""
        if self.dataset is None:
            return set()
        return {item.id for item in getattr(self.dataset, DATASET_KINDS[kind])}

    def cited(self, kind: str) -> set[Any]:
        """The ids of ``kind`` this record cites."""
        return set() if self.dataset is None else cited_ids(self.dataset, kind)

    def citations(self, kind: str) -> Iterator[tuple[Any, str]]:
        """Each id of ``kind`` cited, with its pointer in the record; none inside a hole."""
        if self.dataset is None:
            return
        for group, name, is_list in citing(self.dataset, kind):
            for node_path, obj in group:
                value = getattr(obj, name)
                if value is None:
                    continue
                for at, item in enumerate(value) if is_list else [(None, value)]:
                    path = (*node_path, name) if at is None else (*node_path, name, at)
                    pointer = _moved(pointer_of(path), self.inside, self.to)
                    if not _inside(pointer, self.rejected):
                        yield item, pointer


class _LinesIndex:
    """The dataset-wide ids a JSON Lines file's records declare, and the lines to read again."""

    def __init__(self, kinds: dict[str, Check]) -> None:
        self.kinds = kinds
        """The kinds indexed, with the check reporting a citation of an unknown one."""
        self.declared: dict[str, set[Any]] = {kind: set() for kind in kinds}
        self._waiting: dict[str, set[int]] = {kind: set() for kind in kinds}

    def add(self, record: _Record, number: int) -> None:
        """Take in the ids the record on line ``number`` declares, and note what it cites early."""
        for kind, ids in self.declared.items():
            ids.update(record.declared(kind))
        for kind, ids in self.declared.items():
            if not record.cited(kind) <= ids:
                self._waiting[kind].add(number)

    @property
    def checked(self) -> dict[str, Check]:
        """The kinds the file declares any of: a file listing no sources leaves them unchecked."""
        return {kind: check for kind, check in self.kinds.items() if self.declared[kind]}

    @property
    def waiting(self) -> set[int]:
        """The lines citing an id of a checked kind that was not declared when they were read."""
        return set().union(*(self._waiting[kind] for kind in self.checked))


def record_kind(value: Any) -> str | None:
    """``organisation`` or ``source`` for a record holding one of those, None for a project."""
    if isinstance(value, dict) and len(value) == 1:
        (key,) = value
        if key in DATASET_KINDS and key != "project":
            return str(key)
    return None


def _moved(pointer: str, inside: str, to: str) -> str:
    """``pointer`` with its prefix ``inside`` replaced by ``to``."""
    if pointer == inside or pointer.startswith(inside + "/"):
        return to + pointer[len(inside) :]
    return pointer


@functools.cache
def _alone_dataset() -> Dataset:
    """The smallest valid dataset: a record of one organisation or source is put in it."""
    return Dataset(
        version=SCHEMA_VERSION, title=Text(sv="-"), publisher=Publisher(name=Text(sv="-"))
    )


def _alone(project: Project) -> Dataset:
    """A dataset of one project, so that checks written for datasets can read it."""
    return Dataset(
        version=SCHEMA_VERSION,
        title=project.name,
        publisher=Publisher(name=project.name),
        projects=[project],
    )


def _unwrap_pointer(pointer: str) -> str:
    """The pointer within the project of a pointer within :func:`_alone`'s dataset."""
    return _moved(pointer, "/projects/0", "")


def validate(
    source: io.DocumentInput,
    *,
    schema: str = "dataset",
    runtime: Runtime | None = None,
    selection: Selection | None = None,
) -> list[Diagnostic]:
    """Every problem in one document (a path, or JSON text or bytes), in document order.

    Unlike :func:`grprojects.load`, this does not stop at the first failing layer and
    runs the semantic checks; an empty list means the document is clean.
    """
    validator = Validator(runtime=runtime, selection=selection)
    if isinstance(source, Path | str) and not str(source).lstrip().startswith(("{", "[")):
        path = Path(source)
        if path.is_file() and (schema == "dataset" or path.suffix.lower() in JSON_LINES_SUFFIXES):
            return list(validator.validate_path(path).diagnostics)  # large files streamed
    try:
        text, file = io.read_text(source)
    except DocumentError as error:
        return list(error.diagnostics)
    return validator.validate_text(text, file=file, schema=schema)


# -- one large document, a project at a time ----------------------------------------------


def _under(pointer: str, place: str) -> bool:
    return pointer == place or pointer.startswith(place + "/")


class _Stream:
    """One dataset file validated a project at a time, with what the whole-document path finds.

    Each project is read, checked by the schema (inside a stub dataset with the
    document's ``version`` and ``uses_extensions``, so the same rules apply), structured
    and given its diagnostics at once, then its JSON and text are freed; only its model
    is kept. The other members are small and kept whole; they may come after the
    projects, except ``version`` and ``uses_extensions``, which decide how projects are
    checked. The checks run at the end over the dataset's model (no JSON tree is built
    whole); checks of installed plugins run a project at a time when their scope is
    ``project``, and one of scope ``dataset`` makes the document be read whole.
    Findings on a project from the checks at the end are placed by reading that project
    again. :class:`~grprojects.jsonstream.NotStreamable` when the document is not
    strict JSON (the whole-document path says where) or a plugin check needs it whole.
    """

    def __init__(self, validator: Validator, path: Path) -> None:
        self.validator = validator
        self.path = path
        self.places: list[Place] = []
        self.members: dict[str, Piece] = {}
        self.stub: dict[str, Any] | None = None
        self.projects: list[Project] = []
        self.found: list[Diagnostic] = []
        """Placed diagnostics, absolute pointers."""
        self.structuring: list[Diagnostic] = []
        """Structuring problems of schema-valid projects: reported only when the whole
        document is schema-valid, as the whole-document path reports them."""
        self.rejected: list[str] = []
        self.schema_clean = True
        self.plugin_codes: frozenset[str] = frozenset()
        """The installed plugins' checks that apply: each of scope ``project``."""
        self.stub_dataset = _alone_dataset()

    def run(self) -> list[Diagnostic]:
        from .jsonstream import NotStreamable, pieces

        for piece in pieces(self.path, self.places):
            if piece.index is None:
                if self.stub is not None and piece.key in _DECIDING:
                    raise NotStreamable  # projects were checked without knowing it
                self.members[piece.key] = piece
            else:
                if self.stub is None:
                    self.stub = self._start()
                self._project(piece)
        head = {key: piece.value for key, piece in self.members.items()}
        if self.stub is None:
            self._start()
        dataset = self._head(head)
        self._checks(dataset, head)
        wanted = (d for d in self.found if self.validator.selection.wants(d))
        return sorted((attrs.evolve(d, file=str(self.path)) for d in wanted), key=_order)

    def _start(self) -> dict[str, Any]:
        """The stub dataset projects are checked in; which plugin checks run on each."""
        from .jsonstream import NotStreamable

        head = {key: self.members[key].value for key in _DECIDING if key in self.members}
        runtime, declared = self.validator.runtime, declared_extensions(head)
        plugin_checks = {
            code: check
            for code, (plugin, check) in runtime.checks.items()
            if code in self.validator.check_codes
            and not runtime.is_builtin(plugin)
            and (check.extension is None or check.extension in declared)
        }
        if any(check.scope != "project" for check in plugin_checks.values()):
            raise NotStreamable
        self.plugin_codes = frozenset(plugin_checks)
        stub = {**conversion.converter.unstructure(_alone_dataset()), **head}
        self.stub_dataset = _mend(stub, Dataset, (), [])
        return stub

    def _project(self, piece: Piece) -> None:
        """Layers 2–4 over one project; its diagnostics placed, its model kept."""
        assert self.stub is not None  # noqa: S101 - set before the first project
        validator, index = self.validator, piece.index or 0
        inside = "/projects/0"
        wrapped = {**self.stub, "projects": [piece.value]}
        problems = [
            attrs.evolve(d, pointer=_moved(d.pointer, inside, piece.pointer))
            for d in validator.schema_layer(wrapped, "dataset", None)
            if _under(d.pointer, inside)
        ]
        self.schema_clean = self.schema_clean and not problems
        project: Project | None = None
        if not problems:
            try:
                project = io.to_model(piece.value, Project)
            except DocumentError as error:
                self.structuring += self._placed(
                    [_within(d, piece.pointer) for d in error.diagnostics], piece
                )
        holes: list[_PathKey] = []
        if project is None:
            project = _mend(piece.value, Project, ("projects", index), holes)
        self.projects.append(project)
        self.rejected += [pointer_of(h) for h in holes]
        self.rejected += [d.pointer for d in problems if d.code != "schema.required"]
        if self.plugin_codes:
            found = validator.runtime.run_checks(
                CheckContext(
                    dataset=self.stub_dataset.evolve(projects=[project]),
                    codelists=validator.runtime.codelists_for(declared_extensions(self.stub)),
                    raw={**self.stub, "projects": [piece.value]},
                ),
                codes=self.plugin_codes,
            )
            problems += [
                attrs.evolve(d, pointer=_moved(d.pointer, inside, piece.pointer))
                for d in found
                if _under(d.pointer, inside)
                and not _inside(_moved(d.pointer, inside, piece.pointer), self.rejected)
            ]
        self.found += self._placed(problems, piece)

    def _head(self, head: dict[str, Any]) -> Dataset:
        """Layers 2–3 over the members other than the projects; the dataset of them all."""
        problems = self.validator.schema_layer(head, "dataset", None)
        problems += _newer_version_note(head, "dataset")
        holes: list[_PathKey] = []
        structured: Any = None
        of_projects: list[Diagnostic] = []
        if not problems and self.schema_clean:  # the document is schema-valid: structure it
            try:
                structured = io.to_model(head, Dataset)
            except DocumentError as error:
                problems += error.diagnostics
            of_projects = self.structuring
        if structured is None:
            structured = _mend(head, Dataset, (), holes)
        self.rejected += [pointer_of(h) for h in holes]
        self.rejected += [
            d.pointer for d in (*problems, *of_projects) if d.code != "schema.required"
        ]
        self.found += of_projects + self._placed_anywhere(problems)
        dataset: Dataset = structured.evolve(projects=self.projects)
        return dataset

    def _checks(self, dataset: Dataset, head: dict[str, Any]) -> None:
        """The semantic checks over the whole model; each finding placed and masked."""
        validator = self.validator
        codes = validator.check_codes - self.plugin_codes
        context = CheckContext(
            dataset=dataset,
            codelists=validator.runtime.codelists_for(declared_extensions(head)),
            raw=None,  # the built-in checks read the model only
        )
        found = validator.runtime.run_checks(context, codes=codes)
        if self.plugin_codes:  # what they find outside the projects, on the rest alone
            rest = attrs.evolve(context, dataset=dataset.evolve(projects=[]), raw=head)
            found += [
                d
                for d in validator.runtime.run_checks(rest, codes=self.plugin_codes)
                if not _under(d.pointer, "/projects")
            ]
        kept = [d for d in found if not _inside(d.pointer, self.rejected)]
        self.found += self._placed_anywhere(kept)

    def _placed_anywhere(self, found: list[Diagnostic]) -> list[Diagnostic]:
        """``found`` (pointers anywhere in the document) masked and placed; projects read again."""
        from .jsonstream import pieces

        places = {place.pointer: place for place in self.places}
        placed: list[Diagnostic] = []
        projects: dict[str, list[Diagnostic]] = {}
        for diagnostic in found:
            where = self._piece_of(diagnostic.pointer, places)
            if where in places:
                place = places[where]
                placed.append(attrs.evolve(diagnostic, line=place.line, column=place.column))
            elif where.startswith("/projects/"):
                projects.setdefault(where, []).append(diagnostic)
            else:
                placed += self._placed([diagnostic], self.members[parts_of(where)[0]])
        if projects:
            for piece in pieces(self.path, []):
                if piece.pointer in projects:
                    placed += self._placed(projects.pop(piece.pointer), piece)
        return placed

    def _piece_of(self, pointer: str, places: Mapping[str, Place]) -> str:
        """The piece (a project, a member) whose text holds the value at ``pointer`` or its
        nearest parent; or the place (the document, its projects) that does."""
        try:
            parts = parts_of(pointer)
        except ValueError:
            return ""  # not a pointer: the document as a whole
        if not parts:
            return ""
        if parts[0] == "projects" and "/projects" in places:
            index = parts[1] if len(parts) > 1 else ""
            if index.isdigit() and index == str(int(index)) and int(index) < len(self.projects):
                return f"/projects/{index}"
            return "/projects"
        return pointer_of([parts[0]]) if parts[0] in self.members else ""

    def _placed(self, found: list[Diagnostic], piece: Piece) -> list[Diagnostic]:
        """``found`` (absolute pointers within ``piece``) masked and placed in the document."""
        if not found:
            return []
        document: dict[str, Any] = (
            {piece.key: piece.value}
            if piece.index is None
            else {"projects": {str(piece.index): piece.value}}
        )
        found = without_personal_values(found, document)
        relative = [attrs.evolve(d, pointer=_moved(d.pointer, piece.pointer, "")) for d in found]
        placed = []
        for diagnostic, at in zip(found, scan(piece.text).place(relative), strict=True):
            line, column = at.line or 1, at.column or 1
            if line == 1:
                column += piece.column - 1
            placed.append(attrs.evolve(diagnostic, line=piece.line + line - 1, column=column))
        return placed


_DECIDING: Final = ("version", "uses_extensions")
"""The members that decide how each project is checked: they must come before the projects."""


def _within(diagnostic: Diagnostic, pointer: str) -> Diagnostic:
    """``diagnostic`` of a value at ``pointer``, its own pointer made absolute."""
    return attrs.evolve(diagnostic, pointer=pointer + diagnostic.pointer)
