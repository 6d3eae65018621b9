"""The area a project covers: its municipalities and counties, apart from who takes part.

A project may cover five municipalities while one organisation runs it; counting
participants would answer "projects per municipality" wrongly. The area is what a
register's *kommuner* and *län* columns state, with the source's own spelling kept.
"""

from __future__ import annotations

from .absence import Absence, missing_field
from .fields import Items, Model, field, model
from .values import Text


@model
class Area(Model):
    """The area (*geografiskt område*) a project covers, as one source states it."""

    municipalities: Items[str] = field(
        "The municipalities (*kommuner*) the project covers, by SCB kommunkod.",
        factory=tuple,
        pattern=r"^[0-9]{4}$",
        codelist="municipality",
        unique=True,
    )
    counties: Items[str] = field(
        "The counties (*län*) the project covers, by SCB länskod.",
        factory=tuple,
        pattern=r"^[0-9]{2}$",
        codelist="county",
        unique=True,
    )
    regions: Items[str] = field(
        "The NUTS 3 regions the project covers (``SE232``), as Kohesio states them.",
        factory=tuple,
        pattern=r"^[A-Z]{2}[0-9A-Z]{1,3}$",
        codelist="nuts3",
        unique=True,
    )
    wording: Text | None = field(
        'The source\'s own words, spelling kept ("LillaEdet, Stenungssund,Tjörn").', default=None
    )
    unmatched: Items[str] = field(
        'Names in the source that match no municipality or county ("Okändby"), kept as written.',
        factory=tuple,
        unique=True,
    )
    sources: Items[str] = field(
        "The sources that state the area.", factory=tuple, reference="source", unique=True
    )
    missing: Items[Absence] = missing_field()
