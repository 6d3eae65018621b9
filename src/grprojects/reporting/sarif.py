"""The SARIF format: SARIF 2.1.0, which code-scanning tools (GitHub's among them) read.

One run with grprojects as the tool; every documented code is a rule (its summary,
explanation and examples as help, its section of the checks reference as ``helpUri``);
every finding a result at its file, line and column, with its JSON Pointer as the
logical location and a ``partialFingerprints`` entry made of code, file and pointer, so
an alert keeps its identity when lines move. A plugin or grprojects that failed (a
plugin that would not load, a check that raised) is a ``toolExecutionNotification`` of
the invocation, which is then not ``executionSuccessful``.
"""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import Any, Final
from urllib.parse import quote

from ..diagnostics import Diagnostic, Severity
from ..exitcodes import EXIT_INTERNAL
from .report import Report, Style, fingerprints, is_failure
from .rules import Rule, help_uri

SARIF_SCHEMA: Final = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS: Final = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
INFORMATION_URI: Final = "https://w3id.org/grprojects"
FINGERPRINT: Final = "grprojects/v1"
"""The ``partialFingerprints`` key (see :func:`~grprojects.reporting.report.fingerprints`)."""


def artifact_uri(file: str) -> str:
    """A file's name as a URI reference: relative paths stay relative, as code scanning wants."""
    path = PurePath(file)
    if path.is_absolute():
        return path.as_uri()
    return quote(path.as_posix())


def _help(rule: Rule) -> dict[str, str]:
    text, markdown = [rule.explanation], [rule.explanation]
    for label, example in (("Reported", rule.failing_example), ("Accepted", rule.passing_example)):
        if example:
            text.append(f"{label}: {example}")
            markdown.append(f"{label}:\n\n```json\n{example}\n```")
    return {"text": "\n\n".join(text), "markdown": "\n\n".join(markdown)}


def rule_json(rule: Rule) -> dict[str, Any]:
    """A code's documentation as a SARIF reporting descriptor."""
    uri = help_uri(rule)
    return {
        "id": rule.code,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.explanation},
        "help": _help(rule),
        **({"helpUri": uri} if uri is not None else {}),
        "defaultConfiguration": {"level": _LEVELS[rule.severity]},
        "properties": {"category": rule.category, "plugin": rule.plugin, "tags": [rule.category]},
    }


def _undocumented(code: str, severity: Severity) -> Rule:
    return Rule(code, severity, code.split(".")[0], code, f"No documentation for {code}.")


def _locations(diagnostic: Diagnostic) -> list[dict[str, Any]]:
    location: dict[str, Any] = {
        "logicalLocations": [{"fullyQualifiedName": diagnostic.pointer or "/"}]
    }
    if diagnostic.file is not None:
        physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(diagnostic.file)}}
        if diagnostic.line is not None:
            physical["region"] = {
                "startLine": diagnostic.line,
                "startColumn": diagnostic.column or 1,
            }
        location["physicalLocation"] = physical
    return [location]


def result_json(diagnostic: Diagnostic, index: int, fingerprint: str) -> dict[str, Any]:
    """One finding as a SARIF result pointing at rule number ``index``."""
    return {
        "ruleId": diagnostic.code,
        "ruleIndex": index,
        "level": _LEVELS[diagnostic.severity],
        "message": {"text": diagnostic.message},
        "locations": _locations(diagnostic),
        "partialFingerprints": {FINGERPRINT: fingerprint},
        "properties": {"pointer": diagnostic.pointer, "source": diagnostic.source},
    }


def notification_json(diagnostic: Diagnostic, index: int) -> dict[str, Any]:
    """A failure of a plugin or of grprojects as a tool execution notification."""
    notification: dict[str, Any] = {
        "level": _LEVELS[diagnostic.severity],
        "message": {"text": diagnostic.message},
        "associatedRule": {"id": diagnostic.code, "index": index},
    }
    if diagnostic.file is not None:
        notification["locations"] = _locations(diagnostic)
    return notification


def sarif_json(report: Report) -> dict[str, Any]:
    """The report as a SARIF 2.1.0 log."""
    rules: dict[str, Rule] = dict(sorted(report.rules.items()))
    for diagnostic in report.diagnostics():
        if diagnostic.code not in rules:
            rules[diagnostic.code] = report.rule(diagnostic.code) or _undocumented(
                diagnostic.code, diagnostic.severity
            )
    index = {code: i for i, code in enumerate(rules)}
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "grprojects",
                        "version": report.version,
                        "informationUri": INFORMATION_URI,
                        "rules": [rule_json(rule) for rule in rules.values()],
                    }
                },
                "invocations": [
                    {
                        "executionSuccessful": report.exit_code != EXIT_INTERNAL,
                        "exitCode": report.exit_code,
                        "toolExecutionNotifications": [
                            notification_json(d, index[d.code])
                            for d in report.diagnostics()
                            if is_failure(d)
                        ],
                    }
                ],
                "results": [
                    result_json(d, index[d.code], fingerprint)
                    for d, fingerprint in fingerprints(report.diagnostics())
                    if not is_failure(d)
                ],
            }
        ],
    }


def render(report: Report, style: Style) -> str:
    """The report as SARIF JSON text with a final newline."""
    return json.dumps(sarif_json(report), ensure_ascii=False, indent=2) + "\n"
