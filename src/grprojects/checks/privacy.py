"""Checks on personal data: kept where exports can leave it out, and only when used.

Named people, their phone numbers and e-mail addresses are personal data (GDPR),
held only in the fields marked personal (``people``, ``contacts``, ``quotes``) so
that :func:`grprojects.public` can drop them. The same data typed into any other
field, free text or a plain string such as a short name, would survive every public
export. A Swedish personal identity number (personnummer, samordningsnummer) is more
sensitive still and has a check of its own. Messages never repeat the data: CI logs
are often public.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import operator
import re
from collections.abc import Iterator
from itertools import accumulate
from typing import Any, Final

from ..diagnostics import Diagnostic, Severity, pointer_of
from ..lookups import luhn_check_digit
from ..masking import PERSONAL_KEYS, masked
from ..model import Dataset
from ..model.fields import FieldInfo, Shape, fields_of
from ..plugin_types import Check, CheckContext
from ._walk import Path, cited_in_projects, nodes_by_class, per_dataset, value_of

_DASHES: Final = "\u2010\u2011\u2012\u2013\u2014\u2212\ufe58\ufe63\uff0d"
"""Hyphens and dashes people (and word processors) put between digits: all read as ``-``."""
_SPACES: Final = (
    "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t"
)
"""Spaces of every width, the no-break ones included: all read as a plain space."""
_PLAIN: Final = str.maketrans(
    {**dict.fromkeys(map(ord, _DASHES), "-"), **dict.fromkeys(map(ord, _SPACES), " "), 0xFF20: "@"}
)

EMAIL: Final = re.compile(r"(?<![\w.%+-])[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}")
"""An e-mail address, its domain in any script (``anna@kommun.se``, ``info@göteborg.se``).

