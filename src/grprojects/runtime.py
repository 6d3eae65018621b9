"""The runtime: one configuration of plugins, and everything that configuration decides.

A :class:`Runtime` owns, for the plugins it was made with, the checks, importers,
exporters, extensions and code lists they provide, the validators of the
extensions' schemas, and the converter. ``load``, ``dump``, ``validate``,
``public``, the formats and the CLI take one optionally; without one they use
:func:`default_runtime`, made on first use from the built-ins and the installed
plugins. Two runtimes in one process never affect each other: nothing a plugin
provides is kept anywhere but in its runtime, and no plugin can change the core's
wire format. Tests make their own (:func:`make_runtime`, or
:func:`grprojects.testing.isolated_runtime`) instead of patching a global.
"""

from __future__ import annotations

import contextlib
import functools
import sys
from collections.abc import Collection, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from . import converter as conversion
from ._frozen import frozen_json, frozen_mapping
from ._methods import shared_methods
from .checks._walk import forget as forget_walks
from .codelists import CodeList, builtin_codelists
from .diagnostics import Diagnostic
from .errors import PLUGIN_FAULTS
from .extensions import ExtensionSchemas, manifest_problem
from .plugin_guards import guarded_exporter, guarded_importer, run_check
from .plugin_types import Check, CheckContext, CodeAddition, Exporter, Extension, Importer
from .plugins import (
    ALLOW_VARIABLE,
    BLOCK_VARIABLE,
    PluginInfo,
    PluginManager,
    names_from_environment,
    strict_from_environment,
)
from .time_limits import DEFAULT_TIMEOUT, timeout_from_environment

if TYPE_CHECKING:
    import cattrs

    from .site.sections import ProjectSection


@shared_methods
@attrs.frozen(eq=False, repr=False)
class RuntimeSpec:
    """How to make a runtime of the installed plugins again, in another process.

    Only runtimes of the built-ins and installed plugins have one; a runtime with
    plugin objects of its own cannot be rebuilt elsewhere, so its files are
    validated in this process.
    """

    strict: bool
    allow: frozenset[str] | None = None
    block: frozenset[str] = frozenset()
    timeout: float | None = DEFAULT_TIMEOUT
    """Seconds one call into an installed plugin may take (``None``: no limit)."""

    def build(self) -> Runtime:
        """A new runtime of the installed plugins, as this spec says."""
        plugins = PluginManager(strict=self.strict, timeout=self.timeout)
        plugins.register_builtins()
        plugins.load_entry_points(allow=self.allow, block=self.block)
        return Runtime(plugins, spec=self)


