"""Checks on personal data: kept where exports can leave it out, and only when used.

Named people, their phone numbers and e-mail addresses are personal data (GDPR),
held only in the fields marked personal (``people``, ``contacts``, ``quotes``) so
that :func:`grprojects.public` can drop them. The same data typed into a free-text
field would survive every public export. Messages never repeat the data in full,
because CI logs are often public.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Final

from ..diagnostics import Diagnostic, Severity, pointer_of
from ..model.fields import Shape, fields_of
from ..plugin_types import Check, CheckContext
from ..public import PERSONAL_KEYS
from ._walk import Node, cited_in_projects, nodes_by_class

EMAIL: Final = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
PHONE: Final = re.compile(r"(?<![\w+-])(?:\+46[ -]?|0)\d[\d -]{5,14}\d(?![\w-])")
"""A Swedish phone number as people write it: ``031-123 45 67``, ``+46 70 123 45 67``."""


@functools.cache
def _text_fields(cls: type) -> tuple[str, ...]:
    """The fields of ``cls`` holding free text: ``Text``, optional or in a list."""
    return tuple(info.name for info in fields_of(cls) if info.shape is Shape.TEXT)


def _masked(found: str) -> str:
    return found[:4] + "…"


_CANDIDATE: Final = re.compile(r"@|(?<![\w+-])(?:\+46[ -]?|0)\d")
"""What every e-mail address or phone number has: one quick scan rules most texts out."""


def _personal_in(text: str) -> str | None:
    """What personal data ``text`` seems to hold, masked, if any."""
    if ("@" not in text and "0" not in text and "+46" not in text) or not _CANDIDATE.search(text):
        return None
    email = EMAIL.search(text)
    if email:
        return f"an e-mail address ({_masked(email.group())})"
    for match in PHONE.finditer(text):
        digits = sum(c.isdigit() for c in match.group())
        if 8 <= digits <= 13:
            return f"a phone number ({_masked(match.group())})"
    return None


def _personal_in_text(context: CheckContext) -> Iterator[Diagnostic]:
    for kind, group in nodes_by_class(context.dataset).items():
        names = _text_fields(kind)
        for node in group if names else ():
            if PERSONAL_KEYS.isdisjoint(node.path):  # not inside people, contacts, quotes
                yield from _findings(node, names)


def _findings(node: Node, names: tuple[str, ...]) -> Iterator[Diagnostic]:
    for name in names:
        value = getattr(node.value, name)
        texts = enumerate(value) if isinstance(value, list) else [(None, value)]
        for index, text in texts:
            if text is None:
                continue
            for language, string in (("sv", text.sv), *text.translations.items()):
                what = _personal_in(string)
                if what is not None:
                    at = (name, language) if index is None else (name, index, language)
                    yield PERSONAL_DATA_IN_TEXT.diagnostic(
                        pointer_of((*node.path, *at)),
                        f"the text holds {what}; keep personal data in people and contacts, "
                        "which public exports leave out",
                    )


def _unreferenced_people(context: CheckContext) -> Iterator[Diagnostic]:
    used = cited_in_projects(context.dataset, "person")
    for p, project in enumerate(context.dataset.projects):
        for i, person in enumerate(project.people):
            if (p, person.id) not in used:
                yield UNREFERENCED_PERSON.diagnostic(
                    pointer_of(("projects", p, "people", i)),
                    f"no contact, quote or activity cites the person {person.id!r}",
                )


PERSONAL_DATA_IN_TEXT = Check(
    code="privacy.personal-data-in-text",
    severity=Severity.WARNING,
    category="privacy",
    summary="A free-text field seems to hold a phone number or an e-mail address.",
    explanation=(
        "Phone numbers and e-mail addresses are personal data. In `people` (with the "
        "person's name) and `contacts` they are marked as such and left out of public "
        "exports; in a description, a wording or a note they are not, and would be "
        "published. Move the number or address to the person it belongs to and cite the "
        "person as a contact."
    ),
    failing_example='{"summary": {"sv": "Frågor? Ring Anna på 031-123 45 67."}}',
    passing_example='{"summary": {"sv": "Frågor? Se kontaktpersonerna."}, "people": [{"id": '
    '"anna", "name": "…", "phone": "031-123 45 67"}], "contacts": [{"person": "anna"}]}',
    run=_personal_in_text,
)

UNREFERENCED_PERSON = Check(
    code="person.unreferenced",
    severity=Severity.WARNING,
    category="privacy",
    summary="A person is listed whom no contact, quote or activity cites.",
    explanation=(
        "People are personal data, kept only for a purpose: to be contacted about the "
        "project, because a source quotes them, or because they lead an activity (its "
        "`people`). A person nothing cites has no purpose in the data; cite them, or leave "
        "them out (data minimisation)."
    ),
    failing_example='{"people": [{"id": "jeanette", "name": "…"}], "contacts": []}',
    passing_example='{"people": [{"id": "jeanette", "name": "…"}], "contacts": [{"person": '
    '"jeanette"}]}',
    run=_unreferenced_people,
)

CHECKS = (PERSONAL_DATA_IN_TEXT, UNREFERENCED_PERSON)
