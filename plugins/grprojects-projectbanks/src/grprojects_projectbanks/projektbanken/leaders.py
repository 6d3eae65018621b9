"""A record's project leader, phone numbers and e-mail addresses → people and contacts.

One person named: a :class:`~grprojects.model.Person` with their numbers and address,
and a contact for the function (projektledare). Several people: a person and a contact
each, and the numbers and addresses on one shared contact for the function, reported,
since the record does not say whose they are. No one named (``NN``): a contact for the
function with the person stated missing. All of it is personal data.
"""

from __future__ import annotations

from typing import Final

from grprojects.masking import masked
from grprojects.model import Absence, AbsenceReason, Contact, Person, Phone, Text

from . import codes
from .contacts import Named, split_emails, split_people, split_phones
from .remarks import Remarks, is_stated_missing, slug

LEADER: Final = Text(sv="projektledare")


class LeaderContacts:
    """The people and contacts of one record's projektledare, telnr and e-post."""

    def __init__(self, remarks: Remarks, source_id: str, organisation: str | None) -> None:
        self.remarks = remarks
        self.cited = [source_id]
        self.organisation = organisation

    def read(self) -> tuple[list[Person], list[Contact]]:
        leader = self.remarks.text("projektledare")
        phones_text = self.remarks.text("telnr")
        emails_text = self.remarks.text("e-post")
        people: list[Person] = []
        contacts: list[Contact] = []
        missing_person: list[Absence] = []
        named: tuple[Named, ...] = ()
        if leader is not None and is_stated_missing(leader):
            missing_person.append(self._absence("person", leader, AbsenceReason.STATED_MISSING))
        elif leader is not None:
            split = split_people(leader)
            named = split.people
            if split.guessed:
                self.remarks.warn(
                    codes.AMBIGUOUS_PEOPLE,
                    f"read as {len(named)} people, a comma taken as between two names rather "
                    "than before a title; check it",
                    "projektledare",
                )
        phones, phones_missing, bad_phones = self._phones(phones_text)
        emails, emails_missing, bad_emails = self._emails(emails_text)
        own = len(named) == 1
        if len(named) > 1 and (phones or emails or bad_phones or bad_emails):
            self.remarks.warn(
                codes.AMBIGUOUS_CONTACT,
                f"{len(named)} people and {len(phones) + len(bad_phones)} phone number(s), "
                f"{len(emails) + len(bad_emails)} e-mail address(es): whose is whose is not "
                "said, so they are kept on the project leaders' shared contact",
                "telnr" if phones or bad_phones else "e-post",
            )
        taken: set[str] = set()
        for person in named:
            base = identity = slug(person.name)
            number = 1
            while identity in taken:
                number += 1
                identity = f"{base}-{number}"
            taken.add(identity)
            person_missing = (phones_missing + emails_missing) if own else []
            if own:
                person_missing += self._unreadable("phones", bad_phones, bool(phones))
                person_missing += self._unreadable("email", bad_emails, bool(emails))
            people.append(
                Person(
                    id=identity,
                    name=person.name,
                    title=Text(sv=person.title) if person.title else None,
                    organisation=self.organisation,
                    email=emails[0] if own and emails else None,
                    sources=self.cited,
                    phones=phones if own else [],
                    missing=person_missing,
                )
            )
            contacts.append(self._contact(person=identity))
            if own:
                contacts += [self._contact(person=identity, email=extra) for extra in emails[1:]]
        if not own:
            shared_missing = missing_person + phones_missing + emails_missing
            shared_missing += self._unreadable("phones", bad_phones, bool(phones))
            shared_missing += self._unreadable("email", bad_emails, bool(emails))
            if phones or emails or shared_missing:
                contacts.append(
                    self._contact(
                        phones=phones, email=emails[0] if emails else None, missing=shared_missing
                    )
                )
                contacts += [self._contact(email=extra) for extra in emails[1:]]
        leftover = (bad_phones if phones else []) + (bad_emails if emails else [])
        for field, written in leftover:
            contacts.append(
                self._contact(missing=[self._absence(field, written, AbsenceReason.UNKNOWN)])
            )
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

    def _absence(self, field: str, written: str, reason: AbsenceReason) -> Absence:
        return Absence(field=field, reason=reason, wording=Text(sv=written), sources=self.cited)

    def _unreadable(self, field: str, bad: list[tuple[str, str]], has_good: bool) -> list[Absence]:
        """Unreadable values as unknown entries, where the holder has no good value."""
        if has_good or not bad:
            return []
        return [self._absence(field, "; ".join(w for _, w in bad), AbsenceReason.UNKNOWN)]

    def _phones(self, text: str | None) -> tuple[list[Phone], list[Absence], list[tuple[str, str]]]:
        if text is None:
            return [], [], []
        if is_stated_missing(text):
            return [], [self._absence("phones", text, AbsenceReason.STATED_MISSING)], []
        good, bad = [], []
        for read in split_phones(text):
            if read.number is None:
                self.remarks.warn(
                    codes.BAD_PHONE,
                    f"{masked(read.written)} is no phone number; kept as the wording of an "
                    "unknown number",
                    "telnr",
                )
                bad.append(("phones", read.written))
            else:
                good.append(Phone(number=read.number, switchboard=read.switchboard))
        return good, [], bad

    def _emails(self, text: str | None) -> tuple[list[str], list[Absence], list[tuple[str, str]]]:
        if text is None:
            return [], [], []
        if is_stated_missing(text):
            return [], [self._absence("email", text, AbsenceReason.STATED_MISSING)], []
        good, bad = [], []
        for written, ok in split_emails(text):
            if ok:
                good.append(written)
            else:
                self.remarks.warn(
                    codes.BAD_EMAIL,
                    f"{masked(written)} is no e-mail address; kept as the wording of an "
                    "unknown address",
                    "e-post",
                )
                bad.append(("email", written))
        return good, [], bad
