"""The JSON format: the whole report as one document, described by ``report.schema.json``."""

from __future__ import annotations

import json
from typing import Any, Final

from ..diagnostics import Diagnostic, Severity
from ..schema import REPORT_SCHEMA, published_schema
from .report import Report, Style

SCHEMA_ID: Final = str(published_schema(REPORT_SCHEMA)["$id"])
"""The ``$id`` of the published report schema (``schemas/<version>/report.schema.json``)."""
REPORT_VERSION: Final = "1.1"
"""1.1 added ``notifications``."""


def diagnostic_json(diagnostic: Diagnostic) -> dict[str, Any]:
    """One finding as JSON: code, severity, message, pointer and, when known, its place."""
    return {
        "code": diagnostic.code,
        "severity": str(diagnostic.severity),
        "message": diagnostic.message,
        "pointer": diagnostic.pointer,
        "line": diagnostic.line,
        "column": diagnostic.column,
        "source": diagnostic.source,
    }


def report_json(report: Report) -> dict[str, Any]:
    """The report as a JSON value."""
    return {
        "$schema": SCHEMA_ID,
        "version": REPORT_VERSION,
        "tool": {"name": "grprojects", "version": report.version},
        "valid": report.valid,
        "exit_code": report.exit_code,
        "summary": {
            "files": len(report.files),
            "documents": report.documents,
            **{str(s): report.count(s) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)},
        },
        "notifications": [diagnostic_json(d) for d in report.notifications],
        "files": [
            {
                "path": result.file,
                "documents": result.documents,
                "valid": result.valid,
                "diagnostics": [diagnostic_json(d) for d in result.diagnostics],
            }
            for result in report.files
        ],
    }


def render(report: Report, style: Style) -> str:
    """The report as indented JSON text with a final newline."""
    return json.dumps(report_json(report), ensure_ascii=False, indent=2) + "\n"
