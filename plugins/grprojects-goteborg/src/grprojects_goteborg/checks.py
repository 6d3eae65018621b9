"""Göteborgs Stad's local checks on projects and their ``se.goteborg.stad`` data.

The city is the organisation with SCB municipality code 1480 (``se-kommunkod``);
its administrations and units are the organisations whose ``parent`` chain leads
to it. The format of a diary number is checked by the extension's schema pattern;
these checks look at what a pattern cannot see.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, Final

import attrs

from grprojects import Dataset, Diagnostic, Project, Severity
from grprojects.plugin_types import Check, CheckContext

GOTEBORG_KOMMUNKOD: Final = "1480"
"""Göteborg's municipality code in SCB's list of municipalities."""


def city_organisations(dataset: Dataset) -> tuple[frozenset[str], frozenset[str]]:
    """The ids of Göteborgs Stad itself, and of it with every unit under it."""
    city = frozenset(
        o.id for o in dataset.organisations if o.municipality_code == GOTEBORG_KOMMUNKOD
    )
    parents = {o.id: o.parent for o in dataset.organisations}
    family = set(city)
    for start in parents:
        seen: set[str] = set()
        current: str | None = start
        while current is not None and current not in seen and current not in family:
            seen.add(current)
            current = parents.get(current)
        if current in family:
            family |= seen
    return city, frozenset(family)


def _data(project: Project, namespace: str) -> dict[str, Any]:
    data = project.extensions.get(namespace)
    return data if isinstance(data, dict) else {}


def _latest_end_year(project: Project) -> int | None:
    ends = [p.end.latest.year for p in project.periods if p.end is not None]
    return max(ends) if ends else None


@attrs.frozen
class Rules:
    """The checks' logic, for data under ``namespace`` and diary numbers like ``pattern``."""

    namespace: str
    pattern: re.Pattern[str]

    def _diagnostic(self, code: str, pointer: str, message: str) -> Diagnostic:
        return Diagnostic(code, message, pointer, SEVERITIES[code])

    def missing(self, context: CheckContext) -> Iterator[Diagnostic]:
        """Projects the city takes part in without a diary number.

        Like every check here, it is declared with ``extension=namespace``: a dataset
        that never opted in to the city's fields (a regional one, say) is not held to
        the city's rules.
        """
        _, family = city_organisations(context.dataset)
        for i, project in enumerate(context.dataset.projects):
            taking_part = [p for p in project.participations if p.organisation in family]
            if taking_part and "diarienummer" not in _data(project, self.namespace):
                who = taking_part[0]
                yield self._diagnostic(
                    MISSING,
                    f"/projects/{i}",
                    f"{who.organisation!r} takes part ({who.role}) but the project has no "
                    f"diarienummer under extensions/{self.namespace}",
                )

    def year_after_end(self, context: CheckContext) -> Iterator[Diagnostic]:
        """Diary numbers from a year after their project ended."""
        if "year" not in self.pattern.groupindex:
            return
        for i, project in enumerate(context.dataset.projects):
            number = _data(project, self.namespace).get("diarienummer")
            match = self.pattern.match(number) if isinstance(number, str) else None
            end = _latest_end_year(project)
            if match is not None and end is not None and int(match["year"]) > end:
                yield self._diagnostic(
                    AFTER_END,
                    f"/projects/{i}/extensions/{self.namespace}/diarienummer",
                    f"the diarienummer {number!r} is from {match['year']}, after the project "
                    f"ended ({end})",
                )

    def _forvaltningar(self, dataset: Dataset) -> Iterator[tuple[str, str]]:
        for i, project in enumerate(dataset.projects):
            name = _data(project, self.namespace).get("forvaltning")
            if isinstance(name, str):
                yield f"/projects/{i}/extensions/{self.namespace}/forvaltning", name

    def forvaltning_unknown(self, context: CheckContext) -> Iterator[Diagnostic]:
        """Responsible administrations that are not organisations of the dataset."""
        known = {o.id for o in context.dataset.organisations}
        for pointer, name in self._forvaltningar(context.dataset):
            if name not in known:
                yield self._diagnostic(
                    FORVALTNING_UNKNOWN, pointer, f"no organisation {name!r} in the dataset"
                )

    def forvaltning_outside_city(self, context: CheckContext) -> Iterator[Diagnostic]:
        """Responsible administrations that are not part of the city."""
        known = {o.id for o in context.dataset.organisations}
        city, family = city_organisations(context.dataset)
        for pointer, name in self._forvaltningar(context.dataset):
            if name in known and (name in city or name not in family):
                yield self._diagnostic(
                    FORVALTNING_OUTSIDE_CITY,
                    pointer,
                    f"{name!r} is not an administration or unit of Göteborgs Stad",
                )


