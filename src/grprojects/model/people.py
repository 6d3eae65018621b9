"""People: contact persons and quoted people. Everything here is personal data.

Fields that hold these classes are marked personal, so any export can leave them
out (``grprojects.public``). Names and numbers on a public web page are still
personal data under GDPR.
"""

from __future__ import annotations

from .absence import Absence, missing_field
from .fields import ID_PATTERN, VISIBLE, Items, Model, field, model
from .values import Text

PHONE_PATTERN = r"^\+?[0-9][0-9 ()-]{4,30}$"


@model
class Phone(Model):
    """One phone number (*telefonnummer*) of a person or contact."""

    number: str = field(
        "The number as written in Sweden (``031-335 51 82``) or with ``+46``.",
        pattern=PHONE_PATTERN,
    )
    switchboard: bool = field(
        'The number is a switchboard (*växel*, "vx"), not the person\'s own line.', default=False
    )
    label: Text | None = field('What the number is for ("mobil", "direkt").', default=None)


@model
class Person(Model):
    """A named person: a contact, a researcher, someone quoted."""

    id: str = field("The person's id within the project.", pattern=ID_PATTERN)
    name: str = field("The person's name.", pattern=VISIBLE)
    title: Text | None = field(
        'The person\'s job title as the source gives it ("Utbildningsledare").', default=None
    )
    organisation: str | None = field(
        "The organisation the person works for.", default=None, reference="organisation"
    )
    phone: str | None = field(
        "A phone number as written in Sweden (``031-123 45 67``) or with ``+46``.",
        default=None,
        pattern=PHONE_PATTERN,
    )
    email: str | None = field("An e-mail address.", default=None, format="email")
    sources: Items[str] = field(
        "The sources that name the person.", factory=tuple, reference="source", unique=True
    )
    phones: Items[Phone] = field(
        "Further phone numbers (*telefonnummer*), beside ``phone``: a register may give several.",
        factory=tuple,
        personal=True,
    )
    missing: Items[Absence] = missing_field()


@model
class Contact(Model):
    """Whom to ask about (part of) a project: a named person, or only an address or a function.

    A register may give an e-mail address or a switchboard without a name
    (``info@…``, "vx 031-…"); such a contact has no ``person`` but ``email``,
    ``phones`` or ``function``.
    """

    person: str | None = field(
        "The person to contact; absent for a contact known only by address or function.",
        default=None,
        reference="person",
    )
    about: Text | None = field(
        'What to contact them about ("För frågor kring delmål 2").', default=None
    )
    goals: Items[int] = field(
        "The numbers of the sub-goals (delmål) the contact answers for.",
        factory=tuple,
        reference="goal",
        unique=True,
    )
    sources: Items[str] = field(
        "The sources that give the contact.", factory=tuple, reference="source", unique=True
    )
    function: Text | None = field(
        'The function to ask (*funktion*: "projektledare", "växeln") when no person is named.',
        default=None,
    )
    organisation: str | None = field(
        "The organisation the contact belongs to.", default=None, reference="organisation"
    )
    email: str | None = field(
        "An e-mail address (*e-post*) of the contact itself, such as a shared mailbox.",
        default=None,
        format="email",
        personal=True,
    )
    phones: Items[Phone] = field(
        "Phone numbers (*telefonnummer*) of the contact itself.", factory=tuple, personal=True
    )
    missing: Items[Absence] = missing_field()


@model
class Quote(Model):
    """Something a named person said, as a source reports it."""

    person: str = field("Who said it.", reference="person")
    text: Text = field("What they said.")
    question: Text | None = field("The question it answers, if the source gives one.", default=None)
    sources: Items[str] = field(
        "The sources that report the quote.", factory=tuple, reference="source", unique=True
    )
    missing: Items[Absence] = missing_field()
