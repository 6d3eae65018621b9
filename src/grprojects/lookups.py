"""Swedish names and numbers → codes: the one place importers turn what people write into codes.

- :func:`match_municipality` and :func:`match_county` read a name as people write it
  (``Lerums kommun``, ``Göteborgs Stad``, ``LillaEdet``, ``Västra Götaland``,
  ``Region Skåne``) and return a :class:`Match` that says how sure it is, so an importer
  can take an exact or normalised match as it is and warn about a fuzzy one. A name that
  is no municipality (or county) raises :class:`NoMatchError` carrying the nearest
  candidates; a misspelling close to several raises :class:`AmbiguousMatchError`.
- :func:`normalise_orgnr` writes an organisationsnummer as ``NNNNNN-NNNN`` from any of its
  usual forms, checking the Luhn digit.
- :func:`municipality_of_organisation` tells whether an organisation's name
  (``Lerums kommun``, ``Falu kommun``, ``Göteborgs Stad``, ``Region Gotland``) names a
  municipality itself, and which.
- :func:`county_of_nuts3` gives the county code of a Swedish NUTS 3 region.

The names and codes are those of the shipped code lists (``municipality``, ``county``,
``nuts3``); a municipality's official name (``Falu kommun``, ``Kalmar kommun``) and the
names it uses itself (``Göteborgs Stad``, ``Region Gotland``) are columns of its list,
so an irregular genitive is known, not guessed. Each list's index of normalised
spellings is built once, on first use, and never changes. Fuzzy matching is stdlib
only: an edit distance decides whether a spelling is close enough, and
:mod:`difflib`'s ratio gives the score and orders the candidates.
With 311 names to compare, a C library would save microseconds no importer would notice.

A spelling is *close* to a name when, ignoring diacritics, at most one letter is wrong,
missing, extra or swapped (two in names of eight letters or more). Of the close names the
one needing the fewest changes, diacritics counted, is the match (``Håbbo`` is Håbo, not
Habo; ``Are`` is Åre, not Ale); when two need as few, the spelling is ambiguous and is
refused (``Lindköping``: Linköping or Lidköping?).
"""

from __future__ import annotations

import difflib
import enum
import functools
import heapq
import re
import unicodedata
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Final

import attrs

from ._methods import shared_methods
from .codelists import Code, CodeList, codelist
from .errors import (
    AmbiguousMatchError,
    NoMatchError,
    OrganisationNumberError,
    PersonalNumberError,
)

__all__ = [
    "OFFICIAL_NAME_COLUMNS",
    "ORGNR_FORM",
    "AmbiguousMatchError",
    "Certainty",
    "Match",
    "NoMatchError",
    "OrganisationNumberError",
    "PersonalNumberError",
    "county_of_nuts3",
    "luhn_check_digit",
    "match_county",
    "match_municipality",
    "municipality_of_organisation",
    "normalise_orgnr",
    "official_names",
]


class Certainty(enum.Enum):
    """How a name was matched, from surest to least sure."""

    EXACT = "exact"
    """Written as the code list writes it, or the code itself; or, in any case, an
    official name of a municipality (``Falu kommun``, ``GÖTEBORGS STAD``)."""
    NORMALISED = "normalised"
    """The same name in another form: case, ``kommun``/``stad``/``län``, genitive ``s``,
    hyphens, spaces, a code without its leading zero."""
    FUZZY = "fuzzy"
    """A close spelling with a letter or two different: worth a warning."""


@shared_methods
@attrs.frozen(eq=False, repr=False)
class Match:
    """The code a name was read as, and how sure the reading is."""

    query: str
    """The text that was looked up, as given."""
    code: str
    """The code: a kommunkod (``1441``) or länskod (``14``)."""
    name: str
    """The name the code list gives the code (``Lerum``)."""
    certainty: Certainty
    score: float = 1.0
    """How alike the spellings are, from 0 to 1 (:mod:`difflib`'s ratio); 1 unless fuzzy."""

    def describe(self) -> str:
        """One line for a report: what was read, as what, and how sure."""
        if self.certainty is Certainty.FUZZY:
            return (
                f"{self.query!r} is read as {self.name} ({self.code}), a close spelling "
                f"({self.score:.0%} alike)"
            )
        return f"{self.query!r} is {self.name} ({self.code})"


