"""Reports of a validation run in the formats CI reads: text, JSON, GitHub, SARIF, GitLab
Code Quality, JUnit XML and Markdown.

Each format is a function from a :class:`Report` (and a :class:`Style` for people)
to text; :data:`FORMATS` names them for ``grprojects validate --format``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from ..exitcodes import EXIT_INTERNAL, EXIT_INVALID, EXIT_USAGE, EXIT_VALID
from . import github, gitlab, json_report, junit, markdown, sarif, text
from .report import Report, Style
from .rules import Rule, rules

Renderer = Callable[[Report, Style], str]

FORMATS: Final[dict[str, Renderer]] = {
    "text": text.render,
    "json": json_report.render,
    "github": github.render,
    "sarif": sarif.render,
    "gitlab": gitlab.render,
    "junit": junit.render,
    "markdown": markdown.render,
}
"""Output format name → the function that writes a report in it."""

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
