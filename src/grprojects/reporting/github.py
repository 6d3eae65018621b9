"""The GitHub format: workflow commands that GitHub Actions shows as annotations.

Each finding is one line ``::error file=…,line=…,col=…,title=…::message``
(``warning`` and ``notice`` for the other severities), escaped as the Actions
runner expects, so it appears on the pull request beside the offending line.
"""

from __future__ import annotations

from ..diagnostics import Diagnostic, Severity
from .report import Report, Style

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """A command's message, with the characters the runner reads specially escaped."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A command property's value, where ``:`` and ``,`` are also special."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(diagnostic: Diagnostic) -> str:
    """One finding as a workflow command."""
    properties = []
    if diagnostic.file is not None:
        properties.append(f"file={escape_property(diagnostic.file)}")
    if diagnostic.line is not None:
        properties.append(f"line={diagnostic.line}")
        properties.append(f"col={diagnostic.column or 1}")
    properties.append(f"title={escape_property(diagnostic.code)}")
    message = diagnostic.message + diagnostic.at()
    return f"::{_COMMANDS[diagnostic.severity]} {','.join(properties)}::{escape_data(message)}"


def render(report: Report, style: Style) -> str:
    """Every finding as an annotation, one per line."""
    return "".join(f"{annotation(d)}\n" for d in report.diagnostics())
