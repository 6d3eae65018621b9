"""Every code a report can carry, documented: the layers' codes and the semantic checks.

``grprojects explain``, the SARIF rules and the checks reference in the docs all read
these, so a code is explained the same way wherever it shows up. The semantic
checks document themselves (:class:`~grprojects.plugin_types.Check`); the codes of the
parsing, schema and structuring layers are documented here.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Final

import attrs

from .. import _cache, distributions
from .._methods import shared_methods
from ..diagnostics import Severity
from ..extensions import EXPLANATIONS as EXTENSION_EXPLANATIONS
from ..model.fields import LONGEST_TEXT
from ..plugin_types import Check, DiagnosticCode
from ..runtime import Runtime
from ..schema import SCHEMA_DATA, SCHEMA_MAPS, published_digest, published_schema


@shared_methods
@attrs.frozen(eq=False, repr=False)
class Rule:
    """What a code means and how to mend what it reports."""

    code: str
    severity: Severity
    category: str
    summary: str
    explanation: str
    failing_example: str = ""
    passing_example: str = ""
    plugin: str = "grprojects"
    """The plugin that reports the code (``grprojects`` for the built-in ones)."""

    @classmethod
    def of(cls, check: Check, plugin: str = "grprojects") -> Rule:
        """The rule of a semantic check."""
        return cls(
            check.code,
            check.severity,
            check.category,
            check.summary,
            check.explanation,
            check.failing_example,
            check.passing_example,
            plugin,
        )

    @classmethod
    def of_code(cls, documented: DiagnosticCode, plugin: str = "grprojects") -> Rule:
        """The rule of a code an importer documents."""
        return cls(
            documented.code,
            documented.severity,
            documented.category,
            documented.summary,
            documented.explanation,
            documented.failing_example,
            documented.passing_example,
            plugin,
        )


def _layer(
    code: str, category: str, summary: str, explanation: str, bad: str = "", good: str = ""
) -> Rule:
    return Rule(code, Severity.ERROR, category, summary, explanation, bad, good)


LAYER_RULES: Final = (
    _layer(
        "file.unreadable",
        "files",
        "A file could not be read.",
        "The path does not exist, is a directory where a file was expected, is a directory "
        "that cannot be listed, or may not be read. The message gives the operating "
        "system's reason.",
    ),
    _layer(
        "file.encoding",
        "files",
        "A file is not UTF-8 text.",
        "Documents are UTF-8 (a byte-order mark is tolerated). Files saved as Latin-1 or "
        "Windows-1252, common for Swedish text from older tools, must be converted; so must "
        'files an editor saved as "Unicode" (UTF-16). The diagnostic gives the line and '
        "column of the first byte that is not UTF-8.",
    ),
    _layer(
        "file.too-large",
        "files",
        "A file is larger than the limit on one input.",
        "At most 1 GiB is read from one input (a file, a JSON Lines file, a device or a "
        "pipe); reading stops there, so `/dev/zero` or a runaway pipe cannot exhaust "
        "memory. Set the environment variable `GRPROJECTS_MAX_INPUT_BYTES` to a number of "
        "bytes to raise or lower the limit. A JSON Lines file keeps the findings of the "
        "lines before.",
    ),
    _layer(
        "json.syntax",
        "json",
        "The text is not JSON.",
        "The parser stopped at the line and column given: a missing or trailing comma, an "
        "unclosed string or bracket, single quotes, or a comment (JSON has none).",
        '{"id": "nya-grannar",}',
        '{"id": "nya-grannar"}',
    ),
    _layer(
        "json.duplicate-key",
        "json",
        "A key appears twice in one object.",
        "Most JSON readers keep the last value and silently drop the first; grprojects "
        "refuses to guess which one was meant.",
        '{"id": "a", "id": "b"}',
        '{"id": "a"}',
    ),
    _layer(
        "json.constant",
        "json",
        "NaN or Infinity appears in the text.",
        "They are not JSON, though some tools write them. State an unknown number by "
        "leaving the field out.",
        '{"value": NaN}',
        "{}",
    ),
    _layer(
        "json.number-too-large",
        "json",
        "A number is too large to read.",
        "Integers may have at most 4300 digits and other numbers must fit a 64-bit float; "
        "larger ones are refused rather than read as infinity.",
        '{"value": 1e400}',
        '{"value": 1900}',
    ),
    _layer(
        "json.too-deep",
        "json",
        "Arrays and objects nest too deeply.",
        "No grprojects document nests more than a few dozen levels; a document that nests "
        "hundreds deep is refused before it can exhaust the reader, at the line and column "
        "where it goes deepest. Extension data may nest at most 100 levels below its "
        "namespace, so that every writer and JSON tool can carry it; deeper data is "
        "refused at its place when read and by `dumps`.",
    ),
    _layer(
        "json.invalid",
        "json",
        "The text is not strict JSON.",
        "The reader refused the text for a reason the other `json.*` codes do not name; "
        "the message says which.",
    ),
    _layer(
        "schema.required",
        "schema",
        "A required key is missing.",
        "The published schema (`grprojects schema`) lists what every object must have: a "
        "project its `id` and `name`, a text its Swedish `sv`.",
        '{"id": "nya-grannar"}',
        '{"id": "nya-grannar", "name": {"sv": "Nya GRannar"}}',
    ),
    _layer(
        "schema.unknown-key",
        "schema",
        "An object has a key the schema does not know.",
        "Unknown keys are refused so that typos (`partcipations`) are not silently "
        "ignored. A plugin's own fields go under `extensions`, in the plugin's namespace.",
        '{"id": "a", "titel": {"sv": "…"}}',
        '{"id": "a", "title": {"sv": "…"}}',
    ),
    _layer(
        "schema.type",
        "schema",
        "A value has the wrong JSON type.",
        'Amounts and hours are strings of digits (`"12800000"`), counts are integers, '
        "texts are objects of language tag to string.",
        '{"amount": 12800000}',
        '{"amount": "12800000"}',
    ),
    _layer(
        "schema.code",
        "schema",
        "A value is not one of a closed code list's codes.",
        "Closed code lists (roles, statuses, municipality codes) are part of the schema. "
        "`grprojects schema` shows the allowed codes.",
        '{"role": "ägare"}',
        '{"role": "owner"}',
    ),
    _layer(
        "schema.pattern",
        "schema",
        "A string does not have the required form.",
        "Ids, dates, codes and addresses have fixed forms: an id has no spaces, control, "
        "bidirectional or zero-width characters, a season is `2016-21` (21 spring … 24 "
        "winter), an address starts with `https://`. Dates lie in the years 0001–9999 (so "
        "winter 9999, `9999-24`, which ends in 10000, is refused) and are written with the "
        "ASCII digits 0–9 only.",
        '{"start": "våren 2016"}',
        '{"start": "2016-21"}',
    ),
    _layer(
        "schema.format",
        "schema",
        "A string is not a valid date or e-mail address.",
        "Dates of day precision must exist in the calendar, e-mail addresses need an `@`.",
        '{"end": "2018-02-30"}',
        '{"end": "2018-02-28"}',
    ),
    _layer(
        "schema.minimum",
        "schema",
        "A number is below its minimum.",
        "Counts are zero or more; sub-goal numbers and session counts start at 1.",
        '{"value": -5}',
        '{"value": 5}',
    ),
    _layer(
        "schema.maximum",
        "schema",
        "A whole number is above its maximum.",
        "Whole numbers (counts, sub-goal numbers) go up to 2⁵³ − 1 (9,007,199,254,740,991) "
        "from schema 1.1 on: every JSON tool, JavaScript's included, and every format "
        "grprojects writes keep them exactly. A larger count is a typing error; a 1.0 "
        "document holding one stays valid as 1.0, but cannot be upgraded.",
        '{"value": 12000000000000000000}',
        '{"value": 12000}',
    ),
    _layer(
        "schema.too-long",
        "schema",
        "A string is longer than a spreadsheet cell holds.",
        f"Every string (each language of a text, a name, an id, an address, an amount) has at "
        f"most {LONGEST_TEXT:,} characters from schema 1.1 on, so that every format grprojects "
        f"writes carries it whole: an Excel cell holds {LONGEST_TEXT + 1:,}, and a text starting "
        "with an apostrophe is written with one more. A 1.0 document with a longer one stays "
        "valid as 1.0 (JSON, SQLite and ODS carry it, XLSX refuses it with "
        "`xlsx.cell-too-long`), but cannot be upgraded. Longer material belongs in a "
        "document the project links to.",
        '{"description": {"sv": "…40 000 tecken…"}}',
        '{"description": {"sv": "En sammanfattning"}, "documents": ["slutrapport"]}',
    ),
    _layer(
        "schema.duplicate-item",
        "schema",
        "A list that must hold distinct items repeats one.",
        "Lists of ids (`sources`, `languages`, `goals`) name each item once.",
        '{"sources": ["gr-2019", "gr-2019"]}',
        '{"sources": ["gr-2019"]}',
    ),
    _layer(
        "schema.key",
        "schema",
        "A key has a form the schema does not allow.",
        "Text translations are keyed by BCP 47 language tags (`en`, `ar`); extension data "
        "by reverse-domain namespaces (`se.goteborg.stad`).",
        '{"sv": "Nya GRannar", "English": "New Neighbours"}',
        '{"sv": "Nya GRannar", "en": "New Neighbours"}',
    ),
    _layer(
        "schema",
        "schema",
        "The document breaks the published schema.",
        "The code after `schema.` names the JSON Schema keyword that failed. "
        "`grprojects schema` prints the schema.",
    ),
    Rule(
        "version.newer-available",
        Severity.INFO,
        "schema",
        "The document follows an older schema version than the current one.",
        "It is still valid by its own version's rules, which stay published. "
        "`grprojects upgrade FILE` rewrites it as the current version without losing a "
        'value; see "Versions and upgrades" in the docs.',
        '{"version": "1.0"}',
        '{"version": "1.1"}',
    ),
    _layer(
        "model.structure",
        "model",
        "A value passed the schema but could not be read into the model.",
        "JSON Schema counts `5.0` and `1e-400` as integers; grprojects reads counts and "
        "other whole numbers only when written without a decimal point or exponent, rather "
        "than read `1e-400` as 0 without a word. Any other case points at a disagreement "
        "between the schema and the model, which is a bug in grprojects; please report it "
        "with the document.",
    ),
    _layer(
        "plugin.check-failed",
        "plugins",
        "A semantic check raised an error instead of reporting.",
        "The message names the check and the plugin it comes from. The other checks still "
        "ran; the exit code is 3, because the plugin, not the data, needs fixing.",
    ),
    _layer(
        "plugin.load-failed",
        "plugins",
        "An installed plugin could not be loaded, and plugins are strict.",
        "With `--strict-plugins` (or `GRPROJECTS_STRICT_PLUGINS=1`, or `strict-plugins` in "
        "`[tool.grprojects]`) a plugin that fails to import or breaks a hook's contract stops "
        "the run before any document is validated. The message names the plugin and its "
        "distribution; the report still says so, and the exit code is 3.",
    ),
    attrs.evolve(
        _layer(
            "plugin.left-out",
            "plugins",
            "An installed plugin is broken and was left out.",
            "A plugin that fails to import, names a hook that does not exist or breaks a "
            "hook's contract is fenced off, and the run goes on without it: its checks did "
            "not run. The message names the plugin and its distribution. This never changes "
            "the exit code; `--strict-plugins` makes it `plugin.load-failed`, exit code 3.",
        ),
        severity=Severity.WARNING,
    ),
    _layer(
        "internal.error",
        "plugins",
        "grprojects itself failed on a document.",
        "A bug, not a problem with the data: the other files were still validated, and the "
        "exit code is 3. Please report it with the document and the message.",
    ),
    *(
        _layer(code, "extensions", explanation.split(". ")[0].rstrip(".") + ".", explanation)
        for code, explanation in EXTENSION_EXPLANATIONS.items()
    ),
)
"""The codes of the layers before the semantic checks (``schema`` documents ``schema.*``)."""


_DESCENDING: Final = frozenset(
    {"$ref", "$dynamicRef", "allOf", "anyOf", "items", "prefixItems", "properties"}
    | {"patternProperties", "propertyNames", "dependentSchemas", "if", "then", "else"}
)
"""Keywords whose failures :mod:`grprojects.io` reports as the inner keyword's failure."""
_ANNOTATIONS: Final = frozenset({"title", "description", "$comment", "examples", "default"})


