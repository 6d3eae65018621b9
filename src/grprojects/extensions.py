"""Local extensions: a plugin's own fields, namespaced, with a schema of their own.

A document lists the extensions it uses by namespace in ``uses_extensions``; their
data lives under ``extensions[namespace]`` on the dataset, an organisation, a
project, an activity or a source. Validation applies the core schema (which only
asks ``extensions`` to hold objects) plus each used extension's schema fragment
for that kind of object. Like OCDS extensions there is a manifest
(:class:`~grprojects.plugin_types.Extension`), a schema and code-list additions;
unlike them, an extension cannot patch or weaken the core schema, two extensions
can never collide (each has its own namespace), closed code lists stay closed,
and the combined schema is built offline from installed plugins.

The problems reported here, each at its JSON Pointer:

- ``extension.unknown``: the document declares a namespace no plugin provides.
- ``extension.undeclared``: data under a namespace the document does not declare.
- ``extension.missing-dependency``: a used extension needs another one declared too.
- ``extension.misplaced``: the extension defines no fields for this kind of object.
- ``extension.invalid``: the extension's data breaks its schema fragment.
"""

from __future__ import annotations

import copy
import weakref
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Final

import jsonschema
import referencing
from jsonschema.exceptions import ValidationError
from jsonschema.protocols import Validator

from .diagnostics import Diagnostic, pointer_of
from .plugins import EXTENSIBLE_KINDS, PluginManager
from .schema import BASE_URI, published_schema

CLASS_OF_KIND: Final = {
    "dataset": "Dataset",
    "organisation": "Organisation",
    "project": "Project",
    "activity": "Activity",
    "source": "Source",
}
"""The ``$defs`` name of each object kind that takes extensions."""

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


def combined_schema(name: str, namespaces: Iterable[str], manager: PluginManager) -> dict[str, Any]:
    """The published schema ``name`` plus the fragments of the extensions ``namespaces``.

    Only those extensions' data may appear under ``extensions``, and only they may
    be listed in ``uses_extensions``; the result is self-contained, so any JSON
    Schema tool validates with it offline. ``KeyError`` names an unknown namespace.
    """
    chosen = sorted(set(namespaces))
    available = manager.extensions
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


_VALIDATORS: weakref.WeakKeyDictionary[PluginManager, dict[tuple[str, str], Validator]] = (
    weakref.WeakKeyDictionary()
)


def _fragment_validator(manager: PluginManager, namespace: str, kind: str) -> Validator:
    """A validator of one extension's fragment, with the core definitions it may cite."""
    cache = _VALIDATORS.setdefault(manager, {})
    key = (namespace, kind)
    if key not in cache:
        schema = combined_schema("dataset", [namespace], manager)
        registry: referencing.Registry[Any] = referencing.Registry().with_resource(
            schema["$id"], referencing.Resource.from_contents(schema)
        )
        cls = jsonschema.Draft202012Validator
        root = {"$ref": f"{schema['$id']}#/$defs/{_fragment_key(namespace, kind)}"}
        cache[key] = cls(root, registry=registry, format_checker=cls.FORMAT_CHECKER)
    return cache[key]


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


def extension_diagnostics(
    value: Any,
    manager: PluginManager,
    *,
    name: str = "dataset",
    uses: Iterable[str] | None = None,
) -> list[Diagnostic]:
    """Every extension problem in the JSON ``value`` of a document, sorted by pointer.

    Core schema problems are not repeated here: run the core schema as well.
    ``uses`` gives the declared namespaces of a document that cannot state them
    itself (a ``project`` record); a dataset's own ``uses_extensions`` is read.
    """
    declared = tuple(uses) if uses is not None else declared_extensions(value)
    available = manager.extension_plugins
    found: list[Diagnostic] = []
    for i, namespace in enumerate(declared):
        place = pointer_of(["uses_extensions", i]) if uses is None else ""
        if namespace not in available:
            known = ", ".join(sorted(available)) or "none installed"
            found.append(
                Diagnostic(
                    "extension.unknown",
                    f"no installed plugin provides the extension {namespace!r} (known: {known})",
                    place,
                )
            )
            continue
        for needed in available[namespace][1].requires:
            if needed not in declared:
                found.append(
                    Diagnostic(
                        "extension.missing-dependency",
                        f"the extension {namespace!r} needs {needed!r} declared as well",
                        place,
                    )
                )
    for path, kind, extensions in _extensible(value, name):
        if not isinstance(extensions, dict):
            continue
        for namespace, data in extensions.items():
            where = [*path, "extensions", namespace]
            found += _namespace_diagnostics(manager, declared, namespace, kind, data, where)
    return sorted(found, key=lambda d: d.pointer)


def _namespace_diagnostics(
    manager: PluginManager,
    declared: tuple[str, ...],
    namespace: str,
    kind: str,
    data: Any,
    place: list[str | int],
) -> list[Diagnostic]:
    if namespace not in declared:
        message = f"data under the extension {namespace!r}, which uses_extensions does not list"
        return [Diagnostic("extension.undeclared", message, pointer_of(place))]
    if namespace not in manager.extension_plugins:
        return []  # reported once, where it is declared
    plugin, extension = manager.extension_plugins[namespace]
    if kind not in extension.schemas:
        allowed = ", ".join(k for k in EXTENSIBLE_KINDS if k in extension.schemas) or "none"
        message = f"the extension {namespace!r} has no fields for a {kind} (only: {allowed})"
        return [Diagnostic("extension.misplaced", message, pointer_of(place), source=plugin)]
    validator = _fragment_validator(manager, namespace, kind)
    return [
        Diagnostic(
            "extension.invalid",
            f"{namespace}: {_message(error)}",
            pointer_of([*place, *error.absolute_path]),
            source=plugin,
        )
        for error in validator.iter_errors(data)
        for error in _leaves(error)
    ]


def _leaves(error: ValidationError) -> Iterator[ValidationError]:
    """The errors that say what is wrong, not that "none of anyOf matched"."""
    best = jsonschema.exceptions.best_match(error.context) if error.context else None
    if best is None:
        yield error
    else:
        yield from _leaves(best)


def _message(error: ValidationError) -> str:
    if error.validator == "pattern":
        return f"{error.instance!r} does not match the pattern {error.validator_value!r}"
    if error.validator == "additionalProperties" and isinstance(error.instance, Mapping):
        allowed = error.schema.get("properties", {}) if isinstance(error.schema, Mapping) else {}
        extra = sorted(k for k in error.instance if k not in allowed)
        return f"unknown key {extra[0]!r}" if extra else error.message
    return error.message