# --- spellings -----------------------------------------------------------------------------

_DASHES: Final = re.compile(r"[-\u2010-\u2015\u2212]")
_NOT_LETTERS: Final = re.compile(r"[\W_]+")


def _key(text: str, drop_words: frozenset[str]) -> str:
    """``text`` in lower case without the words in ``drop_words``, spaces or hyphens."""
    words = _DASHES.sub(" ", unicodedata.normalize("NFC", text)).casefold().split()
    while words and words[-1] in drop_words:
        words.pop()
    while words and words[0] in drop_words:
        words.pop(0)
    return _NOT_LETTERS.sub("", "".join(words))


def _fold(key: str) -> str:
    """``key`` without diacritics (``göteborg`` → ``goteborg``): how a keyboard without å, ä
    and ö writes it."""
    decomposed = unicodedata.normalize("NFKD", key)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _distance(a: str, b: str, most: int) -> int:
    """Letters to change, add, drop or swap to turn ``a`` into ``b``; ``most + 1`` when more."""
    if abs(len(a) - len(b)) > most:
        return most + 1
    earlier: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            current[j] = min(
                previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] != b[j - 1])
            )
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], earlier[j - 2] + 1)
        if min(current) > most and min(previous) > most:
            return most + 1  # no later row can come back under: each is at least these
        earlier, previous = previous, current
    return min(previous[-1], most + 1)


def _pairs(word: str) -> frozenset[str]:
    """The pairs of neighbouring letters in ``word``, its ends marked (``^g``, ``go`` … ``g$``)."""
    marked = f"^{word}$"
    return frozenset(marked[i : i + 2] for i in range(len(marked) - 1))


def _allowed(key: str) -> int:
    """How many letters a spelling of ``key`` may get wrong and still be read as it."""
    return 1 if len(key) < 8 else 2


def _deletions(word: str, most: int) -> frozenset[str]:
    """``word`` and every string made from it by dropping at most ``most`` letters.

    Two spellings within ``most`` edits of each other always share one of these (a
    swap of two letters costs one drop on each side), so a lookup finds the few names
    worth measuring without measuring all of them.
    """
    found = {word}
    for _ in range(most):
        found |= {w[:i] + w[i + 1 :] for w in found for i in range(len(w))}
    return frozenset(found)


# --- the index -----------------------------------------------------------------------------


@shared_methods
@attrs.frozen(eq=False, repr=False)
class _Form:
    """One accepted form of a name: its key, the key without diacritics, and the code."""

    key: str
    folded: str
    code: str
    pairs: frozenset[str] = attrs.field(
        default=attrs.Factory(lambda form: _pairs(form.folded), takes_self=True)
    )
    """The letter pairs of ``folded``, to find the nearest names quickly."""


