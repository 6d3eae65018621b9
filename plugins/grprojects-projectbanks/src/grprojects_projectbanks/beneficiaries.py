"""A beneficiary as both banks make it: one organisation, its kind read from its name, and
a municipality's kommunkod as an identifier citing SCB's code list.

Tillväxtverket's project bank and Kohesio name the same beneficiaries; giving a
municipality the same identifier in both (``se-kommunkod``, read by
:func:`grprojects.lookups.municipality_of_organisation`) is what lets ``grprojects
merge`` see it is one organisation. The kommunkod cites :func:`code_list_source`, which
a dataset holding such a beneficiary lists among its sources.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Final

from grprojects.lookups import municipality_of_organisation
from grprojects.model import Identifier, Organisation, Source, Text

__all__ = ["CODE_LIST", "beneficiary", "beneficiary_kind", "cites_code_list", "code_list_source"]

CODE_LIST: Final = "scb-kommunkoder"
"""The id of SCB's code list, which a municipality beneficiary's kommunkod cites."""


def beneficiary_kind(name: str) -> str:
    """The organisation kind a beneficiary's name shows, ``other`` where it shows none."""
    words = name.casefold().split()
    last = words[-1] if words else ""
    if municipality_of_organisation(name) is not None:
        return "municipality"
    if words[:1] == ["region"] or last.endswith("regionen") or last == "landsting":
        return "region"
    if "kommunalförbund" in last or last == "samordningsförbund":
        return "municipal-association"
    if any(w.startswith(("universitet", "högskola")) or w.endswith("universitet") for w in words):
        return "university"
    if last in ("ab", "ab.", "aktiebolag") or words[:1] == ["ab"]:
        return "company"
    if last.endswith("stiftelse") or words[:1] == ["stiftelsen"]:
        return "foundation"
    if last.endswith("förening") and "ekonomisk" in words:
        return "economic-association"
    return "other"


def beneficiary(
    identity: str,
    name: str,
    sources: Sequence[str],
    identifiers: Iterable[Identifier] = (),
) -> Organisation:
    """The organisation of a beneficiary named ``name``: its kind from the name, and for a
    municipality its kommunkod, citing :data:`CODE_LIST`, after ``identifiers``."""
    municipality = municipality_of_organisation(name)
    found = list(identifiers)
    if municipality is not None:
        found.append(
            Identifier(scheme="se-kommunkod", value=municipality.code, sources=[CODE_LIST])
        )
    return Organisation(
        id=identity,
        name=Text(sv=name),
        kind=beneficiary_kind(name),
        identifiers=found,
        sources=list(sources),
    )


def cites_code_list(organisations: Iterable[Organisation]) -> bool:
    """Whether an identifier of ``organisations`` cites SCB's code list."""
    return any(CODE_LIST in i.sources for o in organisations for i in o.identifiers)


def code_list_source() -> Source:
    """SCB's list of municipality codes, as the source a beneficiary's kommunkod cites."""
    return Source(
        id=CODE_LIST,
        title=Text(sv="Län och kommuner i kodnummerordning"),
        kind="code-list",
        language="swe",
        note=Text(
            sv="Statistiska centralbyråns (SCB) kodlista över kommunkoder, som grprojects "
            "levererar som kodlistan municipality. Kommunkoden är läst ur stödmottagarens namn "
            "med grprojects.lookups.municipality_of_organisation."
        ),
    )
