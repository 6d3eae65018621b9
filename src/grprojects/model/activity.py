"""Activities: the training days, study visits, courses and meetings a project runs."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .absence import Absence, missing_field
from .fields import ID_PATTERN, Items, Model, field, model
from .people import Quote
from .results import Figure, FigureStatus
from .values import DECIMAL_PATTERN, Count, Period, Text


@model
class Place(Model):
    """Where an activity happens."""

    name: Text | None = field(
        'The place as the source names it ("Dortmund", "lokalt i deltagande kommuner").',
        default=None,
    )
    municipality: str | None = field(
        "The SCB municipality code, for a place in Sweden.",
        default=None,
        pattern=r"^[0-9]{4}$",
        codelist="municipality",
    )
    country: str = field("The country (ISO 3166-1 alpha-2).", default="SE", pattern=r"^[A-Z]{2}$")


@model
class Activity(Model):
    """Something a project does: a training day, study visit, course series, meeting."""

    id: str = field("The activity's id within the project.", pattern=ID_PATTERN)
    kind: str = field("What kind of activity it is.", codelist="activity-kind")
    title: Text = field("The activity's title.")
    description: Text | None = field("What the activity is and is for.", default=None)
    part_of: str | None = field(
        "The activity this one is a part of (a course's local groups are part of the course).",
        default=None,
        reference="activity",
    )
    goals: Items[int] = field(
        "The numbers of the sub-goals (delmål) the activity serves.",
        factory=tuple,
        reference="goal",
        unique=True,
    )
    period: Period | None = field(
        "When it takes place; a one-day activity has the same start and end.", default=None
    )
    place: Place | None = field("Where it takes place.", default=None)
    languages: Items[str] = field(
        "The languages it is given in (ISO 639-3).",
        factory=tuple,
        codelist="language",
        unique=True,
    )
    provider: str | None = field(
        "The organisation that gives or runs it (utförare).", default=None, reference="organisation"
    )
    people: Items[str] = field(
        "The people who lead or carry out the activity, such as its researcher. Personal data.",
        factory=tuple,
        reference="person",
        unique=True,
        personal=True,
    )
    host: str | None = field(
        "The organisation that hosts it, such as the city a study visit goes to.",
        default=None,
        reference="organisation",
    )
    audience: Items[str] = field(
        "The target groups it is for.", factory=tuple, reference="group", unique=True
    )
    audience_note: Text | None = field(
        "Who it is for, in the source's words, when no target group says it.", default=None
    )
    instances: Count | None = field(
        "How many times it is given (30 courses), when more than once.", default=None
    )
    instances_status: FigureStatus | None = field(
        "Whether ``instances`` is planned (*genomförs*), actual or only possible "
        '(*kan genomföras*: "10 av grupperna kan genomföras lokalt"); absent when not said.',
        default=None,
    )
    sessions: int | None = field(
        "How many sessions (träffar) each instance has.", default=None, minimum=1
    )
    hours_per_session: Decimal | None = field(
        'The length of each session in hours, as a decimal string (``"2.5"``).',
        default=None,
        pattern=DECIMAL_PATTERN,
    )
    on_request: bool = field(
        "Offered to be booked by each participant rather than held on fixed dates.", default=False
    )
    figures: Items[Figure] = field(
        "Counts about the activity: participants, municipalities per meeting, group sizes.",
        factory=tuple,
    )
    documents: Items[str] = field(
        "The project documents that belong to the activity.",
        factory=tuple,
        reference="document",
        unique=True,
    )
    quotes: Items[Quote] = field(
        "What named people said about it. Personal data.", factory=tuple, personal=True
    )
    sources: Items[str] = field(
        "The sources that describe the activity.", factory=tuple, reference="source", unique=True
    )
    missing: Items[Absence] = missing_field()
    extensions: dict[str, Any] = field(
        "Data of declared extensions, keyed by extension namespace.", factory=dict
    )