@shared_methods
@attrs.frozen(eq=False, repr=False)
class _Index:
    """Every accepted spelling of one code list's names, built once."""

    what: str
    """The code list's id, for messages."""
    drop_words: frozenset[str]
    glued_suffixes: tuple[str, ...]
    names: Mapping[str, str]
    """Code → name as the list writes it."""
    exact: Mapping[str, str]
    """Name as the list writes it, or code → code."""
    official: Mapping[str, str]
    """An official name, case folded, spaces single (``falu kommun``) → code."""
    normalised: Mapping[str, frozenset[str]]
    """Key → the codes it may mean (more than one only where two names collide)."""
    forms: tuple[_Form, ...]
    by_code: Mapping[str, tuple[_Form, ...]]
    near: Mapping[str, frozenset[int]]
    """Each form's folded key with up to :func:`_allowed` letters dropped → form indexes."""

    def query_keys(self, text: str) -> tuple[str, ...]:
        """The keys ``text`` may stand for: as written, and without a genitive ``s``."""
        key = _key(text, self.drop_words)
        for suffix in self.glued_suffixes:
            if key.endswith(suffix) and len(key) > len(suffix):
                key = key.removesuffix(suffix)
        return tuple(dict.fromkeys((key, key.removesuffix("s")))) if key else ()

    def match(self, text: str) -> Match:
        """The code ``text`` names; :class:`NoMatchError` when it names none surely."""
        written = " ".join(unicodedata.normalize("NFC", text).split())
        if written in self.exact:
            return self._found(text, self.exact[written], Certainty.EXACT)
        if written.casefold() in self.official:
            return self._found(text, self.official[written.casefold()], Certainty.EXACT)
        width = len(next(iter(self.names)))
        if written.isdigit() and written.zfill(width) in self.names:
            return self._found(text, written.zfill(width), Certainty.NORMALISED)
        keys = self.query_keys(written)
        if keys and keys[0] in self.normalised:
            codes = sorted(self.normalised[keys[0]])
            if len(codes) == 1:
                return self._found(text, codes[0], Certainty.NORMALISED)
            candidates = tuple(self._found(text, c, Certainty.NORMALISED) for c in codes)
            raise AmbiguousMatchError(text, self.what, candidates)
        return self._fuzzy(text, keys)

    def _found(self, text: str, code: str, certainty: Certainty, score: float = 1.0) -> Match:
        name = self.names[code]
        return Match(query=text, code=code, name=name, certainty=certainty, score=score)

    def _fuzzy(self, text: str, keys: tuple[str, ...]) -> Match:
        if len(keys[0] if keys else "") < 3:
            raise NoMatchError(text, self.what, self._nearest(text, keys))
        folded = [_fold(k) for k in keys]
        seen = {i for f in folded for d in _deletions(f, 2) for i in self.near.get(d, ())}
        ranks: dict[str, tuple[int, int]] = {}
        for form in (self.forms[i] for i in seen):
            most = _allowed(form.key)
            loose = min(_distance(f, form.folded, most) for f in folded)
            if loose <= most:
                strict = min(_distance(k, form.key, len(form.key)) for k in keys)
                ranks[form.code] = min((strict, loose), ranks.get(form.code, (strict, loose)))
        close = sorted(ranks, key=lambda code: (ranks[code], code))
        if len(close) == 1 or (close and ranks[close[0]] < ranks[close[1]]):
            return self._found(text, close[0], Certainty.FUZZY, self._score(keys, close[0]))
        if close:
            raise AmbiguousMatchError(text, self.what, self._ranked(text, keys, close))
        raise NoMatchError(text, self.what, self._nearest(text, keys))

    def _score(self, keys: tuple[str, ...], code: str) -> float:
        """How alike the name as written is to ``code``'s nearest form."""
        return max(
            difflib.SequenceMatcher(None, keys[0], form.key).ratio() for form in self.by_code[code]
        )

    def _ranked(self, text: str, keys: tuple[str, ...], codes: Iterable[str]) -> tuple[Match, ...]:
        matches = [self._found(text, c, Certainty.FUZZY, self._score(keys, c)) for c in codes]
        return tuple(sorted(matches, key=lambda m: (-m.score, m.code)))

    def _nearest(self, text: str, keys: tuple[str, ...], count: int = 3) -> tuple[Match, ...]:
        """The ``count`` names most like ``keys``, best first.

        The names sharing the most letter pairs with it are shortlisted (a set
        intersection each, fast) and ordered by :mod:`difflib`'s ratio.
        """
        if not keys:
            return ()
        pairs = _pairs(_fold(keys[0]))
        shared = {
            code: max(2 * len(pairs & f.pairs) / (len(pairs) + len(f.pairs)) for f in forms)
            for code, forms in self.by_code.items()
        }
        shortlist = heapq.nlargest(3 * count, sorted(shared), key=shared.__getitem__)
        return self._ranked(text, keys, shortlist)[:count]


OFFICIAL_NAME_COLUMNS: Final = ("official_name", "names_in_use")
"""The columns of a code list that hold an entry's official names: the one the law gives
(``Falu kommun``) and those the organisation uses itself (``Göteborgs Stad``)."""


def official_names(entry: Code) -> tuple[str, ...]:
    """The official names of a code list's ``entry``, the law's first (none for most lists)."""
    found: list[str] = []
    for column in OFFICIAL_NAME_COLUMNS:
        value = entry.extra.get(column)
        found.extend([value] if isinstance(value, str) else value or [])
    return tuple(found)