Each pattern starts where a run of its first characters starts (the leftmost match
would anyway): tried inside a run, it would scan the rest of the run again from every
character, and a text of 32,766 digits would take half a minute."""
_AT: Final = r"\s*[(\[{<]\s*(?:at|snabel-?a)\s*[)\]}>]\s*"
_DOT: Final = r"(?:\s*[(\[{<]\s*(?:dot|punkt)\s*[)\]}>]\s*|\s+(?:dot|punkt)\s+|\.)"
SPELT_EMAIL: Final = re.compile(
    rf"(?<![\w.%+-])[\w.%+-]+{_AT}[\w-]+(?:{_DOT}[\w-]+)+", re.IGNORECASE
)
"""An address spelt out against harvesters: ``anna (at) kommun (dot) se``, ``anna[at]x.se``."""
PHONE: Final = re.compile(
    r"(?<![\w+-])(?:\+46[ -]*(?:\(0\)[ -]*)?|\(0[0-9]{1,3}\)[ -]*|0)"  # +46, (031) or 0
    r"[0-9][0-9 ()-]{5,16}[0-9](?![\w-])"
)
"""A Swedish phone number as people write it: ``031-123 45 67``, ``(031) 123 45 67``,
``+46 (0)70 123 45 67``, after dashes and spaces of every kind are made plain."""
PERSONAL_NUMBER: Final = re.compile(
    r"(?<![\w+-])(?P<century>[0-9]{2})?(?P<date>[0-9]{6})(?P<sign>[-+]?)(?P<serial>[0-9]{4})(?![\w-])"
)
"""A personnummer or samordningsnummer: ``YYMMDD-NNNN``, ``YYYYMMDDNNNN`` and the like."""

_CLOSE_DIGITS: Final = r"[0-9](?:[^0-9]{0,4}[0-9]){7}"
"""What every phone or personal number has: eight digits or more, close together."""
_CLUES: Final = (
    _CLOSE_DIGITS,
    "@",  # an address
    "\uff20",  # an address with a full-width at sign
    r"[(\[{<]\s*(?:at|snabel)",  # an address spelt out
)
"""What every phone or personal number, address or spelt-out address has: one quick scan
rules nearly every string out."""
_CANDIDATE: Final = re.compile("|".join(_CLUES), re.IGNORECASE)

_CLUE_SCANS: Final = tuple(re.compile(clue, re.IGNORECASE) for clue in _CLUES[1:])
"""The clues other than the digits, one by one."""

_DIGIT_OR_NOT: Final = bytes(ord("0") if byte in b"0123456789" else ord(".") for byte in range(256))
"""Every ASCII digit as ``0``, anything else as ``.``, for :data:`_CLOSE_DIGITS` in bytes."""
_CLOSE_DIGITS_MARKED: Final = re.compile(
    _CLOSE_DIGITS.replace("[0-9]", "0").replace("[^0-9]", r"\.").encode()
)


def _clues_at(text: str) -> set[int]:
    """Where in ``text`` a clue of :data:`_CANDIDATE` starts (one place at least for each
    string that holds one).

    Scanned for one clue at a time, twice as fast as all at once; the digits in the
    text's Latin-1 bytes marked by :data:`_DIGIT_OR_NOT`, faster still: a character
    Latin-1 lacks becomes one ``?``, so a place in the bytes is the place in the text.
    """
    marked = text.encode("latin-1", "replace").translate(_DIGIT_OR_NOT)
    found = {match.start() for match in _CLOSE_DIGITS_MARKED.finditer(marked)}
    for clue in _CLUE_SCANS:
        found.update(match.start() for match in clue.finditer(text))
    return found


def _is_birth_date(date: str, century: str | None) -> bool:
    """Whether YYMMDD is a real day (a samordningsnummer adds 60 to the day)."""
    year, month, day = int(date[:2]), int(date[2:4]), int(date[4:])
    day -= 60 if day > 60 else 0
    centuries = [int(century)] if century else [19, 20]
    for hundreds in centuries:
        try:
            dt.date(hundreds * 100 + year, month, day)
        except ValueError:
            continue
        return True
    return False


def personal_number_in(text: str) -> bool:
    """Whether ``text`` holds a Swedish personal identity or coordination number.

    Its birth date must be a real day and its last digit the Luhn check digit of the
    nine before it. Ten digits run together and starting with 0 are left to the phone
    number test (``0701234567`` is a mobile number far more often than a child's
    personnummer); an organisationsnummer has a "month" of 20 or more and is not one.
    """
    plain = text.translate(_PLAIN)
    for match in PERSONAL_NUMBER.finditer(plain):
        century, date, sign, serial = match.group("century", "date", "sign", "serial")
        if century is None and not sign and date.startswith("0"):
            continue
        if century is not None and sign == "+":
            continue
        if _is_birth_date(date, century) and luhn_check_digit(date + serial[:3]) == int(serial[3]):
            return True
    return False


def _personal_in(text: str) -> str | None:
    """What personal data ``text`` seems to hold, masked, if any."""
    if not _CANDIDATE.search(text):
        return None
    plain = text.translate(_PLAIN)
    for pattern in (EMAIL, SPELT_EMAIL):
        email = pattern.search(plain)
        if email:
            return f"an e-mail address ({masked(email.group())})"
    for match in PHONE.finditer(plain):
        digits = sum(c.isdigit() for c in match.group())
        if 8 <= digits <= 13:
            return f"a phone number ({masked(match.group())})"
    return None


@functools.cache
def _string_fields(cls: type) -> tuple[FieldInfo, ...]:
    """The fields of ``cls`` holding text or strings, alone, optional or in a list.

    Left out: fields marked personal (where personal data belongs), and fields that cite
    an id or a code, whose values are checked where the id is given or against the list.
    """
    return tuple(
        info
        for info in fields_of(cls)
        if info.shape in (Shape.TEXT, Shape.STRING)
        and not (info.personal or info.reference or info.codelist)
    )


_GAP: Final = "\0" * 5
"""Between the strings of one scan: no clue spans five characters that are neither digits nor
spaces, so a clue found in the joined text lies within one string."""


def _strings_in(value: Any) -> Iterator[tuple[Path, str]]:
    """The strings of a field's value (a string or text, alone or in a list), each with its
    path from the field."""
    items = enumerate(value) if isinstance(value, tuple) else ((None, value),)
    for index, item in items:
        at: Path = () if index is None else (index,)
        if isinstance(item, str):
            yield at, item
        elif item is not None:
            yield (*at, "sv"), item.sv
            for language, text in item.translations.items():
                yield (*at, language), text


def _cell(value: Any) -> str:
    """All the strings of a field's value, in one string for the quick scan."""
    if value is None:
        return ""
    return _GAP.join(string for _, string in _strings_in(value))


def _cells(info: FieldInfo, values: list[Any]) -> list[str]:
    """:func:`_cell` of each value; the commonest (a string, a Swedish text, nothing) inline."""
    if info.is_list:
        return [_cell(value) if value else "" for value in values]
    if info.shape is Shape.STRING:
        return [value or "" for value in values]
    return [
        "" if text is None else _cell(text) if text.translations else text.sv for text in values
    ]


def _with_clues(cells: list[str]) -> list[int]:
    """The indexes of the cells a clue is found in: a scan of their joined text, each
    distinct cell once (a field holds the same few strings thousands of times)."""
    distinct = list(dict.fromkeys(cells))
    found = sorted(_clues_at(_GAP.join(distinct)))
    if not found:
        return []
    starts = list(accumulate((len(cell) + len(_GAP) for cell in distinct), initial=0))
    clued = {distinct[bisect.bisect_right(starts, at) - 1] for at in found}
    return [index for index, cell in enumerate(cells) if cell in clued]


