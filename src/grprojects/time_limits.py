"""Time limits on calls into installed plugins, so one hanging plugin cannot hang a run.

A Python thread cannot be stopped from outside. A limited call therefore runs in a
daemon thread and the caller stops waiting when its time is up: the call is then a
:class:`PluginTimeoutError` for the caller to blame on its plugin, and the thread is
left behind (:func:`stranded`). The command line ends its process at once when its
output is written and such a thread still runs, rather than wait for it.

Only installed plugins pay for the thread; grprojects' own code runs directly. A limit
holds only while Python code runs or the plugin waits (sleeping, reading): a single C
call that never releases the interpreter (one catastrophic regular expression, say)
cannot be interrupted by any thread, which is why extension patterns are checked when
their manifest is loaded instead (:func:`grprojects.extensions.manifest_problem`).

The limit belongs to a runtime (:func:`grprojects.runtime.make_runtime`); its default
comes from ``GRPROJECTS_PLUGIN_TIMEOUT`` (seconds; ``0`` for none), else
:data:`DEFAULT_TIMEOUT`.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from typing import Final, TypeVar

from .errors import PLUGIN_FAULTS, PluginError

TIMEOUT_VARIABLE: Final = "GRPROJECTS_PLUGIN_TIMEOUT"
"""The environment variable that sets the limit, in seconds (``0``: no limit)."""

DEFAULT_TIMEOUT: Final = 60.0
"""Seconds one call into a plugin (an import, a check, a read, a write) may take."""

T = TypeVar("T")

_stranded: list[threading.Thread] = []
"""Threads of calls that ran past their limit: they cannot be stopped, only left."""


class PluginTimeoutError(PluginError):
    """A call into a plugin ran past its runtime's time limit."""


def timeout_from_environment() -> float | None:
    """The limit ``GRPROJECTS_PLUGIN_TIMEOUT`` sets (``None``: no limit), else the default."""
    value = os.environ.get(TIMEOUT_VARIABLE, "").strip()
    if not value:
        return DEFAULT_TIMEOUT
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not seconds >= 0:  # also refuses nan
        message = f"{TIMEOUT_VARIABLE} must be a number of seconds (0 for no limit), not {value!r}"
        raise ValueError(message)
    return seconds or None


def call_limited(seconds: float | None, function: Callable[[], T]) -> T:
    """``function()``, or :class:`PluginTimeoutError` when it runs past ``seconds``.

    With no limit (``None``) it is called directly. Whatever it raises is raised
    here, in the caller's thread, ``SystemExit`` included.
    """
    if seconds is None:
        return function()
    outcome: list[T] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            outcome.append(function())
        except (*PLUGIN_FAULTS, KeyboardInterrupt) as error:  # handed to the caller below
            failure.append(error)

    thread = threading.Thread(target=run, name="grprojects-plugin-call", daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        _stranded.append(thread)
        raise PluginTimeoutError(
            f"did not finish within {seconds:g} s (--plugin-timeout, {TIMEOUT_VARIABLE})"
        )
    if failure:
        raise failure[0]
    return outcome[0]


def stranded() -> bool:
    """Whether a call that ran past its limit is still running in its thread."""
    _stranded[:] = [thread for thread in _stranded if thread.is_alive()]
    return bool(_stranded)
