"""A validation run's findings, file by file, with the rules that explain their codes."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from typing import Final

import attrs

from .._methods import shared_methods
from .._version import __version__
from ..diagnostics import Diagnostic, Severity
from ..exitcodes import EXIT_INTERNAL, EXIT_INVALID, EXIT_VALID
from ..validation import FileResult
from .rules import Rule, rule_for

FAILURE_PREFIXES: Final = ("plugin.", "internal.")
"""Codes that say grprojects or a plugin failed, not the data: they make the exit code 3."""


def is_failure(diagnostic: Diagnostic) -> bool:
    """Whether ``diagnostic`` reports a failure of a plugin or of grprojects itself."""
    return diagnostic.code.startswith(FAILURE_PREFIXES)


def fingerprints(diagnostics: Iterable[Diagnostic]) -> Iterator[tuple[Diagnostic, str]]:
    """Each diagnostic with what identifies it from run to run whatever lines move.

    A hash of its code, file and pointer, then which occurrence of those three it is
    (``…:2`` for the second), as GitHub counts its own ``primaryLocationLineHash``; code
    scanning and GitLab's Code Quality widget match findings across runs by it.
    """
    seen: Counter[str] = Counter()
    for diagnostic in diagnostics:
        key = "\0".join((diagnostic.code, diagnostic.file or "", diagnostic.pointer))
        digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
        seen[digest] += 1
        yield diagnostic, f"{digest}:{seen[digest]}"


@shared_methods
@attrs.frozen(eq=False, repr=False)
class Style:
    """How people want to read a report; machine formats ignore it."""

    color: bool = False
    verbosity: int = 0
    """-1 quiet (findings only), 0 normal (with a summary), 1 verbose (every file)."""
    statistics: bool = False
    """Counts per code instead of the findings (text only)."""


@shared_methods
@attrs.frozen(eq=False, repr=False)
class Report:
    """Every file validated in one run, in order, with what was found in each."""

    files: tuple[FileResult, ...]
    rules: Mapping[str, Rule] = attrs.field(factory=dict)
    """The documentation of the codes, for formats that carry it (SARIF)."""
    version: str = __version__
    """The grprojects version that made the report."""
    notifications: tuple[Diagnostic, ...] = ()
    """Problems of the run itself, in no file: a plugin that failed to load or was left out."""
    fail_on: Severity | None = Severity.ERROR
    """The least severity that makes the exit code 1 (``None``: findings never do)."""

    def diagnostics(self) -> Iterator[Diagnostic]:
        """Every diagnostic: the run's own, then file by file."""
        yield from self.notifications
        for result in self.files:
            yield from result.diagnostics

    def statistics(self) -> list[tuple[str, Severity, int]]:
        """Code, severity and number of findings of each code reported, most frequent first."""
        counts = Counter((d.code, d.severity) for d in self.diagnostics())
        return sorted(
            ((code, severity, n) for (code, severity), n in counts.items()),
            key=lambda row: (-row[2], row[0]),
        )

    def count(self, severity: Severity) -> int:
        """How many diagnostics have ``severity``."""
        return sum(1 for d in self.diagnostics() if d.severity is severity)

    @property
    def documents(self) -> int:
        """How many documents (files, or records of JSON Lines files) were validated."""
        return sum(result.documents for result in self.files)

    @property
    def valid(self) -> bool:
        """No error anywhere."""
        run_ok = all(d.severity is not Severity.ERROR for d in self.notifications)
        return run_ok and all(result.valid for result in self.files)

    def fails(self, diagnostic: Diagnostic) -> bool:
        """Whether ``diagnostic`` fails the run: a plugin's or grprojects' failure of error
        severity, or a finding in the data at least as severe as :attr:`fail_on`."""
        if is_failure(diagnostic):
            return diagnostic.severity is Severity.ERROR
        return self.fail_on is not None and diagnostic.severity >= self.fail_on

    @property
    def exit_code(self) -> int:
        """3 when a plugin or grprojects failed; 1 when a finding in the data fails the run
        (an error, unless :attr:`fail_on` says otherwise); else 0."""
        failing = [d for d in self.diagnostics() if self.fails(d)]
        if any(is_failure(d) for d in failing):
            return EXIT_INTERNAL
        return EXIT_INVALID if failing else EXIT_VALID

    def rule(self, code: str) -> Rule | None:
        """The rule that documents ``code``, if the report knows one."""
        return rule_for(code, self.rules)
