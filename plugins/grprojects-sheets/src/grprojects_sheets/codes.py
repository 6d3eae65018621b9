"""The codes of the activity-list importer's diagnostics, documented for ``explain``.

An error leaves its row out (or, at the heading row or the header block, a column or a
value); the one warning keeps its row.
"""

from __future__ import annotations

from typing import Final

from grprojects.plugin_types import DiagnosticCode


def _cell(
    code: str, summary: str, explanation: str, bad: str = "", good: str = ""
) -> DiagnosticCode:
    return DiagnosticCode(f"sheets.{code}", "error", summary, explanation, bad, good)


CODES: Final = (
    _cell(
        "bad-date",
        "A date cell is no date; its row is left out.",
        "Dates are Swedish or ISO: `5 februari 2019`, `hösten 2019`, `2019-02-05`, or a date cell.",
        "31 februari 2019",
        "28 februari 2019",
    ),
    _cell(
        "bad-count",
        "A participant count cannot be read; its row is left out.",
        "Counts are `20`, `1 900`, `över 1900`, `ca 20` or `6-10`.",
        "många",
        "ca 20",
    ),
    _cell(
        "bad-number",
        "Hours or sessions are not a positive number; the row is left out.",
        "Hours per session are a positive decimal (`2,5`), sessions a whole number of at least 1.",
        "x",
        "2,5",
    ),
    _cell(
        "bad-kind",
        "Typ is no activity kind; the row is left out.",
        "Give a code or the Swedish name of the `activity-kind` code list (`utbildningsdag`).",
        "kurs?",
        "utbildningsdag",
    ),
    _cell(
        "bad-municipality",
        "Kommun is no municipality, or as close to two; the row is left out.",
        "Give the SCB code or the name as people write it (`Mölndals stad`, `LillaEdet`); the "
        "message names the nearest municipalities.",
        "Atlantis",
        "Göteborg",
    ),
    DiagnosticCode(
        "sheets.fuzzy-municipality",
        "warning",
        "Kommun was read from a close misspelling; the row is kept.",
        "The one municipality a letter or two away is taken; the message says which and how "
        "alike. Check it.",
        "Stenungssund",
        "Stenungsund",
    ),
    _cell(
        "bad-language",
        "Språk names no language; the row is left out.",
        "Give Swedish names or ISO 639-3 codes, separated by `,`, `;`, `/` or `och`.",
        "klingonska",
        "svenska, arabiska",
    ),
    _cell(
        "bad-goal",
        "Delmål is not a list of sub-goal numbers; the row is left out.",
        "Give the numbers of the sub-goals the activity serves: `1, 3`.",
        "a",
        "1, 3",
    ),
    _cell(
        "bad-id",
        "An id has spaces or characters an id cannot hold.",
        'Ids have no spaces or / \\ : * ? " < > | # %, and at most 100 characters.',
        "kurs 1",
        "kurs-1",
    ),
    _cell(
        "bad-owner-kind",
        "Ägartyp is no organisation kind; the header value is not read.",
        "Give a code or the Swedish name of the `organisation-kind` code list (`kommunalförbund`).",
    ),
    _cell(
        "missing-value",
        "A required cell (Aktivitet, Typ) is empty; the row is left out.",
        "Every activity has a title and a kind.",
    ),
    _cell(
        "conflict",
        "A row gives both Datum and Från/Till; it is left out.",
        "Give either one day (Datum) or a period (Från, Till), not both.",
    ),
    _cell(
        "unknown-column",
        "A heading the importer does not know; the column is not imported.",
        "The message lists the known headings.",
    ),
    _cell(
        "duplicate-column",
        "A second column for the same field; it is not imported.",
        "Each heading (or its synonym) may appear once.",
    ),
    _cell(
        "unnamed-column",
        "A value in a column without a heading; the column is not imported.",
        "Give the column a heading, or clear it.",
    ),
    _cell(
        "missing-column",
        "A required column (Aktivitet, Typ) is missing; no row is read.",
        "The heading row needs an Aktivitet and a Typ column.",
    ),
    _cell(
        "bad-header",
        "A header row is not one known key and its value; it is not read.",
        "The rows above the headings are `key | value`: Projekt, Projekt-id, Ägare, "
        "Ägare-id, Ägartyp, Utgivare, Delmål 1 …",
    ),
    _cell(
        "no-heading-row",
        "No sheet has a heading row with an Aktivitet column; the file is refused.",
        "The heading row is the first with an `Aktivitet` (or `Titel`) cell.",
    ),
    _cell(
        "unreadable",
        "The file cannot be read as CSV or a workbook; it is refused.",
        "CSV is UTF-8 or Windows-1252; the message says what failed.",
    ),
)
"""Every code the importer reports."""
