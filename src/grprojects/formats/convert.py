"""Reading and writing a dataset in any registered format: what ``grprojects convert`` does.

The format comes from the caller or from the file: an importer is chosen by the
plugin runtime (a plugin's choice, then the file name ending), an exporter by the
longest ending of the output's name that an exporter writes. ``public=True`` takes
personal data out with :func:`grprojects.public` before any exporter sees the
dataset, so every format leaves out the same fields by the same rule.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import attrs

from ..errors import GrprojectsError
from ..model import Dataset
from ..model import fields as meta
from ..plugin_types import Exporter, Importer
from ..public import public as without_personal_data
from ..public import unknown_extension_data
from ..runtime import Runtime, default_runtime
from ._tree import records


class FormatError(GrprojectsError, ValueError):
    """No format fits: unknown name, unknown file ending, or a missing extra."""


class OutputExistsError(GrprojectsError, FileExistsError):
    """The output file exists and replacing it was not asked for."""


def importer_for(
    path: Path,
    format_name: str | None = None,
    runtime: Runtime | None = None,
) -> Importer:
    """The importer for ``path``: ``format_name`` if given, else the runtime's choice."""
    runtime = runtime or default_runtime()
    importer = runtime.choose_importer(path, format_name)
    if importer is None:
        known = ", ".join(sorted(runtime.importers))
        if format_name is not None:
            raise FormatError(f"no importer named {format_name!r} (known: {known})")
        raise FormatError(f"cannot tell the format of {path}; name it with --from ({known})")
    return importer


def exporter_for(
    path: Path,
    format_name: str | None = None,
    runtime: Runtime | None = None,
) -> Exporter:
    """The exporter for ``path``: ``format_name`` if given, else the longest name ending."""
    runtime = runtime or default_runtime()
    known = ", ".join(sorted(runtime.exporters))
    if format_name is not None:
        if format_name not in runtime.exporters:
            raise FormatError(f"no exporter named {format_name!r} (known: {known})")
        return runtime.exporters[format_name]
    name = path.name.lower()
    endings = [
        (len(suffix), exporter)
        for exporter in runtime.exporters.values()
        for suffix in exporter.suffixes
        if name.endswith(suffix)
    ]
    if not endings:
        raise FormatError(f"cannot tell the format to write from {path.name!r}; use --to ({known})")
    return max(endings, key=lambda pair: pair[0])[1]


def read_dataset(
    path: str | Path,
    *,
    format_name: str | None = None,
    runtime: Runtime | None = None,
) -> Dataset:
    """Read the dataset at ``path`` in ``format_name`` (or the format the file shows)."""
    path = Path(path)
    return importer_for(path, format_name, runtime).read(path)


def write_dataset(
    dataset: Dataset,
    path: str | Path,
    *,
    format_name: str | None = None,
    public: bool = False,
    force: bool = False,
    runtime: Runtime | None = None,
) -> list[str]:
    """Write ``dataset`` to ``path``; return the exporter's notes on what it left out.

    ``public`` leaves out personal data; an existing ``path`` is replaced only
    with ``force`` (:class:`OutputExistsError` otherwise). Exporters write
    atomically, so a failed export leaves any earlier file as it was.
    """
    path = Path(path)
    exporter = exporter_for(path, format_name, runtime)
    if path.exists() and not force:
        raise OutputExistsError(f"{path} exists; use --force to replace it")
    notes = []
    if public:
        left_out = personal_data(dataset)
        if left_out:
            counts = ", ".join(f"{where} {count}" for where, count in left_out.items())
            notes.append(f"personal data left out: {counts}")
        unknown = unknown_extension_data(dataset, runtime=runtime)
        if unknown:
            counts = ", ".join(f"{namespace} {count}" for namespace, count in unknown.items())
            notes.append(
                "extension data no installed plugin describes left out (it may hold "
                f"personal data): {counts}"
            )
        dataset = without_personal_data(dataset, runtime=runtime)
    return notes + exporter.write(dataset, path)


def personal_data(dataset: Dataset) -> Counter[str]:
    """How many values of each personal field ``dataset`` holds (``projects.people``: 4)."""
    found: Counter[str] = Counter()
    for record in records(dataset):
        if not attrs.has(type(record.obj)):
            continue
        for field in attrs.fields(type(record.obj)):
            value = getattr(record.obj, field.name)
            if field.metadata.get(meta.PERSONAL) and value not in (None, [], {}):
                where = ".".join((*record.kind.path, field.name))
                found[where] += len(value) if isinstance(value, list) else 1
    return found
