"""One project-bank record → a project of the 1.1 model, with every remark about it.

What maps where (the format's documentation page has the table):

- ``ärende-id`` → the project's id and its identifier (``se-arendenummer``, issued by
  Tillväxtverket); ``projektnamn`` → its name; ``projektbeskrivning`` → a cited
  description. A record without either, or repeating an earlier case number, is refused.
- ``stödmottagare`` → an organisation in the role ``owner`` (described "stödmottagare")
  and the funding's recipient; Tillväxtverket is the ``managing-authority``, the ERDF
  (Eruf) the ``funder``, both the records :mod:`..funders` gives Kohesio's too.
- ``beviljat_belopp_sek`` / ``_eur`` → the funding's exact amount and its EUR equivalent.
- ``projekt_starttid`` / ``_sluttid`` → the planned period.
- ``län`` / ``kommuner`` → the covered area, by code, through :mod:`grprojects.lookups`.
- ``område``, ``insatsområde``, ``tematiskt_mål`` → the funding's programme (and its
  CCI code), priority axis and thematic objective (where the code list has its words).
- ``projektledare``, ``telnr``, ``e-post`` → people and contacts: personal data.
- ``uppdateringsdatum`` and ``_source`` → the record's own source (kind ``register``),
  dated; every fact of the record cites it.

``UPPGIFT SAKNAS`` and ``NN`` become ``missing`` entries ("stated missing"); a
placeholder 0 and text that cannot be read become ``unknown`` entries with the
source's wording, each reported.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Final

import attrs

from grprojects import Diagnostic, Severity
from grprojects.codelists import codelist
from grprojects.lookups import (
    AmbiguousMatchError,
    Certainty,
    Match,
    NoMatchError,
    match_county,
    match_municipality,
)
from grprojects.model import (
    Absence,
    AbsenceReason,
    Area,
    Funding,
    Identifier,
    Money,
    PartialDate,
    Participation,
    Period,
    PeriodStatus,
    PriorityAxis,
    Project,
    ProjectPeriod,
    Source,
    Statement,
    Text,
)
from grprojects.model.fields import ID_PATTERN

from ..funders import fund_id
from . import codes
from .keys import KEYS
from .leaders import LeaderContacts
from .records import Record
from .remarks import Remarks, absence, is_stated_missing, slug

MANAGING_AUTHORITY: Final = "tillvaxtverket"
ERDF: Final = "erdf"
"""The fund of every record, a code of the ``fund`` list."""
FUND: Final = fund_id(ERDF)
FILE_SOURCE: Final = "projektbanken"
"""The id of the file's own source, cited by what the file as a whole says."""
PROGRAMME_PERIOD: Final = Period(start=PartialDate(2014), end=PartialDate(2020))
BENEFICIARY: Final = Text(sv="stödmottagare")

_ID: Final = re.compile(ID_PATTERN)
_LIST: Final = re.compile(r"\s*[,;]\s*")


@functools.lru_cache(maxsize=4096)
def _looked_up(kind: str, name: str) -> Match | NoMatchError | AmbiguousMatchError:
    """The match of a name, or the error saying why none: an export names the same few
    hundred places thousands of times, so each spelling is looked up once."""
    try:
        return (match_municipality if kind == "municipality" else match_county)(name)
    except (NoMatchError, AmbiguousMatchError) as error:
        return error


@functools.cache
def _programmes() -> Mapping[str, str]:
    """ERDF 2014–2020 programmes of the code list by their Swedish title, folded."""
    return {
        entry.title.get("sv", "").casefold(): entry.code
        for entry in codelist("programme").codes
        if entry.extra.get("fund") == ERDF and entry.extra.get("period") == "2014/2020"
    }


@functools.cache
def _objectives() -> Mapping[str, str]:
    """Thematic objectives by their Swedish title, folded (only those the list words)."""
    return {
        _objective_key(entry.title["sv"]): entry.code
        for entry in codelist("thematic-objective").codes
        if "sv" in entry.title
    }


