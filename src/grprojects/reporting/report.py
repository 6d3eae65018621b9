"""A validation run's findings, file by file, with the rules that explain their codes."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import attrs

from .._version import __version__
from ..diagnostics import Diagnostic, Severity
from ..exitcodes import EXIT_INTERNAL, EXIT_INVALID, EXIT_VALID
from ..validation import FileResult
from .rules import Rule, rule_for


@attrs.frozen
class Style:
    """How people want to read a report; machine formats ignore it."""

    color: bool = False
    verbosity: int = 0
    """-1 quiet (findings only), 0 normal (with a summary), 1 verbose (every file)."""


@attrs.frozen
class Report:
    """Every file validated in one run, in order, with what was found in each."""

    files: tuple[FileResult, ...]
    rules: Mapping[str, Rule] = attrs.field(factory=dict)
    """The documentation of the codes, for formats that carry it (SARIF)."""
    version: str = __version__
    """The grprojects version that made the report."""

    def diagnostics(self) -> Iterator[Diagnostic]:
        """Every diagnostic, file by file."""
        for result in self.files:
            yield from result.diagnostics

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
        return all(result.valid for result in self.files)

    @property
    def exit_code(self) -> int:
        """3 when a plugin or grprojects failed, 1 when the data has an error, else 0."""
        errors = [d for d in self.diagnostics() if d.severity is Severity.ERROR]
        if any(d.code.startswith(("plugin.", "internal.")) for d in errors):
            return EXIT_INTERNAL
        return EXIT_INVALID if errors else EXIT_VALID

    def rule(self, code: str) -> Rule | None:
        """The rule that documents ``code``, if the report knows one."""
        return rule_for(code, self.rules)
