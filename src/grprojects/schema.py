"""JSON Schemas (draft 2020-12) generated from the model, so the two cannot drift.

Each attrs class becomes one ``$defs`` entry; each field's documentation becomes its
``description``; its metadata becomes ``pattern``, ``minimum``, ``maximum``, ``maxLength``,
``format`` and, for closed code lists, ``enum``. An open code list becomes a ``$defs``
entry of its own (``ActivityKindCode``): an ``anyOf`` of a first branch that takes any
value and each listed code as a ``const`` described by its Swedish name, so editors
offer the codes and validators still take new ones. Which fields are personal data and what a
reference cites are said in a ``$comment``; the model's field table
(:func:`~grprojects.model.fields.fields_of`) is where grprojects itself reads them.

Only standard keywords are used, so the schemas compile in every validator, Ajv's
strict mode included, and a document root may name its schema in ``"$schema"``
(:data:`~grprojects.model.SCHEMA_KEY`), as editors expect.

Every published version stays published. The current one (:data:`SCHEMA_VERSION`) is
generated here; earlier ones are frozen files shipped in ``grprojects/published/<version>/``,
read byte for byte, so a document that says ``"version": "1.0"`` is checked by 1.0's
rules for good. :func:`publish` (``make schemas``) writes every version to
``schemas/<version>/``, and a test proves the copies equal what this module gives.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

from . import _cache
from ._package_data import data_folder
from .codelists import CodeList, builtin_codelists
from .model import (
    MODEL_CLASSES,
    NAMESPACE_PATTERN,
    ROOTS,
    SCHEMA_KEY,
    SCHEMA_VERSION,
    SCHEMA_VERSIONS,
    PartialDate,
    Text,
)
from .model.fields import VISIBLE, FieldInfo, Shape, field_of, fields_of
from .model.values import DAY_PATTERN, LANGUAGE_TAG_PATTERN, PARTIAL_DATE_PATTERN

DRAFT: Final = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_HOME: Final = "https://w3id.org/grprojects/schema/"
"""Where every version's schemas live: ``<home><version>/<name>.schema.json``."""


def base_uri(version: str) -> str:
    """The base of the ``$id`` of version ``version``'s schemas."""
    return f"{SCHEMA_HOME}{version}/"


BASE_URI: Final = base_uri(SCHEMA_VERSION)
"""The base of the current version's ``$id`` s."""

SCHEMA_NAMES: Final = tuple(ROOTS)
"""The schemas of data: a whole dataset, and one project (a JSON Lines record)."""
REPORT_SCHEMA: Final = "report"
"""The schema of ``grprojects validate --format json`` reports."""
PUBLISHED: Final = (*SCHEMA_NAMES, REPORT_SCHEMA)
"""Every schema name the package serves."""
REPORT_SCHEMA_VERSION: Final = "1.0"
"""The version folder the report schema is published in: its format has its own version."""


def published_names(version: str) -> tuple[str, ...]:
    """The schemas published in ``schemas/<version>/``."""
    if version == REPORT_SCHEMA_VERSION:
        return PUBLISHED
    return SCHEMA_NAMES


def document_version(value: Any) -> str:
    """The schema version whose rules check ``value``: the one it names, else the current.

    A value that names no published version (or none at all, as a JSON Lines record)
    is checked by the current rules, which say what is wrong with its ``version``.
    """
    if isinstance(value, dict):
        named = value.get("version")
        if isinstance(named, str) and named in SCHEMA_VERSIONS:
            return named
    return SCHEMA_VERSION


def newer_version(version: str) -> str | None:
    """The current schema version when ``version`` is an older one, else ``None``."""
    return SCHEMA_VERSION if version in SCHEMA_VERSIONS and version != SCHEMA_VERSION else None


SCHEMA_MAPS: Final = frozenset({"properties", "patternProperties", "$defs", "dependentSchemas"})
"""Keywords whose value maps names (not keywords) to schemas."""
SCHEMA_DATA: Final = frozenset({"enum", "const", "default", "examples", "required"})
"""Keywords whose value is data, not schemas."""


