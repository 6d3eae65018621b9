"""Figures, indicators and results: what a project planned and what it achieved.

A figure is one sourced count statement, planned or actual. Two sources that
give different figures for the same indicator are two figures, both kept.
"""

from __future__ import annotations

import enum

from .absence import Absence, missing_field
from .fields import ID_PATTERN, Items, Model, field, model
from .values import Count, Text


class FigureStatus(enum.StrEnum):
    """Whether a figure is a plan, an outcome, or only a possibility."""

    PLANNED = "planned"
    ACTUAL = "actual"
    POSSIBLE = "possible"
    """What may be done, not what is planned (*kan genomföras*); since 1.1."""


@model
class Figure(Model):
    """One count the sources state: "Totalt omfattas 1100 personer" (planned)."""

    status: FigureStatus = field(
        "Whether the figure is planned (*planerat*), actual (*utfall*) or possible "
        "(*kan genomföras*)."
    )
    count: Count = field("The count, with its qualifier.")
    unit: str = field("What is counted.", default="persons", codelist="unit")
    per: str = field(
        "What the count is of: the whole (``total``) or each instance, municipality or group.",
        default="total",
        codelist="figure-scope",
    )
    wording: Text | None = field(
        "The source's own words, kept because figures lose nuance (\"fler än 1700 personer "
        'i de deltagande kommunerna").',
        default=None,
    )
    sources: Items[str] = field(
        "The sources that state the figure.", factory=tuple, reference="source", unique=True
    )
    missing: Items[Absence] = missing_field()


@model
class Indicator(Model):
    """Something a project measures, with its planned and actual figures."""

    id: str = field("The indicator's id within the project.", pattern=ID_PATTERN)
    title: Text = field('What is measured ("Deltagare i kompetensutveckling").')
    goal: int | None = field(
        "The number of the sub-goal (delmål) the indicator measures.",
        default=None,
        reference="goal",
    )
    figures: Items[Figure] = field(
        "Planned and actual figures, each with its sources.", factory=tuple
    )


@model
class Result(Model):
    """An outcome a source reports in words."""

    id: str = field("The result's id within the project.", pattern=ID_PATTERN)
    description: Text = field("The result as the source states it.")
    goal: int | None = field(
        "The number of the sub-goal (delmål) the result serves.", default=None, reference="goal"
    )
    sources: Items[str] = field(
        "The sources that state the result.", factory=tuple, reference="source", unique=True
    )
    missing: Items[Absence] = missing_field()
