"""Loading plugins: the built-ins, then the installed ones, each broken one fenced off.

Installed plugins are found through the ``grprojects`` entry-point group and loaded
one at a time. A plugin that fails to import, names a hook that does not exist, or
breaks a hook's contract is reported with its distribution and fenced off, and the
rest still load; in strict mode that is a :class:`~grprojects.PluginError` instead.

What the plugins provide, and calling them, is the
:class:`~grprojects.runtime.Runtime`'s job. Environment variables (read when a
runtime is made, :func:`grprojects.runtime.make_runtime`):

- ``GRPROJECTS_STRICT_PLUGINS=1``: a broken plugin is an error (for CI).
- ``GRPROJECTS_PLUGINS_ALLOW=a,b``: load only these installed plugins, by
  entry-point or distribution name.
- ``GRPROJECTS_PLUGINS_BLOCK=a,b``: never load these installed plugins.
- ``GRPROJECTS_PLUGIN_TIMEOUT=SECONDS``: how long one call into an installed plugin
  (its import, one hook) may take before it is blamed (:mod:`grprojects.time_limits`).
"""

from __future__ import annotations

import contextlib
import difflib
import functools
import importlib
import inspect
import os
import sys
import warnings
from collections.abc import Callable, Iterable, Iterator
from types import ModuleType
from typing import Any, Final, TypeVar

import attrs
import pluggy

from . import distributions, hookspecs
from ._methods import shared_methods
from ._version import __version__
from .errors import PLUGIN_FAULTS, PluginError
from .time_limits import DEFAULT_TIMEOUT, PluginTimeoutError, call_limited

ENTRY_POINT_GROUP: Final = "grprojects"
STRICT_VARIABLE: Final = "GRPROJECTS_STRICT_PLUGINS"
ALLOW_VARIABLE: Final = "GRPROJECTS_PLUGINS_ALLOW"
BLOCK_VARIABLE: Final = "GRPROJECTS_PLUGINS_BLOCK"

T = TypeVar("T")

BUILTIN_PLUGINS: Final = (
    "grprojects.builtin.json_format",
    "grprojects.builtin.json_lines",
    "grprojects.checks",
    "grprojects.formats",
    "grprojects.site",
)
"""Modules registered as plugins before any installed one, through the same hooks."""


class PluginWarning(UserWarning):
    """A plugin, or part of one, was left out because it is broken; names its distribution."""


@shared_methods
@attrs.frozen(eq=False, repr=False)
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


def names_from_environment(variable: str) -> frozenset[str] | None:
    """The comma-separated plugin names in ``variable``, or None when it is unset or empty."""
    value = os.environ.get(variable, "").strip()
    if not value:
        return None
    return frozenset(n.strip() for n in value.split(",") if n.strip())


def strict_from_environment() -> bool:
    """Whether ``GRPROJECTS_STRICT_PLUGINS`` asks for strict plugin loading."""
    return os.environ.get(STRICT_VARIABLE, "").strip().lower() in {"1", "true", "yes", "on"}


