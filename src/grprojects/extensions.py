"""Local extensions: a plugin's own fields, namespaced, with a schema of their own.

A document lists the extensions it uses by namespace in ``uses_extensions``; their
data lives under ``extensions[namespace]`` on the dataset, an organisation, a
project, an activity or a source. Validation applies the core schema (which only
asks ``extensions`` to hold objects) plus each used extension's schema fragment
for that kind of object. Like OCDS extensions there is a manifest
(:class:`~grprojects.plugin_types.Extension`), a schema and code-list additions;
unlike them, an extension cannot patch or weaken the core schema, two extensions
can never collide (each has its own namespace), closed code lists stay closed,
no pattern of an extension can hang validation (:mod:`grprojects.pattern_guard`:
a manifest with a nested repetition such as ``^(a+)+$`` is refused), and the
combined schema is built offline from installed plugins.

The problems reported here, each at its JSON Pointer:

- ``extension.unknown``: the document declares a namespace no plugin provides.
- ``extension.undeclared``: data under a namespace the document does not declare.
- ``extension.missing-dependency``: a used extension needs another one declared too.
- ``extension.misplaced``: the extension defines no fields for this kind of object.
- ``extension.invalid``: the extension's data breaks its schema fragment.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Collection, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Final

from . import _cache, distributions
from .diagnostics import Diagnostic, pointer_of
from .model import EXTENSIBLE_CLASSES, NAMESPACE_PATTERN
from .pattern_guard import pattern_problem
from .plugin_types import Extension
from .schema import BASE_URI, published_schema, standard_keywords

if TYPE_CHECKING:
    from jsonschema.protocols import Validator

    from .runtime import Runtime

CLASS_OF_KIND: Final = {cls.__name__.lower(): cls.__name__ for cls in EXTENSIBLE_CLASSES}
"""The ``$defs`` name of each object kind that takes extensions (``project``: ``Project``)."""

EXTENSIBLE_KINDS: Final = tuple(CLASS_OF_KIND)
"""The kinds of object that carry an ``extensions`` member, so extensions may add fields to."""

_NAMESPACE: Final = re.compile(NAMESPACE_PATTERN)

EXPLANATIONS: Final = {
    "extension.unknown": (
        "The document lists an extension in `uses_extensions` that no installed plugin "
        "provides, so its data cannot be checked. Install the plugin, or remove the "
        "namespace and its data."
    ),
    "extension.undeclared": (
        "The document carries data under an extension namespace it does not list in "
        "`uses_extensions`. Declare the namespace, or remove the data."
    ),
    "extension.missing-dependency": (
        "A used extension builds on another one, which the document must declare too."
    ),
    "extension.misplaced": (
        "The extension defines no fields for this kind of object: its data belongs on "
        "another object (a project rather than an activity, say)."
    ),
    "extension.invalid": (
        "The extension's data does not match the schema fragment the extension publishes; "
        "`grprojects schema --with NAMESPACE` prints the combined schema."
    ),
}
"""Why each extension diagnostic matters and how to mend it."""


def declared_extensions(value: Any) -> tuple[str, ...]:
    """The namespaces a document's ``uses_extensions`` lists (strings only, in order)."""
    uses = value.get("uses_extensions") if isinstance(value, dict) else None
    if not isinstance(uses, list):
        return ()
    return tuple(u for u in uses if isinstance(u, str))


def _fragment_key(namespace: str, kind: str) -> str:
    return f"{namespace}:{CLASS_OF_KIND[kind]}"


def _extensible(value: Any, name: str) -> Iterator[tuple[list[str | int], str, Any]]:
    """Each object that may carry extensions: its path, kind and ``extensions`` value."""
    if not isinstance(value, dict):
        return
    if name == "project":
        yield from _project(value, [])
        return
    yield [], "dataset", value.get("extensions")
    for member, kind in (("organisations", "organisation"), ("sources", "source")):
        for i, item in _items(value, member):
            yield [member, i], kind, item.get("extensions")
    for i, project in _items(value, "projects"):
        yield from _project(project, ["projects", i])


def _project(project: dict[str, Any], path: list[str | int]) -> Iterator[Any]:
    yield path, "project", project.get("extensions")
    for j, activity in _items(project, "activities"):
        yield [*path, "activities", j], "activity", activity.get("extensions")


def _items(value: dict[str, Any], member: str) -> Iterator[tuple[int, dict[str, Any]]]:
    items = value.get(member)
    if isinstance(items, list):
        yield from ((i, item) for i, item in enumerate(items) if isinstance(item, dict))


