"""``[tool.grprojects]`` in ``pyproject.toml``: a project's settings for ``grprojects validate``.

The nearest ``pyproject.toml`` with a ``[tool.grprojects]`` table, from the current
directory upwards, is used, as ruff and black find theirs. Its keys are the long names
of validate's options (``select``, ``min-severity``, ``fail-on`` …) and become their
defaults, so an option given on the command line overrides the file. The
``[tool.grprojects.plugins]`` table takes ``allow`` and ``block`` lists, as the
``GRPROJECTS_PLUGINS_ALLOW``/``_BLOCK`` variables do (which win when set).

A key the table does not know, or a value its option refuses, is a usage error naming
the file and the key.
"""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

import attrs
import click

from .._methods import shared_methods

FILE_NAME: Final = "pyproject.toml"
TABLE: Final = "tool.grprojects"
OPTIONS: Final = (
    "select",
    "ignore",
    "exclude",
    "force-exclude",
    "respect-gitignore",
    "min-severity",
    "fail-on",
    "format",
    "schema",
    "strict-plugins",
    "plugin-timeout",
)
"""The options of ``grprojects validate`` a project may set (by their long names)."""
PLUGIN_LISTS: Final = ("allow", "block")
"""The keys of ``[tool.grprojects.plugins]``."""


@shared_methods
@attrs.frozen(eq=False, repr=False)
class Config:
    """A project's settings: option defaults by parameter name, and the plugin lists."""

    path: Path | None = None
    """The ``pyproject.toml`` they come from (``None``: no file has the table)."""
    defaults: Mapping[str, Any] = attrs.field(factory=dict)
    """Parameter name → value, in the form click's ``default_map`` takes."""
    allow: tuple[str, ...] | None = None
    block: tuple[str, ...] | None = None

    @property
    def folder(self) -> Path:
        """Where the file is: ``exclude`` patterns are relative to it."""
        return self.path.parent if self.path is not None else Path.cwd()


def find(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The nearest ``pyproject.toml`` at or above ``start`` with the table, and the table."""
    for folder in (start, *start.parents):
        candidate = folder / FILE_NAME
        if not candidate.is_file():
            continue
        try:
            document = tomllib.loads(candidate.read_text("utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
            raise click.UsageError(f"{candidate}: cannot read it: {error}") from None
        table = document.get("tool", {}).get("grprojects")
        if table is not None:
            return candidate, table
    return None


def _unknown(path: Path, table: str, key: str, known: list[str]) -> click.UsageError:
    close = difflib.get_close_matches(key, known, n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else f"; known: {', '.join(known)}"
    return click.UsageError(f"{path}: [{table}] has an unknown key {key!r}{hint}")


def _names(path: Path, key: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise click.UsageError(f"{path}: [{TABLE}.plugins] {key} must be a list of names")
    return tuple(value)


def _option(command: click.Command, key: str) -> click.Option | None:
    for param in command.params:
        if isinstance(param, click.Option) and f"--{key}" in param.opts + param.secondary_opts:
            return param
    return None


def load(command: click.Command, start: Path | None = None) -> Config:
    """The settings for ``command`` found from ``start`` (the current directory) upwards."""
    found = find((start or Path.cwd()).absolute())
    if found is None:
        return Config()
    path, table = found
    if not isinstance(table, dict):
        raise click.UsageError(f"{path}: [{TABLE}] must be a table")
    defaults: dict[str, Any] = {}
    allow = block = None
    context = click.Context(command)
    for key, value in table.items():
        if key == "plugins":
            if not isinstance(value, dict):
                raise click.UsageError(f"{path}: [{TABLE}] plugins must be a table")
            for name in value:
                if name not in PLUGIN_LISTS:
                    raise _unknown(path, f"{TABLE}.plugins", name, list(PLUGIN_LISTS))
            allow = _names(path, "allow", value["allow"]) if "allow" in value else None
            block = _names(path, "block", value["block"]) if "block" in value else None
            continue
        option = _option(command, key) if key in OPTIONS else None
        if option is None or option.name is None:
            raise _unknown(path, TABLE, key, [*OPTIONS, "plugins"])
        if option.multiple and isinstance(value, str):
            value = [value]
        if option.is_flag and not isinstance(value, bool):
            raise click.UsageError(f"{path}: [{TABLE}] {key} must be true or false")
        try:
            option.type_cast_value(context, value)
        except click.BadParameter as error:
            message = f"{path}: [{TABLE}] {key}: {error.message}"
            if isinstance(option.type, click.Choice) and isinstance(value, str):
                close = difflib.get_close_matches(value, [str(c) for c in option.type.choices])
                message += f" Did you mean {close[0]!r}?" if close else ""
            raise click.UsageError(message) from None
        defaults[option.name] = value
    return Config(path, defaults, allow, block)
