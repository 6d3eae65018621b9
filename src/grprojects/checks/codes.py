"""The open code lists: values outside them are allowed, and pointed out.

Closed lists (roles, statuses, municipalities) are enums in the published schema,
so the schema layer rejects what they lack. Open lists (activity kinds, languages,
organisation kinds …) offer their codes in the schema but take any value: a new kind of
activity is not an error, but a misspelt one should be seen. The lists checked are
the ones in force, with every plugin's and extension's additions.
"""

from __future__ import annotations

import difflib
import operator
from collections.abc import Container, Iterable, Iterator
from itertools import chain
from typing import Any, Final

from ..codelists import CodeList
from ..diagnostics import Diagnostic, Severity, pointer_of
from ..plugin_types import Check, CheckContext
from ._walk import codelist_fields, nodes_by_class, value_of

OWN_CHECKS: Final = frozenset({"currency", "municipality", "county"})
"""Code lists with a check of their own (``funding.unknown-currency`` …)."""


def _unknown_codes(context: CheckContext) -> Iterator[Diagnostic]:
    for kind, group in nodes_by_class(context.dataset).items():
        for name, listed, is_list in codelist_fields(kind):
            codelist = context.codelists.get(listed)
            if codelist is None or codelist.closed or listed in OWN_CHECKS:
                continue
            known = codelist.values
            column = map(operator.attrgetter(name), map(value_of, group))
            if _all_known(chain.from_iterable(column) if is_list else column, known):
                continue  # a dataset states a few codes thousands of times: nothing to report
            for node_path, obj in group:
                value = getattr(obj, name)
                for at, code in enumerate(value) if is_list else [(None, value)]:
                    if code in known or not isinstance(code, str):
                        continue
                    path = (*node_path, name) if at is None else (*node_path, name, at)
                    nearest = _nearest(code, codelist)
                    message = f"{code!r} is not in the open code list {listed!r}; {nearest}"
                    yield UNKNOWN_CODE.diagnostic(pointer_of(path), message)


def _all_known(codes: Iterable[Any], known: Container[Any]) -> bool:
    """Whether each of ``codes`` is known or no string (what the check passes over)."""
    return all(code in known or not isinstance(code, str) for code in set(codes))


NEAREST: Final = 3
"""How many of the nearest codes an unknown code's message names."""

LISTED_WHOLE: Final = 8
"""A list this short is named whole when no code is near."""


def _nearest(value: str, codelist: CodeList) -> str:
    """The codes nearest ``value`` by code or Swedish or English label, to name in a message.

    ``utbildningsdag`` finds ``training-day`` by its Swedish label; a value near none
    gets the whole list when it is short, else where to read it.
    """
    wanted = value.strip().casefold()
    scores: dict[str, float] = {}
    for code in codelist.codes:
        for name in (code.code, code.title.get("sv", ""), code.title.get("en", "")):
            ratio = difflib.SequenceMatcher(None, wanted, name.casefold()).ratio()
            scores[code.code] = max(scores.get(code.code, 0.0), ratio)
    near = sorted((c for c, r in scores.items() if r >= 0.6), key=lambda c: (-scores[c], c))
    if near:
        named = ", ".join(_named(code, codelist) for code in near[:NEAREST])
        return f"the nearest codes: {named}"
    if len(codelist.codes) <= LISTED_WHOLE:
        return "its codes: " + ", ".join(_named(c.code, codelist) for c in codelist.codes)
    return f"none is near; the reference's code lists page lists its {len(codelist.codes)} codes"


def _named(code: str, codelist: CodeList) -> str:
    label = codelist.title_of(code)
    return f"{code!r} ({label})" if label and label != code else repr(code)


UNKNOWN_CODE = Check(
    code="code.unknown",
    severity=Severity.WARNING,
    category="codes",
    summary="A value of an open code list is not one of its codes.",
    explanation=(
        "Fields such as an activity's `kind`, a document's `kind` and languages take codes "
        "from open code lists (the schema offers their codes to editors). A value "
        "outside the list is allowed, because new kinds of things appear, but tools that "
        "group or translate by code will not know it. Use a listed code when one fits; "
        "otherwise a plugin can add the code to the list (`register_codes`), after which "
        "this warning goes away."
    ),
    failing_example='{"id": "dag-1", "kind": "utbildningsdag", "title": {"sv": "Länderkunskap"}}',
    passing_example='{"id": "dag-1", "kind": "training-day", "title": {"sv": "Länderkunskap"}}',
    run=_unknown_codes,
)

CHECKS = (UNKNOWN_CODE,)
