"""Writing the site: datasets merged, personal data left out, every page rendered, then
the finished folder put in place at once.

The pages are rendered into a new folder beside the target and swapped in only
when all of them are written, so a failure (a plugin's section that raises) leaves
any earlier site as it was and no half-written one.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ProcessPoolExecutor
from importlib import resources
from pathlib import Path
from typing import Any, Final

import attrs
import jinja2
from markupsafe import Markup

from ..model import Dataset
from ..parallel import available_cores
from ..plugin_guards import rendered_section
from ..public import public, unknown_extension_data
from ..runtime import Runtime, default_runtime
from . import charts, pages, view
from .errors import ClashingDatasetsError, SiteError
from .sections import ProjectSection, SectionContext
from .view import SiteView
from .words import Words, upper_first

MARKER: Final = ".grprojects-site"
"""A file in every site's folder: a folder that has it may be replaced by a new site."""
ASSETS: Final = ("site.css", "site.js")
PARALLEL_PAGES: Final = 300
"""From this many pages on, they are written on all cores: about a second of work."""


@attrs.frozen
class Section:
    """A project section to render, with the plugin answering for it."""

    name: str
    plugin: str
    section: ProjectSection
    builtin: bool
    limit: float | None = None
    """Seconds one render may take: the runtime's limit for an installed plugin."""


@functools.cache
def environment() -> jinja2.Environment:
    """The template engine, reading the templates shipped in the package."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("grprojects.site", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # shipped templates do not change while a site is written
    )
    env.filters["upper_first"] = upper_first
    env.globals.update(
        attributes=pages.attributes, patterns=charts.PATTERNS, pages=pages, view=view
    )
    return env


def merge(datasets: Iterable[Dataset]) -> tuple[Dataset, list[str]]:
    """One dataset of several: projects must not clash; the first of equal ids is kept.

    Two datasets holding the same project id with different contents is a
    :class:`ClashingDatasetsError` (merge them first); an organisation or source that differs
    between two is shown as the first states it, with a note.
    """
    datasets = list(datasets)
    if not datasets:
        raise SiteError("no dataset to report on")
    first, notes = datasets[0], []
    kept: dict[str, dict[str, tuple[int, Any]]] = {
        "projects": {},
        "organisations": {},
        "sources": {},
    }
    for number, dataset in enumerate(datasets, 1):
        for kind, found in kept.items():
            for item in getattr(dataset, kind):
                where, earlier = found.setdefault(item.id, (number, item))
                if earlier is item or earlier == item:
                    continue
                if where == number:  # an id twice in one dataset: id.duplicate's to report
                    notes.append(
                        f"{kind[:-1]} {item.id!r} appears twice in dataset {number}; "
                        "the site shows the first"
                    )
                    continue
                if kind == "projects":
                    raise ClashingDatasetsError(
                        f"the project {item.id!r} is in more than one dataset with different "
                        "contents; merge them into one first"
                    )
                notes.append(
                    f"{kind[:-1]} {item.id!r} differs in dataset {number}; the site shows the "
                    "first dataset's"
                )
    if len(datasets) == 1:
        return first, notes
    merged = first.evolve(
        projects=[item for _, item in kept["projects"].values()],
        organisations=[item for _, item in kept["organisations"].values()],
        sources=[item for _, item in kept["sources"].values()],
        uses_extensions=list(dict.fromkeys(n for d in datasets for n in d.uses_extensions)),
    )
    return merged, notes


def write_site(
    datasets: Dataset | Iterable[Dataset],
    directory: str | Path,
    *,
    language: str = "sv",
    include_personal: bool = False,
    runtime: Runtime | None = None,
) -> list[str]:
    """Write the static site of ``datasets`` into ``directory``; return notes for the user.

    Personal data is left out (:func:`grprojects.public`) unless
    ``include_personal``, which marks every page as internal. ``directory`` must
    not exist, be empty, or hold an earlier site, which is replaced.
    """
    runtime = runtime or default_runtime()
    directory = Path(directory)
    _check_target(directory)
    dataset, notes = merge([datasets] if isinstance(datasets, Dataset) else datasets)
    if not include_personal:
        from ..formats.convert import personal_data  # the count the exporters also give

        left_out = personal_data(dataset)
        if left_out:
            counts = ", ".join(f"{where} {count}" for where, count in left_out.items())
            notes.append(f"personal data left out: {counts}")
        unknown = unknown_extension_data(dataset, runtime=runtime)
        if unknown:
            notes.append(
                "extension data no installed plugin describes left out: "
                + ", ".join(f"{namespace} {count}" for namespace, count in unknown.items())
            )
        dataset = public(dataset, runtime=runtime)
    words = Words(language, runtime.codelists_for(dataset.uses_extensions))
    sections = [
        Section(name, plugin, section, runtime.is_builtin(plugin), runtime.plugins.limit(plugin))
        for name, (plugin, section) in runtime.project_section_plugins.items()
    ]
    directory.parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f".{directory.name}-", dir=directory.parent))
    building.chmod(0o777 & ~_umask())  # mkdtemp's folder is private; a site is for reading
    try:
        count = _render(building, SiteView(dataset), words, include_personal, sections)
        _replace(directory, building)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    return [*notes, f"{count} pages"]


def _umask() -> int:
    """The process's file mode mask (read by setting it, so set back at once)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _check_target(directory: Path) -> None:
    if directory.exists() and not directory.is_dir():
        raise SiteError(f"{directory} exists and is not a folder")
    if directory.is_dir() and any(directory.iterdir()) and not (directory / MARKER).exists():
        raise SiteError(
            f"{directory} is a folder with other files in it; name a new or empty folder "
            "(an earlier site written by grprojects is replaced)"
        )


