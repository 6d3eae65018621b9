"""Fences around every call into a plugin: what it raises or returns is blamed on it, by name.

A plugin's failure is a :class:`~grprojects.PluginError` (or, for a check, a
``plugin.check-failed`` diagnostic) naming the plugin, never a traceback from
grprojects, and the other plugins still run. Errors about the data
(:class:`~grprojects.DocumentError` and the other grprojects errors) and
``OSError`` pass through: they are the file's fault, not the plugin's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Final

import attrs

from .diagnostics import Diagnostic, Severity
from .errors import PLUGIN_FAULTS, GrprojectsError, PluginError
from .model import Dataset
from .plugin_types import Check, CheckContext, Exporter, Imported, Importer
from .time_limits import PluginTimeoutError, call_limited

if TYPE_CHECKING:
    from .site.sections import ProjectSection, SectionContext

_POINTER: Final = re.compile(r"^(/([^~]|~[01])*)*$")
"""A JSON Pointer (RFC 6901): empty, or ``/`` steps with ``~`` escaped as ``~0``/``~1``."""

CHECK_FAILED: Final = "plugin.check-failed"
"""The code of the diagnostic that stands for a check that raised."""


def _refuse_foreign(diagnostic: Diagnostic, code: str) -> None:
    """A plugin's diagnostic must carry its check's own code and a well-formed pointer."""
    if diagnostic.code != code:
        raise ValueError(
            f"it reported the code {diagnostic.code!r}, which it did not register "
            f"(a check reports only its own code, {code!r})"
        )
    if not isinstance(diagnostic.pointer, str) or not _POINTER.match(diagnostic.pointer):
        raise ValueError(f"it reported a malformed JSON Pointer {diagnostic.pointer!r:.80}")


def run_check(
    code: str,
    plugin: str,
    check: Check,
    context: CheckContext,
    *,
    builtin: bool,
    limit: float | None = None,
) -> Iterable[Diagnostic]:
    """The diagnostics of one check; if it raises, yields anything else or runs past
    ``limit`` seconds, an error naming it.

    Diagnostics of an installed plugin that say they come from grprojects name the
    plugin as their ``source``.
    """
    found: list[Diagnostic] = []

    def collect() -> None:
        for diagnostic in check.run(context):
            if not isinstance(diagnostic, Diagnostic):
                kind = type(diagnostic).__name__
                raise TypeError(f"it yielded {kind}, not Diagnostic")
            if not builtin:
                _refuse_foreign(diagnostic, code)
                if diagnostic.source == "grprojects":
                    diagnostic = attrs.evolve(diagnostic, source=plugin)
            found.append(diagnostic)

    try:
        call_limited(limit, collect)
    except PluginTimeoutError as error:
        message = f"check {code!r} of plugin {plugin!r} {error}"
    except PLUGIN_FAULTS as error:  # one broken check must not stop the rest
        message = f"check {code!r} of plugin {plugin!r} failed: {type(error).__name__}: {error}"
    else:
        return found
    failed = Diagnostic(CHECK_FAILED, message, "", Severity.ERROR, source=plugin)
    return [*found, failed]  # a copy: a check past its limit may still add to ``found``


def guarded_importer(plugin: str, importer: Importer, limit: float | None = None) -> Importer:
    """``importer`` whose ``read`` blames ``plugin`` for anything but a report on the data.

    ``DocumentError`` (bad input), other grprojects errors and ``OSError`` pass as
    they are; any other exception, a result that is not a ``Dataset``, or a read
    running past ``limit`` seconds is a :class:`~grprojects.PluginError` naming the
    plugin, the format and the file. An :class:`~grprojects.plugin_types.Imported`
    passes as it is.
    """
    read = importer.read

    def guarded_read(path: Path) -> Dataset | Imported:
        who = f"importer {importer.name!r} of plugin {plugin!r}"
        try:
            dataset = call_limited(limit, lambda: read(path))
        except PluginTimeoutError as error:
            raise PluginError(f"{who} {error} reading {path}") from None
        except (GrprojectsError, OSError):
            raise
        except PLUGIN_FAULTS as error:  # anything else is the plugin's fault
            raise PluginError(
                f"{who} failed reading {path}: {type(error).__name__}: {error}"
            ) from error
        checked = dataset.dataset if isinstance(dataset, Imported) else dataset
        if not isinstance(checked, Dataset):
            kind = type(checked).__name__
            raise PluginError(f"{who} returned {kind}, not a Dataset, reading {path}")
        return dataset

    return attrs.evolve(importer, read=guarded_read, stream=None)  # as for exporters, below


def guarded_exporter(plugin: str, exporter: Exporter, limit: float | None = None) -> Exporter:
    """``exporter`` whose ``write`` blames ``plugin`` and leaves no partial output.

    It gets the caller's dataset, which it cannot change: the model is immutable.

    Anything but a grprojects error or ``OSError``, notes that are not a list of
    strings, no file written, or a write running past ``limit`` seconds is a
    :class:`~grprojects.PluginError` naming the plugin, the format and the file. On
    any failure a file that did not exist before is removed (an existing one is the
    exporter's to keep, as it writes atomically).
    """
    write = exporter.write

    def guarded_write(dataset: Dataset, path: Path) -> list[str]:
        who = f"exporter {exporter.name!r} of plugin {plugin!r}"
        existed = path.exists()
        try:
            try:
                notes = call_limited(limit, lambda: write(dataset, path))  # it cannot change it
            except PluginTimeoutError as error:
                raise PluginError(f"{who} {error} writing {path}") from None
            except (GrprojectsError, OSError):
                raise
            except PLUGIN_FAULTS as error:  # anything else is the plugin's fault
                why = f"{type(error).__name__}: {error}"
                raise PluginError(f"{who} failed writing {path}: {why}") from error
            if not isinstance(notes, list) or not all(isinstance(n, str) for n in notes):
                kind = type(notes).__name__
                raise PluginError(f"{who} returned {kind}, not a list of notes, writing {path}")
            if not path.exists():
                raise PluginError(f"{who} wrote no file at {path}")
        except BaseException:
            if not existed:
                path.unlink(missing_ok=True)
            raise
        return notes

    # a stream would reach the plugin past its fences (copies, time limit): it writes whole
    return attrs.evolve(exporter, write=guarded_write, stream=None)


def rendered_section(
    plugin: str, section: ProjectSection, context: SectionContext, limit: float | None = None
) -> str | None:
    """A plugin's report section for one project: its text or HTML, or ``None``.

    Anything it raises, a result that is neither a string nor ``None``, or a render
    running past ``limit`` seconds is a :class:`~grprojects.PluginError` naming the
    plugin, the section and the project.
    """
    where = f"section {section.name!r} of plugin {plugin!r} on project {context.project.id!r}"
    try:
        body = call_limited(limit, lambda: section.render(context))
    except PluginTimeoutError as error:
        raise PluginError(f"{where} {error}") from None
    except PLUGIN_FAULTS as error:
        raise PluginError(f"{where} failed: {type(error).__name__}: {error}") from error
    if body is not None and not isinstance(body, str):
        kind = type(body).__name__
        raise PluginError(f"{where} returned {kind}, not text, HTML or None")
    return body
