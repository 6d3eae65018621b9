"""Look-alike strings: Unicode's confusable "skeleton" (UTS #39), from confusable-homoglyphs.

Two strings that look the same but are written with different characters (a
Cyrillic ``а`` for a Latin ``a``, a digit ``0`` for a letter ``O``) have the same
skeleton: every character replaced by the prototype Unicode's ``confusables.txt``
gives it, between two NFD decompositions (so that ``ӓ`` meets ``ä``).

The data comes through the public API of ``confusable-homoglyphs`` (the maintained
package django-registration relies on, which ships ``confusables.txt`` as data): for
a character that is not a prototype it names the one prototype; for a prototype, all
the characters that look like it. A pair of characters that are each other's only
look-alike is ordered by code point, so both sides of the pair meet.

Loading that data takes a fifth of a one-file check's time, so the prototypes of the
characters ids and most names are written in (Latin with its combining marks, general
punctuation) are kept in grprojects' cache on disk (:mod:`grprojects._cache`), keyed
by the package's version; the package is imported only for a character outside them.
"""

from __future__ import annotations

import functools
import os
import unicodedata
from pathlib import Path
from typing import Final

from .. import _cache

_MARKS = str.maketrans("", "", "\u200e\u200f")
"""The direction marks the package's data puts around right-to-left look-alikes."""

TABLED: Final = (range(0x0000, 0x0370), range(0x2000, 0x2070))
"""The characters whose prototypes are kept on disk: Basic Latin to the combining
diacritical marks (what NFD leaves of Swedish and most European text) and general
punctuation."""


def _look_alikes(char: str) -> list[str]:
    from confusable_homoglyphs import confusables  # its data: loaded only when needed

    found = confusables.is_confusable(char, greedy=True) or []
    return [h["c"].translate(_MARKS) for entry in found for h in entry["homoglyphs"]]


def computed_prototype(char: str) -> str:
    """``char``'s prototype worked out from the package's data."""
    alikes = _look_alikes(char)
    if len(alikes) != 1:
        return char  # a prototype (many look like it) or like nothing
    (alike,) = alikes
    if len(alike) == 1 and _look_alikes(alike) == [char]:
        return min(char, alike)  # each the other's only look-alike
    return alike


def computed_table() -> dict[str, str]:
    """The prototype of every tabled character that has one other than itself."""
    chars = (chr(point) for points in TABLED for point in points)
    return {char: proto for char in chars if (proto := computed_prototype(char)) != char}


@functools.cache
def table() -> dict[str, str]:
    """:func:`computed_table`, read from the cache on disk when it was worked out before."""
    import confusable_homoglyphs  # its version only: the package's data is not loaded

    key = {
        "package": str(confusable_homoglyphs.__version__),
        "data": os.environ.get("CONFUSABLE_DATA", ""),  # where the package reads its data
        "code": _cache.source_digest(Path(__file__)),
    }
    found: dict[str, str] = _cache.cached("confusable-prototypes", key, computed_table)
    return found


_FIRST_UNTABLED: Final = TABLED[0].stop


@functools.lru_cache(maxsize=4096)
def prototype(char: str) -> str:
    """What ``char`` looks like in Unicode's terms: its prototype, or itself."""
    point = ord(char)
    if point < _FIRST_UNTABLED or point in TABLED[1]:
        return table().get(char, char)
    return computed_prototype(char)


@functools.lru_cache(maxsize=4096)
def skeleton(text: str) -> str:
    """The UTS #39 skeleton of ``text``: equal for strings that look alike.

    Remembered for the last few thousand texts: each project's activities, people and
    groups are often named with the same ids as the last project's.
    """
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFD", "".join(map(prototype, decomposed)))
