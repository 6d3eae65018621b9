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
    exporter_for,
    importer_for,
    write_dataset,
)

EPILOG: Final = """\b
The format to write comes from --to or from OUT's name: .xlsx, .csv.zip,
.ics, .sqlite (.db), .json. The format to read comes from --from or from IN.
\b
Exit codes:
  0  written
  1  IN is not a valid dataset, or the dataset cannot be written in that format
  2  usage error: unknown format, its extra not installed, OUT exists without
     --force, OUT not writable, IN not readable
  3  a plugin's importer or exporter failed (the message names the plugin,
     the format and the file; nothing is left at OUT that was not there)
"""


@contextlib.contextmanager
def _reported(ctx: click.Context, verb: str, path: Path, format_name: str) -> Iterator[None]:
    """Turn what reading or writing ``path`` raises into a message and its exit code."""
    try:
        yield
    except DocumentError as error:
        click.echo(f"grprojects convert: cannot {verb} {path} as {format_name}", err=True)
        click.echo(str(error), err=True)
        ctx.exit(EXIT_INVALID)
    except (FormatError, OutputExistsError) as error:
        click.echo(f"grprojects convert: {error}", err=True)
        ctx.exit(EXIT_USAGE)
    except PluginError as error:
        click.echo(f"grprojects convert: plugin error: {error}", err=True)
        ctx.exit(EXIT_INTERNAL)
    except OSError as error:
        click.echo(f"grprojects convert: cannot {verb} {path}: {error.strerror or error}", err=True)
        ctx.exit(EXIT_USAGE)


@click.command(epilog=EPILOG)
@click.argument("source", metavar="IN", type=click.Path(exists=True, path_type=Path))
@click.argument("target", metavar="OUT", type=click.Path(path_type=Path))
@click.option("--from", "from_format", metavar="FORMAT", help="The format of IN.")
@click.option("--to", "to_format", metavar="FORMAT", help="The format to write.")
@click.option(
    "--public",
    is_flag=True,
    help="Leave out personal data (people, contacts, quotes) in any format.",
)
@click.option("--force", is_flag=True, help="Replace OUT if it exists.")
@click.pass_context
def convert(
    ctx: click.Context,
    source: Path,
    target: Path,
    from_format: str | None,
    to_format: str | None,
    public: bool,
    force: bool,
) -> None:
    """Convert the dataset IN into OUT, in the format --to names or OUT's ending shows."""
    try:
        exporter = exporter_for(target, to_format)
        importer = importer_for(source, from_format)
        if target.exists() and not force:
            raise OutputExistsError(f"{target} exists; use --force to replace it")
    except (FormatError, OutputExistsError) as error:
        click.echo(f"grprojects convert: {error}", err=True)
        ctx.exit(EXIT_USAGE)
    with _reported(ctx, "read", source, importer.name):
        dataset = importer.read(source)
    with _reported(ctx, "write", target, exporter.name):
        notes = write_dataset(
            dataset, target, format_name=exporter.name, public=public, force=force
        )
    for note in notes:
        click.echo(f"note: {note}", err=True)
    size = target.stat().st_size
    kind = f"{exporter.name}, public" if public else exporter.name
    click.echo(f"wrote {target} ({kind}, {size:,} bytes)")
