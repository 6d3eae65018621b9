"""Who funds and who manages: one organisation record per EU fund and per Swedish managing
authority, the same from both banks.

Tillväxtverket's project bank and Kohesio name the same fund in two ways (``Eruf``,
``ERDF``). Giving it one record in both (the same id, names in Swedish and English, short
name and kind) is what lets ``grprojects merge`` see it is one funder: two organisations
with the same id and a name in common are one. The funds and their names come from the
shipped ``fund`` code list, read once: its titles give each fund's name with its
abbreviation in brackets (``Europeiska regionala utvecklingsfonden (Eruf)``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Final

import attrs

from grprojects.codelists import codelist
from grprojects.model import Organisation, Text

__all__ = [
    "MANAGING_AUTHORITIES",
    "Fund",
    "fund_id",
    "fund_of",
    "fund_organisation",
    "funds",
    "managing_authority",
]

_ABBREVIATION: Final = re.compile(r"\s*\(([^()]+)\)\s*$")
"""An abbreviation in brackets at the end of a code list title: ``… fonden (Eruf)``."""


@attrs.frozen
class Fund:
    """One EU fund of the ``fund`` code list, as an organisation names it."""

    code: str
    """Its code in the list (``erdf``), also the funding's ``fund``."""
    name: Text
    """Its name in Swedish, with the English as a translation, without abbreviations."""
    abbreviations: Mapping[str, str]
    """Language → the abbreviation the list gives (``sv``: ``Eruf``, ``en``: ``ERDF``)."""

    @property
    def short_name(self) -> str | None:
        """The Swedish abbreviation, else the English one (``Eruf``; ``JTF``)."""
        return self.abbreviations.get("sv") or self.abbreviations.get("en")

    def spellings(self) -> frozenset[str]:
        """Every way this fund is written that names it, case folded: code, abbreviations
        and names in both languages (``erdf``, ``eruf``, ``european regional …``)."""
        names = [self.name.sv, *self.name.translations.values()]
        written = [self.code, *self.abbreviations.values(), *names]
        return frozenset(" ".join(w.casefold().split()) for w in written)


def _fund(code: str, titles: Mapping[str, str]) -> Fund:
    names: dict[str, str] = {}
    abbreviations: dict[str, str] = {}
    for language, title in titles.items():
        found = _ABBREVIATION.search(title)
        names[language] = title[: found.start()] if found else title
        if found:
            abbreviations[language] = found[1].strip()
    sv = names.pop("sv", code)
    return Fund(code, Text(sv=sv, translations=names), MappingProxyType(abbreviations))


@functools.cache
def funds() -> Mapping[str, Fund]:
    """Every fund of the shipped ``fund`` code list, by code."""
    return MappingProxyType({e.code: _fund(e.code, e.title) for e in codelist("fund").codes})


@functools.cache
def _spellings() -> Mapping[str, str]:
    found: dict[str, str] = {}
    for fund in funds().values():
        for spelling in fund.spellings():
            found.setdefault(spelling, fund.code)
    return MappingProxyType(found)


def fund_of(written: str) -> str | None:
    """The code of the fund ``written`` names (``ERDF``, ``Eruf``, ``esf+``, a full name in
    Swedish or English), or ``None`` when the code list has no such fund."""
    return _spellings().get(" ".join(written.casefold().split()))


def fund_id(code: str) -> str:
    """The organisation id of the fund ``code`` (``erdf`` → ``fond-erdf``), in every import."""
    return f"fond-{code}"


def fund_organisation(code: str, sources: Sequence[str]) -> Organisation:
    """The fund ``code`` as an organisation of kind ``eu-fund``, citing ``sources``."""
    fund = funds()[code]
    return Organisation(
        id=fund_id(code),
        name=fund.name,
        kind="eu-fund",
        short_name=fund.short_name,
        sources=list(sources),
    )


MANAGING_AUTHORITIES: Final[Mapping[str, str]] = MappingProxyType(
    {"tillvaxtverket": "Tillväxtverket", "svenska-esf-radet": "Svenska ESF-rådet"}
)
"""The managing authorities (*förvaltande myndigheter*) of Sweden's programmes: id → name."""


def managing_authority(identity: str, sources: Sequence[str]) -> Organisation:
    """The managing authority ``identity`` (a key of :data:`MANAGING_AUTHORITIES`) as a
    state agency, citing ``sources``."""
    return Organisation(
        id=identity,
        name=Text(sv=MANAGING_AUTHORITIES[identity]),
        kind="state-agency",
        sources=list(sources),
    )
