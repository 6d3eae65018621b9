"""The grprojects error family: one base, each subclass also the builtin it resembles."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from .diagnostics import Diagnostic
    from .lookups import Match


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


class NoMatchError(GrprojectsError, ValueError):
    """A name or code read by :mod:`grprojects.lookups` names nothing in its code list.

    ``query`` is the text as given, ``what`` the code list's id (``municipality``), and
    ``candidates`` the nearest matches, best first, so a report can say what was meant.
    """

    def __init__(
        self,
        query: str,
        what: str,
        candidates: Sequence[Match],
        *,
        reason: str | None = None,
    ) -> None:
        self.query = query
        self.what = what
        self.candidates = tuple(candidates)
        super().__init__(f"{query!r} is {reason or self._reason()}")

    def _reason(self) -> str:
        nearest = ", ".join(f"{c.name} ({c.code})" for c in self.candidates)
        return f"no {self.what}" + (f"; the nearest are {nearest}" if nearest else "")


class AmbiguousMatchError(NoMatchError):
    """A misspelt name is as close to several names; ``candidates`` are all of them."""

    def _reason(self) -> str:
        *most, last = [f"{c.name} ({c.code})" for c in self.candidates]
        return f"as close to {', '.join(most)} and {last}: write the {self.what}'s name out"


class OrganisationNumberError(GrprojectsError, ValueError):
    """A text is not a well-formed organisationsnummer with a right check digit."""


class PersonalNumberError(OrganisationNumberError):
    """The number has the form of a personnummer: a sole trader's, so personal data.

    An importer that meets one leaves out the number and, since a sole trader's firm is
    often named for its owner, the name with it; the message never repeats the number.
    """
