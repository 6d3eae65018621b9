"""``grprojects new-plugin NAME [--dir DIR]``: write a working plugin package to start from.

The templates are package data in ``grprojects/templates/plugin/``: each ``*.tmpl``
file is a :class:`string.Template`, and ``__module__`` in a path becomes the
plugin's module name. The package has its entry point, one local check and a test
that passes as written.
"""

from __future__ import annotations

import re
import string
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Final

import click

NAME_PATTERN: Final = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


def template_values(name: str) -> dict[str, str]:
    """What the templates fill in for the distribution ``name``."""
    short = name.removeprefix("grprojects-")
    return {
        "distribution": name,
        "module": name.replace("-", "_"),
        "short": short,
        "title": short.replace("-", " ").title(),
    }


def _files(folder: Traversable, prefix: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], str]]:
    found = []
    for item in sorted(folder.iterdir(), key=lambda t: t.name):
        if item.is_dir():
            found += _files(item, (*prefix, item.name))
        elif item.name.endswith(".tmpl"):
            found.append(((*prefix, item.name.removesuffix(".tmpl")), item.read_text("utf-8")))
    return found


def write_plugin(name: str, folder: Path) -> list[Path]:
    """Write the plugin package ``name`` into ``folder / name``; return the files written."""
    if not NAME_PATTERN.match(name):
        raise ValueError(
            f"{name!r} is not a distribution name: use lower-case letters, digits and "
            "single hyphens, such as grprojects-kungsbacka"
        )
    target = folder / name
    if target.exists():
        raise FileExistsError(f"{target} already exists; choose another name or --dir")
    values = template_values(name)
    written = []
    for parts, text in _files(resources.files("grprojects").joinpath("templates", "plugin")):
        path = target.joinpath(*(p.replace("__module__", values["module"]) for p in parts))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(string.Template(text).substitute(values), encoding="utf-8")
        written.append(path)
    return written


@click.command("new-plugin")
@click.argument("name")
@click.option(
    "--dir",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path(),
    show_default=".",
    help="Where to create the package folder.",
)
def new_plugin(name: str, folder: Path) -> None:
    """Write a working plugin package NAME (such as grprojects-kungsbacka)."""
    try:
        written = write_plugin(name, folder)
    except (ValueError, FileExistsError) as error:
        raise click.UsageError(str(error)) from None
    for path in written:
        click.echo(f"wrote {path}")
    module = template_values(name)["module"]
    click.echo(
        f"next: pip install -e {folder / name} && pytest {folder / name}\n"
        f"then edit {folder / name / 'src' / module / '__init__.py'}"
    )
