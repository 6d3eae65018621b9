"""An importer's account of its records, told on standard error by every command that reads.

``convert``, ``summary``, ``report`` (and ``merge``) read through
:func:`read_told`: it reads the input with the importer's whole account
(:func:`grprojects.formats.convert.import_dataset`) and prints, on standard error,
each warning and each refused record (file, place, code, message, personal values
masked), a line counting the notes, and the tally line. Whether refused records stop
the command is the command's to decide: :func:`incomplete` says whether and why.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import attrs
import click

from ..diagnostics import Severity, printable
from ..masking import masked_quotes, personal_values
from ..plugin_types import Imported, PartialImportError
from ..runtime import Runtime

__all__ = ["incomplete", "read_told", "tell"]


def read_told(
    command: str,
    path: str | os.PathLike[str],
    *,
    format_name: str | None = None,
    runtime: Runtime | None = None,
) -> Imported:
    """What ``path`` (``-``: standard input) holds, with the importer's account told.

    Raises what :func:`~grprojects.formats.convert.import_dataset` raises for a file
    that cannot be read at all (``DocumentError``, ``FormatError``, ``PluginError``,
    ``OSError``); an importer that raises :class:`PartialImportError` has its good
    records and its errors told like any other account.
    """
    from ..formats.convert import import_dataset  # the formats and their plugins, when run

    try:
        imported = import_dataset(path, format_name=format_name, runtime=runtime)
    except PartialImportError as error:
        shown = "standard input" if os.fspath(path) == "-" else os.fspath(path)
        named = [d if d.file else attrs.evolve(d, file=shown) for d in error.diagnostics]
        imported = Imported(error.dataset, named)
    tell(imported, command, Path(path))
    return imported


def incomplete(imported: Imported) -> str | None:
    """Why the dataset is not the whole input ("2 records refused", "1 error"), or ``None``.

    An error in an importer's account is about input left out, as
    :class:`~grprojects.plugin_types.Imported` says, whether or not it counts records.
    """
    if not imported.refused:
        return None
    if imported.records is not None and imported.records.refused:
        count, what = imported.records.refused, "record"
        return f"{count} {what}{'s' if count != 1 else ''} refused"
    count = len(imported.refused)
    return f"{count} error{'s' if count != 1 else ''}"


def tell(imported: Imported, command: str, path: Path | None = None) -> None:
    """Print the account on standard error: warnings and refusals, then notes and tally."""
    shown = [d for d in imported.diagnostics if d.severity >= Severity.WARNING]
    if shown:
        shown = masked_quotes(shown, personal_values(imported.dataset))
    for diagnostic in shown:
        click.echo(diagnostic.describe(), err=True)
    where = printable(str(path)) if path is not None and str(path) != "-" else "standard input"
    notes = Counter(d.code for d in imported.diagnostics if d.severity < Severity.WARNING)
    if notes:
        counted = ", ".join(f"{code} {count}" for code, count in sorted(notes.items()))
        click.echo(
            f"grprojects {command}: {where}: {notes.total()} notes ({counted}); "
            "grprojects explain CODE says what each means",
            err=True,
        )
    if imported.records is not None:
        click.echo(f"grprojects {command}: {where}: {imported.records}", err=True)
