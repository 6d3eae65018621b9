"""The option every command that runs plugins takes: ``--plugin-timeout``, and its runtime."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

import click

from ..time_limits import DEFAULT_TIMEOUT, TIMEOUT_VARIABLE

if TYPE_CHECKING:
    from ..runtime import Runtime

F = TypeVar("F", bound=Callable[..., object])


def plugin_timeout_option(command: F) -> F:
    """Add ``--plugin-timeout SECONDS`` (also ``GRPROJECTS_PLUGIN_TIMEOUT``) to ``command``."""
    option = click.option(
        "--plugin-timeout",
        type=click.FloatRange(min=0),
        envvar=TIMEOUT_VARIABLE,
        metavar="SECONDS",
        help="How long one call into an installed plugin (its import, a check, a read or "
        "a write) may take before it is reported as failed; 0 for no limit "
        f"[default: {DEFAULT_TIMEOUT:g}; also {TIMEOUT_VARIABLE}].",
    )
    return option(command)


def runtime_with(plugin_timeout: float | None) -> Runtime | None:
    """A runtime of the installed plugins with this time limit; ``None`` for the default one."""
    from ..runtime import make_runtime  # late: loads the installed plugins

    return None if plugin_timeout is None else make_runtime(plugin_timeout=plugin_timeout)
