"""Sphinx configuration: furo theme, MyST Markdown pages, warnings are errors in CI."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

project = "grprojects"
author = "grprojects contributors"
copyright = "2026, grprojects contributors"  # noqa: A001 - Sphinx's setting name
extensions = ["myst_parser", "sphinx.ext.autodoc", "sphinx.ext.napoleon"]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
html_theme = "furo"
html_title = "grprojects"
exclude_patterns = ["_build"]
autodoc_member_order = "bysource"
nitpicky = False
