"""Sources: the pages and documents every fact in a dataset is taken from.

Claims cite sources by id. Two sources that disagree are both kept, each claim
with its own citations; nothing is silently reconciled.
"""

from __future__ import annotations

from typing import Any

from .absence import Absence, missing_field
from .fields import ID_PATTERN, INVISIBLE, Items, Model, field, model
from .values import PartialDate, Text

URL_PATTERN = rf"^https?://[^{INVISIBLE}]+$"


@model
class Statement(Model):
    """Something sources state in words, such as a project's purpose (syfte).

    Different pages word the same thing differently; each wording is kept with the
    pages that use it.
    """

    text: Text = field("What the sources say, in their words.")
    sources: Items[str] = field(
        "The sources that say it.", factory=tuple, reference="source", unique=True
    )
    missing: Items[Absence] = missing_field()


@model
class Source(Model):
    """A web page, report, register, code list, reference work or the editor's own knowledge.

    Every fact cites where it really comes from: a page for what the page says, a
    register (*register*) for an organisationsnummer, SCB's code list (*kodlista*) for
    a kommunkod, a reference work (*uppslagsverk*) or, said honestly, the editor
    (``editorial``, with a ``note`` saying where the knowledge comes from).
    """

    id: str = field("The source's id, cited by claims in ``sources`` lists.", pattern=ID_PATTERN)
    title: Text = field("The source's title as it is published.")
    kind: str = field("What sort of source this is.", codelist="source-kind")
    publisher: str | None = field(
        "The organisation that published the source.", default=None, reference="organisation"
    )
    url: str | None = field("Where the source is published.", default=None, pattern=URL_PATTERN)
    published: PartialDate | None = field("When the source was first published.", default=None)
    updated: PartialDate | None = field(
        'When the source was last updated, as it says itself ("Senast uppdaterad").',
        default=None,
    )
    language: str | None = field(
        "The source's language (ISO 639-3).", default=None, codelist="language"
    )
    note: Text | None = field(
        "Anything a reader should know about the source: where a copy is kept, what it lacks; "
        "for an ``editorial`` source, where the editor's knowledge comes from.",
        default=None,
    )
    missing: Items[Absence] = missing_field()
    extensions: dict[str, Any] = field(
        "Data of declared extensions, keyed by extension namespace.", factory=dict
    )
