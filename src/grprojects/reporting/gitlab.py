"""The GitLab format: a Code Quality report, shown in merge requests.

A JSON array of issues as GitLab's documentation describes them
(https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format):
``description``, ``check_name`` (the code), ``fingerprint``, ``severity`` and
``location`` with a path relative to the repository and a line. Errors are ``major``,
warnings ``minor``, infos ``info``; a plugin or grprojects failing on a file is
``critical``. A problem of the run itself, in no file (a plugin that failed to load),
has no place GitLab could show it, so it is left to the exit code and standard error.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Final

from ..diagnostics import Diagnostic, Severity
from .report import Report, Style, fingerprints, is_failure

SEVERITIES: Final = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}
"""Our severities as Code Quality's (``info``, ``minor``, ``major``, ``critical``, ``blocker``)."""
FAILURE_SEVERITY: Final = "critical"


def relative_path(file: str) -> str:
    """``file`` relative to the current directory (the repository in a GitLab job), with
    ``/`` separators; a path outside it stays as given."""
    path = Path(file)
    if path.is_absolute():
        relative = Path(os.path.relpath(path))
        if not relative.as_posix().startswith("../"):
            path = relative
    return path.as_posix().removeprefix("./")


def issue(diagnostic: Diagnostic, file: str, fingerprint: str) -> dict[str, Any]:
    """One finding in ``file`` as a Code Quality issue."""
    severity = FAILURE_SEVERITY if is_failure(diagnostic) else SEVERITIES[diagnostic.severity]
    return {
        "description": diagnostic.message + diagnostic.at(),
        "check_name": diagnostic.code,
        "fingerprint": fingerprint,
        "severity": severity,
        "location": {
            "path": relative_path(file),
            "lines": {"begin": diagnostic.line or 1},
        },
    }


def render(report: Report, style: Style) -> str:
    """Every finding in a file as a Code Quality issue, in one JSON array."""
    issues = [
        issue(d, d.file, fingerprint)
        for d, fingerprint in fingerprints(report.diagnostics())
        if d.file is not None
    ]
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