def _takes_anything(schema: Any) -> bool:
    """Whether ``schema`` constrains nothing (``true``, or annotations alone)."""
    return schema is True or (isinstance(schema, dict) and set(schema) <= _ANNOTATIONS)


def _keywords(schema: Any) -> Iterator[str]:
    """Every keyword used anywhere in ``schema`` (property names and data left out) that can
    fail: an ``anyOf`` with a branch that takes anything (an open code list) never does."""
    if isinstance(schema, list):
        for item in schema:
            yield from _keywords(item)
    elif isinstance(schema, dict):
        for key, value in schema.items():
            yield key
            if key == "anyOf" and isinstance(value, list) and any(map(_takes_anything, value)):
                continue
            if key in SCHEMA_MAPS and isinstance(value, dict):
                for member in value.values():
                    yield from _keywords(member)
            elif key not in SCHEMA_DATA and not key.startswith("x-"):
                yield from _keywords(value)


@functools.cache
def schema_codes() -> frozenset[str]:
    """The ``schema.*`` codes validation can report against the published schemas.

    :mod:`grprojects.io` names most failing keywords (``required`` → ``schema.required``)
    and any other one ``schema.<keyword>``; a mistyped code must not select nothing.
    Kept in grprojects' cache on disk, keyed by the schemas, jsonschema's version and the
    code that works them out: every ``validate`` lists them, and importing jsonschema to
    do it would cost a one-file check a fifth of its time.
    """
    names = ("dataset", "project")
    here = Path(__file__).resolve()
    key = {
        "schemas": " ".join(published_digest(name) for name in names),
        "jsonschema": str(distributions.version("jsonschema")),
        "code": _cache.source_digest(here)
        + _cache.source_digest(here.parents[1] / "schema_check.py"),
    }
    codes: list[str] = _cache.cached(
        "schema-codes", key, lambda: _schema_codes(published_schema(name) for name in names)
    )
    return frozenset(codes)


