"""Code lists: the shipped lists of roles, kinds, statuses, municipalities and languages.

Each list is a JSON data file in ``grprojects/codelists/`` that names its source and
date. A *closed* list is enforced by the JSON Schema (an enum); an *open* list is
checked by the ``code.unknown`` semantic check, and plugins may add codes to either.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from typing import Any

import attrs

from ._methods import shared_methods
from ._package_data import data_folder


@shared_methods
@attrs.frozen(eq=False, repr=False)
class Code:
    """One code of a list, with its names."""

    code: str
    title: Mapping[str, str]
    extra: Mapping[str, Any] = attrs.field(factory=dict)
    """Further columns of the list, such as a municipality's ``county``."""


@shared_methods
@attrs.frozen(eq=False, repr=False)
class CodeList:
    """A named list of codes with where it comes from."""

    id: str
    title: Mapping[str, str]
    closed: bool
    source: Mapping[str, str]
    codes: tuple[Code, ...]
    description: Mapping[str, str] = attrs.field(factory=dict)

    def __contains__(self, code: object) -> bool:
        return code in self.values

    @functools.cached_property
    def values(self) -> frozenset[str]:
        """The codes alone."""
        return frozenset(c.code for c in self.codes)

    def title_of(self, code: str, language: str = "sv") -> str:
        """The name of ``code`` in ``language`` (Swedish when missing), or the code itself."""
        for entry in self.codes:
            if entry.code == code:
                return entry.title.get(language) or entry.title.get("sv") or code
        return code

    def with_codes(self, extra: list[Code]) -> CodeList:
        """This list with ``extra`` codes appended (those it lacks)."""
        new = tuple(c for c in extra if c.code not in self.values)
        return attrs.evolve(self, codes=self.codes + new)


def _read(name: str) -> CodeList:
    raw = json.loads(
        data_folder(__name__, __file__).joinpath("codelists", f"{name}.json").read_text("utf-8")
    )
    codes = tuple(
        Code(
            code=c["code"],
            title=c.get("title", {}),
            extra={k: v for k, v in c.items() if k not in {"code", "title"}},
        )
        for c in raw["codes"]
    )
    return CodeList(
        id=raw["id"],
        title=raw["title"],
        closed=raw["closed"],
        source=raw["source"],
        codes=codes,
        description=raw.get("description", {}),
    )


@functools.cache
def builtin_codelists() -> Mapping[str, CodeList]:
    """Every shipped code list, by id."""
    folder = data_folder(__name__, __file__).joinpath("codelists")
    names = sorted(p.name[: -len(".json")] for p in folder.iterdir() if p.name.endswith(".json"))
    return {name: _read(name) for name in names}


def codelist(name: str) -> CodeList:
    """The shipped code list ``name``; ``KeyError`` naming it when there is none."""
    try:
        return builtin_codelists()[name]
    except KeyError:
        raise KeyError(f"no code list {name!r}; known: {', '.join(builtin_codelists())}") from None
