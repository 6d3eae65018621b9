"""Checks on dates, honest about precision.

Dates in the sources are days, months, seasons or years. "Våren 2016" stands for
every day from March to May 2016, so a period from spring 2016 to 15 April 2016 may
well be in order. These checks report only what is certainly wrong: an end that
falls before the start whichever days the partial dates turn out to be
(:meth:`~grprojects.PartialDate.is_before`).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from ..diagnostics import Diagnostic, Severity, pointer_of
from ..model import Period, ProjectPeriod, Source
from ..plugin_types import Check, CheckContext
from ._walk import nodes_of


def _reversed_periods(context: CheckContext) -> Iterator[Diagnostic]:
    dataset = context.dataset
    wrapped = ((path, value.period) for path, value in nodes_of(dataset, ProjectPeriod))
    for path, period in itertools.chain(wrapped, nodes_of(dataset, Period)):
        if period.is_reversed():
            yield END_BEFORE_START.diagnostic(
                f"{pointer_of(path)}/end",
                f"the period ends ({period.end}) before it starts ({period.start})",
            )


def _updated_before_published(context: CheckContext) -> Iterator[Diagnostic]:
    for path, source in nodes_of(context.dataset, Source):
        if source.published and source.updated and source.updated.is_before(source.published):
            yield UPDATED_BEFORE_PUBLISHED.diagnostic(
                f"{pointer_of(path)}/updated",
                f"the source says it was updated ({source.updated}) before it was "
                f"published ({source.published})",
            )


END_BEFORE_START = Check(
    code="period.end-before-start",
    severity=Severity.ERROR,
    category="dates",
    summary="A period certainly ends before it starts.",
    explanation=(
        "Project periods, activity periods and funding programme periods must not end "
        "before they start. Dates of month, season or year precision stand for every day "
        "they may be, so only an end that is before the start whichever days are meant is "
        "reported: a period from spring 2016 (`2016-21`) to 15 April 2016 is accepted, "
        "because 15 April is in spring. Usually the dates are swapped or a year is mistyped."
    ),
    failing_example='{"status": "planned", "start": "2016-06-01", "end": "2016-21"}',
    passing_example='{"status": "planned", "start": "2016-21", "end": "2018"}',
    run=_reversed_periods,
)

UPDATED_BEFORE_PUBLISHED = Check(
    code="source.updated-before-published",
    severity=Severity.ERROR,
    category="dates",
    summary="A source is said to have been updated before it was published.",
    explanation=(
        'A source\'s `updated` date (its "Senast uppdaterad") cannot be earlier than its '
        "`published` date. One of the two is mistyped, or belongs to another source."
    ),
    failing_example='{"id": "gr-2019", "published": "2019-02-21", "updated": "2019-01"}',
    passing_example='{"id": "gr-2019", "published": "2019-02", "updated": "2019-02-21"}',
    run=_updated_before_published,
)

CHECKS = (END_BEFORE_START, UPDATED_BEFORE_PUBLISHED)
