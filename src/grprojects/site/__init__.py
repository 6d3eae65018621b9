"""The report: a static site of a dataset's projects, organisations and sources.

:func:`write_site` (``grprojects report DATASET… -o DIR``) writes an index with
the projects on a filterable timeline and key figures, a page per project and per
organisation, and a page of sources; every fact carries markers that lead to the
sources it cites, and facts on which sources disagree are shown side by side. It
opens from the file system, runs no code on a server and fetches nothing.
Personal data is left out unless asked for. Plugins add sections to the project
pages through the ``register_project_sections`` hook.

Registered as a built-in plugin: the ``site`` exporter writes the same site, public,
as one zip file (``grprojects convert data.json report.site.zip``), and a project
section shows the extension data of declared extensions. Needs the
``report`` extra (Jinja2), imported only when a site is written.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..hookspecs import hookimpl
from ..model import Text
from ..plugin_types import Exporter
from .errors import ClashingDatasetsError, SiteError
from .sections import ProjectSection, SectionContext

if TYPE_CHECKING:
    from ..model import Dataset
    from ..runtime import Runtime

__all__ = [
    "ClashingDatasetsError",
    "ProjectSection",
    "SectionContext",
    "SiteError",
    "write_site",
]


def _build() -> Any:
    try:
        from . import build
    except ModuleNotFoundError as error:
        if error.name not in {"jinja2", "markupsafe"}:
            raise
        from ..formats import FormatError

        raise FormatError(
            f"the report needs {error.name}: pip install 'grprojects[report]'"
        ) from None
    return build


def write_site(
    datasets: Dataset | Iterable[Dataset],
    directory: str | Path,
    *,
    language: str = "sv",
    include_personal: bool = False,
    runtime: Runtime | None = None,
) -> list[str]:
    """Write the static site of ``datasets`` into ``directory``; return notes for the user.

    ``language`` is the interface's (``sv`` or ``en``). Personal data is left out
    unless ``include_personal``, and then every page says the site is internal.
    ``directory`` must not exist, be empty, or hold an earlier site (replaced).
    Raises :class:`ClashingDatasetsError` when two datasets hold one project
    differently and :class:`SiteError` when the folder holds other files.
    """
    notes: list[str] = _build().write_site(
        datasets,
        directory,
        language=language,
        include_personal=include_personal,
        runtime=runtime,
    )
    return notes


def _write_zip(dataset: Dataset, path: Path) -> list[str]:
    """The public site of ``dataset`` as one zip file (``path`` is the exporter's own)."""
    import tempfile  # only to write a site: not for every command that loads the plugin
    import zipfile

    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        notes = write_site(dataset, site)
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for file in sorted(site.rglob("*")):
                if file.is_file():
                    archive.write(file, file.relative_to(site).as_posix())
    return notes


def _extension_data(context: SectionContext) -> str | None:
    """The project's extension data, a list of fields per namespace (what public() kept)."""
    from markupsafe import Markup  # the report extra, here when a site is written

    extensions = context.project.extensions
    if not extensions:
        return None
    parts = []
    for namespace, fields in extensions.items():
        rows = Markup("").join(
            Markup("<dt>{}</dt><dd>{}</dd>").format(key, _shown(value))
            for key, value in (fields.items() if isinstance(fields, dict) else [])
        )
        parts.append(Markup('<h3>{}</h3><dl class="facts">{}</dl>').format(namespace, rows))
    return Markup("").join(parts)


def _shown(value: object) -> str:
    """A field's value in words: text as it is, lists joined, anything else as JSON."""
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
        return ", ".join(str(v) for v in value)
    return json.dumps(value, ensure_ascii=False)


@hookimpl
def register_project_sections() -> list[ProjectSection]:
    """The project's extension data, shown through the same hook plugins use."""
    title = Text(sv="Tilläggsdata", translations={"en": "Extension data"})
    return [ProjectSection("extension-data", title, _extension_data)]


@hookimpl
def register_exporters() -> list[Exporter]:
    """The report site, public, zipped into one file."""
    return [
        Exporter(
            "site",
            "static HTML report site without personal data, zipped",
            (".site.zip",),
            _write_zip,
        )
    ]
