"""The text format: one line per finding, ``file:line:column: severity code: message``.

Messages, file names and pointers carry text from the data, which could hold a line
break (forging a second finding) or a terminal escape sequence; every control
character in them is printed as an escape (``\\n``, ``\\x1b``) instead.
"""

from __future__ import annotations

import click

from ..diagnostics import Diagnostic, Severity, printable
from .report import Report, Style

_COLORS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def line(diagnostic: Diagnostic, style: Style) -> str:
    """One finding for people, the severity coloured when ``style`` asks for colour."""
    place = printable(diagnostic.file or "<document>")
    if diagnostic.line is not None:
        place += f":{diagnostic.line}:{diagnostic.column or 1}"
    severity = str(diagnostic.severity)
    if style.color:
        severity = click.style(severity, fg=_COLORS[diagnostic.severity], bold=True)
        place = click.style(place, bold=True)
    said = f"{diagnostic.code}: {diagnostic.message}{diagnostic.at()}"
    if diagnostic.source != "grprojects":
        said += f" [{diagnostic.source}]"
    return f"{place}: {severity} {printable(said)}"


def summary(report: Report) -> str:
    """One closing line: how many files and documents, and what was found."""
    counts = ", ".join(
        _plural(report.count(severity), str(severity))
        for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO)
    )
    checked = _plural(len(report.files), "file")
    if report.documents != len(report.files):
        checked += f" ({_plural(report.documents, 'document')})"
    verdict = "valid" if report.valid else "invalid"
    return f"{checked} checked: {counts}; {verdict}"


def statistics(report: Report, style: Style) -> list[str]:
    """One line per code, most frequent first: count, code, severity and what it means."""
    rows = report.statistics()
    width = max((len(str(count)) for _, _, count in rows), default=1)
    code_width = max((len(code) for code, _, _ in rows), default=0)
    severity_width = max((len(str(severity)) for _, severity, _ in rows), default=0)
    lines = []
    for code, severity, count in rows:
        rule = report.rule(code)
        named = f"{severity!s:<{severity_width}}"
        if style.color:
            named = click.style(named, fg=_COLORS[severity], bold=True)
        about = f"  {rule.summary}" if rule is not None else ""
        lines.append(f"{count:>{width}}  {code:<{code_width}}  {named}{printable(about)}".rstrip())
    return lines


def render(report: Report, style: Style) -> str:
    """The whole report as text; quiet leaves out the summary, verbose adds clean files,
    statistics counts each code instead of listing the findings."""
    lines = [
        f"grprojects: {printable(f'{d.severity} {d.code}: {d.message}')}"
        for d in report.notifications
    ]
    if style.statistics:
        lines += statistics(report, style)
        if style.verbosity >= 0:
            lines.append(summary(report))
        return "".join(f"{text}\n" for text in lines)
    for result in report.files:
        lines += [line(d, style) for d in result.diagnostics]
        if style.verbosity > 0 and not result.diagnostics:
            ok = click.style("ok", fg="green") if style.color else "ok"
            lines.append(f"{printable(result.file)}: {ok}")
    if style.verbosity > 0:
        codes = sorted({d.code for d in report.diagnostics()})
        if codes:
            lines.append(f"explain a code with: grprojects explain {codes[0]}")
    if style.verbosity >= 0:
        lines.append(summary(report))
    return "".join(f"{text}\n" for text in lines)
