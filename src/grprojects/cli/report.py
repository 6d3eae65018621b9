"""``grprojects report DATASET… -o DIR``: a static site of the projects, for people to read."""

from __future__ import annotations

from pathlib import Path
from typing import Final

import click

from ..errors import DocumentError, PluginError
from ..exitcodes import EXIT_INTERNAL, EXIT_INVALID, EXIT_USAGE
from .accounts import incomplete, read_told
from .plugin_options import plugin_timeout_option, runtime_with

EPILOG: Final = """\b
DIR is written anew: it must not exist, be empty, or hold an earlier report
(which is replaced once the new one is complete). Open DIR/index.html in a
browser, or put DIR on any web server: nothing is fetched from elsewhere.
\b
Exit codes:
  0  written
  1  a DATASET is not a valid dataset, or two datasets hold one project differently
  2  usage error: DIR is a folder with other files, the report extra is missing
  3  a plugin's section failed (the message names the plugin, the section and
     the project; DIR is left as it was)
"""


@click.command(epilog=EPILOG)
@click.argument(
    "datasets",
    metavar="DATASET…",
    nargs=-1,
    required=True,
    type=click.Path(exists=True, dir_okay=False, allow_dash=True, path_type=Path),
)
@click.option(
    "-o",
    "--output",
    "directory",
    required=True,
    metavar="DIR",
    type=click.Path(file_okay=False, path_type=Path),
    help="The folder to write the site into.",
)
@click.option(
    "--from",
    "from_format",
    metavar="FORMAT",
    help="The format of the DATASETs, when their names or contents do not tell (- for stdin).",
)
@click.option(
    "--language",
    type=click.Choice(["sv", "en"]),
    default="sv",
    show_default=True,
    help="The language of the site's own words (the data keeps its own).",
)
@click.option(
    "--include-personal",
    is_flag=True,
    help="Show personal data (contacts, names, quotes): an internal site, marked so on every page.",
)
@plugin_timeout_option
@click.pass_context
def report(
    ctx: click.Context,
    datasets: tuple[Path, ...],
    directory: Path,
    from_format: str | None,
    language: str,
    include_personal: bool,
    plugin_timeout: float | None,
) -> None:
    """Write a static site of the DATASETs (any format convert reads; - for stdin) into DIR."""
    from ..formats import FormatError  # the formats and their plugins, when run
    from ..site import ClashingDatasetsError, SiteError, write_site

    runtime = runtime_with(plugin_timeout)
    read = []
    for path in datasets:
        try:
            imported = read_told("report", path, format_name=from_format, runtime=runtime)
        except DocumentError as error:
            click.echo(f"grprojects report: cannot read {path}", err=True)
            click.echo(str(error), err=True)
            ctx.exit(EXIT_INVALID)
        except FormatError as error:
            click.echo(f"grprojects report: {error}", err=True)
            ctx.exit(EXIT_USAGE)
        except OSError as error:
            click.echo(f"grprojects report: cannot read {path}: {error.strerror}", err=True)
            ctx.exit(EXIT_USAGE)
        left_out = incomplete(imported)
        if left_out:
            click.echo(f"grprojects report: {path}: {left_out}; no site written", err=True)
            ctx.exit(EXIT_INVALID)
        read.append(imported.dataset)
    try:
        notes = write_site(
            read,
            directory,
            language=language,
            include_personal=include_personal,
            runtime=runtime,
        )
    except PluginError as error:
        click.echo(f"grprojects report: plugin error: {error}", err=True)
        ctx.exit(EXIT_INTERNAL)
    except ClashingDatasetsError as error:  # a SiteError about the data, so caught first
        click.echo(f"grprojects report: {error}", err=True)
        ctx.exit(EXIT_INVALID)
    except (FormatError, SiteError) as error:
        click.echo(f"grprojects report: {error}", err=True)
        ctx.exit(EXIT_USAGE)
    except OSError as error:
        click.echo(f"grprojects report: cannot write {directory}: {error.strerror}", err=True)
        ctx.exit(EXIT_USAGE)
    *notes, pages = notes
    for note in notes:
        click.echo(f"note: {note}", err=True)
    kind = "internal, with personal data" if include_personal else "public"
    click.echo(f"wrote {directory}/index.html ({pages}, {kind})")
