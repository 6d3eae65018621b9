"""Checks on dated status statements: a project said to run after its period ended."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Severity
from ..model import PartialDate, Project
from ..plugin_types import Check, CheckContext

RUNNING: frozenset[str] = frozenset({"ongoing"})
"""The statuses that say a project is running."""


def _last_end(project: Project) -> PartialDate | None:
    """The latest end any period of the project states, actual ones first."""
    for status in ("actual", "planned"):
        ends = [p.end for p in project.periods if p.status == status and p.end is not None]
        if ends:
            return max(ends, key=lambda end: end.sort_key)
    return None


def _running_after_end(context: CheckContext) -> Iterator[Diagnostic]:
    for p, project in enumerate(context.dataset.projects):
        end = _last_end(project)
        if end is None:
            continue
        for s, statement in enumerate(project.statuses):
            if statement.status in RUNNING and statement.as_of.is_after(end):
                yield RUNNING_AFTER_END.diagnostic(
                    f"/projects/{p}/statuses/{s}/as_of",
                    f"the project is said to be {statement.status} as of {statement.as_of}, "
                    f"after its period ended ({end})",
                )


RUNNING_AFTER_END = Check(
    code="status.running-after-end",
    severity=Severity.WARNING,
    category="dates",
    summary="A status statement says the project runs after its period has ended.",
    explanation=(
        "A status is true as of its date. A project still `ongoing` after the end of its "
        "period (the actual one when stated, else the planned one) means the period was "
        "extended without a new period statement, or the status was copied from an older "
        "page. The end counts as passed only when every day the dates may be says so."
    ),
    failing_example='{"periods": [{"status": "actual", "end": "2018-12-31"}], '
    '"statuses": [{"status": "ongoing", "as_of": "2019-02-21"}]}',
    passing_example='{"periods": [{"status": "actual", "end": "2018-12-31"}], '
    '"statuses": [{"status": "completed", "as_of": "2019-02-21"}]}',
    run=_running_after_end,
)

CHECKS = (RUNNING_AFTER_END,)
