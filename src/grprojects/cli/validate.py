"""``grprojects validate PATH...``: every problem in every document, in a format CI reads."""

from __future__ import annotations

import glob
import os
import stat
import sys
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Final, TextIO

import click
from click.core import ParameterSource

from ..diagnostics import STDIN_FILE, Diagnostic, Severity
from ..errors import DocumentError, PluginError
from ..io import not_utf8, read_stream
from ..jsontext import decode
from ..outputs import DASH, Kind, OutputKindError, destination, write_bytes
from ..plugins import PluginWarning
from ..reporting import EXIT_USAGE, FORMATS, Report, Style, rules
from ..reporting.rules import LAYER_RULES, close_codes
from ..runtime import Runtime, default_runtime, make_runtime
from ..validation import JSON_LINES_SUFFIXES, FileResult, Selection, Validator, code_matches
from . import config as configuration
from .ignores import Ignores
from .plugin_options import plugin_timeout_option, runtime_with
from .sniff import looks_like_document

SUFFIXES: Final = (".json", *JSON_LINES_SUFFIXES)
"""The file endings a directory is searched for."""
LEFT_OUT: Final = "plugin.left-out"
"""The code of the warning that stands for an installed plugin fenced off as broken."""
PROGRESS_FROM: Final = 20
"""Progress is shown on a terminal from this many files on."""

SEVERITIES: Final = tuple(str(s) for s in sorted(Severity))
"""The severity names, least serious first."""

EXIT_CODES: Final = """\b
Exit codes:
  0  every document is valid (warnings and infos allowed, unless --fail-on)
  1  some document has an error-severity problem (or one --fail-on names)
  2  usage error: a bad option or code, a path that finds nothing to validate,
     an --output whose directory cannot be made, or that is a directory or link
  3  internal or plugin error: a plugin failed to load (with --strict-plugins)
     or a check raised; the data may still be fine
"""


def _regular_or_unknown(path: Path) -> bool:
    """Whether ``path`` is a regular file, or cannot be looked at (reading then says why).

    A FIFO, socket or device found in a tree would block or never end, so it is skipped.
    """
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return True


def _files_under(
    folder: Path, unreadable: dict[Path, str], ignores: Ignores | None = None
) -> Iterator[Path]:
    """The documents under ``folder``, recursively, skipping hidden and ignored directories.

    Symbolic links to directories are followed, each real directory once (so a link
    back up the tree ends). A directory that cannot be listed goes into ``unreadable``
    with the operating system's reason, to be reported rather than skipped. Paths
    ``ignores`` leaves out (``--exclude``, ``.gitignore``) are not entered or listed.
    """

    def note(error: OSError) -> None:
        unreadable[Path(error.filename)] = error.strerror or str(error)

    seen: set[tuple[int, int]] = set()
    for root, directories, files in os.walk(folder, onerror=note, followlinks=True):
        try:
            status = os.stat(root)  # noqa: PTH116 - os.walk gives strings; this is its identity
        except OSError as error:  # gone since it was listed
            note(error)
            continue
        if (status.st_dev, status.st_ino) in seen:
            directories[:] = []
            continue
        seen.add((status.st_dev, status.st_ino))
        directories[:] = sorted(
            d
            for d in directories
            if not d.startswith(".")
            and not (ignores and ignores.ignored(Path(root) / d, directory=True))
        )
        for name in sorted(files):
            path = Path(root) / name
            if (
                name.lower().endswith(SUFFIXES)
                and not (ignores and ignores.ignored(path))
                and _regular_or_unknown(path)
            ):
                yield path


