# Hook specifications have docstrings for bodies; their implementations return the values.
# mypy: disable-error-code="empty-body"
"""The hooks grprojects offers plugins, one small documented function each.

Every hook is called with keyword arguments only (pluggy's rule) and, apart from
:func:`choose_importer`, returns a list of named objects, so the order plugins
load in never matters; it takes the first answer, because one importer is right
for a file. No hook can change the wire format: that is the core's alone.
Built-in behaviour is registered through these same hooks (see
``grprojects.plugins.BUILTIN_PLUGINS``).

An implementation may take fewer arguments than its specification, never other
ones: a misspelt hook or argument name is a plugin error.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Final

import pluggy

if TYPE_CHECKING:
    from .plugin_types import Check, CodeAddition, Exporter, Extension, Importer
    from .site.sections import ProjectSection

PROJECT_NAME: Final = "grprojects"
hookspec = pluggy.HookspecMarker(PROJECT_NAME)
"""Marks a function of this module as a hook specification."""
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)
"""Marks a plugin's function as the implementation of the hook of the same name."""


@hookspec
def register_checks() -> list[Check]:
    """Return the semantic checks this plugin adds to validation.

    Each :class:`~grprojects.plugin_types.Check` has a stable ``code``; two plugins
    registering the same code is a plugin error. A check that raises produces an
    error-severity diagnostic naming the plugin, and the other checks still run.
    """


@hookspec
def register_importers() -> list[Importer]:
    """Return the importers (file format → dataset) this plugin adds, by unique ``name``."""


@hookspec
def register_exporters() -> list[Exporter]:
    """Return the exporters (dataset → file format) this plugin adds, by unique ``name``."""


@hookspec
def register_extensions() -> list[Extension]:
    """Return the extensions (namespaced fields with their schema) this plugin declares.

    A document that lists an extension's namespace in ``uses_extensions`` is
    validated against the core schema plus the extension's schema fragments.
    """


@hookspec
def register_codes() -> list[CodeAddition]:
    """Return codes to add to shipped open code lists, such as a local activity kind.

    Closed code lists are part of the published schema and stay closed, so a
    document valid with a plugin is still valid for anyone without it.
    """


@hookspec
def register_project_sections() -> list[ProjectSection]:
    """Return the sections this plugin adds to each project's page of the report site.

    Each :class:`~grprojects.site.sections.ProjectSection` has a unique ``name``, a
    ``title`` and a ``render(context)`` that returns the section's body for one
    project (text, ``markupsafe.Markup`` for HTML) or ``None`` to leave it out there.
    A ``render`` that raises is a plugin error naming the plugin, the section and the
    project, and no site is written.
    """


@hookspec(firstresult=True)
def choose_importer(path: Path, head: bytes) -> str | None:
    """Return the name of the importer for ``path``, or ``None`` to let others decide.

    ``head`` is the file's first 4 KiB. The first non-``None`` answer wins; without
    one, the importer is chosen by file name ending.
    """
