"""Checks on links between projects: each names another project somehow."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Severity, pointer_of
from ..plugin_types import Check, CheckContext


def _self_links(context: CheckContext) -> Iterator[Diagnostic]:
    for p, project in enumerate(context.dataset.projects):
        for i, link in enumerate(project.links):
            if link.project == project.id:
                yield SELF_LINK.diagnostic(
                    pointer_of(("projects", p, "links", i, "project")),
                    f"the project links to itself ({link.relation})",
                )


def _unidentified(context: CheckContext) -> Iterator[Diagnostic]:
    for p, project in enumerate(context.dataset.projects):
        for i, link in enumerate(project.links):
            if link.project is None and link.title is None and link.url is None:
                yield UNIDENTIFIED.diagnostic(
                    pointer_of(("projects", p, "links", i)),
                    f"the link ({link.relation}) names no project: give a project id, "
                    "or a title and url",
                )


SELF_LINK = Check(
    code="link.self",
    severity=Severity.ERROR,
    category="links",
    summary="A project links to itself.",
    explanation=(
        "Links relate a project to another one: the project it follows, the programme it "
        "is part of. A link to the project's own id is usually a copied id that should "
        "have been changed."
    ),
    failing_example='{"id": "foraldrastod", "links": [{"relation": "follows", "project": '
    '"foraldrastod"}]}',
    passing_example='{"id": "foraldrastod", "links": [{"relation": "follows", "project": '
    '"nya-grannar"}]}',
    run=_self_links,
)

UNIDENTIFIED = Check(
    code="link.unidentified",
    severity=Severity.ERROR,
    category="links",
    summary="A link names no project: no id, no title, no address.",
    explanation=(
        "A link gives the other project's id when it is in the dataset, and otherwise its "
        'title and, when known, its address ("I spåren av Plug In …"). With none of '
        "them, the relation says nothing."
    ),
    failing_example='{"links": [{"relation": "follows"}]}',
    passing_example='{"links": [{"relation": "follows", "title": {"sv": "Plug In"}}]}',
    run=_unidentified,
)

CHECKS = (SELF_LINK, UNIDENTIFIED)
