"""The rows of a Kohesio list of operations, read one by one into the dataset being built.

Each row becomes a project (or, for a further row of an operation already read, one more
beneficiary of it); whatever a row's cells cannot give is reported on the row with its
line and column. :class:`Builder` counts every row as imported, imported with warnings
or refused, and at the end makes the dataset.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Final, TypeVar

import attrs

from grprojects import (
    Dataset,
    Diagnostic,
    Funding,
    Organisation,
    Participation,
    Project,
    ProjectPeriod,
    Severity,
    Source,
    Text,
)
from grprojects.codelists import codelist
from grprojects.lookups import (
    NoMatchError,
    OrganisationNumberError,
    PersonalNumberError,
    county_of_nuts3,
    normalise_orgnr,
)
from grprojects.model import (
    Absence,
    AbsenceReason,
    Area,
    Identifier,
    Money,
    PeriodStatus,
    Publisher,
    Statement,
)
from grprojects.model.fields import field_of

from ..beneficiaries import beneficiary, cites_code_list, code_list_source
from ..funders import fund_id, fund_of, fund_organisation, managing_authority
from . import codes, values
from .row import RefusedError, Row
from .values import CellError

SOURCE: Final = "kohesio"
"""The id of the source every fact of the file cites: the file itself, a register."""
EDITORIAL: Final = "kohesio-forvaltande-myndigheter"
"""The id of the editorial source the managing authorities cite, since the file has none."""
COMMISSION: Final = "europeiska-kommissionen"
"""The id of the European Commission, which publishes Kohesio."""
KOHESIO_URL: Final = "https://kohesio.ec.europa.eu/"

_MANAGING_AUTHORITIES: Final = {
    "erdf": "tillvaxtverket",
    "jtf": "tillvaxtverket",
    "esf": "svenska-esf-radet",
    "esf-plus": "svenska-esf-radet",
}
"""The managing authority (*förvaltande myndighet*) of Sweden's own programmes of each fund.

Kohesio does not say who manages an operation; these are the authorities the Swedish
programmes of 2014–2020 and 2021–2027 name. A European territorial cooperation
(Interreg) programme has its own authority and gets none from here."""

T = TypeVar("T")

_IDENTIFIER: Final = re.compile(field_of(Identifier, "value").pattern or "")
"""What an identifier's value may be: nothing invisible, no space."""

_BENEFICIARY: Final = Text(sv="stödmottagare", translations={"en": "beneficiary"})
_OPERATION_COLUMNS: Final = (
    "Operation_Local_Identifier",
    "Operation_Name_English",
    "Operation_Name_Programme_Language",
    "NUTS3_Code",
    "Operation_Start_Date",
    "Operation_End_Date",
    "Total_Eligible_Expenditure_amount",
    "Total_Eligible_Expenditure_Currency",
    "Project_EU_Budget",
    "Cofinancing_Rate",
    "Fund_Code",
    "Programme_Name",
    "Programming_Period",
)
"""Columns about the operation, not its beneficiary: equal on every row of one operation."""


@attrs.define
class _Operation:
    """An operation already read: where its project is and its first row's values."""

    index: int
    line: int
    values: tuple[str, ...]
    """The cells of :data:`_OPERATION_COLUMNS`, in that order."""


