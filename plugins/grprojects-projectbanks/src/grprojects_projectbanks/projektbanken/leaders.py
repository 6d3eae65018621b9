"""A record's project leader, phone numbers and e-mail addresses → people and contacts.

One person named: a :class:`~grprojects.model.Person` with their numbers and address,
and a contact for the function (projektledare). Several people: a person and a contact
each, and the numbers and addresses on one shared contact for the function, reported,
since the record does not say whose they are. No one named (``NN``): a contact for the
function with the person stated missing. All of it is personal data.
"""

from __future__ import annotations

from typing import Final, Generic, TypeVar

import attrs

from grprojects.masking import masked
from grprojects.model import Absence, AbsenceReason, Contact, Person, Phone, Text

from . import codes
from .contacts import Named, split_emails, split_people, split_phones
from .remarks import Remarks, is_stated_missing, slug

T = TypeVar("T")

LEADER: Final = Text(sv="projektledare")


@attrs.frozen
class _Cell(Generic[T]):
    """What a ``telnr`` or ``e-post`` cell gave: values read, the register's word for a
    missing value, and what could not be read (as written)."""

    values: list[T]
    stated_missing: str | None = None
    unreadable: tuple[str, ...] = ()

    @property
    def anything(self) -> bool:
        """The cell holds a value, readable or not."""
        return bool(self.values or self.unreadable)

    def absences(self, field: str, cited: list[str]) -> list[Absence]:
        """The ``missing`` entries of the one who holds the values: stated missing, or
        unknown with what was written where nothing could be read."""
        if self.stated_missing is not None:
            return [_absence(field, self.stated_missing, AbsenceReason.STATED_MISSING, cited)]
        if self.unreadable and not self.values:
            written = "; ".join(self.unreadable)
            return [_absence(field, written, AbsenceReason.UNKNOWN, cited)]
        return []

    def leftover(self, field: str, cited: list[str]) -> list[Absence]:
        """Unreadable values beside readable ones: each needs a holder of its own, since
        a field cannot both have a value and be missing."""
        if not self.values:
            return []
        return [_absence(field, w, AbsenceReason.UNKNOWN, cited) for w in self.unreadable]


def _absence(field: str, written: str, reason: AbsenceReason, cited: list[str]) -> Absence:
    return Absence(field=field, reason=reason, wording=Text(sv=written), sources=cited)


def _ids(named: tuple[Named, ...]) -> list[str]:
    """An id for each person, from the name, unique within the record."""
    taken: list[str] = []
    for person in named:
        base = identity = slug(person.name)
        number = 1
        while identity in taken:
            number += 1
            identity = f"{base}-{number}"
        taken.append(identity)
    return taken


class LeaderContacts:
    """The people and contacts of one record's projektledare, telnr and e-post."""

    def __init__(self, remarks: Remarks, source_id: str, organisation: str | None) -> None:
        self.remarks = remarks
        self.cited = [source_id]
        self.organisation = organisation

    def read(self) -> tuple[list[Person], list[Contact]]:
        """The people named, a contact for each, and where the numbers and addresses go."""
        named, person_missing = self._people()
        phones, emails = self._phones(), self._emails()
        if len(named) > 1 and (phones.anything or emails.anything):
            self.remarks.warn(
                codes.AMBIGUOUS_CONTACT,
                f"{len(named)} people share {len(phones.values) + len(phones.unreadable)} "
                f"phone number(s) and {len(emails.values) + len(emails.unreadable)} e-mail "
                "address(es): whose is whose is not said, so they are kept on the project "
                "leaders' shared contact",
                "telnr" if phones.anything else "e-post",
            )
        own = len(named) == 1
        ids = _ids(named)
        held = phones.absences("phones", self.cited) + emails.absences("email", self.cited)
        people = [
            Person(
                id=identity,
                name=person.name,
                title=Text(sv=person.title) if person.title else None,
                organisation=self.organisation,
                email=emails.values[0] if own and emails.values else None,
                sources=self.cited,
                phones=phones.values if own else [],
                missing=held if own else [],
            )
            for person, identity in zip(named, ids, strict=True)
        ]
        contacts = [self._contact(person=identity) for identity in ids]
        if not own and (phones.values or emails.values or person_missing or held):
            email = emails.values[0] if emails.values else None
            missing = person_missing + held
            contacts.append(self._contact(phones=phones.values, email=email, missing=missing))
        holder = ids[0] if own else None
        contacts += [self._contact(person=holder, email=extra) for extra in emails.values[1:]]
        leftover = phones.leftover("phones", self.cited) + emails.leftover("email", self.cited)
        contacts += [self._contact(missing=[absence]) for absence in leftover]
        return people, contacts

    def _contact(
        self,
        *,
        person: str | None = None,
        phones: list[Phone] | None = None,
        email: str | None = None,
        missing: list[Absence] | None = None,
    ) -> Contact:
        return Contact(
            person=person,
            function=LEADER,
            organisation=self.organisation,
            email=email,
            phones=phones or [],
            sources=self.cited,
            missing=missing or [],
        )

    def _people(self) -> tuple[tuple[Named, ...], list[Absence]]:
        leader = self.remarks.text("projektledare")
        if leader is None:
            return (), []
        if is_stated_missing(leader):
            return (), [_absence("person", leader, AbsenceReason.STATED_MISSING, self.cited)]
        split = split_people(leader)
        if split.guessed:
            self.remarks.warn(
                codes.AMBIGUOUS_PEOPLE,
                f"read as {len(split.people)} people, a comma taken as between two names "
                "rather than before a title; check it",
                "projektledare",
            )
        return split.people, []

    def _phones(self) -> _Cell[Phone]:
        text = self.remarks.text("telnr")
        if text is None or is_stated_missing(text):
            return _Cell([], text)
        good, bad = [], []
        for read in split_phones(text):
            if read.number is None:
                self.remarks.warn(
                    codes.BAD_PHONE,
                    f"{masked(read.written)} is no phone number; kept as the wording of an "
                    "unknown number",
                    "telnr",
                )
                bad.append(read.written)
            else:
                good.append(Phone(number=read.number, switchboard=read.switchboard))
        return _Cell(good, None, tuple(bad))

    def _emails(self) -> _Cell[str]:
        text = self.remarks.text("e-post")
        if text is None or is_stated_missing(text):
            return _Cell([], text)
        good, bad = [], []
        for written, readable in split_emails(text):
            if readable:
                good.append(written)
            else:
                self.remarks.warn(
                    codes.BAD_EMAIL,
                    f"{masked(written)} is no e-mail address; kept as the wording of an "
                    "unknown address",
                    "e-post",
                )
                bad.append(written)
        return _Cell(good, None, tuple(bad))
