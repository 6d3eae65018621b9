"""Checks on the area a project covers: its municipalities lie in its stated counties."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Severity, pointer_of
from ..model import Area
from ..plugin_types import Check, CheckContext
from ._walk import nodes_of


def _outside_county(context: CheckContext) -> Iterator[Diagnostic]:
    municipalities = context.codelists.get("municipality")
    if municipalities is None:
        return
    county_of = {c.code: c.extra.get("county") for c in municipalities.codes}
    for path, area in nodes_of(context.dataset, Area):
        if not area.counties:
            continue
        for index, code in enumerate(area.municipalities):
            county = county_of.get(code)
            if county is not None and county not in area.counties:
                name = municipalities.title_of(code)
                stated = ", ".join(area.counties)
                yield OUTSIDE_COUNTY.diagnostic(
                    f"{pointer_of(path)}/municipalities/{index}",
                    f"{name} ({code}) lies in county {county}, not in the stated {stated}",
                )


OUTSIDE_COUNTY = Check(
    code="area.municipality-outside-county",
    severity=Severity.WARNING,
    category="area",
    summary="An area's municipality lies outside the counties the same area states.",
    explanation=(
        "A register gives both the county (*län*) and the municipalities (*kommuner*) a "
        "project covers. SCB's code list says which county each municipality is in; a "
        'municipality in another county usually means a misread name ("Stenungssund" '
        "matched to the wrong code) or a county left out of the list."
    ),
    failing_example='{"areas": [{"municipalities": ["1384"], "counties": ["14"]}]}',
    passing_example='{"areas": [{"municipalities": ["1384"], "counties": ["13"]}]}',
    run=_outside_county,
)

CHECKS = (OUTSIDE_COUNTY,)
