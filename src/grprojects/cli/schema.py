"""``grprojects schema [NAME]``: print a published JSON Schema."""

from __future__ import annotations

import click

from ..schema import SCHEMA_NAMES, published_schema, schema_text


@click.command()
@click.argument("name", type=click.Choice(SCHEMA_NAMES), default="dataset")
def schema(name: str) -> None:
    """Print the published JSON Schema NAME (default: dataset)."""
    click.echo(schema_text(published_schema(name)), nl=False)