def _schema_codes(schemas: Iterable[Mapping[str, Any]]) -> list[str]:
    from .. import schema_check  # the schema machinery, which listing codes rarely needs

    # The table of keyword codes is exactly what the schema layer reports.
    named = schema_check.KEYWORD_CODES
    used = {k for schema in schemas for k in _keywords(schema)}
    generic = (used & set(schema_check.ReferenceValidator.VALIDATORS)) - set(named) - _DESCENDING
    return sorted(set(named.values()) | {f"schema.{keyword}" for keyword in generic})


def rules(runtime: Runtime) -> dict[str, Rule]:
    """Every documented code, by code: the layers', each check in force, then the codes
    the importers document (a code a check already documents keeps the check's text)."""
    found = {rule.code: rule for rule in LAYER_RULES}
    for code in sorted(schema_codes() - found.keys()):  # named after a keyword, not listed
        found[code] = attrs.evolve(found["schema"], code=code)
    for code, (plugin, check) in runtime.checks.items():
        found[code] = Rule.of(check, "grprojects" if runtime.is_builtin(plugin) else plugin)
    for plugin, importer in runtime.importer_plugins.values():
        owner = "grprojects" if runtime.is_builtin(plugin) else plugin
        for documented in importer.codes:
            found.setdefault(documented.code, Rule.of_code(documented, owner))
    return found


