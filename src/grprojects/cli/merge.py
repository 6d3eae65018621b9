"""``grprojects merge A B … -o OUT``: join datasets that describe the same projects."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Final

import attrs
import click

from ..exitcodes import EXIT_INVALID, EXIT_USAGE
from ..formats.convert import export, exporter_for, importer_for
from ..merge import Action, Merged, merge
from ..outputs import DASH, destination, write_bytes
from ..plugin_types import Imported
from ..runtime import Runtime
from .accounts import incomplete, read_told
from .convert import reported
from .plugin_options import plugin_timeout_option, runtime_with

EPILOG: Final = """\b
Each input is read in the format --from names or its file shows; - reads
standard input (for one input, its format named with --from). Sources are one
when they are the same kind with the same URL and title; organisations when they
share an identifier (organisationsnummer, kommunkod); projects when they share
an identifier from the same issuer (ärendenummer); either also when the id is
the same, a name is shared and no identifier differs. A taken id that names
something else is renamed and every reference rewritten; a new one with a name
in common with one already there is told as alike. Claims that differ are
kept side by side, each with its sources; where a field holds one value, the
first input's is kept and the disagreement reported. The account goes to
standard error; --report FILE writes it as JSON (- standard output). OUT is
written as grprojects convert writes it.
\b
An importer's warnings and refused records are told as grprojects convert
tells them; a refused record writes nothing unless --partial.
\b
Exit codes:
  0  written (warnings, if any, told on standard error)
  1  an input is not a valid dataset, the result cannot be written in that
     format, or records of an input were refused (with --partial: the rest
     merged and written)
  2  usage error: fewer than two inputs, unknown format, its extra not
     installed, OUT or the report exists without --force, an input not readable
  3  a plugin's importer or exporter failed (the message names the plugin)
"""


def _shown(path: Path, stream: str) -> str:
    return stream if str(path) == DASH else str(path)


def _read(
    ctx: click.Context, source: Path, from_format: str | None, runtime: Runtime | None
) -> Imported:
    """What ``source`` holds, with its importer's account told as ``convert`` tells it."""
    shown = _shown(source, "standard input")
    importer = None
    if str(source) != DASH:
        with reported(ctx, "read", shown, from_format or "?", "merge"):
            importer = importer_for(source, from_format, runtime)
    read_as = importer.name if importer else from_format
    with reported(ctx, "read", shown, read_as or "?", "merge"):
        return read_told("merge", source, format_name=read_as, runtime=runtime)


def _counted(count: int, kind: str) -> str:
    if count == 1:
        return f"1 {kind}"
    return f"{count} {kind[:-1]}ies" if kind.endswith("y") else f"{count} {kind}s"


def account(merged: Merged) -> list[str]:
    """The merge told for people: the counts, then every decision on a line."""
    counts = []
    for action in Action:
        decided = [d for d in merged.decisions if d.action is action]
        kinds = sorted({d.kind for d in decided})
        if kinds:
            listed = ", ".join(_counted(sum(d.kind == k for d in decided), k) for k in kinds)
            counts.append(f"{action.value} {listed}")
    lines = ["; ".join(counts) if counts else "nothing matched: every object kept apart"]
    return lines + [f"  {decision}" for decision in merged.decisions]


def report_json(inputs: list[str], merged: Merged) -> bytes:
    """The decisions as a JSON document, for a program to read."""
    document = {
        "inputs": inputs,
        "decisions": [{**attrs.asdict(d), "action": d.action.value} for d in merged.decisions],
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode()


@click.command(epilog=EPILOG)
@click.argument(
    "sources",
    metavar="A B [C …]",
    nargs=-1,
    required=True,
    type=click.Path(exists=True, allow_dash=True, path_type=Path),
)
@click.option(
    "-o",
    "--output",
    "target",
    metavar="OUT",
    required=True,
    type=click.Path(allow_dash=True, path_type=Path),
    help="Where to write the merged dataset (- standard output).",
)
@click.option("--from", "from_format", metavar="FORMAT", help="The format of the inputs.")
@click.option("--to", "to_format", metavar="FORMAT", help="The format to write.")
@click.option(
    "--report",
    "report",
    metavar="FILE",
    type=click.Path(allow_dash=True, path_type=Path),
    help="Write what was matched and why as JSON to FILE (- standard output).",
)
@click.option("--force", is_flag=True, help="Replace OUT (and the report) if a file.")
@click.option(
    "--partial",
    is_flag=True,
    help="Merge the records an importer kept when it refused some (the exit code is still 1).",
)
@plugin_timeout_option
@click.pass_context
def merge_command(
    ctx: click.Context,
    sources: tuple[Path, ...],
    target: Path,
    from_format: str | None,
    to_format: str | None,
    report: Path | None,
    force: bool,
    partial: bool,
    plugin_timeout: float | None,
) -> None:
    """Merge the datasets A, B … into OUT: one object per identifier, every source cited."""
    if len(sources) < 2:
        raise click.UsageError("merge needs at least two inputs")
    if sum(str(s) == DASH for s in sources) > 1:
        raise click.UsageError("standard input (-) can be only one of the inputs")
    if report is not None and str(report) == DASH == str(target):
        raise click.UsageError("the report and OUT cannot both go to standard output")
    runtime = runtime_with(plugin_timeout)
    shown_target = _shown(target, "standard output")
    with reported(ctx, "write", shown_target, to_format or "?", "merge"):
        exporter = exporter_for(target, to_format, runtime)
        destination(target, replace=force)  # refused before anything is read
        if report is not None:
            destination(report, replace=force)
    imports = [_read(ctx, source, from_format, runtime) for source in sources]
    left_out = [
        f"{_shown(source, 'standard input')}: {why}"
        for source, imported in zip(sources, imports, strict=True)
        if (why := incomplete(imported))
    ]
    if left_out and not partial:
        listed = "; ".join(left_out)
        click.echo(
            f"grprojects merge: {listed}; nothing written (--partial merges the records kept)",
            err=True,
        )
        ctx.exit(EXIT_INVALID)
    merged = merge([imported.dataset for imported in imports])
    for line in account(merged):
        click.echo(line, err=True)
    with reported(ctx, "write", shown_target, exporter.name, "merge"):
        done = export(
            merged.dataset, target, format_name=exporter.name, force=force, runtime=runtime
        )
    for note in done.notes:
        click.echo(f"note: {note}", err=True)
    output = done.written.output
    aside = output.streamed or str(report) == DASH  # the report goes beside a stream
    click.echo(f"wrote {output} ({exporter.name}, {done.written.size:,} bytes)", err=aside)
    if report is not None:
        inputs = [_shown(s, "standard input") for s in sources]
        try:
            write_bytes(report, report_json(inputs, merged), replace=force)
        except OSError as error:
            click.echo(f"grprojects merge: cannot write {report}: {error}", err=True)
            ctx.exit(EXIT_USAGE)
    if left_out:
        listed = "; ".join(left_out)
        click.echo(f"grprojects merge: partial: {listed}; {output} holds the rest", err=True)
        ctx.exit(EXIT_INVALID)
