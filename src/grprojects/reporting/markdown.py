"""The Markdown format: a summary for people, such as a GitHub Actions job summary.

The verdict and counts, a table of the codes found (how often, and what each means,
linked to the checks reference), then the findings themselves in a folded section,
at most :data:`MAX_FINDINGS` of them. Text from the data is escaped so it cannot
break the table or add markup.
"""

from __future__ import annotations

from typing import Final

from ..diagnostics import Diagnostic, printable
from .report import Report, Style
from .rules import help_uri
from .text import summary

MAX_FINDINGS: Final = 200
"""Findings listed one by one; GitHub takes at most 1 MiB of summary per step."""


def escape(text: str) -> str:
    """``text`` safe inside a Markdown table cell: one line, no table bars, no HTML."""
    return (
        printable(text)
        .replace("\\", "\\\\")
        .replace("|", "\\|")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("`", "\\`")
        .replace("*", "\\*")
        .replace("_", "\\_")
        .replace("[", "\\[")
    )


def _code(code: str, report: Report) -> str:
    rule = report.rule(code)
    uri = help_uri(rule) if rule is not None else None
    return f"[`{code}`]({uri})" if uri else f"`{code}`"


def _place(diagnostic: Diagnostic) -> str:
    place = diagnostic.file or "grprojects"
    if diagnostic.line is not None:
        place += f":{diagnostic.line}:{diagnostic.column or 1}"
    return escape(place)


def render(report: Report, style: Style) -> str:
    """The report as a Markdown summary."""
    verdict = "valid" if report.valid else "invalid"
    lines = [f"### grprojects validate: {verdict}", "", escape(summary(report)), ""]
    statistics = report.statistics()
    if statistics:
        lines += ["| code | severity | count | what it means |", "| --- | --- | ---: | --- |"]
        for code, severity, count in statistics:
            rule = report.rule(code)
            meaning = escape(rule.summary) if rule is not None else ""
            lines.append(f"| {_code(code, report)} | {severity} | {count} | {meaning} |")
        lines += ["", "<details><summary>Findings</summary>", ""]
        lines += ["| place | severity | code | message |", "| --- | --- | --- | --- |"]
        found = list(report.diagnostics())
        for d in found[:MAX_FINDINGS]:
            message = escape(d.message + d.at())
            lines.append(f"| {_place(d)} | {d.severity} | `{d.code}` | {message} |")
        if len(found) > MAX_FINDINGS:
            lines += ["", f"… and {len(found) - MAX_FINDINGS} more."]
        lines += ["", "</details>", ""]
    return "\n".join(lines).rstrip("\n") + "\n"
