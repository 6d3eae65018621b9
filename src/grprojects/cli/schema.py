"""``grprojects schema [NAME] [--with EXT]...``: print a published or combined JSON Schema."""

from __future__ import annotations

import click

from ..model import SCHEMA_VERSION, SCHEMA_VERSIONS
from ..schema import PUBLISHED, published_schema, published_text, schema_text
from .plugin_options import plugin_timeout_option


@click.command()
@click.argument("name", type=click.Choice(PUBLISHED), default="dataset")
@click.option(
    "--with",
    "extensions",
    multiple=True,
    metavar="EXT",
    help="Add an installed extension's fields by namespace (repeatable); prints the "
    "combined schema for offline validation with any JSON Schema tool.",
)
@click.option(
    "--schema-version",
    "version",
    type=click.Choice(SCHEMA_VERSIONS),
    default=SCHEMA_VERSION,
    show_default=True,
    help="The published schema version to print; earlier ones exactly as published.",
)
@plugin_timeout_option
def schema(
    name: str, extensions: tuple[str, ...], version: str, plugin_timeout: float | None
) -> None:
    """Print the published JSON Schema NAME (default: dataset)."""
    if version != SCHEMA_VERSION:
        if extensions:
            raise click.UsageError("--with combines extensions with the current schema only")
        click.echo(published_text(name, version), nl=False)
        return
    if not extensions:
        click.echo(schema_text(published_schema(name)), nl=False)
        return
    from ..extensions import combined_schema  # late: loads the installed plugins
    from ..runtime import default_runtime
    from .plugin_options import runtime_with

    runtime = runtime_with(plugin_timeout) or default_runtime()
    try:
        combined = combined_schema(name, extensions, runtime)
    except KeyError as error:
        raise click.BadParameter(str(error.args[0]), param_hint="--with") from None
    click.echo(schema_text(combined), nl=False)
