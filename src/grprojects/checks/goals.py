"""Checks on sub-goals (delmål): numbered in order, each with a responsible participant."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Severity, pointer_of
from ..model import Dataset, Project
from ..plugin_types import Check, CheckContext


def _numbering(context: CheckContext) -> Iterator[Diagnostic]:
    for p, project in enumerate(context.dataset.projects):
        for i, goal in enumerate(project.goals):
            if goal.number != i + 1:
                yield NUMBERING.diagnostic(
                    pointer_of(("projects", p, "goals", i, "number")),
                    f"sub-goal {i + 1} in the list is numbered {goal.number}; "
                    "number sub-goals 1 to n in the order listed",
                )


class _Family:
    """Who belongs to whom among the dataset's organisations."""

    def __init__(self, dataset: Dataset) -> None:
        self.parent = {o.id: o.parent for o in dataset.organisations}
        self.children: dict[str, list[str]] = {}
        for child, parent in self.parent.items():
            if parent is not None:
                self.children.setdefault(parent, []).append(child)

    def around(self, organisations: set[str]) -> set[str]:
        """``organisations`` with all their ancestors and descendants.

        An organisation is among them exactly when one of ``organisations`` is itself,
        its ancestor or its descendant (an ancestor of one is what it descends from), so
        one call per project answers for all its sub-goals; each organisation is met at
        most twice, however long the chains.
        """
        ancestors: set[str] = set()
        for organisation in organisations:
            current: str | None = organisation
            while current is not None and current not in ancestors:
                ancestors.add(current)
                current = self.parent.get(current)
        descendants, pending = set(organisations), list(organisations)
        while pending:
            for child in self.children.get(pending.pop(), []):
                if child not in descendants:
                    descendants.add(child)
                    pending.append(child)
        return ancestors | descendants


def _taking_part(project: Project) -> set[str]:
    return {p.organisation for p in project.participations if p.organisation is not None}


def _responsible_outside(context: CheckContext) -> Iterator[Diagnostic]:
    family = _Family(context.dataset)
    for p, project in enumerate(context.dataset.projects):
        taking_part = _taking_part(project)
        outside = [
            (i, goal)
            for i, goal in enumerate(project.goals)
            if goal.responsible is not None and goal.responsible not in taking_part
        ]
        related = family.around(taking_part) if outside else set()
        for i, goal in outside:
            if goal.responsible in related:
                continue
            yield RESPONSIBLE_NOT_PARTICIPATING.diagnostic(
                pointer_of(("projects", p, "goals", i, "responsible")),
                f"{goal.responsible!r} is responsible for sub-goal {goal.number} but takes no "
                "part in the project: add its participation (or its administration's)",
            )


NUMBERING = Check(
    code="goal.numbering",
    severity=Severity.ERROR,
    category="goals",
    summary="Sub-goals are not numbered 1, 2, 3 … in the order listed.",
    explanation=(
        "Sources number a project's sub-goals (delmål) and cite them by number (\"Inom "
        'delmål 2 …"). Activities, indicators and contacts cite them by the same number, '
        "so the numbers must run from 1 without gaps or repeats, in the order the goals "
        "are listed."
    ),
    failing_example='{"goals": [{"number": 1, …}, {"number": 3, …}]}',
    passing_example='{"goals": [{"number": 1, …}, {"number": 2, …}]}',
    run=_numbering,
)

RESPONSIBLE_NOT_PARTICIPATING = Check(
    code="goal.responsible-not-participating",
    severity=Severity.ERROR,
    category="goals",
    summary="A sub-goal's responsible organisation does not take part in the project.",
    explanation=(
        'The organisation responsible for a sub-goal ("Ansvarig: Göteborgs Stad") takes '
        "part in the project, so it appears among the project's participations in some "
        "role: owner, partner, implementer … A unit counts as taking part when its "
        "administration does, and the other way round (Integrationscentrum and Göteborgs "
        "Stad). A responsible organisation missing from the participations usually means "
        "a participation was left out."
    ),
    failing_example='{"participations": [{"organisation": "gr", "role": "owner"}], '
    '"goals": [{"number": 1, "responsible": "goteborgs-stad", …}]}',
    passing_example='{"participations": [{"organisation": "gr", "role": "owner"}, '
    '{"organisation": "goteborgs-stad", "role": "partner"}], '
    '"goals": [{"number": 1, "responsible": "goteborgs-stad", …}]}',
    run=_responsible_outside,
    needs_dataset=True,
)

CHECKS = (NUMBERING, RESPONSIBLE_NOT_PARTICIPATING)
