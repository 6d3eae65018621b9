"""``grprojects upgrade FILE... [-o OUT]``: rewrite older documents as the current version."""

from __future__ import annotations

from pathlib import Path

import click

from .. import io
from ..errors import DocumentError
from ..exitcodes import EXIT_INVALID, EXIT_VALID
from ..upgrades import upgrade_text


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Write here instead of in place: a file for one input, a folder for several.",
)
@click.pass_context
def upgrade(ctx: click.Context, files: tuple[Path, ...], output: Path | None) -> None:
    """Rewrite dataset FILES of an older schema version as the current one.

    Each file is checked by the rules of the version it names, upgraded without losing
    a value, checked again by the current rules and written atomically, in place or to
    OUTPUT. One line per file says what changed.
    """
    if output is not None and len(files) > 1:
        if output.is_file():
            raise click.UsageError(f"-o {output} is a file; several inputs need a folder")
        names = [path.name for path in files]
        twice = sorted({name for name in names if names.count(name) > 1})
        if twice:
            raise click.UsageError(f"two inputs named {twice[0]!r} would both go to {output}")
    failed = False
    for path in files:
        target = _target(path, output, several=len(files) > 1)
        try:
            text, name = io.read_text(path)
            result = upgrade_text(text, file=name)
        except DocumentError as error:
            failed = True
            for diagnostic in error.diagnostics:
                click.echo(diagnostic.describe(), err=True)
            continue
        if result.changed or target != path:
            io.dump(result.dataset, target)
        changes = "; ".join(c.description for c in result.changes) or (
            f"already {result.dataset.version}, unchanged"
        )
        where = "" if target == path else f" → {target}"
        click.echo(f"{path}{where}: {changes}")
    ctx.exit(EXIT_INVALID if failed else EXIT_VALID)


def _target(path: Path, output: Path | None, *, several: bool) -> Path:
    if output is None:
        return path
    if several or output.is_dir():
        return output / path.name
    return output
