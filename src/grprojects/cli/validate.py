"""``grprojects validate PATH...``: every problem in every document, in a format CI reads."""

from __future__ import annotations

import glob
import os
import sys
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Final, TextIO

import click

from ..diagnostics import Severity
from ..errors import PluginError
from ..plugins import PluginManager, default_manager, make_manager
from ..reporting import EXIT_INTERNAL, FORMATS, Report, Style, rules
from ..reporting.rules import close_codes
from ..validation import JSON_LINES_SUFFIXES, Selection, Validator, code_matches

SUFFIXES: Final = (".json", *JSON_LINES_SUFFIXES)
"""The file endings a directory is searched for."""
PROGRESS_FROM: Final = 20
"""Progress is shown on a terminal from this many files on."""

EXIT_CODES: Final = """\b
Exit codes:
  0  every document is valid (warnings and infos allowed)
  1  some document has an error-severity problem
  2  usage error: a bad option, a path that does not exist, nothing to validate
  3  internal or plugin error: a plugin failed to load (with --strict-plugins)
     or a check raised; the data may still be fine
"""


def _files_under(folder: Path) -> Iterator[Path]:
    """The documents under ``folder``, recursively, skipping hidden directories."""
    for root, directories, files in os.walk(folder):
        directories[:] = sorted(d for d in directories if not d.startswith("."))
        for name in sorted(files):
            if name.lower().endswith(SUFFIXES):
                yield Path(root) / name


def expand(arguments: Sequence[str]) -> list[Path]:
    """The files named by ``arguments``: files, directories (recursively) and globs.

    Raises :class:`click.UsageError` for an argument that names nothing.
    """
    found: dict[Path, None] = {}
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            found.update(dict.fromkeys(_files_under(path)))
        elif path.exists():
            found[path] = None
        elif glob.has_magic(argument):
            # Path.glob needs a fixed base directory; a pattern may start anywhere.
            matches = sorted(glob.glob(argument, recursive=True))  # noqa: PTH207
            if not matches:
                raise click.UsageError(f"no file matches {argument!r}")
            for match in map(Path, matches):
                if match.is_dir():
                    found.update(dict.fromkeys(_files_under(match)))
                elif match.name.lower().endswith(SUFFIXES):
                    found[match] = None
        else:
            raise click.UsageError(f"no such file or directory: {argument!r}")
    if not found:
        raise click.UsageError("nothing to validate: no .json or .jsonl files found")
    return list(found)


def _patterns(values: Sequence[str]) -> tuple[str, ...]:
    """Codes from repeated options, each of which may also be a comma-separated list."""
    return tuple(p.strip() for value in values for p in value.split(",") if p.strip())


def _check_patterns(patterns: Sequence[str], known: Sequence[str], option: str) -> None:
    """A usage error for a pattern that selects no code a run can report."""
    for pattern in patterns:
        if not any(code_matches(code, pattern) for code in known):
            close = close_codes(pattern, known)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise click.UsageError(f"{option} {pattern!r} matches no known code{hint}")


def use_color(stream: TextIO) -> bool:
    """Colour only on a terminal, and never when ``NO_COLOR`` is set (to anything but "")."""
    return stream.isatty() and not os.environ.get("NO_COLOR")


class Progress:
    """A one-line counter on standard error, for many files on a terminal."""

    def __init__(self, total: int, *, enabled: bool) -> None:
        self.total = total
        self.enabled = enabled and total >= PROGRESS_FROM

    def show(self, done: int, path: Path) -> None:
        """Say how far the run has come."""
        if self.enabled:
            click.echo(f"\r\x1b[Kvalidating {done}/{self.total}: {path}", nl=False, err=True)

    def close(self) -> None:
        """Clear the counter line."""
        if self.enabled:
            click.echo("\r\x1b[K", nl=False, err=True)


def _manager(strict: bool) -> PluginManager:
    """The plugin manager; broken plugins are said on standard error, not as tracebacks."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        manager = make_manager(strict=True) if strict else default_manager()
        manager.resolve()
    for warning in caught:
        click.echo(f"grprojects: warning: {warning.message}", err=True)
    return manager


@click.command(epilog=EXIT_CODES)
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(sorted(FORMATS)),
    default="text",
    show_default=True,
    help="text for people, json (report.schema.json), github (workflow annotations), sarif.",
)
@click.option(
    "--select",
    multiple=True,
    metavar="CODES",
    help="Report only these codes or dotted prefixes (period., reference); "
    "repeat the option or separate with commas.",
)
@click.option(
    "--ignore", multiple=True, metavar="CODES", help="Never report these codes or prefixes."
)
@click.option(
    "--min-severity",
    type=click.Choice(["info", "warning", "error"]),
    default="info",
    show_default=True,
    help="Leave out findings below this severity.",
)
@click.option(
    "--schema",
    type=click.Choice(["dataset", "project"]),
    default=None,
    help="What a .json file holds (default: a dataset); .jsonl files always hold a "
    "project per line.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write the report to this file instead of standard output.",
)
@click.option("-q", "--quiet", count=True, help="Findings only, no summary line.")
@click.option("-v", "--verbose", count=True, help="Also list the files found valid.")
@click.option(
    "--strict-plugins",
    is_flag=True,
    help="A plugin that fails to load is an error (exit 3), not a warning.",
)
@click.pass_context
def validate(
    ctx: click.Context,
    paths: tuple[str, ...],
    output_format: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    min_severity: str,
    schema: str | None,
    output: Path | None,
    quiet: int,
    verbose: int,
    strict_plugins: bool,
) -> None:
    """Validate the documents at PATH...: files, directories and globs.

    Directories are searched for .json and .jsonl files. Every layer runs on every
    document: strict JSON, the published schema, the model, and the semantic checks
    of grprojects and its plugins. Explain a code with `grprojects explain CODE`.
    """
    files = expand(paths)
    try:
        manager = _manager(strict_plugins)
    except PluginError as error:
        click.echo(f"grprojects: plugin error: {error}", err=True)
        ctx.exit(EXIT_INTERNAL)
    known = rules(manager)
    selected, ignored = _patterns(select), _patterns(ignore)
    _check_patterns(selected, list(known), "--select")
    _check_patterns(ignored, list(known), "--ignore")
    selection = Selection(selected, ignored, Severity[min_severity.upper()])
    validator = Validator(manager=manager, selection=selection)
    progress = Progress(len(files), enabled=sys.stderr.isatty() and quiet == 0)
    results = []
    for done, result in enumerate(validator.validate_paths(files, schema=schema), start=1):
        progress.show(done, Path(result.file))
        results.append(result)
    progress.close()
    report = Report(tuple(results), known)
    style = Style(
        color=output is None and output_format == "text" and use_color(sys.stdout),
        verbosity=verbose - quiet,
    )
    text = FORMATS[output_format](report, style)
    if output is not None:
        output.write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False, color=style.color)
    ctx.exit(report.exit_code)
