"""The plugin manager: built-in and installed plugins behind one typed facade.

Installed plugins are found through the ``grprojects`` entry-point group and loaded
one at a time. A plugin that fails to import, names a hook that does not exist, or
breaks a hook's contract is reported with its distribution and fenced off, and the
rest still load; in strict mode that is a :class:`~grprojects.PluginError` instead.

Environment variables (read when a manager is made):

- ``GRPROJECTS_STRICT_PLUGINS=1``: a broken plugin is an error (for CI).
- ``GRPROJECTS_PLUGINS_ALLOW=a,b``: load only these installed plugins, by
  entry-point or distribution name.
- ``GRPROJECTS_PLUGINS_BLOCK=a,b``: never load these installed plugins.
"""

from __future__ import annotations

import functools
import importlib
import os
import re
import warnings
from collections.abc import Collection, Iterable, Mapping
from importlib import metadata
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, Final

import attrs
import jsonschema
import pluggy

from . import hookspecs
from ._frozen import freeze, frozen_json, frozen_mapping
from ._version import __version__
from .checks._walk import forget as forget_walks
from .codelists import CodeList, builtin_codelists
from .diagnostics import Diagnostic, Severity
from .errors import GrprojectsError, PluginError
from .plugin_types import Check, CheckContext, CodeAddition, Exporter, Extension, Importer

if TYPE_CHECKING:
    from .model import Dataset

ENTRY_POINT_GROUP: Final = "grprojects"
STRICT_VARIABLE: Final = "GRPROJECTS_STRICT_PLUGINS"
ALLOW_VARIABLE: Final = "GRPROJECTS_PLUGINS_ALLOW"
BLOCK_VARIABLE: Final = "GRPROJECTS_PLUGINS_BLOCK"

BUILTIN_PLUGINS: Final = (
    "grprojects.builtin.json_format",
    "grprojects.checks",
    "grprojects.formats",
)
"""Modules registered as plugins before any installed one, through the same hooks."""

EXTENSIBLE_KINDS: Final = ("dataset", "organisation", "project", "activity", "source")
"""The objects that carry an ``extensions`` member, so extensions may add fields to."""

NAMESPACE_PATTERN: Final = re.compile(r"^[a-z][a-z0-9]*(\.[a-z0-9][a-z0-9-]*)+$")
CHECK_FAILED: Final = "plugin.check-failed"
"""The code of the diagnostic that stands for a check that raised."""


class PluginWarning(UserWarning):
    """A plugin, or part of one, was left out because it is broken; names its distribution."""


@attrs.frozen
class PluginInfo:
    """What ``grprojects plugins`` shows about one plugin."""

    name: str
    """The registered name: the entry-point name, or the module name of a built-in."""
    distribution: str | None
    version: str | None
    hooks: tuple[str, ...]
    """The hooks the plugin implements."""
    builtin: bool
    errors: tuple[str, ...] = ()
    """Why the plugin, or part of it, was left out."""


def _names(variable: str) -> frozenset[str] | None:
    value = os.environ.get(variable, "").strip()
    if not value:
        return None
    return frozenset(n.strip() for n in value.split(",") if n.strip())


def strict_from_environment() -> bool:
    """Whether ``GRPROJECTS_STRICT_PLUGINS`` asks for strict plugin loading."""
    return os.environ.get(STRICT_VARIABLE, "").strip().lower() in {"1", "true", "yes", "on"}


