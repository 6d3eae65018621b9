"""Sphinx configuration: furo theme, MyST Markdown pages, warnings are errors in CI."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from grprojects._version import __version__
from grprojects.model import MODEL_CLASSES
from grprojects.model.fields import fields_of

project = "grprojects"
release = version = __version__
author = "grprojects contributors"
copyright = "2026, grprojects contributors"  # noqa: A001 - Sphinx's setting name
extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.intersphinx",
    "sphinx_click",
]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
myst_enable_extensions = ["colon_fence", "deflist", "substitution"]
myst_substitutions = {"version": version}
myst_heading_anchors = 3
html_theme = "furo"
html_title = f"grprojects {version}"
exclude_patterns = ["_build", "pypi.md"]
autodoc_member_order = "bysource"

# Links to the docs of Python, attrs, cattrs and pluggy. The build has no network, so each
# inventory is a small local file (docs/_inventories/make.py writes them) and is never
# fetched: an address without its file here would be, so every entry names one.
INVENTORIES = Path(__file__).resolve().parent / "_inventories"
intersphinx_mapping = {
    name: (url, str(INVENTORIES / f"{name}.inv"))
    for name, url in {
        "python": "https://docs.python.org/3/",
        "attrs": "https://www.attrs.org/en/stable/",
        "cattrs": "https://catt.rs/en/stable/",
        "pluggy": "https://pluggy.readthedocs.io/en/stable/",
    }.items()
}
nitpicky = False
smartquotes_action = "qe"  # quotes and ellipses, but -- and --to stay as typed


def _list_model_fields(
    app: object, what: str, name: str, obj: object, options: object, lines: list[str]
) -> None:
    """Under each model class, its fields with their documentation, from the field table
    (attrs fields carry their docs in metadata, which autodoc does not read)."""
    if what != "class" or not isinstance(obj, type) or obj not in MODEL_CLASSES:
        return
    lines += ["", "Its fields (their types and JSON form are in the :doc:`/reference`):", ""]
    lines += [f"- ``{info.name}``: {info.doc}" for info in fields_of(obj)]


def setup(app: Any) -> None:
    app.connect("autodoc-process-docstring", _list_model_fields)