@per_dataset
def _suspects(dataset: Dataset) -> list[tuple[Path, str]]:
    """Every string outside the personal fields that could hold personal data, with its path.

    One pass for both checks. A dataset has hundreds of thousands of strings and nearly
    all are clean, so each field's strings are joined and scanned at once, and only the
    values a clue is found in are looked at one by one (and given a path).
    """
    hits: list[tuple[int, int, int]] = []  # the group, node and field a clue is in
    groups = list(nodes_by_class(dataset).items())
    for g, (kind, group) in enumerate(groups):
        infos = _string_fields(kind)
        if not infos:
            continue
        objects = list(map(value_of, group))
        for f, info in enumerate(infos):
            values = list(map(operator.attrgetter(info.name), objects))
            hits += ((g, n, f) for n in _with_clues(_cells(info, values)))
    found: list[tuple[Path, str]] = []
    for g, n, f in sorted(hits):  # in the walk's order, as the checks report
        kind, group = groups[g]
        (path, obj), info = group[n], _string_fields(kind)[f]
        if not PERSONAL_KEYS.isdisjoint(path):  # inside people, contacts, quotes
            continue
        value = getattr(obj, info.name)
        found += (
            ((*path, info.name, *at), string)
            for at, string in _strings_in(value)
            if _CANDIDATE.search(string)
        )
    return found


def _personal_in_text(context: CheckContext) -> Iterator[Diagnostic]:
    found: dict[str, str | None] = {}  # a suspect string often repeats (a programme's name)
    for path, string in _suspects(context.dataset):
        what = found[string] if string in found else found.setdefault(string, _personal_in(string))
        if what is not None:
            yield PERSONAL_DATA_IN_TEXT.diagnostic(
                pointer_of(path),
                f"the text holds {what}; keep personal data in people and contacts, "
                "which public exports leave out",
            )


def _personal_numbers(context: CheckContext) -> Iterator[Diagnostic]:
    for path, string in _suspects(context.dataset):
        if personal_number_in(string):
            yield PERSONAL_IDENTITY_NUMBER.diagnostic(
                pointer_of(path),
                "the text holds a Swedish personal identity number (personnummer or "
                "samordningsnummer); remove it: grprojects has no place for one",
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
    summary="A text or string field seems to hold a phone number or an e-mail address.",
    explanation=(
        "Phone numbers and e-mail addresses are personal data. In `people` (with the "
        "person's name) and `contacts` they are marked as such and left out of public "
        "exports; in a description, a wording, a note or a plain string such as a short "
        "name they are not, and would be published. Numbers are found however they are "
        "spaced (no-break spaces, en dashes, `(031) 123 45 67`, `+46 (0)70 …`), addresses "
        "also when spelt out (`anna (at) kommun (dot) se`) or with a domain in any script. "
        "Move the number or address to the person it belongs to and cite the person as a "
        "contact."
    ),
    failing_example='{"summary": {"sv": "Frågor? Ring Anna på 031-123 45 67."}}',
    passing_example='{"summary": {"sv": "Frågor? Se kontaktpersonerna."}, "people": [{"id": '
    '"anna", "name": "…", "phone": "031-123 45 67"}], "contacts": [{"person": "anna"}]}',
    run=_personal_in_text,
)

PERSONAL_IDENTITY_NUMBER = Check(
    code="privacy.personal-identity-number",
    severity=Severity.ERROR,
    category="privacy",
    summary="A text or string field holds a Swedish personal identity number.",
    explanation=(
        "A personnummer or samordningsnummer (`YYMMDD-NNNN`, `YYYYMMDDNNNN`; the day plus "
        "60 for a samordningsnummer; the last digit a Luhn check digit) names one person "
        "for life, reveals their birth date and sex, and together with a name is enough to "
        "impersonate them. The Swedish data protection act (2018:218, 3 kap. 10 §) allows "
        "it to be processed only when clearly justified, and the model has no field for "
        "one: no purpose of project data needs it, so unlike a phone number it is not to be "
        "moved to the person but removed. It is an error, not a warning, because a public "
        "export would publish it. Organisation numbers (a month of 20 or more) are not "
        "taken for one."
    ),
    failing_example='{"summary": {"sv": "Anmälan till Anna, 19811218-9876."}}',
    passing_example='{"summary": {"sv": "Anmälan till kontaktpersonen."}}',
    run=_personal_numbers,
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

CHECKS = (PERSONAL_DATA_IN_TEXT, PERSONAL_IDENTITY_NUMBER, UNREFERENCED_PERSON)