class Runtime:
    """One configuration of plugins: what they provide, checked once and called fenced."""

    def __init__(self, plugins: PluginManager, *, spec: RuntimeSpec | None = None) -> None:
        self.plugins = plugins
        """The loaded plugins, broken ones on record."""
        self.spec = spec
        """How to make this runtime again in another process, if it can be."""

    @property
    def strict(self) -> bool:
        """Whether a broken plugin is an error rather than a warning."""
        return self.plugins.strict

    @property
    def timeout(self) -> float | None:
        """Seconds one call into an installed plugin may take (``None``: no limit)."""
        return self.plugins.timeout

    @property
    def infos(self) -> list[PluginInfo]:
        """Every plugin seen, loaded or not, in registration order."""
        return self.plugins.infos

    @property
    def converter(self) -> cattrs.Converter:
        """The converter between JSON and the model: the core's, the same for every runtime."""
        return conversion.converter

    def is_builtin(self, name: str) -> bool:
        """Whether the plugin registered as ``name`` is one of grprojects' own."""
        return self.plugins.is_builtin(name)

    def resolve(self) -> None:
        """Call every list-returning hook once, so each broken plugin is on record."""
        for name in (
            "checks",
            "importer_plugins",
            "exporter_plugins",
            "extension_plugins",
            "project_section_plugins",
        ):
            getattr(self, name)
        self.codelists_for(self.extension_plugins)

    @functools.cached_property
    def extension_schemas(self) -> ExtensionSchemas:
        """The declared extensions' schemas and their validators, built once."""
        return ExtensionSchemas(self.extension_plugins)

    @functools.cached_property
    def checks(self) -> Mapping[str, tuple[str, Check]]:
        """Every semantic check by code, with the plugin that registered it."""
        return self.plugins.unique("register_checks", Check, "code")

    @functools.cached_property
    def importer_plugins(self) -> Mapping[str, tuple[str, Importer]]:
        """Every importer by format name, with the plugin that registered it."""
        found = self.plugins.unique("register_importers", Importer, "name")
        return {
            name: (
                plugin,
                item
                if self.is_builtin(plugin)
                else guarded_importer(plugin, item, self.plugins.limit(plugin)),
            )
            for name, (plugin, item) in found.items()
        }

    @property
    def importers(self) -> Mapping[str, Importer]:
        """Every importer by format name."""
        return {k: v for k, (_, v) in self.importer_plugins.items()}

    @functools.cached_property
    def exporter_plugins(self) -> Mapping[str, tuple[str, Exporter]]:
        """Every exporter by format name, with the plugin that registered it."""
        found = self.plugins.unique("register_exporters", Exporter, "name")
        return {
            name: (
                plugin,
                item
                if self.is_builtin(plugin)
                else guarded_exporter(plugin, item, self.plugins.limit(plugin)),
            )
            for name, (plugin, item) in found.items()
        }

    @property
    def exporters(self) -> Mapping[str, Exporter]:
        """Every exporter by format name."""
        return {k: v for k, (_, v) in self.exporter_plugins.items()}

    @functools.cached_property
    def extension_plugins(self) -> Mapping[str, tuple[str, Extension]]:
        """Every well-formed extension by namespace, with the plugin that declared it.

        A namespace two installed plugins declare is left out of both; an extension
        whose manifest is broken, or that requires one no plugin declares, is left out.
        """
        found = {}
        for namespace, (plugin, extension) in self.plugins.unique(
            "register_extensions", Extension, "namespace", shared_leaves_out_all=True
        ).items():
            try:
                problem = manifest_problem(extension)
            except PLUGIN_FAULTS as error:  # a malformed manifest must not stop the rest
                problem = f"cannot be read: {type(error).__name__}: {error}"
            if problem is not None:
                self.plugins.broken(plugin, f"extension {namespace!r} {problem}")
                continue
            found[namespace] = (plugin, extension)
        while missing := {
            namespace: needed
            for namespace, (_, extension) in found.items()
            for needed in extension.requires
            if needed not in found
        }:
            for namespace, needed in missing.items():
                plugin, _ = found.pop(namespace)
                self.plugins.broken(
                    plugin, f"extension {namespace!r} requires {needed!r}, which no plugin declares"
                )
        return found

    @property
    def extensions(self) -> Mapping[str, Extension]:
        """Every declared extension by namespace."""
        return {k: v for k, (_, v) in self.extension_plugins.items()}

    @functools.cached_property
    def project_section_plugins(self) -> Mapping[str, tuple[str, ProjectSection]]:
        """Every section of the report site's project pages by name, with its plugin."""
        from .site.sections import ProjectSection  # late: only the report needs it

        return self.plugins.unique("register_project_sections", ProjectSection, "name")

    @functools.cached_property
    def codelists(self) -> Mapping[str, CodeList]:
        """The shipped code lists with the additions of every plugin (not of extensions)."""
        additions = self.plugins.collect("register_codes", CodeAddition)
        return self._with_codes(builtin_codelists(), additions)

    def codelists_for(self, namespaces: Iterable[str]) -> Mapping[str, CodeList]:
        """The code lists in force for a document using the extensions ``namespaces``."""
        additions = [
            (plugin, CodeAddition(name, codes))
            for namespace in namespaces
            if namespace in self.extension_plugins
            for plugin, extension in [self.extension_plugins[namespace]]
            for name, codes in extension.codes.items()
        ]
        return self._with_codes(self.codelists, additions)

    def _with_codes(
        self, lists: Mapping[str, CodeList], additions: list[tuple[str, CodeAddition]]
    ) -> Mapping[str, CodeList]:
        result = dict(lists)
        for plugin, addition in additions:
            target = result.get(addition.codelist)
            if target is None or target.closed:
                what = "unknown" if target is None else "closed"
                why = f"adds codes to the {what} code list {addition.codelist!r}"
                self.plugins.broken(plugin, why)
                continue
            result[addition.codelist] = target.with_codes(list(addition.codes))
        return result

    # -- other hooks and services -----------------------------------------------

    def choose_importer(self, path: Path, format: str | None = None) -> Importer | None:  # noqa: A002 - the CLI option's name
        """The importer for ``path``: ``format`` if given, a plugin's choice, else by ending."""
        if format is not None:
            return self.importers.get(format)
        head = b""
        if path.is_file():  # a FIFO or device is not opened just to look: it may block
            try:
                with path.open("rb") as file:
                    head = file.read(4096)
            except OSError:
                pass  # the importer says why it cannot read it
        for plugin, name in self.plugins.answers("choose_importer", path=path, head=head):
            if name is None:
                continue
            if isinstance(name, str) and name in self.importers:
                return self.importers[name]
            self.plugins.broken(plugin, f"choose_importer named no importer: {name!r:.80}")
        return _longest_ending(path, self.importers.values())

    def run_checks(
        self, context: CheckContext, *, codes: Collection[str] | None = None
    ) -> list[Diagnostic]:
        """Run every check (or those with ``codes``); a check that raises becomes a diagnostic.

        A check of an extension runs only when the dataset declares that extension.
        Installed plugins' checks get the dataset as it is (the model cannot be
        changed), a read-only copy of the raw value and a read-only view of the code
        lists, so nothing one plugin changes reaches the next, and the caller's data is
        never changed.
        """
        declared = context.dataset.uses_extensions
        chosen = [
            (code, plugin, check)
            for code, (plugin, check) in self.checks.items()
            if (codes is None or code in codes)
            and (check.extension is None or check.extension in declared)
        ]
        fenced = None
        if any(not self.is_builtin(plugin) for _, plugin, _ in chosen):
            fenced = attrs.evolve(
                context,
                codelists=frozen_mapping(context.codelists),
                raw=frozen_json(context.raw),
            )
        found: list[Diagnostic] = []
        with contextlib.redirect_stdout(sys.stderr):  # a plugin's print is no part of a report
            for code, plugin, check in chosen:
                builtin = self.is_builtin(plugin)
                seen = context if builtin or fenced is None else fenced
                limit = self.plugins.limit(plugin)
                found += run_check(code, plugin, check, seen, builtin=builtin, limit=limit)
        forget_walks()  # the built-in checks' shared walk holds the dataset: let it go
        return found

    def provided_by(self, name: str) -> dict[str, list[str]]:
        """What the plugin ``name`` contributes: checks, importers, exporters, extensions."""
        return {
            "checks": sorted(c for c, (p, _) in self.checks.items() if p == name),
            "importers": sorted(n for n, (p, _) in self.importer_plugins.items() if p == name),
            "exporters": sorted(n for n, (p, _) in self.exporter_plugins.items() if p == name),
            "extensions": sorted(n for n, (p, _) in self.extension_plugins.items() if p == name),
            "project_sections": sorted(
                n for n, (p, _) in self.project_section_plugins.items() if p == name
            ),
        }


