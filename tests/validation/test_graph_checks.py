"""Checks that follow links between ids take linear time: a 100,000-long chain is quick."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grprojects.checks._graph import cycles
from grprojects.checks.activities import PART_OF_CYCLE
from grprojects.checks.goals import RESPONSIBLE_NOT_PARTICIPATING, _Family
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


def _walked_cycles(parent: dict[str, str | None]) -> dict[str, str]:
    """The former check, walking the whole chain from each id: its findings, by id."""
    found = {}
    for start, first in parent.items():
        seen, current = [start], first
        while current is not None and current in parent and current not in seen:
            seen.append(current)
            current = parent[current]
        if current == start:
            found[start] = " → ".join([*seen, current])
    return found


_IDS = st.sampled_from("abcdefgh")  # cycles no longer than CHAIN_SHOWN: shown whole


@settings(max_examples=200)
@given(st.dictionaries(_IDS, st.none() | _IDS | st.just("unknown"), max_size=8))
def test_cycles_are_what_walking_every_chain_finds(parent: dict[str, str | None]) -> None:
    """The one-pass search reports the ids (and chains) the quadratic walk reported."""
    found = {start: cycle.chain(start) for start, cycle in cycles(parent).items()}
    assert found == _walked_cycles(parent)


def _walked_relatives(parent: dict[str, str | None], organisation: str) -> set[str]:
    """The former check's family of one organisation: itself, its ancestors, descendants."""
    family, current = {organisation}, parent.get(organisation)
    while current is not None and current not in family:
        family.add(current)
        current = parent.get(current)
    pending = [organisation]
    while pending:
        here = pending.pop()
        for child in [c for c, p in parent.items() if p == here]:
            if child not in family:
                family.add(child)
                pending.append(child)
    return family


@settings(max_examples=200)
@given(
    st.dictionaries(_IDS, st.none() | _IDS | st.just("unknown"), max_size=8),
    st.sets(_IDS | st.just("unknown"), max_size=3),
    _IDS | st.just("unknown"),
)
def test_the_family_of_the_participants_is_what_each_goal_saw(
    parent: dict[str, str | None], taking_part: set[str], responsible: str
) -> None:
    """A responsible organisation is related to a participant exactly as the old walk said."""
    text = Text(sv="x")
    dataset = Dataset(
        version=SCHEMA_VERSION,
        title=text,
        publisher=Publisher(name=text),
        organisations=[
            Organisation(id=i, name=text, kind="municipality", parent=p) for i, p in parent.items()
        ],
    )
    related = _Family(dataset).around(taking_part)
    expected = bool(_walked_relatives(parent, responsible) & taking_part)
    assert (responsible in related) is expected
