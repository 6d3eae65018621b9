"""The grprojects error family: one base, each subclass also the builtin it resembles."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from .diagnostics import Diagnostic


class GrprojectsError(Exception):
    """Base of every error grprojects raises on purpose."""


class DocumentError(GrprojectsError, ValueError):
    """A document is not valid; ``diagnostics`` lists every problem with its place."""

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        self.diagnostics = tuple(diagnostics)
        count = len(self.diagnostics)
        lines = [f"{count} problem{'s' if count != 1 else ''} in the document:"]
        lines += [f"  {d.describe()}" for d in self.diagnostics]
        super().__init__("\n".join(lines))


class PluginError(GrprojectsError, RuntimeError):
    """A plugin could not be loaded or broke its contract."""


class CodeListError(GrprojectsError, KeyError):
    """A code list or code that does not exist was asked for."""


PLUGIN_FAULTS: Final = (Exception, SystemExit, GeneratorExit)
"""What a call into a plugin may raise that is the plugin's fault: anything but Ctrl-C.

A plugin calling ``sys.exit()`` must not end (or turn green) a validation run; only
the user's own ``KeyboardInterrupt`` goes through.
"""