def rule_for(code: str, known: Mapping[str, Rule]) -> Rule | None:
    """The rule documenting ``code``; ``schema.*`` codes fall back to the general one."""
    if code in known:
        return known[code]
    family = code.split(".")[0]
    if family == "schema" and "schema" in known:
        return attrs.evolve(known["schema"], code=code)
    return None


def under_prefix(prefix: str, known: Iterable[str]) -> list[str]:
    """The codes a dotted prefix (``period`` or ``period.``) selects, other than itself."""
    stem = prefix.rstrip(".") + "."
    return sorted(code for code in known if code.startswith(stem))


def close_codes(code: str, known: Iterable[str]) -> list[str]:
    """Codes like ``code``: those it is a prefix of, else near misses (families included)."""
    names = sorted(known)
    prefixed = [n for n in names if n.startswith(code)]
    if prefixed:
        return prefixed[:10]
    families = sorted({n.split(".")[0] + "." for n in names})
    return difflib.get_close_matches(code, [*families, *names], n=5, cutoff=0.6)


CATEGORY_TITLES: Final = {
    "files": "Files",
    "json": "JSON",
    "schema": "Schema",
    "model": "Model",
    "plugins": "Plugins and internal errors",
    "extensions": "Extensions",
    "ids": "Ids",
}
"""Section titles of the checks reference, by category."""


