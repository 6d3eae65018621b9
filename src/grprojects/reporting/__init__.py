"""Reports of a validation run in the formats CI reads: text, JSON, GitHub, SARIF, GitLab
Code Quality, JUnit XML and Markdown.

Each format is a function from a :class:`Report` (and a :class:`Style` for people)
to text; :data:`FORMATS` names them for ``grprojects validate --format``. Each
format's module is imported when a report is first written in it (JUnit's brings the
XML library), so a run pays for its own format alone.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Final

from ..exitcodes import EXIT_INTERNAL, EXIT_INVALID, EXIT_USAGE, EXIT_VALID
from .report import Report, Style
from .rules import Rule, rules

Renderer = Callable[[Report, Style], str]

_MODULES: Final = {
    "text": "text",
    "json": "json_report",
    "github": "github",
    "sarif": "sarif",
    "gitlab": "gitlab",
    "junit": "junit",
    "markdown": "markdown",
}
"""Each format's module in this package; its ``render`` writes the report."""


def _renderer(module: str) -> Renderer:
    """The ``render`` of ``module``, imported on the first report written with it."""

    def render(report: Report, style: Style) -> str:
        written: str = importlib.import_module(f"{__name__}.{module}").render(report, style)
        return written

    return render


FORMATS: Final[dict[str, Renderer]] = {name: _renderer(module) for name, module in _MODULES.items()}
"""The report formats by name, for ``grprojects validate --format``."""

__all__ = [
    "EXIT_INTERNAL",
    "EXIT_INVALID",
    "EXIT_USAGE",
    "EXIT_VALID",
    "FORMATS",
    "Renderer",
    "Report",
    "Rule",
    "Style",
    "rules",
]
