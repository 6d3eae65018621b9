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
from grprojects.converter import MAX_FREE_DEPTH
from grprojects.model import SCHEMA_VERSION, Dataset, PartialDate, Project, Text
from grprojects.model.fields import (
    ID_PATTERN,
    LONGEST_TEXT,
    VISIBLE,
    FieldInfo,
    Shape,
    fields_of,
)
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

EDGE_DECIMALS = (
    "0.0000001",
    "9007199254740993",
    "2.50",
    "-0",
    "0.1",
    "1" + "0" * 400,
    "-0." + "0" * 40 + "1",
    "9" * 60 + "." + "9" * 60,
    "1" + "0" * (LONGEST_TEXT - 1),
)
"""Amounts a spreadsheet would change if written as numbers: tiny, past 2⁵³, 400 digits …,
and the longest, as many digits as a string may have."""
EDGE_INTEGERS = (0, 10**15, 2**53 - 3)
"""Counts a spreadsheet would change if written as numbers (16 digits, past 15), with each
field's own minimum and maximum (2⁵³ − 1)."""
EDGE_DATES = (
    "0001-01-01",
    "9999-12-31",
    "0001",
    "9999",
    "0001-01",
    "9999-12",
    "0001-21",
    "9998-24",
    "9999-23",
)
"""The first and last date of each precision; the last winter (9998 into 9999), the last
season of 9999."""
LONGEST_TEXTS = (
    ("Långt ärende, ΩΣ дом عربى " * LONGEST_TEXT)[:LONGEST_TEXT],
    "'" + "𝄞" * (LONGEST_TEXT - 1),
    ("rad\r\n_x0041_\x01" * LONGEST_TEXT)[:LONGEST_TEXT],
)
"""The longest texts (:data:`LONGEST_TEXT`): of three scripts, with an apostrophe in front
and characters beyond U+FFFF (past Excel's count in UTF-16 units), and with line ends and
control characters that XLSX escapes as seven characters each."""
SHORT_EDGE_TEXTS = (
    "\u202egnöv\u200b\u00ad\t\nr\u00e4d",
    "𝄞🇸🇪👩🏽‍🔬 日本語 ﷽",
    "x",
    "مشروع الجيران الجدد",
    "e\u0301\u0308 A\u030a",
    "=1+1",
    "'0031",
)
"""Bidi, zero-width and control characters; astral characters, flags and joiners; the
shortest; right-to-left; combining marks; what a spreadsheet would take for a formula or
a number."""
EDGE_TEXTS = LONGEST_TEXTS + SHORT_EDGE_TEXTS

edge_dates = st.sampled_from(EDGE_DATES).map(PartialDate.parse)
edge_texts = st.builds(
    Text,
    sv=st.sampled_from(EDGE_TEXTS),
    translations=st.dictionaries(st.just("en"), st.sampled_from(EDGE_TEXTS), max_size=1),
)


def nested(levels: int) -> dict[str, Any]:
    """Extension data of ``levels`` objects and arrays within each other."""
    value: Any = {"leaf": "å"}
    for level in range(levels - 1):
        value = [value] if level % 2 else {"n": value}
    return dict(value) if isinstance(value, dict) else {"n": value}


def _string(field: FieldInfo, edges: bool) -> st.SearchStrategy[str]:
    if field.codelist is not None and field.codelist in builtin_codelists():
        return st.sampled_from(sorted(builtin_codelists()[field.codelist].values))
    if field.format == "email":
        return st.emails()
    if field.pattern == ID_PATTERN and edges:  # the longest id, in letters of three scripts
        return st.from_regex(ID_PATTERN.replace("$", r"\Z"), fullmatch=True) | st.just(
            "åΩж" * 33 + "ö"
        )
    if field.pattern is not None and field.pattern.startswith("^"):
        return st.from_regex(field.pattern.replace("$", r"\Z"), fullmatch=True)
    if field.is_list:  # not the longest: a list of strings shares one spreadsheet cell
        return _words | st.sampled_from(SHORT_EDGE_TEXTS) if edges else _words
    return _words | st.sampled_from(EDGE_TEXTS) if edges else _words


def _item(field: FieldInfo, edges: bool) -> st.SearchStrategy[Any]:
    """Values of the field's item type, within its constraints (``edges``: extremes too)."""
    shape = field.shape
    if shape is Shape.MODEL:
        return models(field.item, edges=edges)
    if shape is Shape.JSON:
        return extensions | st.just({"ab.deep": nested(MAX_FREE_DEPTH)}) if edges else extensions
    if shape is Shape.TEXT:
        return texts | edge_texts if edges else texts
    if shape is Shape.DATE:
        return partial_dates | edge_dates if edges else partial_dates
    if shape is Shape.DECIMAL and field.pattern not in (None, DECIMAL_PATTERN):
        return st.from_regex(field.pattern.replace("$", r"\Z"), fullmatch=True).map(Decimal)
    if shape is Shape.DECIMAL:
        return decimals | st.sampled_from(EDGE_DECIMALS).map(Decimal) if edges else decimals
    if shape is Shape.BOOLEAN:
        return st.booleans()
    if shape is Shape.INTEGER:
        minimum = 0 if field.minimum is None else field.minimum
        small = st.integers(min_value=minimum, max_value=10**6)
        if not edges:
            return small
        extremes = [n for n in EDGE_INTEGERS if n >= minimum]
        return small | st.sampled_from([minimum, *extremes, field.maximum or 2**63 - 1])
    if shape is Shape.STRING:
        return _string(field, edges)
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
    """A strategy for the attrs model class ``cls``; ``edges`` adds extreme but valid values:
    the first and last dates, the largest counts, tiny and huge amounts, the longest texts
    and ids, the deepest extension data."""
    if cls is Text:
        return texts | edge_texts if edges else texts
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