def _replace(directory: Path, built: Path) -> None:
    """Put ``built`` where ``directory`` is, removing an earlier site only once it is moved."""
    if not directory.exists():
        built.rename(directory)
        return
    old = directory.with_name(f".{directory.name}-old-{built.name}")
    directory.rename(old)
    built.rename(directory)
    shutil.rmtree(old, ignore_errors=True)


def _render(
    folder: Path,
    site: SiteView,
    words: Words,
    internal: bool,
    sections: list[Section],
) -> int:
    env = environment()
    dataset = site.dataset
    title = words.plain(dataset.title) if dataset.title else words("site_title")
    common = {"w": words, "site": site, "internal": internal, "site_title": title}
    (folder / "assets").mkdir()
    (folder / "projects").mkdir()
    (folder / "organisations").mkdir()
    static = resources.files(__package__).joinpath("static")
    for name in ASSETS:
        (folder / "assets" / name).write_bytes(static.joinpath(name).read_bytes())
    (folder / MARKER).write_text("written by grprojects report; replaced when it runs again\n")

    links: dict[tuple[str, ...], Markup] = {}

    def write(path: str, template: str, root: str, **values: Any) -> None:
        page = pages.Page(site, words, root, links)
        html = env.get_template(template).render(**common, page=page, root=root, **values)
        (folder / path).write_text(html, encoding="utf-8")

    jobs: list[tuple[str, str, str, dict[str, Any]]] = [
        ("index.html", "index.html.j2", "", dict(_index(site))),
        ("organisations/index.html", "organisations.html.j2", "../", {}),
        ("sources.html", "sources.html.j2", "", {}),
    ]
    jobs += [
        (
            site.project_files[project.id],
            "project.html.j2",
            "../",
            {
                "project": project,
                "sections": _sections(sections, dataset, project, words, internal),
            },
        )
        for project in dataset.projects
    ]
    jobs += [
        (site.organisation_files[o.id], "organisation.html.j2", "../", {"organisation": o})
        for o in dataset.organisations
    ]
    _run(jobs, lambda job: write(job[0], job[1], job[2], **job[3]))
    return len(jobs)


_WORK: list[Any] = []
"""The pages and the function writing them, for the forked workers of :func:`_run`."""


def _run(jobs: list[Any], write: Callable[[Any], None]) -> None:
    """``write`` every job, shared out over the cores when there are many.

    The workers are forked, so they start at once with everything the pages need;
    fork is used only when this process runs no other thread (whose locks a fork
    would copy) and where the platform has it. Elsewhere, and for small sites, the
    pages are written here. A worker's error (a plugin's section) is raised here.
    """
    workers = min(available_cores(), 4)
    if (
        len(jobs) < PARALLEL_PAGES
        or workers < 2
        or threading.active_count() > 1
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        for job in jobs:
            write(job)
        return
    _WORK[:] = [jobs, write]
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            list(pool.map(_write_share, range(workers), [workers] * workers))
    finally:
        _WORK.clear()


def _write_share(first: int, step: int) -> int:
    """In a worker: write every ``step``-th job from ``first``."""
    jobs, write = _WORK
    for job in jobs[first::step]:
        write(job)
    return len(jobs[first::step])


def _index(site: SiteView) -> Mapping[str, Any]:
    municipalities = {m.id: m for p in site.dataset.projects for m in site.municipalities_in(p)}
    statuses = sorted({p.status for p in site.dataset.projects if p.status})
    years = sorted({y for p in site.dataset.projects for y in site.years_of(p)})
    funders = list(dict.fromkeys(f for p in site.dataset.projects for f in site.funders_of(p)))
    return {
        "municipalities": sorted(municipalities.values(), key=lambda m: m.name.sv),
        "statuses": statuses,
        "years": years,
        "funders": sorted(funders, key=site.name),
        "participants": pages.participants_table(site),
        "money": view.money_by_funder(site.dataset),
    }


def _sections(
    sections: list[Section], dataset: Dataset, project: Any, words: Words, internal: bool
) -> Any:
    """The plugin sections of one project page, rendered when the page cites (lazily).

    Every section reads the caller's dataset and project, which no one can change.
    """

    def render(page: pages.Page) -> list[tuple[str, str, ProjectSection, Markup]]:
        found = []
        for item in sections:
            context = SectionContext(dataset, project, words.language, internal, page.cite)
            body = rendered_section(item.plugin, item.section, context, item.limit)
            if body is not None:
                by = "" if item.builtin else item.plugin  # a plugin's section says whose it is
                found.append((item.name, by, item.section, pages.as_markup(body)))
        return found

    return render
