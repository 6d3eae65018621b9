"""Checks that follow links between ids take linear time: a 100,000-long chain is quick."""

from __future__ import annotations

import time

import pytest

from grprojects.checks.activities import PART_OF_CYCLE
from grprojects.checks.goals import RESPONSIBLE_NOT_PARTICIPATING
from grprojects.checks.organisations import PARENT_CYCLE
from grprojects.codelists import builtin_codelists
from grprojects.diagnostics import Diagnostic
from grprojects.model import (
    SCHEMA_VERSION,
    Activity,
    Dataset,
    Goal,
    Organisation,
    Participation,
    Project,
    Publisher,
    Text,
)
from grprojects.plugin_types import Check, CheckContext

LENGTH = 100_000
SECONDS = 10.0
"""Far above what the linear checks take (0.1–0.7 s on an idle 2-core machine, up to 2 s on a
loaded one), far below what the cubic ones took (186 s for a 5,000-long chain)."""


@pytest.fixture(scope="module")
def chains() -> dict[str, Dataset]:
    """LENGTH organisations linked by ``parent`` and activities by ``part_of``: chained, and
    the same with the last one's link closing a cycle."""
    text = Text(sv="x")
    organisations = [
        Organisation(id=f"o{i}", name=text, kind="municipality", parent=f"o{i + 1}")
        for i in range(LENGTH - 1)
    ]
    activities = [
        Activity(id=f"a{i}", kind="training", title=text, part_of=f"a{i + 1}")
        for i in range(LENGTH - 1)
    ]
    top = f"o{LENGTH - 1}"
    goals = [  # responsible all along the chain, the chain's top taking part
        Goal(number=n + 1, description=text, responsible=f"o{n * 997}") for n in range(100)
    ]

    def dataset(last: str | None) -> Dataset:
        project = Project(
            id="p",
            name=text,
            activities=[
                *activities,
                Activity(id="a" + top[1:], kind="training", title=text, part_of=last and "a0"),
            ],
            goals=goals,
            participations=[Participation(role="owner", organisation=top)],
        )
        return Dataset(
            version=SCHEMA_VERSION,
            title=text,
            publisher=Publisher(name=text),
            organisations=[
                *organisations,
                Organisation(id=top, name=text, kind="municipality", parent=last),
            ],
            projects=[project],
        )

    return {"chain": dataset(None), "cycle": dataset("o0")}


def _timed(check: Check, dataset: Dataset) -> tuple[list[Diagnostic], float]:
    context = CheckContext(dataset=dataset, codelists=builtin_codelists())
    start = time.perf_counter()
    found = list(check.run(context))
    return found, time.perf_counter() - start


@pytest.mark.parametrize("shape", ["chain", "cycle"])
def test_organisation_checks_are_linear_in_the_chain(
    chains: dict[str, Dataset], shape: str
) -> None:
    """parent-cycle and the responsible check finish in seconds on 100,000 nested organisations."""
    cycle = shape == "cycle"
    dataset = chains[shape]
    found, seconds = _timed(PARENT_CYCLE, dataset)
    assert seconds < SECONDS
    assert len(found) == (LENGTH if cycle else 0)
    if cycle:
        assert found[5].pointer == "/organisations/5/parent"
        assert found[5].message == (
            "the organisation is its own ancestor: "
            "o5 → o6 → o7 → o8 → o9 → o10 → o11 → o12 → … → o5 (100,000 in the cycle)"
        )
    found, seconds = _timed(RESPONSIBLE_NOT_PARTICIPATING, dataset)
    assert seconds < SECONDS
    assert found == []  # every responsible descends from the top, which takes part


@pytest.mark.parametrize("shape", ["chain", "cycle"])
def test_part_of_cycle_is_linear_in_the_chain(chains: dict[str, Dataset], shape: str) -> None:
    """part-of-cycle finishes in seconds on 100,000 nested activities, each cycle member once."""
    cycle = shape == "cycle"
    found, seconds = _timed(PART_OF_CYCLE, chains[shape])
    assert seconds < SECONDS
    assert len(found) == (LENGTH if cycle else 0)
    if cycle:
        assert found[-1].pointer == f"/projects/0/activities/{LENGTH - 1}/part_of"
        assert found[-1].message.startswith("the activity is part of itself: a99999 → a0 → a1")