class PluginManager:
    """pluggy's manager: plugins registered one at a time, broken ones on record and fenced off."""

    def __init__(self, *, strict: bool = False, timeout: float | None = DEFAULT_TIMEOUT) -> None:
        self.strict = strict
        self.timeout = timeout
        """Seconds one call into an installed plugin may take (``None``: no limit)."""
        self.pm = pluggy.PluginManager(hookspecs.PROJECT_NAME)
        self.pm.add_hookspecs(hookspecs)
        self._infos: dict[str, PluginInfo] = {}

    @property
    def infos(self) -> list[PluginInfo]:
        """Every plugin seen, loaded or not, in registration order."""
        return list(self._infos.values())

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
            self.broken(name, "a plugin of that name is already registered", distribution, version)
            return False
        problem = self._hook_problem(plugin)
        if problem is not None:
            self.broken(name, problem, distribution, version)
            return False
        for unmarked in self._unmarked_hooks(plugin):
            why = f"{unmarked}() is not marked @hookimpl, so it is ignored: add the decorator"
            self.broken(name, why, distribution, version)
        try:
            self.pm.register(plugin, name=name)
            self.pm.check_pending()
        except pluggy.PluginValidationError as error:
            if self.pm.is_registered(plugin):
                self.pm.unregister(plugin)
            self.broken(name, f"invalid hooks: {error}", distribution, version)
            return False
        self._infos[name] = PluginInfo(name, distribution, version, self._hooks_of(name), False)
        return True

    def _hook_names(self) -> list[str]:
        return sorted(n for n in dir(self.pm.hook) if not n.startswith("_"))

    def _hook_problem(self, plugin: object) -> str | None:
        """What is wrong with the plugin's marked hook implementations, in one line, or None.

        pluggy says it too, over several lines; this names the nearest hook or argument.
        """
        hooks = self._hook_names()
        for attribute in dir(plugin):
            if self.pm.parse_hookimpl_opts(plugin, attribute) is None:
                continue
            if attribute not in hooks:
                return f"unknown hook {attribute!r}{_did_you_mean(attribute, hooks)}"
            spec = getattr(self.pm.hook, attribute).spec
            allowed = list(spec.argnames) if spec is not None else []
            try:
                taken = list(inspect.signature(getattr(plugin, attribute)).parameters)
            except (TypeError, ValueError):
                continue  # pluggy decides about what has no signature
            for argument in taken:
                if argument not in allowed and argument != "self":
                    listed = ", ".join(allowed) or "none"
                    return (
                        f"hook {attribute!r} has no argument {argument!r} (it passes: {listed})"
                        f"{_did_you_mean(argument, allowed)}"
                    )
        return None

    def _unmarked_hooks(self, plugin: object) -> list[str]:
        """Functions named like a hook that lack ``@hookimpl`` (pluggy ignores them silently)."""
        return [
            name
            for name in self._hook_names()
            if callable(getattr(plugin, name, None))
            and self.pm.parse_hookimpl_opts(plugin, name) is None
        ]

    def _hooks_of(self, name: str) -> tuple[str, ...]:
        plugin = self.pm.get_plugin(name)
        return tuple(sorted(h.name for h in self.pm.get_hookcallers(plugin) or []))

    def load_entry_points(
        self, *, allow: frozenset[str] | None = None, block: frozenset[str] = frozenset()
    ) -> None:
        """Load installed plugins one at a time; only ``allow`` (if given), never ``block``.

        Each names plugins by entry-point or distribution name.
        """
        for entry_point in distributions.entry_points(ENTRY_POINT_GROUP):
            distribution, version = entry_point.distribution, entry_point.version
            names = {entry_point.name, distribution}
            if names & block or (allow is not None and not names & allow):
                continue
            try:
                with contextlib.redirect_stdout(sys.stderr):  # never into a machine-read report
                    plugin = call_limited(self.timeout, entry_point.load)
            except PluginTimeoutError as error:
                self.broken(entry_point.name, f"importing it {error}", distribution, version)
                continue
            except PLUGIN_FAULTS as error:  # any import failure fences the plugin off
                why = f"{type(error).__name__}: {error}"
                self.broken(entry_point.name, why, distribution, version)
                continue
            self.register(plugin, name=entry_point.name, distribution=distribution, version=version)

    def broken(
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

    def limit(self, plugin: str) -> float | None:
        """The time limit on a call into ``plugin``: none for grprojects' own."""
        return None if self.is_builtin(plugin) else self.timeout

    def call(self, plugin: str, function: Callable[[], T]) -> T:
        """``function()``, a call into ``plugin``, within the plugin's time limit."""
        return call_limited(self.limit(plugin), function)

    # -- list-returning hooks -------------------------------------------------

    def collect(self, hook: str, kind: type[Any]) -> list[tuple[str, Any]]:
        """Call a list-returning hook plugin by plugin: (plugin name, item) pairs."""
        found: list[tuple[str, Any]] = []
        for impl in getattr(self.pm.hook, hook).get_hookimpls():
            try:
                items = self.call(impl.plugin_name, impl.function)
                if not isinstance(items, list) or not all(isinstance(i, kind) for i in items):
                    raise TypeError(f"it must return a list of {kind.__name__}, not {items!r:.80}")
            except PLUGIN_FAULTS as error:  # a broken plugin must not stop the rest
                self.broken(impl.plugin_name, f"{hook} failed: {error}")
                continue
            found += [(impl.plugin_name, item) for item in items]
        return found

    def answers(self, hook: str, **arguments: Any) -> Iterator[tuple[str, Any]]:
        """Each plugin's answer to ``hook``, in pluggy's call order, one plugin at a time.

        A plugin that raises is reported as broken (a warning, or in strict mode an
        error) and the next one is asked.
        """
        for impl in reversed(getattr(self.pm.hook, hook).get_hookimpls()):
            wanted = {name: arguments[name] for name in impl.argnames}
            try:
                answer = self.call(impl.plugin_name, functools.partial(impl.function, **wanted))
            except PLUGIN_FAULTS as error:  # a broken plugin must not stop the rest
                self.broken(impl.plugin_name, f"{hook} failed: {type(error).__name__}: {error}")
                continue
            yield impl.plugin_name, answer

    def _rank(self, plugin: str) -> int:
        """The plugin's place in registration order: built-ins first, then installed ones."""
        order = list(self._infos)
        return order.index(plugin) if plugin in order else len(order)

    def unique(
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
        for plugin, item in sorted(self.collect(hook, kind), key=lambda p: self._rank(p[0])):
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
                    self.broken(plugin, f"{what} {name!r} is already registered by {by} {first!r}")
                continue
            plugins = sorted({plugin for plugin, _ in found})
            for plugin in plugins:
                others = ", ".join(repr(p) for p in plugins if p != plugin) or "itself"
                self.broken(
                    plugin,
                    f"{what} {name!r} is also declared by {others}; all are left out",
                )
        return result


def _did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the nearest of ``choices``, or nothing when none is near."""
    near = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {near[0]!r}?)" if near else ""


def _object_name(plugin: object) -> str:
    """A name for a plugin object that has none: its type and identity."""
    return f"{type(plugin).__qualname__}@{id(plugin):x}"


def _grprojects_version() -> str:
    return __version__
