"""The plugin manager: built-in and installed plugins behind one typed facade.

Installed plugins are found through the ``grprojects`` entry-point group and loaded
one at a time. A plugin that fails to import, names a hook that does not exist, or
breaks its contract is reported with its distribution and left out, and the rest
still load; in strict mode that is an error instead.

Environment variables:

- ``GRPROJECTS_STRICT_PLUGINS=1``: a broken plugin is an error (for CI).
- ``GRPROJECTS_PLUGINS_ALLOW=a,b``: load only these installed plugins (by entry-point name).
- ``GRPROJECTS_PLUGINS_BLOCK=a,b``: never load these installed plugins.
"""

from __future__ import annotations

import functools
import importlib
import os
import warnings
from collections.abc import Iterable, Mapping
from importlib import metadata
from pathlib import Path
from types import ModuleType
from typing import Any, Final

import attrs
import pluggy

from . import hookspecs
from .codelists import CodeList, builtin_codelists
from .errors import PluginError
from .protocols import Check, CodeAddition, Exporter, Extension, Importer

ENTRY_POINT_GROUP: Final = "grprojects"
STRICT_VARIABLE: Final = "GRPROJECTS_STRICT_PLUGINS"
ALLOW_VARIABLE: Final = "GRPROJECTS_PLUGINS_ALLOW"
BLOCK_VARIABLE: Final = "GRPROJECTS_PLUGINS_BLOCK"

BUILTIN_PLUGINS: Final = ("grprojects.builtin.json_format", "grprojects.checks", "grprojects.formats")
"""Modules registered as plugins before any installed one, through the same hooks."""


class PluginWarning(UserWarning):
    """A plugin was left out because it is broken; the message names its distribution."""