DOCUMENTATION: Final = "https://w3id.org/grprojects/docs/"
"""Where the documentation is published (the docs/ folder, built by Sphinx)."""
CHECKS_PAGE: Final = "validation/checks.html"
"""The checks reference page, relative to :data:`DOCUMENTATION`."""


def _heading(rule: Rule) -> str:
    """The title of a rule's section in the checks reference."""
    return "schema.*" if rule.code == "schema" else rule.code


def anchor(heading: str) -> str:
    """The HTML id Sphinx gives a section titled ``heading`` (docutils' ``make_id``)."""
    return re.sub(r"[^a-z0-9]+", "-", heading.lower()).strip("-")


@functools.cache
def _documented() -> dict[str, str]:
    return {rule.code: _heading(rule) for rule in builtin_rules()}


def help_uri(rule: Rule) -> str | None:
    """The address of a built-in code's section of the checks reference (``schema.*``
    codes without their own section: the general one); plugins document their own."""
    if rule.plugin != "grprojects":
        return None
    heading = _documented().get(rule.code)
    if heading is None and rule.code.startswith("schema."):
        heading = _documented()["schema"]
    if heading is None:
        return None
    return f"{DOCUMENTATION}{CHECKS_PAGE}#{anchor(heading)}"


def reference_markdown(rules: Iterable[Rule]) -> str:
    """The checks reference page: each code with its severity, summary, explanation, examples."""
    lines = [
        "# Checks reference",
        "",
        "<!-- Generated by grprojects.reporting.rules.write_reference(); a test fails when "
        "it is out of date. -->",
        "",
        "Every code `grprojects validate` can report, by category. Run `grprojects explain "
        "CODE` for the same text in a terminal. Codes are stable: select or ignore them (or "
        "a dotted prefix such as `period.`) with `--select` and `--ignore`.",
        "",
    ]
    by_category: dict[str, list[Rule]] = {}
    for rule in rules:
        by_category.setdefault(rule.category, []).append(rule)
    for category, members in by_category.items():
        lines += [f"## {CATEGORY_TITLES.get(category, category.capitalize())}", ""]
        for rule in members:
            lines += [f"### `{_heading(rule)}`", "", f"**{rule.severity}** — {rule.summary}", ""]
            lines += [rule.explanation, ""]
            for label, example in (
                ("Reported", rule.failing_example),
                ("Accepted", rule.passing_example),
            ):
                if example:
                    lines += [f"{label}:", "", "```text", example, "```", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def builtin_rules() -> list[Rule]:
    """The layers' rules and the built-in checks, in the order the reference lists them."""
    from ..checks import CHECKS  # late: the checks package registers itself as a plugin

    return [*LAYER_RULES, *(Rule.of(check) for check in CHECKS)]


def write_reference(path: Path = Path("docs/validation/checks.md")) -> Path:
    """Write the checks reference page of the built-in codes (run from the repository root)."""
    path.write_text(reference_markdown(builtin_rules()), encoding="utf-8")
    return path