def standard_keywords(schema: Any) -> Any:
    """``schema`` with each ``x-`` annotation said in its object's ``$comment`` instead
    (``x-personal-data: true``), so that a strict validator (Ajv) compiles it.

    For schemas that carry extensions' fragments, whose authors mark fields that way;
    the published schemas have no ``x-`` keywords to begin with.
    """
    if isinstance(schema, list):
        return [standard_keywords(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    result: dict[str, Any] = {}
    notes = []
    for key, value in schema.items():
        if key.startswith("x-"):
            notes.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
        elif key in SCHEMA_MAPS and isinstance(value, dict):
            result[key] = {name: standard_keywords(member) for name, member in value.items()}
        elif key in SCHEMA_DATA:
            result[key] = value
        else:
            result[key] = standard_keywords(value)
    if notes:
        earlier = result.get("$comment")
        result["$comment"] = "\n".join([earlier, *notes] if isinstance(earlier, str) else notes)
    return result


def _description(cls: type) -> str:
    doc = (cls.__doc__ or "").strip().split("\n\n")[0]
    return " ".join(doc.split())


def _fixed_defs() -> dict[str, Any]:
    return {
        "Text": {
            "title": "Text",
            "description": _description(Text),
            "type": "object",
            "properties": {
                "sv": {
                    "type": "string",
                    "pattern": VISIBLE,
                    "maxLength": field_of(Text, "sv").max_length,
                    "description": "The text in Swedish.",
                }
            },
            "required": ["sv"],
            "propertyNames": {"pattern": LANGUAGE_TAG_PATTERN},
            "additionalProperties": {
                "type": "string",
                "pattern": VISIBLE,
                "maxLength": field_of(Text, "translations").max_length,
            },
        },
        "PartialDate": {
            "title": "PartialDate",
            "description": _description(PartialDate),
            "anyOf": [
                {"type": "string", "pattern": DAY_PATTERN, "format": "date"},
                {"type": "string", "pattern": PARTIAL_DATE_PATTERN},
            ],
        },
        "Extensions": {
            "title": "Extensions",
            "description": "Data of declared extensions, one object per extension namespace.",
            "type": "object",
            "propertyNames": {"pattern": NAMESPACE_PATTERN},
            "additionalProperties": {"type": "object"},
        },
    }


_SCHEMA_KEY_SCHEMA: Final = {
    "description": "Where this document's JSON Schema is (a URI, or a path relative to the "
    "file), so that an editor checks the document and completes its codes. grprojects "
    "ignores it.",
    "type": "string",
}
"""The ``"$schema"`` member every document root may carry (:data:`~grprojects.model.SCHEMA_KEY`)."""


def document_def_name(cls: type) -> str:
    """The ``$defs`` name of a document root: ``Project`` → ``ProjectDocument``."""
    return f"{cls.__name__}Document"


def _document_schema(cls: type) -> dict[str, Any]:
    """A root class as a whole document: its fields, and ``"$schema"``.

    A class def cannot take ``"$schema"`` itself, since a project inside a dataset is no
    document root; each field refers to the class's own, so what changes one (an
    extension's schema) changes both.
    """
    table = fields_of(cls)
    own = f"#/$defs/{cls.__name__}/properties/"
    properties = {info.name: {"$ref": own + info.name} for info in table}
    schema: dict[str, Any] = {
        "title": document_def_name(cls),
        "description": f"{_description(cls)} As a document of its own, it may name its schema.",
        "type": "object",
        "properties": {SCHEMA_KEY: dict(_SCHEMA_KEY_SCHEMA), **properties},
    }
    required = [info.name for info in table if info.required]
    if required:
        schema["required"] = required
    schema["additionalProperties"] = False
    return schema


def code_def_name(codelist: str) -> str:
    """The ``$defs`` name of an open code list's codes: ``activity-kind`` → ``ActivityKindCode``."""
    return "".join(part.capitalize() for part in codelist.split("-")) + "Code"


def _open_codes_schema(codelist: CodeList) -> dict[str, Any]:
    """The codes of an open list, each described by its Swedish name, and room for others.

    The branch that takes anything comes first, so a validator that stops at the first
    branch that holds (most do) compares no code at all.
    """
    named = codelist.title.get("sv") or codelist.title.get("en") or codelist.id
    listed: list[dict[str, Any]] = []
    for code in codelist.codes:
        label = code.title.get("sv") or code.title.get("en")
        listed.append({"const": code.code, "description": label} if label else {"const": code.code})
    anything = (
        "Any code: the list is open. The branches after this one are its codes, for editors "
        "to offer; `grprojects validate` warns about a code it does not list (`code.unknown`)."
    )
    return {
        "title": code_def_name(codelist.id),
        "description": f"{named}: a code from the open code list `{codelist.id}`, or another.",
        "anyOf": [{"description": anything}, *listed],
    }


def _comment(info: FieldInfo) -> str | None:
    """What a schema reader should know that no standard keyword says: personal, a reference."""
    notes = []
    if info.personal:
        notes.append("Personal data: left out of public exports (grprojects convert --public).")
    if info.reference is not None:
        what = "each item is" if info.is_list else "the value is"
        notes.append(
            f"A reference: {what} the id of the {info.reference} it cites, in the dataset."
        )
    return " ".join(notes) or None


class SchemaBuilder:
    """Turns the model classes into ``$defs``, reading code lists for enums and completions."""

    def __init__(self, codelists: Mapping[str, CodeList]) -> None:
        self.codelists = codelists

    def defs(self) -> dict[str, Any]:
        """Every class of the model as a ``$defs`` mapping, the fixed value types and the
        codes of every open code list a field takes."""
        defs: dict[str, Any] = {}
        for cls in MODEL_CLASSES:
            if cls is Text:
                continue
            defs[cls.__name__] = self.class_schema(cls)
        for root in ROOTS.values():
            defs[document_def_name(root)] = _document_schema(root)
        defs.update(_fixed_defs())
        for name in self._open_codelists():
            defs[code_def_name(name)] = _open_codes_schema(self.codelists[name])
        return defs

    def _open_codelists(self) -> list[str]:
        """The open code lists the model's fields take, in order of first use."""
        used = (info.codelist for cls in MODEL_CLASSES for info in fields_of(cls))
        return [
            name
            for name in dict.fromkeys(u for u in used if u is not None)
            if name in self.codelists and not self.codelists[name].closed
        ]

    def class_schema(self, cls: type) -> dict[str, Any]:
        """The schema of one model class: its fields, required ones and no others."""
        table = fields_of(cls)
        properties = {info.name: self.field_schema(info) for info in table}
        schema: dict[str, Any] = {
            "title": cls.__name__,
            "description": _description(cls),
            "type": "object",
            "properties": properties,
        }
        required = [info.name for info in table if info.required]
        if required:
            schema["required"] = required
        schema["additionalProperties"] = False
        return schema

    def field_schema(self, info: FieldInfo) -> dict[str, Any]:
        """The schema of one field: its type with the field's constraints and notes."""
        schema: dict[str, Any] = {"description": info.doc}
        if info.is_list:
            schema.update(type="array", items=self.item_schema(info))
            if info.unique:
                schema["uniqueItems"] = True
        else:
            schema.update(self.item_schema(info))
        comment = _comment(info)
        if comment is not None:
            schema["$comment"] = comment
        return schema

    def item_schema(self, info: FieldInfo) -> dict[str, Any]:
        """The schema of the field's value, or of each item of a list; constraints go here."""
        shape = info.shape
        if shape is Shape.JSON:
            return {"$ref": "#/$defs/Extensions"}
        if shape in (Shape.MODEL, Shape.TEXT, Shape.DATE):
            return {"$ref": f"#/$defs/{info.item.__name__}"}
        if shape is Shape.ENUM:
            return {"type": "string", "enum": [m.value for m in info.item]}
        if shape is Shape.BOOLEAN:
            return {"type": "boolean"}
        if shape is Shape.INTEGER:
            schema: dict[str, Any] = {"type": "integer"}
            if info.minimum is not None:
                schema["minimum"] = info.minimum
            if info.maximum is not None:
                schema["maximum"] = info.maximum
            return schema
        if shape in (Shape.STRING, Shape.DECIMAL):
            return self._string_schema(info)
        raise TypeError(f"no schema for {info.owner.__name__}.{info.name} ({info.type!r})")

    def _string_schema(self, info: FieldInfo) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "string"}
        if info.pattern is not None:
            schema["pattern"] = info.pattern
        if info.max_length is not None:
            schema["maxLength"] = info.max_length
        if info.format is not None:
            schema["format"] = info.format
        if info.codelist is not None:
            codelist = self.codelists.get(info.codelist)
            if codelist is not None and codelist.closed:
                schema["enum"] = [c.code for c in codelist.codes]
            elif codelist is not None:
                schema["$ref"] = f"#/$defs/{code_def_name(info.codelist)}"
        return schema


def build_schema(name: str, codelists: Mapping[str, CodeList] | None = None) -> dict[str, Any]:
    """The published schema ``name`` (``dataset`` or ``project``), self-contained."""
    if name not in ROOTS:
        raise KeyError(f"no schema {name!r}; known: {', '.join(SCHEMA_NAMES)}")
    root = ROOTS[name]
    builder = SchemaBuilder(builtin_codelists() if codelists is None else codelists)
    return {
        "$schema": DRAFT,
        "$id": f"{BASE_URI}{name}.schema.json",
        "title": f"grprojects {name}",
        "description": _description(root),
        "$ref": f"#/$defs/{document_def_name(root)}",
        "$defs": builder.defs(),
    }


def frozen_schema_text(name: str, version: str) -> str:
    """The text of schema ``name`` of an earlier ``version``, exactly as it was published."""
    if version == SCHEMA_VERSION or version not in SCHEMA_VERSIONS:
        raise KeyError(f"no frozen schema version {version!r}; frozen: {', '.join(_frozen())}")
    folder = data_folder(__name__, __file__).joinpath("published", version)
    return folder.joinpath(f"{name}.schema.json").read_text("utf-8")


def _frozen() -> tuple[str, ...]:
    return tuple(v for v in SCHEMA_VERSIONS if v != SCHEMA_VERSION)


@functools.cache
def published_schema(name: str, version: str | None = None) -> Mapping[str, Any]:
    """The schema ``name`` of ``version`` (the current one by default); cached, do not mutate.

    The current ``dataset`` and ``project`` are generated from the model with the
    shipped code lists; earlier versions are their frozen published files. ``report``
    (the JSON validation report) is written by hand, shipped in ``grprojects/reporting``
    and versioned on its own.
    """
    if name == REPORT_SCHEMA:
        text = data_folder(__name__, __file__).joinpath("reporting", "report.schema.json")
        loaded: dict[str, Any] = json.loads(text.read_text("utf-8"))
        return loaded
    if name not in ROOTS:
        raise KeyError(f"no schema {name!r}; known: {', '.join(PUBLISHED)}")
    if version is None or version == SCHEMA_VERSION:
        return build_schema(name)
    frozen: dict[str, Any] = json.loads(frozen_schema_text(name, version))
    return frozen


@functools.cache
def published_digest(name: str, version: str | None = None) -> str:
    """The hash of :func:`published_schema` ``(name, version)``, worked out once a process:
    the caches on disk of the fast engine's schema and of the ``schema.*`` codes are keyed
    by it."""
    return _cache.digest(published_schema(name, version))


@functools.cache
def fields_in(version: str) -> frozenset[tuple[str, str]]:
    """The (class name, field name) of every model field the schemas of ``version`` have.

    A file written under an older version (a workbook's sheets and columns) lacks
    the fields added since; readers take those as absent rather than deleted.
    """
    definitions = published_schema("dataset", version)["$defs"]
    return frozenset(
        (name, field)
        for name, definition in definitions.items()
        for field in definition.get("properties", {})
    )


def schema_text(schema: Mapping[str, Any]) -> str:
    """The canonical text of a schema file: two-space indent, UTF-8, final newline."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def published_text(name: str, version: str) -> str:
    """The published text of schema ``name`` of ``version``: frozen, or generated now."""
    if version != SCHEMA_VERSION:
        return frozen_schema_text(name, version)
    return schema_text(published_schema(name))


def write_published(folder: Path) -> list[Path]:
    """Write every version's schemas into ``folder/<version>/``; return the paths written."""
    written = []
    for version in SCHEMA_VERSIONS:
        (folder / version).mkdir(parents=True, exist_ok=True)
        for name in published_names(version):
            path = folder / version / f"{name}.schema.json"
            path.write_text(published_text(name, version), encoding="utf-8")
            written.append(path)
    return written


def _type_label(prop: Mapping[str, Any], codelist: str | None) -> str:
    if prop.get("type") == "array":
        return f"list of {_type_label(prop['items'], codelist)}"
    if "enum" in prop:
        shown = ", ".join(f"`{v}`" for v in prop["enum"][:12])
        return f"one of {shown}" + (", …" if len(prop["enum"]) > 12 else "")
    if codelist is not None:
        return f"code from [`{codelist}`](codelists.md#{codelist})"
    if "$ref" in prop:
        name = prop["$ref"].rsplit("/", 1)[1]
        return f"[{name}](#{name.lower()})"
    return str(prop.get("type", "any"))


def reference_markdown() -> str:
    """The model reference page: one table of fields per class, from the dataset schema
    (types, requirements, descriptions) and the field table (personal data, code lists)."""
    table = {cls.__name__: {info.name: info for info in fields_of(cls)} for cls in MODEL_CLASSES}
    documents = {document_def_name(cls) for cls in ROOTS.values()}
    lines = [
        "# Model reference",
        "",
        "Generated from the model by `make schemas`; a test keeps it current.",
        "Fields marked 🔒 are personal data and are left out of public exports.",
        "A document's root object (a dataset, or a project read alone) may also carry",
        f"`{SCHEMA_KEY}`, a string naming its JSON Schema for editors, which grprojects ignores",
        "([Editors](editors.md)).",
        "",
    ]
    for name, definition in published_schema("dataset")["$defs"].items():
        if name in documents or ("anyOf" in definition and name != "PartialDate"):
            continue  # a root as a document, or an open list's codes: shown elsewhere
        lines += [f"## {name}", "", definition["description"], ""]
        properties = definition.get("properties")
        if not properties or name == "Text":
            continue
        required = set(definition.get("required", []))
        fields = table.get(name, {})
        lines += ["| field | type | required | description |", "| --- | --- | --- | --- |"]
        for key, prop in properties.items():
            info = fields.get(key)
            lock = " 🔒" if info is not None and info.personal else ""
            needed = "yes" if key in required else ""
            text = prop["description"].replace("|", "\\|")
            label = _type_label(prop, info.codelist if info is not None else None)
            lines.append(f"| `{key}`{lock} | {label} | {needed} | {text} |")
        lines.append("")
    return "\n".join(lines)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def codelists_markdown() -> str:
    """The code lists page: every shipped list with its codes and labels, from its file."""
    used_by: dict[str, list[str]] = {}
    for cls in MODEL_CLASSES:
        for info in fields_of(cls):
            if info.codelist is not None:
                used_by.setdefault(info.codelist, []).append(f"`{cls.__name__}.{info.name}`")
    lines = [
        "# Code lists",
        "",
        "Generated from the files in `src/grprojects/codelists/` by `make schemas`; a test",
        "keeps it current. A *closed* list is enforced by the schema: a value outside it is",
        "an error. An *open* list takes any value, and `grprojects validate` warns",
        "(`code.unknown`) about one it does not list; a plugin can add codes to it",
        "(`register_codes`).",
        "",
    ]
    for name, codelist in builtin_codelists().items():
        title = codelist.title.get("sv", name)
        english = codelist.title.get("en")
        lines += [f"## {name}", "", f"**{title}**" + (f" ({english})" if english else "") + "."]
        description = codelist.description.get("en") or codelist.description.get("sv")
        if description:
            lines[-1] += f" {description}"
        kind = "Closed" if codelist.closed else "Open"
        fields = ", ".join(used_by.get(name, [])) or "no model field (used by lookups)"
        lines += ["", f"{kind}; used by {fields}.", ""]
        source = codelist.source
        cited = f"[{source['title']}]({source['url']})" if source.get("url") else source["title"]
        lines += [f"Source: {cited}, {source.get('publisher', '')}, {source.get('date', '')}.", ""]
        lines += ["| code | svenska | English |", "| --- | --- | --- |"]
        for code in codelist.codes:
            sv, en = code.title.get("sv", ""), code.title.get("en", "")
            lines.append(f"| `{code.code}` | {_cell(sv)} | {_cell(en)} |")
        lines.append("")
    return "\n".join(lines)


def publish(root: Path) -> list[Path]:
    """Write the published schemas to ``root/schemas``, and the model reference and the
    code lists page to ``root/docs``."""
    written = write_published(root / "schemas")
    reference = root / "docs" / "reference.md"
    reference.write_text(reference_markdown(), encoding="utf-8")
    codes = root / "docs" / "codelists.md"
    codes.write_text(codelists_markdown(), encoding="utf-8")
    return [*written, reference, codes]