class PluginManager:
    """pluggy's manager with one typed method per hook and broken plugins fenced off."""

    def __init__(self, *, strict: bool = False) -> None:
        self.strict = strict
        self.pm = pluggy.PluginManager(hookspecs.PROJECT_NAME)
        self.pm.add_hookspecs(hookspecs)
        self._infos: dict[str, PluginInfo] = {}

    @property
    def infos(self) -> list[PluginInfo]:
        """Every plugin seen, loaded or not, in registration order."""
        return list(self._infos.values())

    def resolve(self) -> None:
        """Call every list-returning hook once, so each broken plugin is on record."""
        for name in ("checks", "importer_plugins", "exporter_plugins", "extension_plugins"):
            getattr(self, name)
        self.codelists_for(self.extension_plugins)

    # -- registration -------------------------------------------------------

    def register_builtins(self) -> None:
        """Register grprojects' own plugins; a broken built-in is always an error."""
        for name in BUILTIN_PLUGINS:
            self.pm.register(importlib.import_module(name), name=name)
            self.pm.check_pending()
            self._infos[name] = PluginInfo(
                name, "grprojects", _grprojects_version(), self._hooks_of(name), True
            )

    def register(
        self,
        plugin: ModuleType | object,
        *,
        name: str | None = None,
        distribution: str | None = None,
        version: str | None = None,
    ) -> bool:
        """Register one plugin object or module, checking its hooks exist; True if it did."""
        name = name or getattr(plugin, "__name__", None) or _object_name(plugin)
        if self.pm.has_plugin(name) or self.pm.is_registered(plugin):
            self._broken(name, "a plugin of that name is already registered", distribution, version)
            return False
        try:
            self.pm.register(plugin, name=name)
            self.pm.check_pending()
        except pluggy.PluginValidationError as error:
            if self.pm.is_registered(plugin):
                self.pm.unregister(plugin)
            self._broken(name, f"invalid hooks: {error}", distribution, version)
            return False
        self._infos[name] = PluginInfo(name, distribution, version, self._hooks_of(name), False)
        return True

    def _hooks_of(self, name: str) -> tuple[str, ...]:
        plugin = self.pm.get_plugin(name)
        return tuple(sorted(h.name for h in self.pm.get_hookcallers(plugin) or []))

    def load_entry_points(self) -> None:
        """Load installed plugins one at a time, honouring the allow and block lists."""
        allow, block = _names(ALLOW_VARIABLE), _names(BLOCK_VARIABLE) or frozenset()
        seen: set[tuple[str, str]] = set()
        for entry_point in metadata.entry_points(group=ENTRY_POINT_GROUP):
            if (entry_point.name, entry_point.value) in seen:
                continue  # the same distribution found twice on sys.path
            seen.add((entry_point.name, entry_point.value))
            dist = entry_point.dist
            distribution = dist.metadata["Name"] if dist else None
            version = dist.version if dist else None
            names = {entry_point.name, distribution}
            if names & block or (allow is not None and not names & allow):
                continue
            try:
                plugin = entry_point.load()
            except Exception as error:  # noqa: BLE001 - any import failure fences the plugin off
                why = f"{type(error).__name__}: {error}"
                self._broken(entry_point.name, why, distribution, version)
                continue
            self.register(plugin, name=entry_point.name, distribution=distribution, version=version)

    def _broken(
        self,
        name: str,
        why: str,
        distribution: str | None = None,
        version: str | None = None,
    ) -> None:
        """Report a broken plugin: a warning naming its distribution, or in strict mode an error."""
        known = self._infos.get(name)
        distribution = distribution or (known.distribution if known else None)
        who = f"plugin {name!r}" + (f" from distribution {distribution!r}" if distribution else "")
        message = f"{who}: {why}"
        if self.strict or (known is not None and known.builtin):
            raise PluginError(message)
        warnings.warn(message, PluginWarning, stacklevel=3)
        if known is None:
            self._infos[name] = PluginInfo(name, distribution, version, (), False, (why,))
        else:
            self._infos[name] = attrs.evolve(known, errors=(*known.errors, why))

    def plugin_name(self, plugin: object) -> str:
        """The registered name of ``plugin``."""
        return self.pm.get_name(plugin) or repr(plugin)

    def is_builtin(self, name: str) -> bool:
        """Whether the plugin registered as ``name`` is one of grprojects' own."""
        info = self._infos.get(name)
        return info is not None and info.builtin

    # -- list-returning hooks -------------------------------------------------

    def _collect(self, hook: str, kind: type[Any]) -> list[tuple[str, Any]]:
        """Call a list-returning hook plugin by plugin: (plugin name, item) pairs."""
        found: list[tuple[str, Any]] = []
        for impl in getattr(self.pm.hook, hook).get_hookimpls():
            try:
                items = impl.function()
                if not isinstance(items, list) or not all(isinstance(i, kind) for i in items):
                    raise TypeError(f"it must return a list of {kind.__name__}, not {items!r:.80}")
            except Exception as error:  # noqa: BLE001 - a broken plugin must not stop the rest
                self._broken(impl.plugin_name, f"{hook} failed: {error}")
                continue
            found += [(impl.plugin_name, item) for item in items]
        return found

    def _rank(self, plugin: str) -> int:
        """The plugin's place in registration order: built-ins first, then installed ones."""
        order = list(self._infos)
        return order.index(plugin) if plugin in order else len(order)

    def _unique(
        self, hook: str, kind: type[Any], key: str, *, shared_leaves_out_all: bool = False
    ) -> dict[str, tuple[str, Any]]:
        """The items of a hook by name, each name claimed once; a second claim is blamed.

        A built-in's claim always stands and every installed plugin claiming the same
        name is blamed. Between installed plugins the first by registration keeps the
        name and the later ones are blamed; with ``shared_leaves_out_all`` (extension
        namespaces) none keeps it and each is blamed naming the others, so which plugin
        loaded first never changes what a document means. pluggy's call order
        (``tryfirst``/``trylast``) plays no part.
        """
        claims: dict[str, list[tuple[str, Any]]] = {}
        for plugin, item in sorted(self._collect(hook, kind), key=lambda p: self._rank(p[0])):
            claims.setdefault(getattr(item, key), []).append((plugin, item))
        what = kind.__name__
        result: dict[str, tuple[str, Any]] = {}
        for name, found in claims.items():
            first = found[0][0]
            if len(found) == 1:
                result[name] = found[0]
                continue
            if self.is_builtin(first) or not shared_leaves_out_all:
                result[name] = found[0]
                for plugin, _ in found[1:]:
                    by = "grprojects' built-in" if self.is_builtin(first) else "plugin"
                    self._broken(plugin, f"{what} {name!r} is already registered by {by} {first!r}")
                continue
            plugins = sorted({plugin for plugin, _ in found})
            for plugin in plugins:
                others = ", ".join(repr(p) for p in plugins if p != plugin) or "itself"
                self._broken(
                    plugin,
                    f"{what} {name!r} is also declared by {others}; all are left out",
                )
        return result

    @functools.cached_property
    def checks(self) -> Mapping[str, tuple[str, Check]]:
        """Every semantic check by code, with the plugin that registered it."""
        return self._unique("register_checks", Check, "code")

    @functools.cached_property
    def importer_plugins(self) -> Mapping[str, tuple[str, Importer]]:
        """Every importer by format name, with the plugin that registered it."""
        found = self._unique("register_importers", Importer, "name")
        return {
            name: (plugin, item if self.is_builtin(plugin) else _guarded_importer(plugin, item))
            for name, (plugin, item) in found.items()
        }

    @property
    def importers(self) -> Mapping[str, Importer]:
        """Every importer by format name."""
        return {k: v for k, (_, v) in self.importer_plugins.items()}

    @functools.cached_property
    def exporter_plugins(self) -> Mapping[str, tuple[str, Exporter]]:
        """Every exporter by format name, with the plugin that registered it."""
        found = self._unique("register_exporters", Exporter, "name")
        return {
            name: (plugin, item if self.is_builtin(plugin) else _guarded_exporter(plugin, item))
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
        for namespace, (plugin, extension) in self._unique(
            "register_extensions", Extension, "namespace", shared_leaves_out_all=True
        ).items():
            try:
                problem = _extension_problem(extension)
            except Exception as error:  # noqa: BLE001 - a malformed manifest must not stop the rest
                problem = f"cannot be read: {type(error).__name__}: {error}"
            if problem is not None:
                self._broken(plugin, f"extension {namespace!r} {problem}")
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
                self._broken(
                    plugin, f"extension {namespace!r} requires {needed!r}, which no plugin declares"
                )
        return found

    @property
    def extensions(self) -> Mapping[str, Extension]:
        """Every declared extension by namespace."""
        return {k: v for k, (_, v) in self.extension_plugins.items()}

    @functools.cached_property
    def codelists(self) -> Mapping[str, CodeList]:
        """The shipped code lists with the additions of every plugin (not of extensions)."""
        additions = self._collect("register_codes", CodeAddition)
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
                self._broken(plugin, f"adds codes to the {what} code list {addition.codelist!r}")
                continue
            result[addition.codelist] = target.with_codes(list(addition.codes))
        return result

    # -- other hooks and services -----------------------------------------------

    def choose_importer(self, path: Path, format: str | None = None) -> Importer | None:  # noqa: A002 - the CLI option's name
        """The importer for ``path``: ``format`` if given, a plugin's choice, else by ending."""
        if format is not None:
            return self.importers.get(format)
        try:
            with path.open("rb") as file:
                head = file.read(4096)
        except OSError:
            head = b""
        name = self.pm.hook.choose_importer(path=path, head=head)
        if isinstance(name, str) and name in self.importers:
            return self.importers[name]
        return _longest_ending(path, self.importers.values())

    def run_checks(
        self, context: CheckContext, *, codes: Collection[str] | None = None
    ) -> list[Diagnostic]:
        """Run every check (or those with ``codes``); a check that raises becomes a diagnostic.

        A check of an extension runs only when the dataset declares that extension.
        Before an installed plugin's check runs, the dataset's lists and dicts are made
        read-only in place and the plugins get a read-only copy of the raw value and of
        the code lists, so nothing one plugin changes reaches the next. Diagnostics of
        an installed plugin name it as their ``source``.
        """
        declared = context.dataset.uses_extensions
        chosen = [
            (code, plugin, check)
            for code, (plugin, check) in self.checks.items()
            if (codes is None or code in codes)
            and (check.extension is None or check.extension in declared)
        ]
        frozen = None
        if any(not self.is_builtin(plugin) for _, plugin, _ in chosen):
            frozen = attrs.evolve(
                context,
                dataset=freeze(context.dataset),
                codelists=frozen_mapping(context.codelists),
                raw=frozen_json(context.raw),
            )
        found: list[Diagnostic] = []
        for code, plugin, check in chosen:
            builtin = self.is_builtin(plugin)
            try:
                for diagnostic in check.run(context if builtin or frozen is None else frozen):
                    if not isinstance(diagnostic, Diagnostic):
                        kind = type(diagnostic).__name__
                        raise TypeError(f"it yielded {kind}, not Diagnostic")
                    if not builtin and diagnostic.source == "grprojects":
                        diagnostic = attrs.evolve(diagnostic, source=plugin)
                    found.append(diagnostic)
            except Exception as error:  # noqa: BLE001 - one broken check must not stop the rest
                message = (
                    f"check {code!r} of plugin {plugin!r} failed: {type(error).__name__}: {error}"
                )
                found.append(Diagnostic(CHECK_FAILED, message, "", Severity.ERROR, source=plugin))
        forget_walks()  # the built-in checks' shared walk holds the dataset: let it go
        return found

    def provided_by(self, name: str) -> dict[str, list[str]]:
        """What the plugin ``name`` contributes: checks, importers, exporters, extensions."""
        return {
            "checks": sorted(c for c, (p, _) in self.checks.items() if p == name),
            "importers": sorted(n for n, (p, _) in self.importer_plugins.items() if p == name),
            "exporters": sorted(n for n, (p, _) in self.exporter_plugins.items() if p == name),
            "extensions": sorted(n for n, (p, _) in self.extension_plugins.items() if p == name),
        }


def _guarded_importer(plugin: str, importer: Importer) -> Importer:
    """``importer`` whose ``read`` blames ``plugin`` for anything but a report on the data.

    ``DocumentError`` (bad input), other grprojects errors and ``OSError`` pass as
    they are; any other exception, or a result that is not a ``Dataset``, is a
    :class:`~grprojects.PluginError` naming the plugin, the format and the file.
    """
    read = importer.read

    def guarded_read(path: Path) -> Dataset:
        from .model import Dataset  # late: the model is not needed to manage plugins

        who = f"importer {importer.name!r} of plugin {plugin!r}"
        try:
            dataset = read(path)
        except (GrprojectsError, OSError):
            raise
        except Exception as error:  # anything else is the plugin's fault
            raise PluginError(
                f"{who} failed reading {path}: {type(error).__name__}: {error}"
            ) from error
        if not isinstance(dataset, Dataset):
            kind = type(dataset).__name__
            raise PluginError(f"{who} returned {kind}, not a Dataset, reading {path}")
        return dataset

    return attrs.evolve(importer, read=guarded_read)


def _guarded_exporter(plugin: str, exporter: Exporter) -> Exporter:
    """``exporter`` whose ``write`` blames ``plugin`` and leaves no partial output.

    Anything but a grprojects error or ``OSError``, notes that are not a list of
    strings, or no file written is a :class:`~grprojects.PluginError` naming the
    plugin, the format and the file. On any failure a file that did not exist
    before is removed (an existing one is the exporter's to keep, as it writes
    atomically).
    """
    write = exporter.write

    def guarded_write(dataset: Dataset, path: Path) -> list[str]:
        who = f"exporter {exporter.name!r} of plugin {plugin!r}"
        existed = path.exists()
        try:
            try:
                notes = write(dataset, path)
            except (GrprojectsError, OSError):
                raise
            except Exception as error:  # anything else is the plugin's fault
                why = f"{type(error).__name__}: {error}"
                raise PluginError(f"{who} failed writing {path}: {why}") from error
            if not isinstance(notes, list) or not all(isinstance(n, str) for n in notes):
                kind = type(notes).__name__
                raise PluginError(f"{who} returned {kind}, not a list of notes, writing {path}")
            if not path.exists():
                raise PluginError(f"{who} wrote no file at {path}")
        except BaseException:
            if not existed:
                path.unlink(missing_ok=True)
            raise
        return notes

    return attrs.evolve(exporter, write=guarded_write)


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


def _object_name(plugin: object) -> str:
    """A name for a plugin object that has none: its type and identity."""
    return f"{type(plugin).__qualname__}@{id(plugin):x}"


def _extension_problem(extension: Extension) -> str | None:
    """What is wrong with an extension's manifest, or ``None``."""
    if not isinstance(extension.namespace, str) or not NAMESPACE_PATTERN.match(extension.namespace):
        return "has a namespace that is not reverse-domain style (se.goteborg.stad)"
    if not isinstance(extension.schemas, Mapping):
        return f"has schemas that are not a mapping of kind to schema: {extension.schemas!r:.80}"
    if not isinstance(extension.requires, tuple | list) or not all(
        isinstance(r, str) for r in extension.requires
    ):
        return f"has requires that is not a tuple of namespaces: {extension.requires!r:.80}"
    unknown = sorted(str(k) for k in set(extension.schemas) - set(EXTENSIBLE_KINDS))
    if unknown:
        return f"has schemas for objects that take no extensions: {', '.join(unknown)}"
    core = _core_definitions()
    for kind, fragment in extension.schemas.items():
        if not isinstance(fragment, Mapping):
            return f"has a {kind} schema that is not a JSON object: {fragment!r:.80}"
        try:
            jsonschema.Draft202012Validator.check_schema(dict(fragment))
        except jsonschema.SchemaError as error:
            return f"has an invalid {kind} schema: {error.message}"
        for ref in _refs(fragment):
            if not ref.startswith(CORE_REF):
                return f"has a {kind} schema with a $ref to another document: {ref!r}"
            if ref[len(CORE_REF) :].split("/")[0] not in core:
                return f"has a {kind} schema with a $ref to no core definition: {ref!r}"
    return None


CORE_REF: Final = "#/$defs/"
"""How a fragment's ``$ref`` names a core definition: ``#/$defs/Text``."""


def _core_definitions() -> Collection[str]:
    """The names of the core schema's ``$defs``, which a fragment may refer to."""
    from .schema import published_schema  # late: the schema module reads the code lists

    return frozenset(published_schema("dataset")["$defs"])


def _refs(value: Any) -> Iterable[str]:
    if isinstance(value, Mapping):
        for key, item in value.items():
            if key == "$ref" and isinstance(item, str):
                yield item
            else:
                yield from _refs(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _refs(item)


def make_manager(
    *, strict: bool | None = None, entry_points: bool = True, plugins: Iterable[object] = ()
) -> PluginManager:
    """A manager with the built-ins, installed plugins (unless told not to) and ``plugins``."""
    manager = PluginManager(strict=strict_from_environment() if strict is None else strict)
    manager.register_builtins()
    if entry_points:
        manager.load_entry_points()
    for plugin in plugins:
        manager.register(plugin)
    return manager


@functools.cache
def default_manager() -> PluginManager:
    """The process-wide manager with the built-ins and every installed plugin."""
    return make_manager()


def _grprojects_version() -> str:
    return __version__