@attrs.frozen
class PluginInfo:
    """What ``grprojects plugins`` shows about one plugin."""

    name: str
    distribution: str | None
    version: str | None
    hooks: tuple[str, ...]
    builtin: bool
    error: str | None = None


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
        self.infos: list[PluginInfo] = []

    # -- registration -------------------------------------------------------

    def register_builtins(self) -> None:
        """Register grprojects' own plugins."""
        for name in BUILTIN_PLUGINS:
            self.register(importlib.import_module(name), name=name, builtin=True)

    def register(
        self,
        plugin: ModuleType | object,
        *,
        name: str | None = None,
        distribution: str | None = None,
        version: str | None = None,
        builtin: bool = False,
    ) -> None:
        """Register one plugin object or module, checking its hooks exist."""
        name = name or getattr(plugin, "__name__", None) or type(plugin).__name__
        try:
            self.pm.register(plugin, name=name)
            self.pm.check_pending()
        except (pluggy.PluginValidationError, ValueError) as error:
            if self.pm.is_registered(plugin):
                self.pm.unregister(plugin)
            self._broken(name, distribution, version, f"invalid hooks: {error}")
            return
        hooks = tuple(sorted(h.name for h in self.pm.get_hookcallers(plugin) or []))
        self.infos.append(PluginInfo(name, distribution, version, hooks, builtin))

    def load_entry_points(self) -> None:
        """Load installed plugins one at a time, honouring the allow and block lists."""
        allow, block = _names(ALLOW_VARIABLE), _names(BLOCK_VARIABLE) or frozenset()
        for entry_point in metadata.entry_points(group=ENTRY_POINT_GROUP):
            if entry_point.name in block or (allow is not None and entry_point.name not in allow):
                continue
            dist = entry_point.dist
            distribution = dist.metadata["Name"] if dist else None
            version = dist.version if dist else None
            try:
                plugin = entry_point.load()
            except Exception as error:  # noqa: BLE001 - any import failure fences the plugin off
                self._broken(
                    entry_point.name, distribution, version, f"{type(error).__name__}: {error}"
                )
                continue
            self.register(plugin, name=entry_point.name, distribution=distribution, version=version)

    def _broken(self, name: str, distribution: str | None, version: str | None, why: str) -> None:
        who = f"plugin {name!r}" + (f" from distribution {distribution!r}" if distribution else "")
        message = f"{who} was not loaded: {why}"
        if self.strict:
            raise PluginError(message)
        warnings.warn(message, PluginWarning, stacklevel=3)
        self.infos.append(PluginInfo(name, distribution, version, (), False, why))

    def plugin_name(self, plugin: object) -> str:
        """The registered name of ``plugin``."""
        return self.pm.get_name(plugin) or repr(plugin)

    # -- typed hook calls ---------------------------------------------------

    def _collect(self, hook: str, kind: type[Any]) -> list[tuple[str, Any]]:
        """Call a list-returning hook plugin by plugin: (plugin name, item) pairs."""
        found: list[tuple[str, Any]] = []
        caller = getattr(self.pm.hook, hook)
        for impl in caller.get_hookimpls():
            try:
                items = impl.function()
                if not isinstance(items, list) or not all(isinstance(i, kind) for i in items):
                    raise TypeError(f"{hook} must return a list of {kind.__name__}")
            except Exception as error:  # noqa: BLE001 - a broken plugin must not stop the rest
                self._broken(impl.plugin_name, None, None, f"{hook} failed: {error}")
                continue
            found += [(impl.plugin_name, item) for item in items]
        return found

    def _unique(self, hook: str, kind: type[Any], key: str) -> dict[str, tuple[str, Any]]:
        result: dict[str, tuple[str, Any]] = {}
        for plugin, item in self._collect(hook, kind):
            name = getattr(item, key)
            if name in result:
                self._broken(
                    plugin,
                    None,
                    None,
                    f"{kind.__name__} {name!r} is already registered by {result[name][0]!r}",
                )
                continue
            result[name] = (plugin, item)
        return result

    @functools.cached_property
    def checks(self) -> Mapping[str, tuple[str, Check]]:
        """Every semantic check by code, with the plugin that registered it."""
        return self._unique("register_checks", Check, "code")

    @functools.cached_property
    def importers(self) -> Mapping[str, Importer]:
        """Every importer by format name."""
        return {k: v for k, (_, v) in self._unique("register_importers", Importer, "name").items()}

    @functools.cached_property
    def exporters(self) -> Mapping[str, Exporter]:
        """Every exporter by format name."""
        return {k: v for k, (_, v) in self._unique("register_exporters", Exporter, "name").items()}

    @functools.cached_property
    def extensions(self) -> Mapping[str, Extension]:
        """Every declared extension by namespace."""
        found = self._unique("register_extensions", Extension, "namespace")
        return {k: v for k, (_, v) in found.items()}

    @functools.cached_property
    def codelists(self) -> Mapping[str, CodeList]:
        """The shipped code lists with every plugin's and extension's additions."""
        lists = dict(builtin_codelists())
        additions: list[CodeAddition] = [
            a for _, a in self._collect("register_codes", CodeAddition)
        ]
        additions += [
            CodeAddition(name, codes)
            for extension in self.extensions.values()
            for name, codes in extension.codes.items()
        ]
        for addition in additions:
            if addition.codelist not in lists:
                raise PluginError(f"codes added to unknown code list {addition.codelist!r}")
            lists[addition.codelist] = lists[addition.codelist].with_codes(list(addition.codes))
        return lists

    def configure_converter(self, converter: Any) -> None:
        """Let every plugin register its cattrs hooks on ``converter``."""
        self.pm.hook.configure_converter(converter=converter)

    def choose_importer(self, path: Path) -> Importer | None:
        """The importer for ``path``: a plugin's choice, else by file name ending."""
        try:
            with path.open("rb") as file:
                head = file.read(4096)
        except OSError:
            head = b""
        name = self.pm.hook.choose_importer(path=path, head=head)
        if isinstance(name, str) and name in self.importers:
            return self.importers[name]
        suffix = "".join(path.suffixes[-1:]).lower()
        return next((i for i in self.importers.values() if suffix in i.suffixes), None)


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