class ExtensionSchemas:
    """The declared extensions of one runtime: their combined schemas and fragment validators.

    Fragments are checked by validators built exactly as the core schema's are
    (:func:`~grprojects.schema_check.validator_for_schema`), so a pattern means the same
    in an extension as in the core; each is built once, on first use.
    """

    def __init__(self, declared: Mapping[str, tuple[str, Extension]]) -> None:
        self.declared = declared
        """Each well-formed extension by namespace, with the plugin that declared it."""
        self._validators: dict[tuple[str, str], Validator] = {}

    def combined(self, name: str, namespaces: Iterable[str]) -> dict[str, Any]:
        """The published schema ``name`` plus the fragments of the extensions ``namespaces``.

        Only those extensions' data may appear under ``extensions``, and only they may
        be listed in ``uses_extensions``; the result is self-contained, so any JSON
        Schema tool validates with it offline. ``KeyError`` names an unknown namespace.
        """
        chosen = sorted(set(namespaces))
        available = {namespace: extension for namespace, (_, extension) in self.declared.items()}
        missing = [n for n in chosen if n not in available]
        if missing:
            known = ", ".join(sorted(available)) or "none installed"
            raise KeyError(f"no extension {missing[0]!r}; known: {known}")
        schema = copy.deepcopy(dict(published_schema(name)))
        defs: dict[str, Any] = schema["$defs"]
        for kind, class_name in CLASS_OF_KIND.items():
            allowed: dict[str, Any] = {}
            for namespace in chosen:
                fragment = available[namespace].schemas.get(kind)
                if fragment is not None:
                    defs[_fragment_key(namespace, kind)] = copy.deepcopy(dict(fragment))
                    allowed[namespace] = {"$ref": f"#/$defs/{_fragment_key(namespace, kind)}"}
            defs[f"{class_name}Extensions"] = {
                "title": f"{class_name}Extensions",
                "description": f"Data of the extensions a {kind} may carry in this schema.",
                "type": "object",
                "properties": allowed,
                "additionalProperties": False,
            }
            member = defs[class_name]["properties"]["extensions"]
            member["$ref"] = f"#/$defs/{class_name}Extensions"
        uses = defs["Dataset"]["properties"]["uses_extensions"]
        uses["items"]["enum"] = chosen
        if chosen:
            schema["$id"] = f"{BASE_URI}{name}+{'+'.join(chosen)}.schema.json"
            schema["title"] += " with " + ", ".join(chosen)
        schema["x-extensions"] = [
            {
                "namespace": n,
                "title": available[n].title,
                "version": available[n].version,
                "requires": list(available[n].requires),
            }
            for n in chosen
        ]
        return schema

    def validator(self, namespace: str, kind: str) -> Validator:
        """A validator of one extension's fragment, with the core definitions it may cite."""
        key = (namespace, kind)
        if key not in self._validators:
            schema = self.combined("dataset", [namespace])
            schema["$ref"] = f"#/$defs/{_fragment_key(namespace, kind)}"
            from .schema_check import validator_for_schema  # jsonschema: only with extensions

            self._validators[key] = validator_for_schema(schema)
        return self._validators[key]

    def diagnostics(
        self, value: Any, *, name: str = "dataset", uses: Iterable[str] | None = None
    ) -> list[Diagnostic]:
        """Every extension problem in the JSON ``value`` of a document, sorted by pointer.

        Core schema problems are not repeated here: run the core schema as well.
        ``uses`` gives the declared namespaces of a document that cannot state them
        itself (a ``project`` record); a dataset's own ``uses_extensions`` is read.
        """
        declared = tuple(uses) if uses is not None else declared_extensions(value)
        available = self.declared
        found: list[Diagnostic] = []
        for i, namespace in enumerate(declared):
            place = pointer_of(["uses_extensions", i]) if uses is None else ""
            if namespace not in available:
                known = ", ".join(sorted(available)) or "none installed"
                message = f"no installed plugin provides the extension {namespace!r} "
                message += f"(known: {known})"
                found.append(Diagnostic("extension.unknown", message, place))
                continue
            for needed in available[namespace][1].requires:
                if needed not in declared:
                    message = f"the extension {namespace!r} needs {needed!r} declared as well"
                    found.append(Diagnostic("extension.missing-dependency", message, place))
        for path, kind, extensions in _extensible(value, name):
            if not isinstance(extensions, dict):
                continue
            for namespace, data in extensions.items():
                where = [*path, "extensions", namespace]
                found += self._namespace_diagnostics(declared, namespace, kind, data, where)
        return sorted(found, key=lambda d: d.pointer)

    def _namespace_diagnostics(
        self,
        declared: tuple[str, ...],
        namespace: str,
        kind: str,
        data: Any,
        place: list[str | int],
    ) -> list[Diagnostic]:
        if namespace not in declared:
            message = f"data under the extension {namespace!r}, which uses_extensions does not list"
            return [Diagnostic("extension.undeclared", message, pointer_of(place))]
        if namespace not in self.declared:
            return []  # reported once, where it is declared
        plugin, extension = self.declared[namespace]
        if kind not in extension.schemas:
            allowed = ", ".join(k for k in EXTENSIBLE_KINDS if k in extension.schemas) or "none"
            message = f"the extension {namespace!r} has no fields for a {kind} (only: {allowed})"
            return [Diagnostic("extension.misplaced", message, pointer_of(place), source=plugin)]
        from .schema_check import leaf_errors, message_of

        return [
            Diagnostic(
                "extension.invalid",
                f"{namespace}: {message_of(error)}",
                pointer_of([*place, *error.absolute_path]),
                source=plugin,
            )
            for error in self.validator(namespace, kind).iter_errors(data)
            for error in leaf_errors(error)
        ]


