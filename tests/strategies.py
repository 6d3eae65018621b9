"""Hypothesis strategies for every model class, derived from the fields' metadata.

Each attrs class gets a strategy built from its type hints and the same metadata
the schema is generated from (patterns, code lists, minimums, uniqueness), so a new
field or class is generated as soon as it is declared. Generated objects are valid
against the published schema; they need not make sense together (references may
dangle), which is what round-trip and schema tests want.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
import typing
from decimal import Decimal
from typing import Any

import attrs
from hypothesis import strategies as st

from grprojects.codelists import builtin_codelists
from grprojects.model import Dataset, PartialDate, Project, Text
from grprojects.model import fields as meta
from grprojects.model.fields import VISIBLE
from grprojects.model.values import DECIMAL_PATTERN, Season

MAX_LIST = 2

_words = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=12
).filter(lambda s: re.search(VISIBLE, s) is not None) | st.from_regex(r"\A_x[0-9A-Fa-f]{4}_\Z")
"""Free text: any printable Unicode, å ä ö and emoji included, never blank (as the schema's
white space has it), or an XLSX escape."""

texts: st.SearchStrategy[Text] = st.builds(
    Text,
    sv=_words,
    translations=st.dictionaries(
        st.sampled_from(["en", "ar", "fi", "so", "ti"]), _words, max_size=2
    ),
)

partial_dates: st.SearchStrategy[PartialDate] = st.one_of(
    st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)).map(PartialDate.of),
    st.builds(PartialDate, st.integers(1900, 2100), st.integers(1, 12)),
    st.builds(PartialDate, st.integers(1900, 2100), season=st.sampled_from(list(Season))),
    st.builds(PartialDate, st.integers(1900, 2100)),
)

decimals: st.SearchStrategy[Decimal] = st.from_regex(DECIMAL_PATTERN, fullmatch=True).map(Decimal)

EDGE_DECIMALS = ("0.0000001", "9007199254740993", "2.50", "-0", "0.1", "1" + "0" * 400)
"""Amounts a spreadsheet would change if written as numbers: tiny, past 2⁵³, 400 digits …"""
EDGE_INTEGERS = (2**53 + 1, 10**15, 10**400)
"""Counts a spreadsheet would change if written as numbers: past 2⁵³, 16 digits, 400 digits."""


def _string(metadata: typing.Mapping[str, Any]) -> st.SearchStrategy[str]:
    codelist = metadata.get(meta.CODELIST)
    if codelist is not None and codelist in builtin_codelists():
        return st.sampled_from(sorted(builtin_codelists()[codelist].values))
    if metadata.get(meta.FORMAT) == "email":
        return st.emails()
    pattern = metadata.get(meta.PATTERN)
    if pattern is not None and pattern.startswith("^"):
        return st.from_regex(pattern.replace("$", r"\Z"), fullmatch=True)
    return _words


def _for(hint: Any, metadata: typing.Mapping[str, Any], edges: bool) -> st.SearchStrategy[Any]:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, getattr(__import__("types"), "UnionType")):  # noqa: B009 - both union spellings
        (inner,) = [a for a in typing.get_args(hint) if a is not type(None)]
        return st.none() | _for(inner, metadata, edges)
    if origin is list:
        (item,) = typing.get_args(hint)
        unique = bool(metadata.get(meta.UNIQUE))
        return st.lists(_for(item, metadata, edges), max_size=MAX_LIST, unique=unique)
    if origin is dict:
        return extensions
    if hint is Text:
        return texts
    if hint is PartialDate:
        return partial_dates
    if hint is Decimal:
        return decimals | st.sampled_from(EDGE_DECIMALS).map(Decimal) if edges else decimals
    if hint is bool:
        return st.booleans()
    if hint is int:
        small = st.integers(min_value=metadata.get(meta.MINIMUM, 0), max_value=10**6)
        return small | st.sampled_from(EDGE_INTEGERS) if edges else small
    if hint is str:
        return _string(metadata)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return st.sampled_from(list(hint))
    if attrs.has(hint):
        return models(hint, edges=edges)
    raise TypeError(f"no strategy for {hint!r}")


_json_leaf = st.none() | st.booleans() | st.integers(-(10**6), 10**6) | _words
extensions: st.SearchStrategy[dict[str, Any]] = st.dictionaries(
    st.from_regex(r"[a-z]{2,5}\.[a-z]{2,8}", fullmatch=True),
    st.dictionaries(_words, _json_leaf | st.lists(_json_leaf, max_size=2), max_size=2),
    max_size=1,
)
"""Extension data: namespaced objects of plain JSON values, kept as they are."""


@functools.cache
def models(cls: Any, *, edges: bool = False) -> st.SearchStrategy[Any]:
    """A strategy for the attrs model class ``cls``; ``edges`` adds extreme counts and amounts."""
    if cls is Text:
        return texts
    hints = typing.get_type_hints(cls)
    fields = {f.name: _for(hints[f.name], f.metadata, edges) for f in attrs.fields(cls)}
    return st.builds(cls, **fields)


def datasets(*, edges: bool = False) -> st.SearchStrategy[Dataset]:
    """Whole datasets; ``edges`` adds counts and amounts that formats find hard to hold."""
    return typing.cast(st.SearchStrategy[Dataset], models(Dataset, edges=edges))


def projects() -> st.SearchStrategy[Project]:
    """Single projects."""
    return typing.cast(st.SearchStrategy[Project], models(Project))