def _build(
    codelist: CodeList,
    drop_words: Iterable[str],
    glued_suffixes: tuple[str, ...] = (),
    *,
    names_are_genitive: bool,
) -> _Index:
    """The index of ``codelist``'s Swedish names.

    Municipality names are base forms (``Lerum``): their genitive (``Lerums``) is added,
    and the key of each official name (``Falu kommun`` → ``falu``), which no rule gives.
    County names are mostly genitives before ``län`` (``Hallands län``): their base form
    (``Halland``) is added, or the genitive of those that are not (``Kalmars län``).
    """
    drop = frozenset(drop_words)
    names: dict[str, str] = {}
    exact: dict[str, str] = {}
    official: dict[str, str] = {}
    keys: dict[str, set[str]] = {}
    forms: list[_Form] = []
    for entry in codelist.codes:
        names[entry.code] = name = entry.title.get("sv", entry.code)
        exact[entry.code] = exact[name] = entry.code
        key = _key(name, drop)
        genitive = names_are_genitive and key.endswith("s")
        other = key.removesuffix("s") if genitive else _genitive(key)
        spellings = [key, other]
        for written in official_names(entry):
            official[" ".join(written.casefold().split())] = entry.code
            spellings.append(_key(written, drop))
        for spelling in dict.fromkeys(spellings):
            keys.setdefault(spelling, set()).add(entry.code)
            forms.append(_Form(spelling, _fold(spelling), entry.code))
    near: dict[str, set[int]] = {}
    for index, form in enumerate(forms):
        for variant in _deletions(form.folded, _allowed(form.key)):
            near.setdefault(variant, set()).add(index)
    return _Index(
        what=codelist.id,
        drop_words=drop,
        glued_suffixes=glued_suffixes,
        names=MappingProxyType(names),
        exact=MappingProxyType(exact),
        official=MappingProxyType(official),
        normalised=MappingProxyType({k: frozenset(v) for k, v in keys.items()}),
        forms=tuple(forms),
        by_code=MappingProxyType(
            {code: tuple(f for f in forms if f.code == code) for code in names}
        ),
        near=MappingProxyType({k: frozenset(v) for k, v in near.items()}),
    )


def _genitive(key: str) -> str:
    """``lerum`` → ``lerums``; names ending in s, x or z take no extra s (``borås``)."""
    return key if key.endswith(("s", "x", "z")) else key + "s"


@functools.cache
def _municipalities() -> _Index:
    return _build(
        codelist("municipality"),
        ("kommun", "stad", "municipality"),  # not region: Region Uppsala is no municipality
        ("kommun",),  # Lerumskommun; not stad: Karlstad
        names_are_genitive=False,
    )


@functools.cache
def _counties() -> _Index:
    return _build(
        codelist("county"),
        ("län", "county", "region"),
        ("län", "regionen"),  # Stockholmslän, Västra Götalandsregionen
        names_are_genitive=True,
    )


def match_municipality(name: str) -> Match:
    """The municipality ``name`` names, and how sure that is.

    Reads the kommunkod itself (``1441``, also ``114`` for ``0114``) and the name in any
    case, with or without ``kommun`` or ``stad`` and a genitive ``s`` (``Lerums kommun``,
    ``Göteborgs Stad``), with hyphens or spaces or neither (``Lilla-Edet``, ``LillaEdet``),
    and with a letter or two wrong (``Stenungssund``, ``Goteborg``; fuzzy).
    Raises :class:`NoMatchError` with the nearest municipalities when it names none, and
    :class:`AmbiguousMatchError` when a misspelling is as close to two.
    """
    return _municipalities().match(name)


_MUNICIPALITY_WORDS: Final = frozenset({"kommun", "stad"})


def municipality_of_organisation(name: str) -> Match | None:
    """The municipality an organisation *is*, by its name: ``Lerums kommun``,
    ``Falu kommun``, ``Göteborgs Stad``, ``Region Gotland``; ``None`` for any other name.

    The name must be a municipality's official name (in any case), or end in *kommun* or
    *stad* with the rest naming a municipality exactly or normalised. A fuzzy reading is
    never taken: who an organisation is must not be guessed (``Lerums Kommunfastigheter
    AB`` and ``Kommunförbundet`` are none, and ``Ystad`` alone is a town's name, not its
    council's).
    """
    written = " ".join(unicodedata.normalize("NFC", name).casefold().split())
    code = _municipalities().official.get(written)
    if code is not None:
        return match_municipality(name)
    *rest, last = written.split() or [""]
    if last not in _MUNICIPALITY_WORDS or not rest:
        return None
    try:
        match = match_municipality(name)
    except NoMatchError:  # an AmbiguousMatchError too
        return None
    return match if match.certainty is not Certainty.FUZZY else None


