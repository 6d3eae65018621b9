"""Checks on counts and figures, honest about qualifiers.

A count says how its number relates to the truth: "över 1900" is ``more-than 1900``,
"6-10 medarbetare" is ``between 6 and 10``. Comparisons use the bounds each statement
allows (:attr:`~grprojects.Count.lower_bound`, :attr:`~grprojects.Count.upper_bound`):
an actual count is above its plan only when its smallest possible value exceeds the
plan's largest, and "about" gives no bounds, so it is never compared.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations

import attrs

from ..diagnostics import Diagnostic, Severity, pointer_of
from ..model import Count, Dataset, Figure, FigureStatus, Qualifier
from ..plugin_types import Check, CheckContext
from ._walk import Node, nodes_by_class, nodes_of, per_dataset

_WORDS = {
    Qualifier.EXACTLY: "",
    Qualifier.ABOUT: "about ",
    Qualifier.AT_LEAST: "at least ",
    Qualifier.MORE_THAN: "more than ",
    Qualifier.AT_MOST: "at most ",
    Qualifier.FEWER_THAN: "fewer than ",
}


def describe(count: Count) -> str:
    """A count in words: ``more than 1900``, ``between 6 and 10``."""
    if count.qualifier is Qualifier.BETWEEN:
        return f"between {count.value} and {count.max if count.max is not None else '?'}"
    return f"{_WORDS[count.qualifier]}{count.value}"


def _between_without_max(context: CheckContext) -> Iterator[Diagnostic]:
    for path, count in nodes_of(context.dataset, Count):
        if count.qualifier is Qualifier.BETWEEN and count.max is None:
            yield BETWEEN_WITHOUT_MAX.diagnostic(
                pointer_of(path), f"'between' needs a max: between {count.value} and what?"
            )


def _max_below_value(context: CheckContext) -> Iterator[Diagnostic]:
    for path, count in nodes_of(context.dataset, Count):
        if count.max is not None and count.max < count.value:
            yield MAX_BELOW_VALUE.diagnostic(
                f"{pointer_of(path)}/max",
                f"the range ends ({count.max}) below where it starts ({count.value})",
            )


def _max_without_between(context: CheckContext) -> Iterator[Diagnostic]:
    for path, count in nodes_of(context.dataset, Count):
        if count.max is not None and count.qualifier is not Qualifier.BETWEEN:
            yield MAX_WITHOUT_BETWEEN.diagnostic(
                f"{pointer_of(path)}/max",
                f"a max is given, but the qualifier is {count.qualifier.value!r}, not 'between'",
            )


@per_dataset
def _like_figures(dataset: Dataset) -> list[tuple[Node, list[tuple[int, Figure]]]]:
    """Each object's figures, grouped so that only like is compared with like."""
    found = []
    for kind, group in nodes_by_class(dataset).items():
        if "figures" not in attrs.fields_dict(kind):
            continue
        for node in group:
            if len(node[1].figures) < 2:
                continue  # nothing to compare it with
            figures: dict[tuple[str, str], list[tuple[int, Figure]]] = {}
            for index, figure in enumerate(node[1].figures):
                figures.setdefault((figure.unit, figure.per), []).append((index, figure))
            found += [(node, like) for like in figures.values()]
    return found


def _figure_pointer(node: Node, index: int) -> str:
    return pointer_of((*node[0], "figures", index, "count"))


def _exceeds(first: Count, second: Count) -> bool:
    """Whether ``first`` is certainly larger than ``second``."""
    low, high = first.lower_bound, second.upper_bound
    return low is not None and high is not None and low > high


def _against_plan(context: CheckContext, check: Check, above: bool) -> Iterator[Diagnostic]:
    for node, group in _like_figures(context.dataset):
        planned = [(i, f) for i, f in group if f.status is FigureStatus.PLANNED]
        for index, actual in group:
            if actual.status is not FigureStatus.ACTUAL:
                continue
            for _, plan in planned:
                a, p = actual.count, plan.count
                if _exceeds(a, p) if above else _exceeds(p, a):
                    relation = "exceeds" if above else "falls short of"
                    yield check.diagnostic(
                        _figure_pointer(node, index),
                        f"the actual {describe(a)} {actual.unit} {relation} the planned "
                        f"{describe(p)}",
                    )


def _above_plan(context: CheckContext) -> Iterator[Diagnostic]:
    return _against_plan(context, ABOVE_PLAN, above=True)


def _below_plan(context: CheckContext) -> Iterator[Diagnostic]:
    return _against_plan(context, BELOW_PLAN, above=False)


def _contradictions(context: CheckContext) -> Iterator[Diagnostic]:
    for node, group in _like_figures(context.dataset):
        for (i, first), (j, second) in combinations(group, 2):
            if first.status is not second.status:
                continue
            if _exceeds(first.count, second.count) or _exceeds(second.count, first.count):
                yield CONTRADICTION.diagnostic(
                    _figure_pointer(node, j),
                    f"{second.status} {describe(second.count)} {second.unit} cannot be true "
                    f"together with {describe(first.count)} at "
                    f"{_figure_pointer(node, i)}",
                )


