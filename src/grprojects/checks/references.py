"""Checks that every id a document cites names something the document has."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Severity
from ..protocols import Check, CheckContext


def _unknown_organisations(context: CheckContext) -> Iterator[Diagnostic]:
    dataset = context.dataset
    known = {o.id for o in dataset.organisations}
    for p, project in enumerate(dataset.projects):
        for i, participation in enumerate(project.participations):
            if participation.organisation not in known:
                yield UNKNOWN_ORGANISATION.diagnostic(
                    f"/projects/{p}/participations/{i}/organisation",
                    f"no organisation {participation.organisation!r} in the dataset",
                )


UNKNOWN_ORGANISATION = Check(
    code="reference.unknown-organisation",
    severity=Severity.ERROR,
    category="references",
    summary="A project cites an organisation the dataset does not have.",
    explanation=(
        "Organisations are listed once under `organisations` and cited by id. "
        "An id that matches none of them is usually a typo or a missing organisation."
    ),
    failing_example='{"organisations": [{"id": "gr", …}], "projects": [{"participations": '
    '[{"organisation": "GR", "role": "owner"}]}]}',
    passing_example='{"organisations": [{"id": "gr", …}], "projects": [{"participations": '
    '[{"organisation": "gr", "role": "owner"}]}]}',
    run=_unknown_organisations,
)

CHECKS = (UNKNOWN_ORGANISATION,)
