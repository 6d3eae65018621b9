"""Hypothesis strategies for every model class, derived from the fields' metadata.

Each model class gets a strategy built from its field table, which the schema is
generated from too (patterns, code lists, minimums, uniqueness), so a new
field or class is generated as soon as it is declared. Generated objects are valid
against the published schema; they need not make sense together (references may
dangle), which is what round-trip and schema tests want.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import typing
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from grprojects.codelists import builtin_codelists
from grprojects.model import SCHEMA_VERSION, Dataset, PartialDate, Project, Text
from grprojects.model.fields import VISIBLE, FieldInfo, Shape, fields_of
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


def _string(field: FieldInfo) -> st.SearchStrategy[str]:
    if field.codelist is not None and field.codelist in builtin_codelists():
        return st.sampled_from(sorted(builtin_codelists()[field.codelist].values))
    if field.format == "email":
        return st.emails()
    if field.pattern is not None and field.pattern.startswith("^"):
        return st.from_regex(field.pattern.replace("$", r"\Z"), fullmatch=True)
    return _words


def _item(field: FieldInfo, edges: bool) -> st.SearchStrategy[Any]:
    """Values of the field's item type, within its constraints (``edges``: extremes too)."""
    shape = field.shape
    if shape is Shape.MODEL:
        return models(field.item, edges=edges)
    if shape is Shape.JSON:
        return extensions
    if shape is Shape.TEXT:
        return texts
    if shape is Shape.DATE:
        return partial_dates
    if shape is Shape.DECIMAL:
        return decimals | st.sampled_from(EDGE_DECIMALS).map(Decimal) if edges else decimals
    if shape is Shape.BOOLEAN:
        return st.booleans()
    if shape is Shape.INTEGER:
        minimum = 0 if field.minimum is None else field.minimum
        small = st.integers(min_value=minimum, max_value=10**6)
        return small | st.sampled_from(EDGE_INTEGERS) if edges else small
    if shape is Shape.STRING:
        return _string(field)
    if shape is Shape.ENUM:
        return st.sampled_from(list(field.item))
    raise TypeError(f"no strategy for {field.owner.__name__}.{field.name}")


def _for(field: FieldInfo, edges: bool) -> st.SearchStrategy[Any]:
    """Values of the field: its items, in a list or perhaps None as it allows."""
    if field.is_list:
        return st.lists(_item(field, edges), max_size=MAX_LIST, unique=field.unique)
    if field.optional:
        return st.none() | _item(field, edges)
    return _item(field, edges)


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
    fields = {f.name: _for(f, edges) for f in fields_of(cls)}
    if cls is Dataset:  # an older version's rules would refuse the newer fields generated
        fields["version"] = st.just(SCHEMA_VERSION)
    return st.builds(cls, **fields)


def datasets(*, edges: bool = False) -> st.SearchStrategy[Dataset]:
    """Whole datasets; ``edges`` adds counts and amounts that formats find hard to hold."""
    return typing.cast(st.SearchStrategy[Dataset], models(Dataset, edges=edges))


def projects() -> st.SearchStrategy[Project]:
    """Single projects."""
    return typing.cast(st.SearchStrategy[Project], models(Project))
