"""Checks on provenance: claims citing sources, sources that disagree, sources unused.

Every claim may cite the sources that state it, and a claim inside a cited object
(a figure inside a cited activity) is covered by that citation. Two sources that
disagree are both kept; these checks point the disagreement out instead of
resolving it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ..diagnostics import Diagnostic, Severity, pointer_of
from ..model import Organisation, Person, Project
from ..plugin_types import Check, CheckContext
from ._walk import Path, child_fields, cited_ids, cited_in_projects, source_fields

_ENTITIES = (Organisation, Person)
"""Things that are cited rather than claimed: their ``sources`` only say who names them."""


def _cites(value: Any, names: tuple[str, ...]) -> bool:
    return any(getattr(value, name) for name in names)


def _outermost_unsourced(value: Any, path: Path) -> Iterator[tuple[Path, Any]]:
    """The outermost claims inside ``value`` that cite no source, with their paths.

    Only what says nothing of its own (a dataset, a place, an entity no source names)
    is looked into: inside a claim that cites a source everything is covered, and
    inside one that does not, the claim itself is what gets reported.
    """
    for name, is_list in child_fields(value.__class__):
        child = getattr(value, name)
        items = enumerate(child) if is_list else [] if child is None else [(None, child)]
        for index, item in items:
            at = (*path, name) if index is None else (*path, name, index)
            names = source_fields(item.__class__)
            if not names or (isinstance(item, _ENTITIES) and not _cites(item, names)):
                yield from _outermost_unsourced(item, at)
            elif not isinstance(item, _ENTITIES) and not _cites(item, names):
                yield at, item


def _unsourced(context: CheckContext) -> Iterator[Diagnostic]:
    for path, claim in _outermost_unsourced(context.dataset, ()):
        kind = type(claim).__name__.lower()
        yield NO_SOURCE.diagnostic(
            pointer_of(path), f"the {kind} cites no source, and nothing it is part of does"
        )


def _unused_sources(context: CheckContext) -> Iterator[Diagnostic]:
    used = cited_ids(context.dataset, "source")
    for s, source in enumerate(context.dataset.sources):
        if source.id not in used:
            yield UNUSED_SOURCE.diagnostic(
                f"/sources/{s}", f"the source {source.id!r} is cited by no claim"
            )


def _uncited_documents(context: CheckContext) -> Iterator[Diagnostic]:
    used = cited_in_projects(context.dataset, "document")
    for p, project in enumerate(context.dataset.projects):
        for d, document in enumerate(project.documents):
            if (p, document.id) not in used:
                yield UNCITED_DOCUMENT.diagnostic(
                    pointer_of(("projects", p, "documents", d)),
                    f"the document {document.id!r} belongs to no activity",
                )


def _is_municipality(organisation: Organisation | None) -> bool:
    return organisation is not None and (
        organisation.kind == "municipality" or organisation.municipality_code is not None
    )


def _municipalities_by_source(
    organisations: Mapping[str, Organisation], project: Project
) -> tuple[dict[str, set[str]], dict[str, int]]:
    """Per source, the municipalities it names as taking part; and the participation
    where each is first named."""
    named: dict[str, set[str]] = {}
    where: dict[str, int] = {}
    for i, participation in enumerate(project.participations):
        organisation = participation.organisation
        if organisation is None or not _is_municipality(organisations.get(organisation)):
            continue
        where.setdefault(organisation, i)
        for source in participation.sources:
            named.setdefault(source, set()).add(organisation)
    return {s: m for s, m in named.items() if len(m) >= 2}, where


def _all_agree(named: list[set[str]]) -> bool:
    """Whether every source names the same municipalities: then none is silent on one."""
    return all(municipalities == named[0] for municipalities in named)


def _disagreeing_municipalities(context: CheckContext) -> Iterator[Diagnostic]:
    dataset = context.dataset
    names = {o.id: o.name.sv for o in dataset.organisations}
    organisations = {o.id: o for o in dataset.organisations}
    for p, project in enumerate(dataset.projects):
        lists, where = _municipalities_by_source(organisations, project)
        if len(lists) < 2 or _all_agree(list(lists.values())):
            continue
        for municipality in sorted(set().union(*lists.values()), key=lambda m: where[m]):
            naming = sorted(s for s, named in lists.items() if municipality in named)
            silent = sorted(s for s, named in lists.items() if municipality not in named)
            if silent:
                yield DISAGREEING_MUNICIPALITIES.diagnostic(
                    pointer_of(("projects", p, "participations", where[municipality])),
                    f"{names.get(municipality, municipality)} takes part according to "
                    f"{', '.join(naming)} but not according to {', '.join(silent)}",
                )


NO_SOURCE = Check(
    code="provenance.no-source",
    severity=Severity.INFO,
    category="provenance",
    summary="A claim cites no source, and neither does anything it is part of.",
    explanation=(
        "Periods, participations, funding, sub-goals, activities, figures, results, "
        "documents, contacts and links are claims a source makes, and cite it in their "
        "`sources`. A claim inside a cited object is covered by that citation, so citing "
        "the project's page on the project covers everything the page says; more specific "
        "citations are only needed where sources differ. This reports the outermost "
        "claims that nothing covers."
    ),
    failing_example='{"projects": [{"id": "nya-grannar", "periods": [{"status": "actual", '
    '"start": "2016-04-01"}]}]}',
    passing_example='{"projects": [{"id": "nya-grannar", "sources": ["gr-2019"], "periods": '
    '[{"status": "actual", "start": "2016-04-01"}]}]}',
    run=_unsourced,
)

UNUSED_SOURCE = Check(
    code="source.unused",
    severity=Severity.INFO,
    category="provenance",
    summary="A listed source is cited by nothing.",
    explanation=(
        "Sources are listed so that claims can cite them. A source no claim cites may be "
        "left over from an edit, or the claims it supports may have lost their citations."
    ),
    failing_example='{"sources": [{"id": "gr-2016", …}, {"id": "gr-2019", …}], '
    '"projects": [{"sources": ["gr-2019"]}]}',
    passing_example='{"sources": [{"id": "gr-2016", …}, {"id": "gr-2019", …}], '
    '"projects": [{"sources": ["gr-2016", "gr-2019"]}]}',
    run=_unused_sources,
    needs_dataset=True,
)

UNCITED_DOCUMENT = Check(
    code="document.uncited",
    severity=Severity.INFO,
    category="provenance",
    summary="A project document belongs to none of the project's activities.",
    explanation=(
        "Activities cite their documents (an invitation, a summary) in `documents`. A "
        "document no activity cites is shown only at project level, which is right for a "
        "final report but often means a training day's invitation lost its link."
    ),
    failing_example='{"documents": [{"id": "inbjudan-2", …}], "activities": [{"id": "dag-2", …}]}',
    passing_example='{"documents": [{"id": "inbjudan-2", …}], "activities": [{"id": "dag-2", '
    '"documents": ["inbjudan-2"], …}]}',
    run=_uncited_documents,
)

DISAGREEING_MUNICIPALITIES = Check(
    code="source.disagreeing-municipalities",
    severity=Severity.WARNING,
    category="provenance",
    summary="Sources disagree on which municipalities take part in a project.",
    explanation=(
        "When two sources each list a project's municipalities, a municipality named by "
        "one and not the other is pointed out: the 2016 announcement of Nya GRannar names "
        "11 municipalities with Öckerö, the 2019 final report 10 without it. Both claims are "
        "kept, each citing its source; nothing is wrong with the data, but a reader should "
        "know. A source counts as a list when its citations name at least two "
        "municipalities in the project's participations (in any role)."
    ),
    failing_example='{"participations": [{"organisation": "goteborg", "sources": ["2016", '
    '"2019"]}, {"organisation": "molndal", "sources": ["2016", "2019"]}, {"organisation": '
    '"ockero", "sources": ["2016"]}]}',
    passing_example='{"participations": [{"organisation": "goteborg", "sources": ["2016", '
    '"2019"]}, {"organisation": "molndal", "sources": ["2016", "2019"]}, {"organisation": '
    '"ockero", "sources": ["2016", "2019"]}]}',
    run=_disagreeing_municipalities,
    needs_dataset=True,
)


def _editorial_without_note(context: CheckContext) -> Iterator[Diagnostic]:
    for s, source in enumerate(context.dataset.sources):
        if source.kind == "editorial" and source.note is None:
            yield EDITORIAL_WITHOUT_NOTE.diagnostic(
                f"/sources/{s}",
                f"the editorial source {source.id!r} has no note saying where it comes from",
            )


EDITORIAL_WITHOUT_NOTE = Check(
    code="source.editorial-without-note",
    severity=Severity.WARNING,
    category="provenance",
    summary="An editorial source does not say where the editor's knowledge comes from.",
    explanation=(
        "A fact no page or register states can cite the editor (`kind` `editorial`), said "
        "honestly: the source's `note` tells a reader where the knowledge comes from "
        '("GR\'s published member list") so that it can be checked.'
    ),
    failing_example='{"id": "gr-medlemmar", "kind": "editorial", "title": {"sv": "Medlemmar"}}',
    passing_example='{"id": "gr-medlemmar", "kind": "editorial", "title": {"sv": "Medlemmar"}, '
    '"note": {"sv": "GR:s publicerade medlemslista"}}',
    run=_editorial_without_note,
)

CHECKS = (
    NO_SOURCE,
    UNUSED_SOURCE,
    UNCITED_DOCUMENT,
    DISAGREEING_MUNICIPALITIES,
    EDITORIAL_WITHOUT_NOTE,
)