def _objective_key(wording: str) -> str:
    """``wording`` folded: case and spacing, a full stop and the infinitive marker *att*
    do not matter (the bank writes "Att öka …" where the list says "Öka …")."""
    return " ".join(wording.split()).casefold().removeprefix("att ").rstrip(".")


@attrs.frozen
class ReadRecord:
    """What one record became: its project, and the record itself as a source."""

    project: Project
    source: Source


class RecordReader:
    """Reads one record after another, gathering organisations and every diagnostic."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.seen: dict[str, str] = {}
        """Case number → the place of the record that had it first."""
        self.beneficiaries: dict[str, tuple[str, str, list[str]]] = {}
        """Name folded → (id, name as first written, the record sources naming it)."""
        self.taken_ids = {MANAGING_AUTHORITY, FUND}
        self.reported_keys: set[str] = set()
        self.newest: PartialDate | None = None

    # --- one record ------------------------------------------------------------------

    def read(self, record: Record) -> tuple[ReadRecord | None, list[Diagnostic]]:
        """The record's project and source, or ``None`` when it is refused; and every remark."""
        remarks = Remarks(record)
        for key in record.values:
            if key not in KEYS and key not in self.reported_keys:
                self.reported_keys.add(key)
                remarks.add(
                    codes.UNKNOWN_KEY,
                    record.at(key),
                    f"{key!r} is no key of the project bank's export; its values are not "
                    "imported (reported at its first record only)",
                )
        case = remarks.text("ärende-id")
        name = remarks.text("projektnamn")
        if not self._acceptable(remarks, case, name) or case is None or name is None:
            return None, remarks.found
        self.seen[case] = record.whole.label
        source_id = f"{FILE_SOURCE}-{case}"
        project = self._project(record, remarks, case, name, source_id)
        return ReadRecord(project, self._source(record, remarks, case, source_id)), remarks.found

    def _acceptable(self, remarks: Remarks, case: str | None, name: str | None) -> bool:
        """Whether the record can be a project: a usable case number of its own, a name.
        Every reason it cannot is reported."""
        reasons = len(remarks.found)
        if case is None:
            remarks.refuse(codes.MISSING_ID, "no case number (ärende-id): the record is refused")
        elif not _ID.match(f"{FILE_SOURCE}-{case}"):
            remarks.refuse(
                codes.BAD_ID,
                f'case number {case!r} cannot be an id (no spaces or / \\ : * ? " < > | # %, '
                "at most 85 characters): the record is refused",
                "ärende-id",
            )
        elif case in self.seen:
            remarks.refuse(
                codes.DUPLICATE_ID,
                f"case number {case} is also the record at {self.seen[case]}: this one is refused",
                "ärende-id",
            )
        if name is None or is_stated_missing(name):
            remarks.refuse(
                codes.MISSING_NAME, "no project name (projektnamn): the record is refused"
            )
        return not any(d.severity is Severity.ERROR for d in remarks.found[reasons:])

    def _source(self, record: Record, remarks: Remarks, case: str, source_id: str) -> Source:
        note = f"Posten {record.whole.label} i {self.path.name}"
        missing: list[Absence] = []
        updated = None
        written = remarks.text("uppdateringsdatum")
        raw = record.values.get("uppdateringsdatum")
        if written is not None and is_stated_missing(written):
            missing.append(absence("updated", written, AbsenceReason.STATED_MISSING, source_id))
        elif written is not None:
            note += f", uppdaterad {written}"  # the time of day too, which a date cannot hold
            updated = remarks.date("uppdateringsdatum", raw, written)
            if updated is None:
                missing.append(absence("updated", written, AbsenceReason.UNKNOWN, source_id))
            elif self.newest is None or updated.sort_key > self.newest.sort_key:
                self.newest = updated
        origin = remarks.text("_source")
        if origin:
            note += f", hämtad från {origin}"
        return Source(
            id=source_id,
            title=Text(sv=f"Tillväxtverkets projektbank, Eruf 2014–2020: ärende {case}"),
            kind="register",
            publisher=MANAGING_AUTHORITY,
            updated=updated,
            language="swe",
            note=Text(sv=note + "."),
            missing=missing,
        )

    def _project(
        self, record: Record, remarks: Remarks, case: str, name: str, source_id: str
    ) -> Project:
        cited = [source_id]
        owner = self._beneficiary(remarks, source_id)
        participations = [
            *([owner[0]] if owner[0] else []),
            Participation(role="funder", organisation=FUND, sources=cited),
            Participation(
                role="managing-authority", organisation=MANAGING_AUTHORITY, sources=cited
            ),
        ]
        description = remarks.text("projektbeskrivning")
        missing: list[Absence] = []
        descriptions = []
        if description is not None and is_stated_missing(description):
            missing.append(
                absence("descriptions", description, AbsenceReason.STATED_MISSING, source_id)
            )
        elif description is not None:
            descriptions.append(Statement(text=Text(sv=description), sources=cited))
        periods = [p for p in [self._period(record, remarks, source_id)] if p is not None]
        areas = [a for a in [self._area(remarks, source_id)] if a is not None]
        people, contacts = LeaderContacts(remarks, source_id, owner[1]).read()
        return Project(
            id=case,
            name=Text(sv=name),
            periods=periods,
            participations=participations,
            funding=[self._funding(record, remarks, source_id, owner[1])],
            people=people,
            contacts=contacts,
            sources=cited,
            identifiers=[
                Identifier(
                    scheme="se-arendenummer", value=case, issuer=MANAGING_AUTHORITY, sources=cited
                )
            ],
            descriptions=descriptions,
            areas=areas,
            missing=missing,
        )

    def _beneficiary(
        self, remarks: Remarks, source_id: str
    ) -> tuple[Participation | None, str | None]:
        written = remarks.text("stödmottagare")
        if written is None:
            return None, None
        if is_stated_missing(written):
            return (
                Participation(
                    role="owner",
                    description=BENEFICIARY,
                    sources=[source_id],
                    missing=[
                        absence("organisation", written, AbsenceReason.STATED_MISSING, source_id)
                    ],
                ),
                None,
            )
        folded = " ".join(written.split()).casefold()
        if folded not in self.beneficiaries:
            base = candidate = slug(written)
            number = 1
            while candidate in self.taken_ids:
                number += 1
                candidate = f"{base}-{number}"
            self.taken_ids.add(candidate)
            self.beneficiaries[folded] = (candidate, " ".join(written.split()), [])
        identity, _, sources = self.beneficiaries[folded]
        sources.append(source_id)
        return (
            Participation(
                role="owner", organisation=identity, description=BENEFICIARY, sources=[source_id]
            ),
            identity,
        )

    def _period(self, record: Record, remarks: Remarks, source_id: str) -> ProjectPeriod | None:
        ends: dict[str, PartialDate | None] = {}
        missing: list[Absence] = []
        words = []
        for key, field in (("projekt_starttid", "start"), ("projekt_sluttid", "end")):
            written = remarks.text(key)
            ends[field] = None
            if written is None:
                continue
            if is_stated_missing(written):
                missing.append(absence(field, written, AbsenceReason.STATED_MISSING, source_id))
                continue
            ends[field] = remarks.date(key, record.values.get(key), written)
            if ends[field] is None:
                missing.append(absence(field, written, AbsenceReason.UNKNOWN, source_id))
                words.append(f"{key}: {written}")
        if not missing and ends["start"] is None and ends["end"] is None:
            return None
        return ProjectPeriod(
            status=PeriodStatus.PLANNED,
            start=ends["start"],
            end=ends["end"],
            wording=Text(sv="; ".join(words)) if words else None,
            sources=[source_id],
            missing=missing,
        )

    def _area(self, remarks: Remarks, source_id: str) -> Area | None:
        municipalities: list[str] = []
        counties: list[str] = []
        unmatched: list[str] = []
        missing: list[Absence] = []
        wording = []
        for key, field, lookup, codes_found, fuzzy, unknown in (
            (
                "kommuner",
                "municipalities",
                "municipality",
                municipalities,
                codes.FUZZY_MUNICIPALITY,
                codes.UNKNOWN_MUNICIPALITY,
            ),
            ("län", "counties", "county", counties, codes.FUZZY_COUNTY, codes.UNKNOWN_COUNTY),
        ):
            written = remarks.text(key)
            if written is None:
                continue
            wording.append(written)
            if is_stated_missing(written):
                missing.append(absence(field, written, AbsenceReason.STATED_MISSING, source_id))
                continue
            for name in _LIST.split(written):
                if not name:
                    continue
                match = _looked_up(lookup, name)
                if isinstance(match, NoMatchError | AmbiguousMatchError):
                    error = match
                    remarks.warn(
                        unknown, f"{error}; kept as written in the area's unmatched names", key
                    )
                    if name not in unmatched:
                        unmatched.append(name)
                    continue
                if match.certainty is Certainty.FUZZY:
                    remarks.warn(fuzzy, f"{match.describe()}; check it", key)
                if match.code not in codes_found:
                    codes_found.append(match.code)
        if not wording:
            return None
        return Area(
            municipalities=municipalities,
            counties=counties,
            wording=Text(sv="; ".join(wording)),
            unmatched=unmatched,
            sources=[source_id],
            missing=missing,
        )

    def _funding(
        self, record: Record, remarks: Remarks, source_id: str, recipient: str | None
    ) -> Funding:
        missing: list[Absence] = []
        words: list[str] = []
        amount = remarks.amount("beviljat_belopp_sek", "amount", missing, words, source_id)
        eur = remarks.amount("beviljat_belopp_eur", "equivalents", missing, words, source_id)
        area = remarks.text("område")
        programme_code = None
        if area is not None and is_stated_missing(area):
            missing.append(absence("programme", area, AbsenceReason.STATED_MISSING, source_id))
            area = None
        elif area is not None:
            programme_code = _programmes().get(" ".join(area.split()).casefold())
            if programme_code is None:
                remarks.note(
                    codes.PROGRAMME_TEXT,
                    f"programme area {area!r} is no ERDF 2014–2020 programme of the code list; "
                    "kept as the programme's text",
                    "område",
                )
        axis = remarks.text("insatsområde")
        if axis is not None and is_stated_missing(axis):
            missing.append(absence("priority_axis", axis, AbsenceReason.STATED_MISSING, source_id))
            axis = None
        objective = remarks.text("tematiskt_mål")
        objectives = []
        if objective is not None and is_stated_missing(objective):
            missing.append(
                absence("thematic_objectives", objective, AbsenceReason.STATED_MISSING, source_id)
            )
        elif objective is not None:
            code = _objectives().get(_objective_key(objective))
            if code is None:
                remarks.note(
                    codes.OBJECTIVE_TEXT,
                    "the thematic objective's wording is not in the code list (which words "
                    "objectives 1 to 10 in Swedish); kept as the funding's wording",
                    "tematiskt_mål",
                )
                words.append(f"tematiskt mål: {objective}")
            else:
                objectives.append(code)
        return Funding(
            funder=FUND,
            programme=Text(sv=area) if area else None,
            programme_period=PROGRAMME_PERIOD,
            amount=Money(amount=amount, currency="SEK") if amount is not None else None,
            recipients=[recipient] if recipient else [],
            wording=Text(sv="; ".join(words)) if words else None,
            sources=[source_id],
            fund=ERDF,
            programme_code=programme_code,
            priority_axis=PriorityAxis(title=Text(sv=axis)) if axis else None,
            thematic_objectives=objectives,
            equivalents=[Money(amount=eur, currency="EUR")] if eur is not None else [],
            missing=missing,
        )
