"""The importer's diagnostic codes, and how a row reports them: ``line N, Column: …``.

Every diagnostic names the line its row starts on and, where one cell is at fault, the
column by its heading, in its message and in its ``line``; its pointer is the project
the row became (none for a refused row), its source the plugin.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

import attrs

from grprojects import Diagnostic, Severity

PLUGIN: Final = "kohesio"
"""The plugin's name (its entry point), which its diagnostics give as their source."""

CODES: Final[Mapping[str, tuple[Severity, str]]] = {
    "kohesio.file": (
        Severity.ERROR,
        "The file cannot be read as CSV text (not UTF-8, an unclosed quote, no heading row).",
    ),
    "kohesio.header": (
        Severity.ERROR,
        "The heading row lacks required columns or names one twice.",
    ),
    "kohesio.columns-not-read": (
        Severity.INFO,
        "Columns the importer does not read: their values are not imported.",
    ),
    "kohesio.not-swedish": (
        Severity.ERROR,
        "An operation of another country: the row is refused.",
    ),
    "kohesio.bad-operation-id": (
        Severity.ERROR,
        "The operation's unique identifier is missing or not Kohesio's: the row is refused.",
    ),
    "kohesio.no-name": (
        Severity.ERROR,
        "The operation has no name in either language: the row is refused.",
    ),
    "kohesio.english-name-only": (
        Severity.WARNING,
        "Only the (machine-translated) English name is given; it stands as the name.",
    ),
    "kohesio.bad-local-identifier": (
        Severity.WARNING,
        "The operation's local identifier holds spaces or invisible characters: left out.",
    ),
    "kohesio.row-width": (
        Severity.WARNING,
        "The row has more or fewer cells than the heading row.",
    ),
    "kohesio.bad-date": (
        Severity.WARNING,
        "A start or end date is not a date dd/mm/yyyy: left out.",
    ),
    "kohesio.bad-amount": (
        Severity.WARNING,
        "An amount is not a plain decimal number: left out.",
    ),
    "kohesio.zero-amount": (
        Severity.WARNING,
        "The EU budget is 0, a placeholder: left out and recorded as unknown.",
    ),
    "kohesio.bad-currency": (
        Severity.WARNING,
        "The currency is missing or no ISO 4217 code: the amounts are left out.",
    ),
    "kohesio.bad-rate": (
        Severity.WARNING,
        "The co-financing rate is no percentage from 0 to 100: left out.",
    ),
    "kohesio.bad-period": (
        Severity.WARNING,
        "The programming period is not two years (2014-2020): left out.",
    ),
    "kohesio.bad-nuts3": (
        Severity.WARNING,
        "The NUTS 3 code is no Swedish region: kept as written, unmatched.",
    ),
    "kohesio.no-beneficiary": (
        Severity.WARNING,
        "The beneficiary is not named: the participation has no organisation.",
    ),
    "kohesio.bad-orgnr": (
        Severity.WARNING,
        "The beneficiary's identifier is no valid organisationsnummer: left out.",
    ),
    "kohesio.personal-identity-number": (
        Severity.WARNING,
        "The beneficiary's identifier is a personnummer (a sole trader): it and the name "
        "are left out.",
    ),
    "kohesio.no-fund": (
        Severity.WARNING,
        "No fund is given: there is no funder, and the EU budget is left out.",
    ),
    "kohesio.unknown-fund": (
        Severity.WARNING,
        "The fund is not in the shipped fund code list: the funder is named as written.",
    ),
    "kohesio.unknown-programme": (
        Severity.WARNING,
        "The programme's CCI number is not in the shipped programme code list: left out.",
    ),
    "kohesio.repeated-operation": (
        Severity.INFO,
        "A further row of an operation already read: its beneficiary is added.",
    ),
    "kohesio.conflicting-row": (
        Severity.WARNING,
        "A further row of an operation has other operation values: the first row's are kept.",
    ),
}
"""Every diagnostic code the importer reports, with its severity and what it means."""


class RefusedError(Exception):
    """The row is refused; its error is already recorded."""


@attrs.define
class Row:
    """One row being read, and what was found wrong with it."""

    line: int
    cells: Mapping[str, str]
    file: str
    pointer: str = ""
    found: list[Diagnostic] = attrs.field(factory=list)

    def get(self, column: str) -> str:
        return self.cells.get(column, "")

    def report(self, code: str, column: str | None, message: str) -> None:
        place = f"line {self.line}" + (f", {column}" if column else "")
        self.found.append(
            Diagnostic(
                code,
                f"{place}: {message}",
                self.pointer,
                CODES[code][0],
                file=self.file,
                line=self.line,
                source=PLUGIN,
            )
        )

    def refuse(self, code: str, column: str | None, message: str) -> RefusedError:
        self.pointer = ""
        self.report(code, column, message)
        return RefusedError()
