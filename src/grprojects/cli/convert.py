"""``grprojects convert IN OUT``: read a dataset in one format, write it in another."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Final

import click

from ..errors import DocumentError, PluginError
from ..exitcodes import EXIT_INTERNAL, EXIT_INVALID, EXIT_USAGE
from ..formats.convert import (
    FormatError,
    OutputExistsError,
    export,
    export_stream,
    exporter_for,
    importer_for,
)
from ..outputs import DASH, OutputKindError, destination
from .accounts import incomplete, read_told
from .plugin_options import plugin_timeout_option, runtime_with

EPILOG: Final = """\b
The format to write comes from --to or from OUT's name: .xlsx, .csv.zip,
.ics, .sqlite (.db), .json. The format to read comes from --from or from IN.
IN - reads standard input and OUT - writes standard output; name their
format with --from and --to. A FIFO or device as OUT (/dev/null, /dev/stdout)
is written as a stream, never replaced; a file is replaced only with --force,
atomically, keeping only its read and write permission bits.
\b
An importer that reads records (a register's export, an activity list) tells
on standard error every warning and every refused record, with its place,
code and message, then a tally: "5 records: 3 imported, 2 with warnings,
0 refused". Warnings alone still write OUT. A refused record writes nothing
and exits 1; with --partial the records kept are written, every refused one
is still told, and the exit code is still 1.
\b
Exit codes:
  0  written (warnings, if any, told on standard error)
  1  IN is not a valid dataset, the dataset cannot be written in that format,
     or records of IN were refused (with --partial: the rest written)
  2  usage error: unknown format, its extra not installed, OUT exists without
     --force, OUT a directory or not writable, IN not readable
  3  a plugin's importer or exporter failed (the message names the plugin,
     the format and the file; nothing is left at OUT that was not there)
"""


def _shown(path: Path, stream: str) -> str:
    return stream if str(path) == DASH else str(path)


@contextlib.contextmanager
def reported(
    ctx: click.Context, verb: str, shown: str, format_name: str, command: str = "convert"
) -> Iterator[None]:
    """Turn what reading or writing ``shown`` raises into a message and its exit code
    (the ones of the epilog above, which ``grprojects merge`` shares)."""
    try:
        yield
    except DocumentError as error:
        click.echo(f"grprojects {command}: cannot {verb} {shown} as {format_name}", err=True)
        click.echo(str(error), err=True)
        ctx.exit(EXIT_INVALID)
    except (FormatError, OutputExistsError, OutputKindError) as error:
        click.echo(f"grprojects {command}: {error}", err=True)
        ctx.exit(EXIT_USAGE)
    except PluginError as error:
        click.echo(f"grprojects {command}: plugin error: {error}", err=True)
        ctx.exit(EXIT_INTERNAL)
    except OSError as error:
        click.echo(
            f"grprojects {command}: cannot {verb} {shown}: {error.strerror or error}", err=True
        )
        ctx.exit(EXIT_USAGE)


@click.command(epilog=EPILOG)
@click.argument(
    "source", metavar="IN", type=click.Path(exists=True, allow_dash=True, path_type=Path)
)
@click.argument("target", metavar="OUT", type=click.Path(allow_dash=True, path_type=Path))
@click.option("--from", "from_format", metavar="FORMAT", help="The format of IN.")
@click.option("--to", "to_format", metavar="FORMAT", help="The format to write.")
@click.option(
    "--public",
    is_flag=True,
    help="Leave out personal data (people, contacts, quotes) in any format.",
)
@click.option("--force", is_flag=True, help="Replace OUT if it is a file or symbolic link.")
@click.option(
    "--partial",
    is_flag=True,
    help="When records of IN are refused, write the rest (still exit 1).",
)
@plugin_timeout_option
@click.pass_context
def convert(
    ctx: click.Context,
    source: Path,
    target: Path,
    from_format: str | None,
    to_format: str | None,
    public: bool,
    force: bool,
    partial: bool,
    plugin_timeout: float | None,
) -> None:
    """Convert the dataset IN into OUT, in the format --to names or OUT's ending shows."""
    stdin = str(source) == DASH
    runtime = runtime_with(plugin_timeout)
    with reported(ctx, "write", _shown(target, "standard output"), to_format or "?"):
        exporter = exporter_for(target, to_format, runtime)
        destination(target, replace=force)  # OUT first: IN (a FIFO?) is not opened to refuse
        importer = None if stdin else importer_for(source, from_format, runtime)
    read_as = importer.name if importer else from_format or "?"
    left_out = None  # a stream stops at its first bad record: nothing is left out
    if importer is not None and importer.stream is not None:
        # read a record at a time as it is written: a bad record stops it, naming its place
        with reported(ctx, "read", _shown(source, "standard input"), read_as):
            records = importer.stream(source)  # what it reads first (a header) is told here
        with reported(ctx, "convert", _shown(source, "standard input"), exporter.name):
            done = export_stream(
                records,
                target,
                format_name=exporter.name,
                public=public,
                force=force,
                runtime=runtime,
            )
    else:
        with reported(ctx, "read", _shown(source, "standard input"), read_as):
            imported = read_told(
                "convert",
                source,
                format_name=importer.name if importer else from_format,
                runtime=runtime,
            )
        left_out = incomplete(imported)
        if left_out and not partial:
            click.echo(
                f"grprojects convert: {_shown(source, 'standard input')}: {left_out}; nothing "
                "written (--partial writes the records kept)",
                err=True,
            )
            ctx.exit(EXIT_INVALID)
        with reported(ctx, "write", _shown(target, "standard output"), exporter.name):
            done = export(
                imported.dataset,
                target,
                format_name=exporter.name,
                public=public,
                force=force,
                runtime=runtime,
            )
    for note in done.notes:
        click.echo(f"note: {note}", err=True)
    kind = f"{exporter.name}, public" if public else exporter.name
    output = done.written.output
    # The report goes beside a stream, never into it.
    click.echo(f"wrote {output} ({kind}, {done.written.size:,} bytes)", err=output.streamed)
    if left_out:
        click.echo(f"grprojects convert: partial: {left_out}; {output} holds the rest", err=True)
        ctx.exit(EXIT_INVALID)
