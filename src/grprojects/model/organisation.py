"""Organisations: municipalities, their association, units, funders and everyone else.

Organisations nest (a unit has a parent) and belong to others (GR's member
municipalities). Identifiers carry their scheme, so a kommunkod is never mistaken
for an organisationsnummer.
"""

from __future__ import annotations

from typing import Any

from .absence import Absence, missing_field
from .fields import ID_PATTERN, INVISIBLE, Items, Model, field, model
from .provenance import URL_PATTERN, Statement
from .results import Figure
from .values import Text


@model
class Identifier(Model):
    """An official identifier of an organisation or project, in a named scheme."""

    scheme: str = field(
        "The identifier scheme: ``se-orgnr`` (organisationsnummer), ``se-kommunkod`` "
        "(SCB municipality code), ``se-lanskod`` (SCB county code), ``se-arendenummer`` "
        "(a managing authority's case number, *ärendenummer*, *ärende-id*), "
        "``se-diarienummer`` (a public body's registration number, *diarienummer*), "
        "``eu-kohesio`` (an operation's id in the Commission's Kohesio, ``Q7361953``).",
        codelist="identifier-scheme",
    )
    value: str = field(
        "The identifier as the scheme writes it (``212000-1355``, ``1480``).",
        pattern=rf"^[^{INVISIBLE}]+$",
    )
    issuer: str | None = field(
        "The organisation that issued the identifier (the managing authority of a case "
        "number, *förvaltande myndighet*).",
        default=None,
        reference="organisation",
    )
    sources: Items[str] = field(
        "The sources that give the identifier: a register, a code list, a page.",
        factory=tuple,
        reference="source",
        unique=True,
    )
    missing: Items[Absence] = missing_field()


@model
class Membership(Model):
    """That an organisation is a member of another (a municipality of GR)."""

    organisation: str = field("The organisation it is a member of.", reference="organisation")
    sources: Items[str] = field(
        "The sources that state the membership.", factory=tuple, reference="source", unique=True
    )
    missing: Items[Absence] = missing_field()


@model
class Organisation(Model):
    """A municipality, association, administration, unit, funder or other body."""

    id: str = field("The organisation's id within the dataset.", pattern=ID_PATTERN)
    name: Text = field("The organisation's name.")
    kind: str = field("What kind of organisation it is.", codelist="organisation-kind")
    short_name: str | None = field("A short name or acronym (``GR``).", default=None)
    alternative_names: Items[Text] = field(
        'Other names the sources use for it ("Göteborg" for Göteborgs Stad, "Mölndals stad"), '
        "uncited; since 1.1 ``other_names`` cites them.",
        factory=tuple,
    )
    descriptions: Items[Statement] = field(
        "What the organisation says it is and does, with the sources that say so.",
        factory=tuple,
    )
    figures: Items[Figure] = field(
        "Counts about the organisation: member municipalities, inhabitants.", factory=tuple
    )
    identifiers: Items[Identifier] = field("Official identifiers.", factory=tuple)
    parent: str | None = field(
        "The organisation this one is part of: a unit's administration or municipality.",
        default=None,
        reference="organisation",
    )
    memberships: Items[Membership] = field("Organisations it is a member of.", factory=tuple)
    country: str = field(
        "The country it is based in (ISO 3166-1 alpha-2).", default="SE", pattern=r"^[A-Z]{2}$"
    )
    url: str | None = field("The organisation's website.", default=None, pattern=URL_PATTERN)
    sources: Items[str] = field(
        "The sources that name the organisation.", factory=tuple, reference="source", unique=True
    )
    other_names: Items[Statement] = field(
        "Other names (*andra namn*) for it, each with the sources that use it.", factory=tuple
    )
    missing: Items[Absence] = missing_field()
    extensions: dict[str, Any] = field(
        "Data of declared extensions, keyed by extension namespace.", factory=dict
    )

    def identifier(self, scheme: str) -> str | None:
        """The organisation's identifier in ``scheme``, if it has one."""
        return next((i.value for i in self.identifiers if i.scheme == scheme), None)

    @property
    def municipality_code(self) -> str | None:
        """The SCB kommunkod, for a municipality that states it."""
        return self.identifier("se-kommunkod")