def _longest_ending(path: Path, formats: Iterable[Importer]) -> Importer | None:
    """The importer with the longest suffix ``path``'s name ends with (``.lerum.csv``)."""
    name = path.name.lower()
    endings = [
        (len(suffix), importer)
        for importer in formats
        for suffix in importer.suffixes
        if name.endswith(suffix.lower())
    ]
    return max(endings, key=lambda pair: pair[0])[1] if endings else None


def make_runtime(
    *,
    strict: bool | None = None,
    entry_points: bool = True,
    plugins: Iterable[object] | Mapping[str, object] = (),
    allow: Iterable[str] | None = None,
    block: Iterable[str] = (),
    plugin_timeout: float | None = None,
) -> Runtime:
    """A runtime of the built-ins, the installed plugins (unless told not to) and ``plugins``.

    ``plugins`` are plugin objects or modules, registered under their own names, or
    a mapping of name to plugin. ``strict`` defaults to ``GRPROJECTS_STRICT_PLUGINS``.
    ``allow`` and ``block`` name the installed plugins to load only, and never (a
    project's ``[tool.grprojects.plugins]``); ``GRPROJECTS_PLUGINS_ALLOW`` and
    ``GRPROJECTS_PLUGINS_BLOCK``, when set, replace them. ``plugin_timeout`` is how
    many seconds one call into an installed plugin may take (``0``: no limit; default
    ``GRPROJECTS_PLUGIN_TIMEOUT``, else :data:`~grprojects.time_limits.DEFAULT_TIMEOUT`).
    """
    extra: list[tuple[str | None, object]] = (
        list(plugins.items())
        if isinstance(plugins, Mapping)
        else [(None, plugin) for plugin in plugins]
    )
    spec = RuntimeSpec(
        strict=strict_from_environment() if strict is None else strict,
        allow=names_from_environment(ALLOW_VARIABLE)
        or (None if allow is None else frozenset(allow)),
        block=names_from_environment(BLOCK_VARIABLE) or frozenset(block),
        timeout=timeout_from_environment() if plugin_timeout is None else plugin_timeout or None,
    )
    if entry_points and not extra:
        return spec.build()
    manager = PluginManager(strict=spec.strict, timeout=spec.timeout)
    manager.register_builtins()
    if entry_points:
        manager.load_entry_points(allow=spec.allow, block=spec.block)
    for name, plugin in extra:
        manager.register(plugin, name=name)
    return Runtime(manager)


@functools.cache
def default_runtime() -> Runtime:
    """The runtime of the built-ins and every installed plugin, made on first use."""
    return make_runtime()