BETWEEN_WITHOUT_MAX = Check(
    code="count.between-without-max",
    severity=Severity.ERROR,
    category="counts",
    summary="A count is 'between' two numbers but gives only one.",
    explanation=(
        '"6-10 medarbetare" is written `{"value": 6, "qualifier": "between", "max": '
        '10}`. Without `max`, the range has no upper end and says no more than "at least"; '
        "give the upper number, or use `at-least`."
    ),
    failing_example='{"value": 6, "qualifier": "between"}',
    passing_example='{"value": 6, "qualifier": "between", "max": 10}',
    run=_between_without_max,
)

MAX_BELOW_VALUE = Check(
    code="count.max-below-value",
    severity=Severity.ERROR,
    category="counts",
    summary="A 'between' range ends below where it starts.",
    explanation=(
        "In a `between` count, `value` is the lower number and `max` the upper one, so "
        "`max` is at least `value`. The numbers are probably swapped."
    ),
    failing_example='{"value": 10, "qualifier": "between", "max": 6}',
    passing_example='{"value": 6, "qualifier": "between", "max": 10}',
    run=_max_below_value,
)

MAX_WITHOUT_BETWEEN = Check(
    code="count.max-without-between",
    severity=Severity.ERROR,
    category="counts",
    summary="A count gives a max without the 'between' qualifier.",
    explanation=(
        "`max` is the upper number of a `between` range and means nothing with any other "
        "qualifier. Either the qualifier should be `between`, or `max` should go."
    ),
    failing_example='{"value": 3, "qualifier": "about", "max": 4}',
    passing_example='{"value": 3, "qualifier": "between", "max": 4}',
    run=_max_without_between,
)

ABOVE_PLAN = Check(
    code="figure.actual-above-plan",
    severity=Severity.INFO,
    category="counts",
    summary="An actual count is certainly above the planned one.",
    explanation=(
        "Indicators and activities keep planned and actual figures side by side. This "
        'points out where the outcome certainly exceeded the plan ("Totalt omfattas 1100 '
        'personer", then "över 1900 personer deltog"), which is worth reporting. Only '
        "figures of the same unit and scope are compared, and only when the qualifiers "
        'allow certainty: "more than 1900" exceeds "1100", "about 1900" does not.'
    ),
    failing_example='{"figures": [{"status": "planned", "count": {"value": 1100}}, '
    '{"status": "actual", "count": {"value": 1900, "qualifier": "more-than"}}]}',
    passing_example='{"figures": [{"status": "planned", "count": {"value": 1100}}, '
    '{"status": "actual", "count": {"value": 1100, "qualifier": "about"}}]}',
    run=_above_plan,
)

BELOW_PLAN = Check(
    code="figure.actual-below-plan",
    severity=Severity.INFO,
    category="counts",
    summary="An actual count is certainly below the planned one.",
    explanation=(
        "The counterpart of `figure.actual-above-plan`: the outcome certainly fell short "
        "of the plan, for example 30 courses planned and fewer than 20 given. Same unit and "
        "scope only, and only when the qualifiers allow certainty."
    ),
    failing_example='{"figures": [{"status": "planned", "count": {"value": 30}, "unit": '
    '"courses"}, {"status": "actual", "count": {"value": 20, "qualifier": "fewer-than"}, '
    '"unit": "courses"}]}',
    passing_example='{"figures": [{"status": "planned", "count": {"value": 30}, "unit": '
    '"courses"}, {"status": "actual", "count": {"value": 30}, "unit": "courses"}]}',
    run=_below_plan,
)

CONTRADICTION = Check(
    code="figure.contradiction",
    severity=Severity.WARNING,
    category="counts",
    summary="Two figures of the same kind cannot both be true.",
    explanation=(
        "Sources may give different figures for the same thing, and both are kept with "
        'their sources. "Över 1900" and "fler än 1700" agree (both can be true); '
        '"1900" and "fewer than 1700" cannot. Such a pair is shown so that a person can '
        "look at the sources; keep both figures, each citing its source, and say which one "
        "you trust in its `wording` if you know."
    ),
    failing_example='{"figures": [{"status": "actual", "count": {"value": 1900}}, '
    '{"status": "actual", "count": {"value": 1700, "qualifier": "fewer-than"}}]}',
    passing_example='{"figures": [{"status": "actual", "count": {"value": 1900, "qualifier": '
    '"more-than"}}, {"status": "actual", "count": {"value": 1700, "qualifier": "more-than"}}]}',
    run=_contradictions,
)

CHECKS = (
    BETWEEN_WITHOUT_MAX,
    MAX_BELOW_VALUE,
    MAX_WITHOUT_BETWEEN,
    ABOVE_PLAN,
    BELOW_PLAN,
    CONTRADICTION,
)