MISSING: Final = "goteborg.diarienummer-missing"
AFTER_END: Final = "goteborg.diarienummer-after-end"
FORVALTNING_UNKNOWN: Final = "goteborg.forvaltning-unknown"
FORVALTNING_OUTSIDE_CITY: Final = "goteborg.forvaltning-outside-city"
SEVERITIES: Final = {
    MISSING: Severity.WARNING,
    AFTER_END: Severity.WARNING,
    FORVALTNING_UNKNOWN: Severity.ERROR,
    FORVALTNING_OUTSIDE_CITY: Severity.WARNING,
}


def make_checks(namespace: str, pattern: re.Pattern[str]) -> list[Check]:
    """The checks, for data under ``namespace`` with diary numbers matching ``pattern``."""
    rules = Rules(namespace, pattern)
    data = f'"extensions": {{"{namespace}": '
    return [
        Check(
            code=MISSING,
            severity=SEVERITIES[MISSING],
            category="goteborg",
            summary="Göteborgs Stad takes part in a project that has no diarienummer.",
            explanation=(
                "Every project the city or one of its administrations takes part in is a "
                "case in the city's registry. Give its diary number as `diarienummer` under "
                f"`extensions/{namespace}`, and declare `{namespace}` in `uses_extensions`."
            ),
            failing_example='{"participations": [{"organisation": "göteborgs-stad", '
            '"role": "partner"}]}',
            passing_example='{"participations": [{"organisation": "göteborgs-stad", '
            f'"role": "partner"}}], {data}{{"diarienummer": "SRF 2018-01234"}}}}}}',
            extension=namespace,
            run=rules.missing,
        ),
        Check(
            code=AFTER_END,
            severity=SEVERITIES[AFTER_END],
            category="goteborg",
            summary="A project's diarienummer is from a year after the project ended.",
            explanation=(
                "A diary number carries the year its case was opened, which comes before "
                "the project ends. A later year usually means the number of another case."
            ),
            failing_example='{"periods": [{"status": "actual", "end": "2018-12-31"}], '
            f'{data}{{"diarienummer": "SRF 2020-00012"}}}}}}',
            passing_example='{"periods": [{"status": "actual", "end": "2018-12-31"}], '
            f'{data}{{"diarienummer": "SRF 2016-00012"}}}}}}',
            extension=namespace,
            run=rules.year_after_end,
        ),
        Check(
            code=FORVALTNING_UNKNOWN,
            severity=SEVERITIES[FORVALTNING_UNKNOWN],
            category="goteborg",
            summary="The responsible förvaltning is not an organisation of the dataset.",
            explanation="`forvaltning` cites an organisation by id; list it in `organisations`.",
            failing_example=f'{{{data}{{"forvaltning": "srf"}}}}}}',
            passing_example=f'{{{data}{{"forvaltning": "social-resursförvaltning"}}}}}}',
            extension=namespace,
            run=rules.forvaltning_unknown,
        ),
        Check(
            code=FORVALTNING_OUTSIDE_CITY,
            severity=SEVERITIES[FORVALTNING_OUTSIDE_CITY],
            category="goteborg",
            summary="The responsible förvaltning is not part of Göteborgs Stad.",
            explanation=(
                "The responsible administration must be one of the city's: an organisation "
                "whose `parent` chain leads to Göteborgs Stad (kommunkod 1480), not the "
                "city itself nor another body."
            ),
            failing_example=f'{{{data}{{"forvaltning": "gr"}}}}}}',
            passing_example=f'{{{data}{{"forvaltning": "social-resursförvaltning"}}}}}}',
            extension=namespace,
            run=rules.forvaltning_outside_city,
        ),
    ]
