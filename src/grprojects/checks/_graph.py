"""Cycles among ids that each name at most one other (``parent``, ``part_of``), in linear time.

Each id leads to at most one next id, so following the links from every id in turn
and remembering which walk reached which id finds every cycle with each id visited
once: a walk that meets an id it has itself reached has closed a cycle; one that meets
an id an earlier walk reached stops there. A hundred thousand ids take milliseconds,
where walking the whole chain again from each id took hours.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

CHAIN_SHOWN: Final = 8
"""How many ids of a cycle a message lists before it leaves the rest out."""


class Cycle:
    """The ids of one cycle in link order; each member's place in it."""

    __slots__ = ("members", "place")

    def __init__(self, members: list[str]) -> None:
        self.members = members
        self.place = {member: index for index, member in enumerate(members)}

    def chain(self, start: str) -> str:
        """``a → b → c → a`` from ``start`` round to itself; a long cycle shortened with ``…``."""
        count, first = len(self.members), self.place[start]
        shown = [self.members[(first + i) % count] for i in range(min(count, CHAIN_SHOWN))]
        if count > CHAIN_SHOWN:
            return " → ".join([*shown, "…", start]) + f" ({count:,} in the cycle)"
        return " → ".join([*shown, start])


def cycles(following: Mapping[str, str | None]) -> dict[str, Cycle]:
    """The cycle each id lies on, for the ids on one, following ``following[id]`` (None: none).

    An id that leads nowhere known, or into a cycle without being on it, is left out.
    """
    walk_of: dict[str, int] = {}
    found: dict[str, Cycle] = {}
    for walk, start in enumerate(following):
        path: list[str] = []
        current: str | None = start
        while current is not None and current in following and current not in walk_of:
            walk_of[current] = walk
            path.append(current)
            current = following[current]
        if current is not None and walk_of.get(current) == walk:  # this walk closed a cycle
            cycle = Cycle(path[path.index(current) :])
            found.update(dict.fromkeys(cycle.members, cycle))
    return found
