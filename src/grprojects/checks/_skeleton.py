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
"""

from __future__ import annotations

import functools
import unicodedata

from confusable_homoglyphs import confusables

_MARKS = str.maketrans("", "", "\u200e\u200f")
"""The direction marks the package's data puts around right-to-left look-alikes."""


def _look_alikes(char: str) -> list[str]:
    found = confusables.is_confusable(char, greedy=True) or []
    return [h["c"].translate(_MARKS) for entry in found for h in entry["homoglyphs"]]


@functools.lru_cache(maxsize=4096)
def prototype(char: str) -> str:
    """What ``char`` looks like in Unicode's terms: its prototype, or itself."""
    alikes = _look_alikes(char)
    if len(alikes) != 1:
        return char  # a prototype (many look like it) or like nothing
    (alike,) = alikes
    if len(alike) == 1 and _look_alikes(alike) == [char]:
        return min(char, alike)  # each the other's only look-alike
    return alike


def skeleton(text: str) -> str:
    """The UTS #39 skeleton of ``text``: equal for strings that look alike."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFD", "".join(map(prototype, decomposed)))