def expand(
    arguments: Sequence[str], ignores: Ignores | None = None
) -> tuple[list[Path], dict[Path, str]]:
    """The files named by ``arguments`` (files, directories, globs), and the directories
    among them that could not be listed, with the reason.

    What ``ignores`` leaves out is not taken from directories and globs; a file named
    itself is always taken. Raises :class:`click.UsageError` for an argument that finds
    nothing, even beside others that do, so a mistyped path cannot pass silently.
    """
    found: dict[Path, None] = {}
    unreadable: dict[Path, str] = {}
    kinds = f"{', '.join(SUFFIXES[:-1])} or {SUFFIXES[-1]}"
    for argument in arguments:
        path = Path(argument)
        before = len(unreadable)
        if path.is_dir():
            files = list(_files_under(path, unreadable, ignores))
            empty = f"nothing to validate in {argument!r}: no {kinds} files"
        elif path.exists():
            # Named explicitly: read whatever it is, even a pipe, unless --force-exclude.
            files = [] if ignores is not None and ignores.passed_over(path) else [path]
            empty = ""
        elif glob.has_magic(argument):
            # Path.glob needs a fixed base directory; a pattern may start anywhere.
            matches = sorted(glob.glob(argument, recursive=True))  # noqa: PTH207
            if not matches:
                raise click.UsageError(f"no file matches {argument!r}")
            files = []
            for match in map(Path, matches):
                if ignores is not None and ignores.ignored(match, directory=match.is_dir()):
                    continue
                if match.is_dir():
                    files += _files_under(match, unreadable, ignores)
                elif match.name.lower().endswith(SUFFIXES) and _regular_or_unknown(match):
                    files.append(match)
            empty = f"nothing to validate in {argument!r}: it matches no {kinds} files"
        else:
            raise click.UsageError(f"no such file or directory: {argument!r}")
        if not files and empty and len(unreadable) == before:
            if ignores is not None:
                empty += " that are not excluded or git-ignored"
            raise click.UsageError(empty)
        found.update(dict.fromkeys(files))
    return list(found), unreadable


def unreadable_results(unreadable: dict[Path, str], selection: Selection) -> list[FileResult]:
    """A ``file.unreadable`` finding for each directory that could not be listed."""
    results = []
    for folder, reason in sorted(unreadable.items()):
        message = f"cannot list the directory: {reason}; the documents in it were not validated"
        problem = Diagnostic("file.unreadable", message, file=str(folder))
        wanted = (problem,) if selection.wants(problem) else ()
        results.append(FileResult(str(folder), wanted))
    return results


def report_target(output: Path | None) -> Path | None:
    """Where ``-o`` sends the report (``None``: standard output), its directory made now.

    The directory is made before validating, as pytest's ``--junitxml`` and ESLint's
    ``--output-file`` do, so a run never validates only to fail at the end.
    """
    if output is None or str(output) == DASH:
        return None
    try:
        where = destination(output, replace=True)  # a report file is there to be replaced
    except (OutputKindError, OSError) as error:
        raise click.UsageError(f"cannot write --output: {error}") from None
    if where.streamed:  # a FIFO or device (/dev/null): written to, never replaced
        return output
    if where.kind is Kind.LINK:  # not followed, and not replaced without being asked
        raise click.UsageError(
            f"--output {str(output)!r} is a symbolic link to {where.link_to!r}; "
            "name the file itself, or remove the link"
        )
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        reason = error.strerror or str(error)
        raise click.UsageError(
            f"cannot create the directory {str(output.parent)!r} for --output: {reason}"
        ) from None
    if not os.access(output.parent, os.W_OK):
        raise click.UsageError(f"cannot write into {str(output.parent)!r} for --output")
    return output


def stdin_result(validator: Validator, schema: str | None) -> FileResult:
    """The result of the one JSON document on standard input (``-``), named ``<stdin>``."""
    try:
        data = read_stream(sys.stdin.buffer, STDIN_FILE)
    except DocumentError as error:  # past the limit on one input
        wanted = tuple(d for d in error.diagnostics if validator.selection.wants(d))
        return FileResult(STDIN_FILE, wanted)
    try:
        text = decode(data)
    except UnicodeDecodeError as error:
        problem = not_utf8(data, error, STDIN_FILE)
        return FileResult(STDIN_FILE, (problem,) if validator.selection.wants(problem) else ())
    found = validator.validate_text(text, file=STDIN_FILE, schema=schema or "dataset")
    return FileResult(STDIN_FILE, tuple(found))


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


