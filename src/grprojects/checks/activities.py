"""Checks on activities: how they nest, and whether they fit their project's time."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Severity, pointer_of
from ..model import Activity, PartialDate, ProjectPeriod
from ..plugin_types import Check, CheckContext
from ._graph import cycles


def _cycles(context: CheckContext) -> Iterator[Diagnostic]:
    for p, project in enumerate(context.dataset.projects):
        part_of = {a.id: a.part_of for a in project.activities}  # a repeated id: the last one's
        on_cycle = cycles(part_of)
        for i, activity in enumerate(project.activities):
            cycle = on_cycle.get(activity.id)
            if cycle is not None and activity.part_of == part_of[activity.id]:
                yield PART_OF_CYCLE.diagnostic(
                    pointer_of(("projects", p, "activities", i, "part_of")),
                    f"the activity is part of itself: {cycle.chain(activity.id)}",
                )


def _ends(activity: Activity) -> tuple[PartialDate, PartialDate] | None:
    """The activity's first and last day as stated; one stated end stands for both."""
    if activity.period is None:
        return None
    start = activity.period.start or activity.period.end
    end = activity.period.end or activity.period.start
    if start is None or end is None:
        return None
    return start, end


def _certainly_outside(start: PartialDate, end: PartialDate, period: ProjectPeriod) -> bool:
    """Whether an activity from ``start`` to ``end`` certainly leaves ``period``."""
    return bool(
        (period.start is not None and start.is_before(period.start))
        or (period.end is not None and end.is_after(period.end))
    )


def _span(period: ProjectPeriod) -> str:
    return f"{period.status} {period.start or '?'}–{period.end or '?'}"


def _outside_period(context: CheckContext) -> Iterator[Diagnostic]:
    for p, project in enumerate(context.dataset.projects):
        periods = [q for q in project.periods if q.start is not None or q.end is not None]
        if not periods:
            continue
        for i, activity in enumerate(project.activities):
            ends = _ends(activity)
            if ends is None or not all(_certainly_outside(*ends, q) for q in periods):
                continue
            start, end = ends
            when = str(start) if start == end else f"{start}–{end}"
            yield OUTSIDE_PROJECT_PERIOD.diagnostic(
                pointer_of(("projects", p, "activities", i, "period")),
                f"the activity ({when}) falls outside every period of its project "
                f"({'; '.join(_span(q) for q in periods)})",
            )


PART_OF_CYCLE = Check(
    code="activity.part-of-cycle",
    severity=Severity.ERROR,
    category="activities",
    summary="An activity is, through `part_of`, a part of itself.",
    explanation=(
        "`part_of` nests activities: a local course group is part of a course series, "
        "which may be part of a larger programme. Following `part_of` from any activity "
        "must end at a top-level activity; a chain that comes back to where it started "
        "leaves no top and cannot be shown as a tree."
    ),
    failing_example='{"activities": [{"id": "kurs", "part_of": "grupp", …}, '
    '{"id": "grupp", "part_of": "kurs", …}]}',
    passing_example='{"activities": [{"id": "kurs", …}, {"id": "grupp", "part_of": "kurs", …}]}',
    run=_cycles,
)

OUTSIDE_PROJECT_PERIOD = Check(
    code="activity.outside-project-period",
    severity=Severity.ERROR,
    category="dates",
    summary="An activity certainly falls outside every period stated for its project.",
    explanation=(
        "Activities happen within their project. An activity is reported when it "
        "certainly starts before, or ends after, each of the project's periods (planned "
        "and actual, from every source). Precision counts: an activity in autumn 2019 "
        "(`2019-23`) is inside a project that runs until December 2019, and an activity "
        "dated only `2016` is not reported against a project that starts in April 2016, "
        "because it may well have been after April. Check the activity's dates or the "
        "project's period."
    ),
    failing_example='{"periods": [{"status": "actual", "start": "2018-09", "end": "2019-12"}], '
    '"activities": [{"id": "dag-4", "period": {"start": "2020-10-22", "end": "2020-10-22"}, …}]}',
    passing_example='{"periods": [{"status": "actual", "start": "2018-09", "end": "2019-12"}], '
    '"activities": [{"id": "dag-4", "period": {"start": "2019-10-22", "end": "2019-10-22"}, …}]}',
    run=_outside_period,
)

CHECKS = (PART_OF_CYCLE, OUTSIDE_PROJECT_PERIOD)
