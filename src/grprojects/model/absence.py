"""Absent values: "the source says this is missing" is a fact; "not stated" is not.

A register writes ``UPPGIFT SAKNAS`` or ``NN`` where it lacks something; an export
writes ``0`` in a column nobody filled in. Leaving the field out would lose what the
source said. Every object that cites sources can instead list its absent fields in
``missing``, each with why it is absent, the source's wording and its sources.
"""

from __future__ import annotations

import enum
from typing import Any, Final

from .fields import Items, Model, model
from .fields import field as declared  # the class below has a field named ``field``
from .values import Text

FIELD_NAME_PATTERN: Final = r"^[a-z][a-z0-9_]*$"


class AbsenceReason(enum.StrEnum):
    """Why a value is absent."""

    STATED_MISSING = "stated-missing"
    """The source says the information is missing (*uppgift saknas*)."""
    UNKNOWN = "unknown"
    """The value exists but is not known here (*okänd*): a column never filled in."""


@model
class Absence(Model):
    """A field whose value a source states is missing, or that is unknown.

    On the wire, an entry of an object's ``missing`` list:
    ``{"field": "email", "reason": "stated-missing", "wording": {"sv": "UPPGIFT SAKNAS"},
    "sources": ["projektbanken"]}``. The named field itself is left out (or, for a
    list, empty). A field absent without an entry is simply not stated.
    """

    field: str = declared(
        "The name of the absent field of the object that lists it (``amount``, ``phones``).",
        pattern=FIELD_NAME_PATTERN,
    )
    reason: AbsenceReason = declared(
        "Why it is absent: ``stated-missing`` (*uppgift saknas*: the source says so) or "
        "``unknown`` (*okänd*: the value exists but is not known here).",
        default=AbsenceReason.STATED_MISSING,
    )
    wording: Text | None = declared(
        'The source\'s own words for the absence ("UPPGIFT SAKNAS", "NN", "0").', default=None
    )
    sources: Items[str] = declared(
        "The sources that say the value is missing.", factory=tuple, reference="source", unique=True
    )


def missing_field() -> Any:
    """The ``missing`` field every object that cites sources has."""
    return declared(
        "Fields whose value the sources state is missing (*uppgift saknas*) or that are "
        "unknown, each with the source's wording.",
        factory=tuple,
    )