def match_county(name: str) -> Match:
    """The county ``name`` names, and how sure that is.

    Reads the länskod itself (``14``, also ``1`` for ``01``) and the name with or without
    ``län`` and its genitive ``s`` (``Västra Götalands län``, ``Västra Götaland``), the
    region's name (``Region Skåne``, ``Västra Götalandsregionen``), and close spellings, as
    :func:`match_municipality` does.
    """
    return _counties().match(name)


# --- NUTS 3 --------------------------------------------------------------------------------


@functools.cache
def _nuts3_counties() -> Mapping[str, str]:
    return MappingProxyType({c.code: c.extra["county"] for c in codelist("nuts3").codes})


def county_of_nuts3(code: str) -> str:
    """The county code (länskod) of the Swedish NUTS 3 region ``code`` (``SE232`` → ``14``).

    Case and surrounding spaces do not matter. Raises :class:`NoMatchError` for a code of
    another country, of another NUTS level, or of no region.
    """
    wanted = code.strip().upper()
    counties = _nuts3_counties()
    if wanted in counties:
        return counties[wanted]
    if not wanted.startswith("SE"):
        reason = "not a Swedish NUTS code (they begin SE)"
    elif len(wanted) != 5:
        reason = "not a NUTS 3 code (SE and three characters); a county is a NUTS 3 region"
    else:
        reason = f"no Swedish NUTS 3 region; they are {', '.join(counties)}"
    raise NoMatchError(code, "nuts3", (), reason=reason)


# --- organisationsnummer -------------------------------------------------------------------

ORGNR_FORM: Final = re.compile(r"^[0-9]{6}-[0-9]{4}$")
"""How an organisationsnummer is written in a dataset: six digits, a hyphen, four."""

_ORGNR_TEXT: Final = re.compile(
    r"^(?:(?P<vat>SE)|(?P<century>\d{2}))?(?P<digits>\d{10})(?P<tail>\d*)$"
)


def luhn_check_digit(digits: str) -> int:
    """The Luhn check digit of ``digits``: doubled from the left, as Swedish numbers are."""
    total = 0
    for index, char in enumerate(digits):
        product = int(char) * (2 if index % 2 == 0 else 1)
        total += product // 10 + product % 10
    return (10 - total % 10) % 10


def normalise_orgnr(text: str) -> str:
    """The organisationsnummer in ``text``, written ``NNNNNN-NNNN``.

    Reads ``212000-1355``, ``2120001355``, the 12-digit ``16212000-1355`` and the VAT
    number ``SE212000135501``, with spaces anywhere. Raises
    :class:`OrganisationNumberError` when the text is none of these, when the check digit
    is wrong, or when the number is a personnummer (a sole trader's organisationsnummer is
    the owner's personnummer: personal data, never repeated in the message); that last
    one is a :class:`PersonalNumberError`, so an importer can leave out what goes with it.
    """
    compact = re.sub(r"[\s\u00a0\u202f-]+", "", text).upper()
    found = _ORGNR_TEXT.match(compact)
    if found is None or found["tail"] != ("01" if found["vat"] else ""):
        raise OrganisationNumberError(
            "not an organisationsnummer: write ten digits (212000-1355), "
            "twelve beginning 16 (16212000-1355) or the VAT number (SE212000135501)"
        )
    digits = found["digits"]
    if found["century"] in ("18", "19", "20") or digits[2] in "01":
        raise PersonalNumberError(
            "the number has the form of a personnummer (a sole trader's), which is personal "
            "data and is not read; a legal person's organisationsnummer has a third digit of "
            "2 or more"
        )
    if found["century"] not in (None, "16"):
        raise OrganisationNumberError(
            f"a twelve-digit organisationsnummer begins with 16, not {found['century']}"
        )
    written = f"{digits[:6]}-{digits[6:]}"
    expected = luhn_check_digit(digits[:9])
    if int(digits[9]) != expected:
        raise OrganisationNumberError(
            f"the check digit of {written} is wrong: the first nine digits give {expected}; "
            "a digit is mistyped or two are swapped"
        )
    return written