def use_color(stream: TextIO, choice: str = "auto") -> bool:
    """Whether to colour what goes to ``stream``: ``--color always``/``never`` decide;
    otherwise ``NO_COLOR`` turns it off and ``FORCE_COLOR`` on (each set to anything but
    ""), in that order as Python itself reads them, and else only a terminal gets colour.
    """
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return stream.isatty()


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


def _runtime(
    strict: bool, settings: configuration.Config, *, say: bool, plugin_timeout: float | None
) -> tuple[Runtime, tuple[Diagnostic, ...]]:
    """The plugin runtime, and a ``plugin.left-out`` warning for each plugin fenced off.

    Unless the report itself goes to a terminal as text (``say`` false), the warnings
    are also said on standard error, as every command says them.
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        if strict or settings.allow is not None or settings.block is not None:
            runtime = make_runtime(
                strict=True if strict else None,
                allow=settings.allow,
                block=settings.block or (),
                plugin_timeout=plugin_timeout,
            )
        else:
            runtime = runtime_with(plugin_timeout) or default_runtime()
        runtime.resolve()
    left_out = []
    for warning in caught:
        if say or not issubclass(warning.category, PluginWarning):
            click.echo(f"grprojects: warning: {warning.message}", err=True)
        if issubclass(warning.category, PluginWarning):
            message = str(warning.message)
            left_out.append(Diagnostic(LEFT_OUT, message, severity=Severity.WARNING))
    return runtime, tuple(left_out)


CONFIG_KEY: Final = "grprojects.config"
"""Where the validate command keeps the project's settings in ``click.Context.meta``."""


def _from(ctx: click.Context, name: str, option: str) -> str:
    """How to name where a value came from: the option, or the key in its file."""
    settings: configuration.Config = ctx.meta[CONFIG_KEY]
    if ctx.get_parameter_source(name) is ParameterSource.DEFAULT_MAP:
        return f"{option.lstrip('-')} (in {settings.path})"
    return option


class ConfiguredCommand(click.Command):
    """A command whose option defaults come from ``[tool.grprojects]`` in ``pyproject.toml``."""

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        settings = configuration.load(self)
        extra.setdefault("default_map", dict(settings.defaults))
        ctx = super().make_context(info_name, args, parent, **extra)
        ctx.meta[CONFIG_KEY] = settings
        return ctx