@attrs.define
class Builder:
    """The dataset being built, row by row."""

    file: str
    organisations: dict[str, Organisation] = attrs.field(factory=dict)
    projects: list[Project] = attrs.field(factory=list)
    operations: dict[str, _Operation] = attrs.field(factory=dict)
    diagnostics: list[Diagnostic] = attrs.field(factory=list)
    imported: int = 0
    with_warnings: int = 0
    refused: int = 0
    editorial: bool = False

    def add(self, row: Row) -> None:
        """Read ``row`` into the dataset, or refuse it; count it either way."""
        try:
            self._read(row)
        except RefusedError:
            self.refused += 1
        else:
            warned = any(d.severity >= Severity.WARNING for d in row.found)
            self.with_warnings += warned
            self.imported += not warned
        self.diagnostics += row.found

    # -- a row --------------------------------------------------------------------

    def _read(self, row: Row) -> None:
        country = row.get("Country") or row.get("CountryCode")
        if not values.is_sweden(country):
            what = f"the operation is in {country!r}" if country else "no country is given"
            raise row.refuse(
                codes.NOT_SWEDISH,
                "Country" if "Country" in row.cells else "CountryCode",
                f"{what}; grprojects describes Swedish projects, so only rows of Sweden (SE) "
                "are imported: download Sweden's list from Kohesio",
            )
        try:
            qid = values.operation_qid(row.get("Operation_Unique_Identifier"))
        except CellError as error:
            raise row.refuse(
                codes.BAD_OPERATION_ID, "Operation_Unique_Identifier", str(error)
            ) from None
        earlier = self.operations.get(qid)
        if earlier is not None:
            self._repeated(row, earlier)
            return
        row.pointer = f"/projects/{len(self.projects)}"
        name = self._name(row)
        beneficiary = self._beneficiary(row)
        budget = self._money(row, "Project_EU_Budget")
        total = self._money(row, "Total_Eligible_Expenditure_amount")
        currency = self._currency(row) if budget or total else None
        rate = self._cell(row, "Cofinancing_Rate", values.rate, codes.BAD_RATE)
        funding, funder, authority = self._funding(row, beneficiary, budget, currency, total, rate)
        participations = [self._owner(beneficiary)]
        if funder is not None:
            participations.append(
                Participation(role="funder", organisation=funder, sources=[SOURCE])
            )
        if authority is not None:
            participations.append(
                Participation(
                    role="managing-authority", organisation=authority, sources=[EDITORIAL]
                )
            )
        local = row.get("Operation_Local_Identifier")
        if local and not _IDENTIFIER.match(local):
            row.report(
                codes.BAD_LOCAL_IDENTIFIER,
                "Operation_Local_Identifier",
                f"{local!r} holds spaces or invisible characters, which an identifier may not; "
                "left out",
            )
            local = ""
        project = Project(
            id=f"kohesio-{qid}",
            name=name,
            periods=self._periods(row),
            participations=participations,
            funding=funding,
            sources=[SOURCE],
            identifiers=[
                Identifier(scheme="eu-kohesio", value=qid, issuer=COMMISSION, sources=[SOURCE]),
                *(
                    [
                        Identifier(
                            scheme="se-arendenummer",
                            value=local,
                            issuer=authority,
                            sources=[SOURCE],
                        )
                    ]
                    if local
                    else []
                ),
            ],
            descriptions=self._descriptions(row),
            areas=self._areas(row),
        )
        self.operations[qid] = _Operation(
            len(self.projects), row.line, tuple(row.get(c) for c in _OPERATION_COLUMNS)
        )
        self.projects.append(project)

    def _repeated(self, row: Row, earlier: _Operation) -> None:
        """A further row of an operation: its beneficiary joins the project."""
        row.pointer = f"/projects/{earlier.index}"
        differ = [
            (column, first)
            for column, first in zip(_OPERATION_COLUMNS, earlier.values, strict=True)
            if row.get(column) != first
        ]
        if differ:
            shown = ", ".join(
                f"{c} {row.get(c)!r} (line {earlier.line}: {first!r})" for c, first in differ
            )
            row.report(
                codes.CONFLICTING_ROW,
                differ[0][0],
                f"the operation is also on line {earlier.line}, with other values: {shown}; "
                f"line {earlier.line}'s are kept",
            )
        else:
            row.report(
                codes.REPEATED_OPERATION,
                None,
                f"the operation is also on line {earlier.line}; this row's beneficiary is added "
                "to it",
            )
        beneficiary = self._beneficiary(row)
        project = self.projects[earlier.index]
        owner = self._owner(beneficiary)
        participations = list(project.participations)
        if owner not in participations:
            participations.insert(sum(p.role == "owner" for p in participations), owner)
        funding = [
            f.evolve(recipients=list(dict.fromkeys([*f.recipients, beneficiary])))
            if beneficiary
            else f
            for f in project.funding
        ]
        self.projects[earlier.index] = project.evolve(
            participations=participations, funding=funding
        )

    # -- the parts of a project ---------------------------------------------------

    def _name(self, row: Row) -> Text:
        native = row.get("Operation_Name_Programme_Language")
        english = row.get("Operation_Name_English")
        if not native and not english:
            raise row.refuse(
                codes.NO_NAME,
                "Operation_Name_Programme_Language",
                "the operation has no name, neither in the programme's language nor in English",
            )
        if not native:
            row.report(
                codes.ENGLISH_NAME_ONLY,
                "Operation_Name_Programme_Language",
                "empty; the English name, which Kohesio translates by machine, stands as the "
                "project's name",
            )
            return Text(sv=english, translations={"en": english})
        return Text(sv=native, translations={"en": english} if english else {})

    def _periods(self, row: Row) -> list[ProjectPeriod]:
        start = self._cell(row, "Operation_Start_Date", values.date, codes.BAD_DATE)
        end = self._cell(row, "Operation_End_Date", values.date, codes.BAD_DATE)
        if start is None and end is None:
            return []
        return [ProjectPeriod(status=PeriodStatus.PLANNED, start=start, end=end, sources=[SOURCE])]

    def _descriptions(self, row: Row) -> list[Statement]:
        native = row.get("Operation_Summary_Programme_Language")
        english = row.get("Operation_Summary_English")
        if native:
            text = Text(sv=native, translations={"en": english} if english else {})
            return [Statement(text=text, sources=[SOURCE])]
        if english:
            return [
                Statement(text=Text(sv=english, translations={"en": english}), sources=[SOURCE])
            ]
        return []

    def _areas(self, row: Row) -> list[Area]:
        written = row.get("NUTS3_Code")
        if not written:
            return []
        regions: list[str] = []
        counties: list[str] = []
        unmatched: list[str] = []
        for code in (c.strip() for c in written.replace(";", ",").split(",")):
            if not code:
                continue
            try:
                county = county_of_nuts3(code)
            except NoMatchError as error:
                unmatched.append(code)
                row.report(codes.BAD_NUTS3, "NUTS3_Code", str(error))
                continue
            regions.append(code.upper())
            counties.append(county)
        return [
            Area(
                regions=list(dict.fromkeys(regions)),
                counties=list(dict.fromkeys(counties)),
                unmatched=list(dict.fromkeys(unmatched)),
                sources=[SOURCE],
            )
        ]

    def _beneficiary(self, row: Row) -> str | None:
        """The id of the row's beneficiary organisation, added to the dataset once."""
        name = row.get("Beneficiary_Name")
        number = row.get("Beneficiary_Local_Identifier")
        orgnr = None
        if number:
            try:
                orgnr = normalise_orgnr(number)
            except PersonalNumberError:
                row.report(
                    codes.PERSONAL_IDENTITY_NUMBER,
                    "Beneficiary_Local_Identifier",
                    "the beneficiary's identifier has the form of a personnummer: a sole "
                    "trader, a natural person. Neither the number nor the beneficiary's "
                    "name (often the person's own) is imported",
                )
                return None
            except OrganisationNumberError as error:
                row.report(codes.BAD_ORGNR, "Beneficiary_Local_Identifier", f"left out: {error}")
        if not name:
            row.report(
                codes.NO_BENEFICIARY, "Beneficiary_Name", "empty; the beneficiary is not named"
            )
            return None
        key = f"orgnr-{orgnr}" if orgnr else f"stodmottagare-{_slug(name)}"
        known = self.organisations.get(key)
        if known is None:
            identifiers = (
                [Identifier(scheme="se-orgnr", value=orgnr, sources=[SOURCE])] if orgnr else []
            )
            self.organisations[key] = beneficiary(key, name, [SOURCE], identifiers)
        elif name != known.name.sv and all(o.text.sv != name for o in known.other_names):
            other = Statement(text=Text(sv=name), sources=[SOURCE])
            self.organisations[key] = known.evolve(other_names=[*known.other_names, other])
        return key

    def _owner(self, beneficiary: str | None) -> Participation:
        return Participation(
            role="owner", organisation=beneficiary, description=_BENEFICIARY, sources=[SOURCE]
        )

    def _funding(
        self,
        row: Row,
        beneficiary: str | None,
        budget: Decimal | None,
        currency: str | None,
        total: Decimal | None,
        rate: Decimal | None,
    ) -> tuple[list[Funding], str | None, str | None]:
        """The EU funding, its funder and the managing authority of its programme."""
        written = row.get("Fund_Code")
        if not written:
            left_out = [
                f"{what} {row.get(column)!r}"
                for what, column in (
                    ("the EU budget", "Project_EU_Budget"),
                    ("the total eligible expenditure", "Total_Eligible_Expenditure_amount"),
                    ("the co-financing rate", "Cofinancing_Rate"),
                )
                if row.get(column)
            ]
            row.report(
                codes.NO_FUND,
                "Fund_Code",
                "empty; without a fund there is no funder"
                + (f", and {', '.join(left_out)} are left out" if left_out else ""),
            )
            return [], None, None
        fund = fund_of(written)
        if fund is None:
            row.report(
                codes.UNKNOWN_FUND,
                "Fund_Code",
                f"{written!r} is not in the fund code list (ERDF, ESF, ESF+, CF, JTF …); the "
                "funder is named as written",
            )
        funder = self._fund_organisation(fund, written)
        programme = row.get("Programme_Name")
        code = self._programme_code(row)
        missing = []
        if budget == 0:
            row.report(
                codes.ZERO_AMOUNT,
                "Project_EU_Budget",
                f"{row.get('Project_EU_Budget')!r}, which a list of operations writes where the "
                "budget is not known; left out",
            )
            wording = Text(sv=row.get("Project_EU_Budget"))
            missing.append(
                Absence(
                    field="amount", reason=AbsenceReason.UNKNOWN, wording=wording, sources=[SOURCE]
                )
            )
        period = self._cell(row, "Programming_Period", values.programming_period, codes.BAD_PERIOD)
        funding = Funding(
            funder=funder,
            programme=Text(sv=programme) if programme else None,
            programme_period=period,
            amount=Money(amount=budget, currency=currency) if budget and currency else None,
            total_eligible_expenditure=Money(amount=total, currency=currency)
            if total is not None and currency
            else None,
            cofinancing_rate=rate,
            recipients=[beneficiary] if beneficiary else [],
            sources=[SOURCE],
            fund=fund,
            programme_code=code,
            missing=missing,
        )
        return [funding], funder, self._authority(fund, programme, code)

    def _programme_code(self, row: Row) -> str | None:
        """The programme's CCI number, from ``Programme_Code`` or the start of the local id,
        when the shipped programme list has it."""
        written = row.get("Programme_Code") or values.cci_of(row.get("Operation_Local_Identifier"))
        if not written:
            return None
        if written in codelist("programme"):
            return written
        column = "Programme_Code" if row.get("Programme_Code") else "Operation_Local_Identifier"
        row.report(
            codes.UNKNOWN_PROGRAMME,
            column,
            f"the programme {written!r} is not in the programme code list; its name is kept, its "
            "code left out (a plugin can add the code to the open list)",
        )
        return None

    def _authority(self, fund: str | None, programme: str, code: str | None) -> str | None:
        """The managing authority of a Swedish programme of ``fund``, if it is one."""
        interreg = "interreg" in programme.casefold() or (code is not None and code[4:6] == "TC")
        if fund not in _MANAGING_AUTHORITIES or interreg:
            return None
        key = _MANAGING_AUTHORITIES[fund]
        if key not in self.organisations:
            self.organisations[key] = managing_authority(key, [EDITORIAL])
        self.editorial = True
        return key

    def _fund_organisation(self, fund: str | None, written: str) -> str:
        """The id of the funder: the fund's own record, or one named as written."""
        key = fund_id(fund or _slug(written))
        if key not in self.organisations:
            self.organisations[key] = (
                fund_organisation(fund, [SOURCE])
                if fund
                else Organisation(
                    id=key,
                    name=Text(sv=written),
                    kind="eu-fund",
                    short_name=written,
                    sources=[SOURCE],
                )
            )
        return key

    def _money(self, row: Row, column: str) -> Decimal | None:
        return self._cell(row, column, values.amount, codes.BAD_AMOUNT)

    def _currency(self, row: Row) -> str | None:
        written = row.get("Total_Eligible_Expenditure_Currency").upper()
        if written in codelist("currency"):
            return written
        row.report(
            codes.BAD_CURRENCY,
            "Total_Eligible_Expenditure_Currency",
            (f"{written!r} is no currency code (EUR, SEK)" if written else "empty")
            + f"; the amounts ({row.get('Total_Eligible_Expenditure_amount')!r}, "
            f"{row.get('Project_EU_Budget')!r}) are left out",
        )
        return None

    def _cell(self, row: Row, column: str, read: Callable[[str], T], code: str) -> T | None:
        """``read`` of the cell in ``column``; ``None`` when empty or, reported, unreadable."""
        text = row.get(column)
        if not text:
            return None
        try:
            return read(text)
        except CellError as error:
            row.report(code, column, f"{error}; left out")
            return None

    # -- the dataset --------------------------------------------------------------

    def dataset(self, path: Path) -> Dataset:
        commission = Organisation(
            id=COMMISSION,
            name=Text(sv="Europeiska kommissionen", translations={"en": "European Commission"}),
            kind="other",
            url="https://commission.europa.eu/",
            sources=[SOURCE],
        )
        sources = [
            Source(
                id=SOURCE,
                title=Text(sv=f"Kohesio, förteckning över insatser: {path.name}"),
                kind="register",
                publisher=COMMISSION,
                url=KOHESIO_URL,
                note=Text(
                    sv="Kohesio sammanställer förvaltande myndigheters förteckningar över "
                    "insatser; de engelska namnen är maskinöversatta.",
                    translations={
                        "en": "Kohesio aggregates the managing authorities' lists of "
                        "operations; the English names are machine translated."
                    },
                ),
            )
        ]
        if self.editorial:
            sources.append(
                Source(
                    id=EDITORIAL,
                    title=Text(sv="Förvaltande myndigheter för Sveriges program per fond"),
                    kind="editorial",
                    note=Text(
                        sv="Kohesio anger inte förvaltande myndighet. Programmen i Sverige "
                        "2014–2020 och 2021–2027 förvaltas av Tillväxtverket (Eruf, FRO) och "
                        "Svenska ESF-rådet (ESF, ESF+), enligt programmen själva; "
                        "Interregprogram har egna myndigheter och får ingen härifrån."
                    ),
                )
            )
        if cites_code_list(self.organisations.values()):
            sources.append(code_list_source())
        return Dataset(
            version="1.1",
            title=Text(sv=f"Insatser ur Kohesio ({path.name})"),
            publisher=Publisher(name=commission.name, organisation=COMMISSION, url=KOHESIO_URL),
            organisations=[commission, *self.organisations.values()],
            projects=self.projects,
            sources=sources,
        )


def _slug(text: str) -> str:
    """An id made from ``text``: lower case, runs of anything but letters and digits a hyphen."""
    words = "".join(c if c.isalnum() else " " for c in text.casefold()).split()
    return "-".join(words)[:80] or "x"
