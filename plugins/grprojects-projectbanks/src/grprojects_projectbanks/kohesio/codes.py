"""The codes of the Kohesio importer's diagnostics, each documented for ``explain``.

An error refuses the row it names (``kohesio.file`` and ``kohesio.header`` the whole
file); a warning keeps the row and says what was left out or read with a doubt; a note
(info) says what was read without loss but is worth knowing. Every code is in the
importer's own namespace, ``kohesio.``; the table on ``docs/sources/kohesio.md`` is
tested against :data:`CODES`.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from grprojects import Severity
from grprojects.plugin_types import DiagnosticCode

FILE: Final = "kohesio.file"
HEADER: Final = "kohesio.header"
COLUMNS_NOT_READ: Final = "kohesio.columns-not-read"
NOT_SWEDISH: Final = "kohesio.not-swedish"
BAD_OPERATION_ID: Final = "kohesio.bad-operation-id"
NO_NAME: Final = "kohesio.no-name"
ENGLISH_NAME_ONLY: Final = "kohesio.english-name-only"
BAD_LOCAL_IDENTIFIER: Final = "kohesio.bad-local-identifier"
ROW_WIDTH: Final = "kohesio.row-width"
BAD_DATE: Final = "kohesio.bad-date"
BAD_AMOUNT: Final = "kohesio.bad-amount"
ZERO_AMOUNT: Final = "kohesio.zero-amount"
BAD_CURRENCY: Final = "kohesio.bad-currency"
BAD_RATE: Final = "kohesio.bad-rate"
BAD_PERIOD: Final = "kohesio.bad-period"
BAD_NUTS3: Final = "kohesio.bad-nuts3"
NO_BENEFICIARY: Final = "kohesio.no-beneficiary"
BAD_ORGNR: Final = "kohesio.bad-orgnr"
PERSONAL_IDENTITY_NUMBER: Final = "kohesio.personal-identity-number"
NO_FUND: Final = "kohesio.no-fund"
UNKNOWN_FUND: Final = "kohesio.unknown-fund"
UNKNOWN_PROGRAMME: Final = "kohesio.unknown-programme"
REPEATED_OPERATION: Final = "kohesio.repeated-operation"
CONFLICTING_ROW: Final = "kohesio.conflicting-row"

CODES: Final = (
    DiagnosticCode(
        FILE,
        "error",
        "The file cannot be read as CSV text (not UTF-8, an unclosed quote, no heading row).",
        "The file cannot be read as CSV text (not UTF-8, an unclosed quote, no heading row): "
        "refused whole, at the line (and byte) where it goes wrong.",
    ),
    DiagnosticCode(
        HEADER,
        "error",
        "The heading row lacks required columns or names one twice.",
        "The heading row lacks required columns or names one twice: refused whole, every "
        "missing column named at once.",
    ),
    DiagnosticCode(
        COLUMNS_NOT_READ,
        "info",
        "Columns the importer does not read: their values are not imported.",
        "Columns the importer does not read, named once: their values are not imported.",
    ),
    DiagnosticCode(
        NOT_SWEDISH,
        "error",
        "An operation of another country: the row is refused.",
        "An operation of another country: the row is refused.",
    ),
    DiagnosticCode(
        BAD_OPERATION_ID,
        "error",
        "The operation's unique identifier is missing or not Kohesio's: the row is refused.",
        "The operation's unique identifier is missing or not Kohesio's: the row is refused.",
    ),
    DiagnosticCode(
        NO_NAME,
        "error",
        "The operation has no name in either language: the row is refused.",
        "The operation has no name in either language: the row is refused.",
    ),
    DiagnosticCode(
        ENGLISH_NAME_ONLY,
        "warning",
        "Only the (machine-translated) English name is given; it stands as the name.",
        "Only the (machine-translated) English name is given; it stands as the name.",
    ),
    DiagnosticCode(
        BAD_LOCAL_IDENTIFIER,
        "warning",
        "The operation's local identifier holds spaces or invisible characters: left out.",
        "The operation's local identifier holds spaces or invisible characters, which an "
        "identifier may not: left out, the value quoted.",
    ),
    DiagnosticCode(
        ROW_WIDTH,
        "warning",
        "The row has more or fewer cells than the heading row.",
        "The row has more or fewer cells than the heading row; filled cells past the last "
        "column are left out.",
    ),
    DiagnosticCode(
        BAD_DATE,
        "warning",
        "A start or end date is not a date dd/mm/yyyy: left out.",
        "A start or end date is not a date `dd/mm/yyyy`: left out.",
    ),
    DiagnosticCode(
        BAD_AMOUNT,
        "warning",
        "An amount is not a plain decimal number: left out.",
        "An amount is not a plain decimal number: left out.",
    ),
    DiagnosticCode(
        ZERO_AMOUNT,
        "warning",
        "The EU budget is 0, a placeholder: left out and recorded as unknown.",
        "The EU budget is `0`, a placeholder: left out, and the funding's `missing` records the"
        " amount as unknown with the wording `0`.",
    ),
    DiagnosticCode(
        BAD_CURRENCY,
        "warning",
        "The currency is missing or no ISO 4217 code: the amounts are left out.",
        "The currency is missing or no ISO 4217 code: the amounts are left out.",
    ),
    DiagnosticCode(
        BAD_RATE,
        "warning",
        "The co-financing rate is no percentage from 0 to 100: left out.",
        "The co-financing rate is no percentage from 0 to 100: left out.",
    ),
    DiagnosticCode(
        BAD_PERIOD,
        "warning",
        "The programming period is not two years (2014-2020): left out.",
        "The programming period is not two years (`2014-2020`): left out.",
    ),
    DiagnosticCode(
        BAD_NUTS3,
        "warning",
        "The NUTS 3 code is no Swedish region: kept as written, unmatched.",
        "The NUTS 3 code is no Swedish region: kept as written in the area's `unmatched`.",
    ),
    DiagnosticCode(
        NO_BENEFICIARY,
        "warning",
        "The beneficiary is not named: the participation has no organisation.",
        "The beneficiary is not named: the owner's participation has no organisation.",
    ),
    DiagnosticCode(
        BAD_ORGNR,
        "warning",
        "The beneficiary's identifier is no valid organisationsnummer: left out.",
        "The beneficiary's identifier is no valid organisationsnummer (the lookups' reason is "
        "given): left out, the beneficiary kept by name.",
    ),
    DiagnosticCode(
        PERSONAL_IDENTITY_NUMBER,
        "warning",
        "The beneficiary's identifier is a personnummer (a sole trader): it and the name are "
        "left out.",
        "The beneficiary's identifier is a personnummer, so the beneficiary is a sole trader: "
        "the number and the name are left out.",
    ),
    DiagnosticCode(
        NO_FUND,
        "warning",
        "No fund is given: there is no funder, and the EU budget is left out.",
        "No fund is given: there is no funder, and the EU budget is left out.",
    ),
    DiagnosticCode(
        UNKNOWN_FUND,
        "warning",
        "The fund is not in the shipped fund code list: the funder is named as written.",
        "The fund is not in the shipped fund code list (`YEI`): the funder is named as written,"
        " without a fund code.",
    ),
    DiagnosticCode(
        UNKNOWN_PROGRAMME,
        "warning",
        "The programme's CCI number is not in the shipped programme code list: left out.",
        "The programme's CCI number is not in the shipped programme code list: left out, the "
        "programme's name kept (a plugin can add the code to the open list).",
    ),
    DiagnosticCode(
        REPEATED_OPERATION,
        "info",
        "A further row of an operation already read: its beneficiary is added.",
        "A further row of an operation already read: its beneficiary is added to the project.",
    ),
    DiagnosticCode(
        CONFLICTING_ROW,
        "warning",
        "A further row of an operation has other operation values: the first row's are kept.",
        "A further row of an operation has other operation values: the first row's are kept, "
        "the others named.",
    ),
)
"""Every diagnostic code the importer reports, documented."""

SEVERITY: Final[Mapping[str, Severity]] = MappingProxyType({c.code: c.severity for c in CODES})
"""The severity each code is reported with."""
