"""Checks on ids: unique where they are cited from, spelt one way, and not look-alikes.

Ids may hold Swedish letters (``göteborgs-stad``), and "ö" can be written as one
code point or as "o" plus a combining diaeresis. The two look the same and differ
as strings, so uniqueness is judged after Unicode NFC normalisation, and ids not in
NFC are pointed out. Letters of other scripts that look like Latin ones (a Cyrillic
``а``) make ids and organisation names that look equal and are not: those are
found by their Unicode confusable skeletons.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any

import attrs

from ..diagnostics import Diagnostic, Severity, pointer_of
from ..model import Dataset
from ..plugin_types import Check, CheckContext
from ._skeleton import skeleton
from ._walk import nodes_by_class, per_dataset

_PROJECT_SCOPES: tuple[tuple[str, ...], ...] = (
    ("activities",),
    ("documents",),
    ("people",),
    ("target_groups", "beneficiaries"),
    ("indicators",),
    ("results",),
)
"""Per-project lists whose ids are cited together (audiences cite both kinds of group)."""


_Place = tuple[str | int, ...]


def _scopes(context: CheckContext) -> list[list[tuple[_Place, Any]]]:
    """Each group of objects whose ids must differ: (path, object) pairs."""
    return _scopes_of(context.dataset)


@per_dataset
def _scopes_of(dataset: Dataset) -> list[list[tuple[_Place, Any]]]:
    """:func:`_scopes`, found once for the checks that read them."""
    found: list[list[tuple[_Place, Any]]] = [
        [((key, i), item) for i, item in enumerate(getattr(dataset, key))]
        for key in ("organisations", "projects", "sources")
    ]
    for p, project in enumerate(dataset.projects):
        for keys in _PROJECT_SCOPES:
            found.append(
                [
                    (("projects", p, key, i), item)
                    for key in keys
                    for i, item in enumerate(getattr(project, key))
                ]
            )
    return found


def _duplicates(context: CheckContext) -> Iterator[Diagnostic]:
    normalize = unicodedata.normalize
    for scope in _scopes(context):
        seen: dict[str, tuple[_Place, str]] = {}
        for path, item in scope:
            normal = normalize("NFC", item.id)
            if normal not in seen:
                seen[normal] = (path, item.id)
                continue
            first, spelling = seen[normal]
            note = "" if spelling == item.id else " (the same after Unicode normalisation)"
            yield DUPLICATE.diagnostic(
                pointer_of((*path, "id")),
                f"the id {item.id!r} is already used at {pointer_of(first)}{note}",
            )


def _not_normalised(context: CheckContext) -> Iterator[Diagnostic]:
    for kind, group in nodes_by_class(context.dataset).items():
        if "id" not in attrs.fields_dict(kind):
            continue
        for path, obj in group:
            value = obj.id
            if isinstance(value, str) and not unicodedata.is_normalized("NFC", value):
                yield NOT_NFC.diagnostic(
                    f"{pointer_of(path)}/id",
                    f"the id {value!r} is not in Unicode NFC; write it as "
                    f"{unicodedata.normalize('NFC', value)!r}",
                )


def _differences(text: str, other: str) -> str:
    """The characters of ``text`` that ``other`` lacks, named (``'а' U+0430 CYRILLIC …``)."""
    chars = dict.fromkeys(c for c in unicodedata.normalize("NFC", text) if c not in other)
    return (
        ", ".join(f"{c!r} U+{ord(c):04X} {unicodedata.name(c, 'UNNAMED')}" for c in chars)
        or "characters that look alike"
    )


def _look_alikes(named: Iterable[tuple[_Place, str]], what: str) -> Iterator[Diagnostic]:
    """Each of ``named`` that looks like an earlier one without being the same text."""
    seen: dict[str, tuple[_Place, str]] = {}
    for path, text in named:
        normal = unicodedata.normalize("NFC", text)
        key = skeleton(normal)
        if key not in seen:
            seen[key] = (path, normal)
            continue
        first, other = seen[key]
        if other != normal:  # the same text is id.duplicate's, or not a problem for names
            yield CONFUSABLE.diagnostic(
                pointer_of(path),
                f"the {what} {text!r} looks like {other!r} at {pointer_of(first)} but is "
                f"written with other characters: {_differences(normal, other)}",
            )


def _confusables(context: CheckContext) -> Iterator[Diagnostic]:
    for scope in _scopes(context):
        yield from _look_alikes((((*path, "id"), item.id) for path, item in scope), "id")
    names = (
        (("organisations", o, "name", "sv"), organisation.name.sv)
        for o, organisation in enumerate(context.dataset.organisations)
    )
    yield from _look_alikes(names, "name")


DUPLICATE = Check(
    code="id.duplicate",
    severity=Severity.ERROR,
    category="ids",
    summary="Two objects cited from the same place share an id.",
    explanation=(
        "Organisations, projects and sources need ids unique in the dataset; a project's "
        "activities, documents, people, groups (target groups and beneficiaries together), "
        "indicators and results need ids unique in the project. A citation of a shared id "
        "cannot say which object it means. Ids are compared after Unicode NFC "
        "normalisation, so `göteborg` typed with a combining diaeresis is the same id as "
        "`göteborg` typed with `ö`."
    ),
    failing_example='{"organisations": [{"id": "partille", …}, {"id": "partille", …}]}',
    passing_example='{"organisations": [{"id": "partille", …}, {"id": "partille-utbf", …}]}',
    run=_duplicates,
)

NOT_NFC = Check(
    code="id.not-nfc",
    severity=Severity.WARNING,
    category="ids",
    summary="An id is not written in Unicode normalisation form C.",
    explanation=(
        "The same Swedish letter can be one code point (`ö`, U+00F6) or two (`o` followed "
        "by U+0308). Tools, file systems and URLs may change one into the other, after "
        "which citations stop matching. Write ids in NFC, the form almost every keyboard "
        "produces."
    ),
    failing_example='{"id": "o\\u0308ckero\\u0308"}',
    passing_example='{"id": "öckerö"}',
    run=_not_normalised,
)

CONFUSABLE = Check(
    code="id.confusable",
    severity=Severity.WARNING,
    category="ids",
    summary="An id or organisation name looks like another but is written with other characters.",
    explanation=(
        "Letters of other scripts can look exactly like Latin ones: the Cyrillic `а` "
        "(U+0430) and the Latin `a`, the digit `0` and the letter `O`. An organisation "
        "whose id or name differs from another's only by such a letter looks like the same "
        "organisation to every reader, while citations and exports treat it as another: "
        "by mistake (text pasted from elsewhere) or to pass off one organisation as "
        "another. Ids in the same scope and organisations' Swedish names are compared by "
        "their Unicode confusable skeletons (UTS #39); write them in one script."
    ),
    failing_example='{"organisations": [{"id": "goteborg", "name": {"sv": "Göteborgs Stad"}, '
    '…}, {"id": "g\\u043eteborg", "name": {"sv": "G\\u04e7teborgs Stad"}, …}]}',
    passing_example='{"organisations": [{"id": "goteborg", "name": {"sv": "Göteborgs Stad"}, '
    '…}, {"id": "molndal", "name": {"sv": "Mölndals stad"}, …}]}',
    run=_confusables,
)

CHECKS = (DUPLICATE, NOT_NFC, CONFUSABLE)
