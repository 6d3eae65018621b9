"""How long a spreadsheet cell may be, and a bound that rules out too long cells cheaply.

Validation asks of every list of ids, codes or numbers whether its one cell would be
too long (``cell.too-long``). Making each cell to find out costs more than the rest of
that check; this module bounds them all at once without the spreadsheet layout, so the
layout is consulted only where the bound cannot rule a cell out.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from itertools import chain
from typing import Any, Final

from ..codelists import builtin_codelists
from ..model.fields import LONGEST_TEXT

ESCAPE: Final = "'"
"""Put before text that would run as a formula; removed again on import."""
MAX_CELL_TEXT: Final = LONGEST_TEXT + len(ESCAPE)
"""The most characters Excel keeps in one cell (32,767): the longest text and the apostrophe
a text starting with one is written with."""
LABEL: Final = " – "
"""Between a code and its Swedish name in a spreadsheet cell: ``participant – deltagare``."""


def all_fit(lists: Iterable[Any]) -> bool:
    """Whether every one of ``lists`` (lists of ids, codes or numbers; empty ones and
    ``None`` pass) surely fits one cell, however its items are written; ``False`` for
    anything else."""
    present = list(filter(None, lists))
    if not {*map(type, present)} <= {tuple, list}:
        return False
    return fits(max(map(len, present), default=0), longest(chain(*present)))


def longest(items: Iterable[Any]) -> int:
    """The most characters of one of ``items`` written as text."""
    return max(map(len, map(str, items)), default=0)


def fits(items: int, longest: int) -> bool:
    """Whether the cell of ``items`` items of at most ``longest`` characters fits whatever
    they are (each character escaped in JSON, each item quoted and named)."""
    return items * (6 * longest + 4 + _longest_name()) + 2 <= MAX_CELL_TEXT


@functools.cache
def _longest_name() -> int:
    """The most characters a code's Swedish name adds to it in a cell."""
    lists = builtin_codelists().values()
    return max(
        (len(LABEL) + len(c.title.get("sv") or "") for cl in lists for c in cl.codes), default=0
    )
