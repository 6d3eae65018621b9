"""The project leader's cells read apart: several people, a title, several phone numbers.

The export writes what a person typed: ``Anna Exempel / Per Prov``, ``Per Prov,
projektledare``, ``031-000 00 00, 070-000 00 02``, ``vx 031-000 00 03`` (a
switchboard). These functions split such cells and say where a split is a guess;
they never decide whose a number is.
"""

from __future__ import annotations

import re
from typing import Final

import attrs

from grprojects.model.people import PHONE_PATTERN

_PEOPLE: Final = re.compile(r"\s*(?:/|;|&|\n|\boch\b)\s*")
_PHONES: Final = re.compile(r"\s*(?:,|;|/|\n|\boch\b)\s*")
_EMAILS: Final = re.compile(r"[\s,;/]+")
_SWITCHBOARD: Final = re.compile(
    r"^(?:vx|vxl|växel|vaxel)\.?:?\s*|\s*\(?(?:vx|vxl|växel)\.?\)?$", re.I
)
_PHONE: Final = re.compile(PHONE_PATTERN)
_EMAIL: Final = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_NAME_WORD: Final = re.compile(r"^[A-ZÅÄÖÉÜ][\w'-]*$")


@attrs.frozen
class Named:
    """A person as a cell names them, with the title written after a comma."""

    name: str
    title: str | None = None


@attrs.frozen
class People:
    """The people a ``projektledare`` cell names, and whether the split was a guess."""

    people: tuple[Named, ...]
    guessed: bool = False
    """A comma was read as between two people (``Anna Exempel, Per Prov``), not before a title."""


def _looks_like_name(text: str) -> bool:
    words = text.split()
    return len(words) >= 2 and all(_NAME_WORD.match(w) for w in words)


def split_people(text: str) -> People:
    """The people named in ``text``: split at ``/``, ``;``, ``&``, ``och``; a comma
    before a title (``Per Prov, projektledare``) keeps one person, a comma between two
    names (``Anna Exempel, Per Prov``) is read as two people, a guess."""
    found: list[Named] = []
    guessed = False
    for part in _PEOPLE.split(text.strip()):
        if not part:
            continue
        name, _, rest = (p.strip() for p in part.partition(","))
        if not rest:
            found.append(Named(name))
        elif _looks_like_name(rest) and _looks_like_name(name):
            found += [Named(name), *(Named(p.strip()) for p in rest.split(",") if p.strip())]
            guessed = True
        else:
            found.append(Named(name, rest))
    return People(tuple(n for n in found if n.name), guessed)


@attrs.frozen
class ReadPhone:
    """One number of a ``telnr`` cell: as written, readable or not, a switchboard or not."""

    written: str
    number: str | None
    """The number without its switchboard marker; ``None`` when it is no phone number."""
    switchboard: bool = False


def split_phones(text: str) -> tuple[ReadPhone, ...]:
    """The numbers in ``text``, each with the switchboard marker (``vx``) read off."""
    found = []
    for part in _PHONES.split(text.strip()):
        if not part:
            continue
        bare = _SWITCHBOARD.sub("", part).strip()
        switchboard = bare != part.strip()
        number = " ".join(bare.split())
        found.append(ReadPhone(part, number if _PHONE.match(number) else None, switchboard))
    return tuple(found)


def split_emails(text: str) -> tuple[tuple[str, bool], ...]:
    """The addresses in ``text``, each with whether it is one."""
    return tuple((part, bool(_EMAIL.match(part))) for part in _EMAILS.split(text.strip()) if part)