def schema_objection(fragment: Mapping[str, Any]) -> str | None:
    """Why ``fragment`` is not a draft 2020-12 schema (jsonschema's message), or None.

    Kept in grprojects' cache on disk, keyed by the fragment and jsonschema's version: an
    installed extension is checked at every start, and importing jsonschema to do it
    would cost a one-file check a fifth of its time.
    """
    try:
        key = {
            "fragment": _cache.digest(fragment),
            "jsonschema": str(distributions.version("jsonschema")),
        }
    except (TypeError, ValueError):  # not JSON, so not a schema: jsonschema says why
        return _jsonschema_objection(fragment)
    objection: str | None = _cache.cached(
        "schema-objection", key, lambda: _jsonschema_objection(fragment)
    )
    return objection


def _jsonschema_objection(fragment: Mapping[str, Any]) -> str | None:
    import jsonschema

    try:
        jsonschema.Draft202012Validator.check_schema(dict(fragment))
    except jsonschema.SchemaError as error:
        return error.message
    return None


def combined_schema(name: str, namespaces: Iterable[str], runtime: Runtime) -> dict[str, Any]:
    """The published schema ``name`` with the extensions ``namespaces`` of ``runtime``, for
    any validator: the ``x-`` annotations (the extensions it holds, ``x-extensions``, and
    what the fragments mark) are said in ``$comment`` s, so Ajv's strict mode takes it."""
    combined: dict[str, Any] = standard_keywords(
        runtime.extension_schemas.combined(name, namespaces)
    )
    return combined


def extension_diagnostics(
    value: Any, runtime: Runtime, *, name: str = "dataset", uses: Iterable[str] | None = None
) -> list[Diagnostic]:
    """Every extension problem in ``value`` under ``runtime``'s extensions (see
    :meth:`ExtensionSchemas.diagnostics`)."""
    return runtime.extension_schemas.diagnostics(value, name=name, uses=uses)


def manifest_problem(extension: Extension) -> str | None:
    """What is wrong with an extension's manifest, or ``None``."""
    if not isinstance(extension.namespace, str) or not _NAMESPACE.match(extension.namespace):
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
        objection = schema_objection(fragment)
        if objection is not None:
            return f"has an invalid {kind} schema: {objection}"
        for pattern in schema_patterns(fragment):
            problem = pattern_problem(pattern)
            if problem is not None:
                return f"has a {kind} schema where {problem}"
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
    return frozenset(published_schema("dataset")["$defs"])


def schema_patterns(schema: Any) -> Iterator[str]:
    """Every regular expression in a JSON Schema: ``pattern`` values, ``patternProperties`` keys.

    Extensions' patterns, and the core's (in a test), are held to
    :mod:`grprojects.pattern_guard`, since a nested repetition can hang ``re``.
    """
    if isinstance(schema, Mapping):
        for key, item in schema.items():
            if key == "pattern" and isinstance(item, str):
                yield item
                continue
            if key == "patternProperties" and isinstance(item, Mapping):
                yield from (k for k in item if isinstance(k, str))
            yield from schema_patterns(item)
    elif isinstance(schema, list | tuple):
        for item in schema:
            yield from schema_patterns(item)


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
