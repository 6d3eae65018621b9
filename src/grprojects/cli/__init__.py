"""The ``grprojects`` command line: one module per command, loaded when used.

Exit codes: 0 valid, 1 invalid data, 2 usage error, 3 internal or plugin error.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import os
import sys
import warnings
from collections.abc import Iterator
from typing import Final, TextIO

import click

from .._version import __version__
from ..exitcodes import EXIT_INTERNAL, EXIT_USAGE, EXIT_VALID
from ..limits import input_limit
from ..time_limits import stranded

COMMANDS: Final = {
    "convert": "grprojects.cli.convert:convert",
    "explain": "grprojects.cli.explain:explain",
    "merge": "grprojects.cli.merge:merge_command",
    "new-plugin": "grprojects.cli.new_plugin:new_plugin",
    "plugins": "grprojects.cli.plugins:plugins",
    "report": "grprojects.cli.report:report",
    "schema": "grprojects.cli.schema:schema",
    "summary": "grprojects.cli.summary:summary",
    "upgrade": "grprojects.cli.upgrade:upgrade",
    "validate": "grprojects.cli.validate:validate",
}
"""Command name → ``module:attribute`` of its click command; imported only when run."""


class LazyGroup(click.Group):
    """A group whose commands are imported on first use, keeping start-up fast."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, _, attribute = target.partition(":")
        command = getattr(importlib.import_module(module), attribute)
        assert isinstance(command, click.Command)  # noqa: S101 - a wiring mistake, caught by tests
        return command


def _show_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: TextIO | None = None,
    line: str | None = None,
) -> None:
    """Print a warning as one line for people, without Python's file and line."""
    click.echo(f"grprojects: warning: {message}", err=True)


@contextlib.contextmanager
def _warnings_for_people() -> Iterator[None]:
    """While a command runs, warnings (a broken plugin) print as ``grprojects: warning: …``."""
    with warnings.catch_warnings():
        warnings.showwarning = _show_warning
        yield


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="grprojects")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Validate, convert and inspect regional collaboration project data.

    The environment variable GRPROJECTS_MAX_INPUT_BYTES raises (or lowers) the
    limit on bytes read from one input, 1 GiB by default.
    """
    ctx.with_resource(_warnings_for_people())
    try:
        input_limit()
    except ValueError as error:
        raise click.UsageError(str(error)) from None


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return its exit code instead of raising ``SystemExit``."""
    try:
        # Outside standalone mode click returns ctx.exit()'s code instead of raising it.
        code = cli.main(args=argv, prog_name="grprojects", standalone_mode=False)
        if isinstance(code, int):
            return code
    except click.exceptions.Exit as done:
        return int(done.exit_code)
    except click.ClickException as error:
        error.show()
        return EXIT_USAGE
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return EXIT_USAGE
    except SystemExit as done:
        return int(done.code or 0)
    except Exception as error:  # noqa: BLE001 - the last line of defence: no tracebacks for users
        click.echo(f"grprojects: internal error: {type(error).__name__}: {error}", err=True)
        return EXIT_INTERNAL
    return EXIT_VALID


def run() -> None:
    """The ``grprojects`` script: run the command line and end the process with its code.

    What the imports made (modules, classes, functions, tables) lives as long as the
    process, so it is moved out of the cyclic garbage collector's sight first
    (:func:`gc.freeze`): every collection during the command then walks only what the
    command makes. Walking the imports again and again was an eighth of a one-file
    ``validate``. Only the script does this, in its own process; :func:`main`, which
    tests and other programs call, leaves the collector as it is.

    When a plugin call that ran past its time limit still runs in its thread, the
    process ends at once, output flushed, rather than wait for what may never end.
    """
    gc.freeze()
    code = main()
    if stranded():
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError):  # closed by the reader, say
                stream.flush()
        os._exit(code)
    sys.exit(code)


if __name__ == "__main__":  # pragma: no cover
    run()