@click.command(cls=ConfiguredCommand, epilog=EXIT_CODES)
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(sorted(FORMATS)),
    default="text",
    show_default=True,
    help="text for people, json (report.schema.json), github (workflow annotations), sarif, "
    "gitlab (Code Quality), junit (JUnit XML), markdown (a job summary).",
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
    type=click.Choice(SEVERITIES),
    default="info",
    show_default=True,
    help="Leave out findings below this severity.",
)
@click.option(
    "--fail-on",
    type=click.Choice([*SEVERITIES, "never"]),
    default="error",
    show_default=True,
    help="The least severity of a finding that makes the exit code 1.",
)
@click.option(
    "--exit-zero",
    is_flag=True,
    help="Exit 0 whatever the data holds (as --fail-on never); usage and plugin errors "
    "still exit 2 and 3.",
)
@click.option(
    "--exclude",
    multiple=True,
    metavar="PATTERN",
    help="Leave out files and directories matching this gitignore-style pattern when "
    "searching directories and globs (files named themselves are always validated).",
)
@click.option(
    "--force-exclude",
    is_flag=True,
    help="Apply --exclude to files named on the command line too (as pre-commit names them).",
)
@click.option(
    "--respect-gitignore/--no-respect-gitignore",
    default=True,
    show_default=True,
    help="Leave out what .gitignore files ignore when searching directories and globs.",
)
@click.option(
    "--only-documents",
    is_flag=True,
    help="Skip JSON files that are clearly not grprojects documents (package.json, "
    "editor settings): for pre-commit.",
)
@click.option(
    "--schema",
    type=click.Choice(["dataset", "project"]),
    default=None,
    help="What a .json file holds (default: a dataset); JSON Lines files (.jsonl, "
    ".ndjson) always hold a project per line.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, allow_dash=True, path_type=Path),
    help="Write the report to this file (its directory is made if missing); - is standard output.",
)
@click.option("-q", "--quiet", count=True, help="Findings only, no summary line.")
@click.option("-v", "--verbose", count=True, help="Also list the files found valid.")
@click.option(
    "--statistics", is_flag=True, help="Count the findings of each code instead of listing them."
)
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour the text format; auto: on a terminal, unless NO_COLOR (or FORCE_COLOR) is set.",
)
@click.option(
    "--strict-plugins",
    is_flag=True,
    help="A plugin that fails to load is an error (exit 3), not a warning.",
)
@plugin_timeout_option
@click.pass_context
def validate(
    ctx: click.Context,
    paths: tuple[str, ...],
    output_format: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    min_severity: str,
    fail_on: str,
    exit_zero: bool,
    exclude: tuple[str, ...],
    force_exclude: bool,
    respect_gitignore: bool,
    only_documents: bool,
    schema: str | None,
    output: Path | None,
    quiet: int,
    verbose: int,
    statistics: bool,
    color: str,
    strict_plugins: bool,
    plugin_timeout: float | None,
) -> None:
    """Validate the documents at PATH...: files, directories and globs; - is standard input.

    Directories are searched for .json, .jsonl and .ndjson files, leaving out what
    --exclude and .gitignore files name. Every layer runs on every document: strict
    JSON, the published schema, the model, and the semantic checks of grprojects and its
    plugins. Explain a code with `grprojects explain CODE`. Options may be set in
    pyproject.toml's [tool.grprojects] table; the command line overrides it.
    """
    settings: configuration.Config = ctx.meta[CONFIG_KEY]
    if statistics and output_format != "text":
        where = _from(ctx, "output_format", "--format")
        message = f"--statistics counts in the text format, not {where} {output_format}"
        raise click.UsageError(message)
    from_file = ctx.get_parameter_source("exclude") is ParameterSource.DEFAULT_MAP
    base = settings.folder if from_file else Path.cwd()
    ignores = Ignores(
        _patterns(exclude), base=base, gitignore=respect_gitignore, force_exclude=force_exclude
    )
    files, unreadable = expand([p for p in paths if p != DASH], ignores)
    if only_documents:
        files = [path for path in files if looks_like_document(path, schema)]
    output = report_target(output)
    fail = None if exit_zero or fail_on == "never" else Severity[fail_on.upper()]
    say = output is not None or output_format != "text"  # else the report says it
    try:
        runtime, left_out = _runtime(
            strict_plugins, settings, say=say, plugin_timeout=plugin_timeout
        )
    except PluginError as error:
        if say:
            click.echo(f"grprojects: plugin error: {error}", err=True)
        failed = Diagnostic("plugin.load-failed", str(error))
        report = Report((), {r.code: r for r in LAYER_RULES}, notifications=(failed,), fail_on=fail)
    else:
        known = rules(runtime)
        selected, ignored = _patterns(select), _patterns(ignore)
        _check_patterns(selected, list(known), _from(ctx, "select", "--select"))
        _check_patterns(ignored, list(known), _from(ctx, "ignore", "--ignore"))
        selection = Selection(selected, ignored, Severity[min_severity.upper()])
        validator = Validator(runtime=runtime, selection=selection)
        progress = Progress(len(files), enabled=sys.stderr.isatty() and quiet == 0)
        results = unreadable_results(unreadable, selection)
        for done, result in enumerate(validator.validate_paths(files, schema=schema), start=1):
            progress.show(done, Path(result.file))
            results.append(result)
        progress.close()
        if DASH in paths:
            results.append(stdin_result(validator, schema))
        report = Report(tuple(results), known, notifications=left_out, fail_on=fail)
    style = Style(
        color=output_format == "text" and output is None and use_color(sys.stdout, color),
        verbosity=verbose - quiet,
        statistics=statistics,
    )
    text = FORMATS[output_format](report, style)
    if output is not None:
        try:
            write_bytes(output, text.encode("utf-8"), replace=True)
        except OSError as error:
            reason = error.strerror or str(error)
            click.echo(f"grprojects: cannot write the report to {output}: {reason}", err=True)
            ctx.exit(EXIT_USAGE)
    else:
        click.echo(text, nl=False, color=style.color)
    ctx.exit(report.exit_code)
