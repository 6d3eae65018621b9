"""The codes of the project-bank importer's diagnostics, each documented for ``explain``.

An error refuses the record it names; a warning keeps the record and says what was
read with a doubt or not read; a note (info) says what was kept as text because the
shipped code lists cannot resolve it, or what placeholder was left out. Every code
is in the importer's own namespace, ``projektbanken.``.
"""

from __future__ import annotations

from typing import Final

from grprojects.plugin_types import DiagnosticCode

NOT_A_LIST: Final = "projektbanken.not-a-list"
NO_HEADINGS: Final = "projektbanken.no-heading-row"
NOT_A_RECORD: Final = "projektbanken.not-a-record"
MISSING_ID: Final = "projektbanken.missing-id"
BAD_ID: Final = "projektbanken.bad-id"
DUPLICATE_ID: Final = "projektbanken.duplicate-id"
MISSING_NAME: Final = "projektbanken.missing-name"
UNKNOWN_KEY: Final = "projektbanken.unknown-key"
BAD_VALUE: Final = "projektbanken.bad-value"
FUZZY_MUNICIPALITY: Final = "projektbanken.fuzzy-municipality"
UNKNOWN_MUNICIPALITY: Final = "projektbanken.unknown-municipality"
FUZZY_COUNTY: Final = "projektbanken.fuzzy-county"
UNKNOWN_COUNTY: Final = "projektbanken.unknown-county"
ZERO_AMOUNT: Final = "projektbanken.zero-amount"
ZERO_EUR: Final = "projektbanken.zero-eur"
BAD_AMOUNT: Final = "projektbanken.bad-amount"
BAD_DATE: Final = "projektbanken.bad-date"
ENCODING_DAMAGE: Final = "projektbanken.encoding-damage"
AMBIGUOUS_PEOPLE: Final = "projektbanken.ambiguous-people"
AMBIGUOUS_CONTACT: Final = "projektbanken.ambiguous-contact"
BAD_PHONE: Final = "projektbanken.bad-phone"
BAD_EMAIL: Final = "projektbanken.bad-email"
PROGRAMME_TEXT: Final = "projektbanken.programme-as-text"
OBJECTIVE_TEXT: Final = "projektbanken.thematic-objective-as-text"


CODES: Final = (
    DiagnosticCode(
        NOT_A_LIST,
        "error",
        "The JSON file is not a list of project-bank records.",
        "The project bank's export is a JSON list of flat objects with Swedish keys "
        "(`ärende-id`, `projektnamn` …). Any other JSON value is refused whole; grprojects' "
        "own datasets are read with `--from json`.",
        '{"ärende-id": "20209901"}',
        '[{"ärende-id": "20209901", "projektnamn": "…"}]',
    ),
    DiagnosticCode(
        NO_HEADINGS,
        "error",
        "No sheet has a heading row with the project bank's keys.",
        "A CSV file or workbook is read as project-bank records when a row names the "
        "export's keys as headings, at least `ärende-id` and `projektnamn`.",
    ),
    DiagnosticCode(
        NOT_A_RECORD,
        "error",
        "An entry of the list is not a record; it is refused.",
        "Each entry of the export is an object of keys and values. An entry that is a "
        "string, a number or a list is refused, with its place; the other records are read.",
        '["20209901"]',
        '[{"ärende-id": "20209901", "projektnamn": "…"}]',
    ),
    DiagnosticCode(
        MISSING_ID,
        "error",
        "A record has no case number (ärende-id); it is refused.",
        "The case number is the project's identifier and its id in the dataset; without it "
        "the record cannot be told apart from the others or found again at Tillväxtverket.",
        '{"projektnamn": "Exempel"}',
        '{"ärende-id": "20209901", "projektnamn": "Exempel"}',
    ),
    DiagnosticCode(
        BAD_ID,
        "error",
        "A record's case number cannot be an id; it is refused.",
        "The case number becomes the project's id, which has no spaces or / \\ : * ? \" < > "
        "| # % and at most 100 characters. Write the number as Tillväxtverket gives it.",
        '{"ärende-id": "2020 99/01"}',
        '{"ärende-id": "20209901"}',
    ),
    DiagnosticCode(
        DUPLICATE_ID,
        "error",
        "A case number appears in an earlier record too; the later record is refused.",
        "One case number is one project. The message names the earlier record; keep the "
        "record that is right and remove the other, or correct its number.",
    ),
    DiagnosticCode(
        MISSING_NAME,
        "error",
        "A record has no project name (projektnamn); it is refused.",
        "Every project in grprojects has a name. A record without one is refused with its "
        "place, so that it can be mended in the file.",
    ),
    DiagnosticCode(
        UNKNOWN_KEY,
        "warning",
        "A key or column the project bank's export does not have; its values are not imported.",
        "The importer reads the export's keys (see the format's page). Any other key or "
        "column is reported once, at its first place, and its values are left out.",
        '{"ärende-id": "20209901", "kommentar": "…"}',
        '{"ärende-id": "20209901"}',
    ),
    DiagnosticCode(
        BAD_VALUE,
        "warning",
        "A value is neither text nor a number (a list, an object, true or false); not imported.",
        "The export's values are strings and numbers. Another kind of value is reported at "
        "its place and left out.",
        '{"kommuner": ["Lerum"]}',
        '{"kommuner": "Lerum"}',
    ),
    DiagnosticCode(
        FUZZY_MUNICIPALITY,
        "warning",
        "A municipality name was read from a close misspelling.",
        "The name is a letter or two away from exactly one municipality, which is taken "
        "(grprojects.lookups.match_municipality); the message says which and how alike "
        "the spellings are. The source's own spelling stays in the area's wording.",
        '{"kommuner": "Stenungssund"}',
        '{"kommuner": "Stenungsund"}',
    ),
    DiagnosticCode(
        UNKNOWN_MUNICIPALITY,
        "warning",
        "A name in kommuner is no municipality, or could be either of two; kept as written.",
        "The name goes into the area's `unmatched` list as written, and the message names "
        "the nearest municipalities. Correct the name in the file if it is a misspelling.",
        '{"kommuner": "Kungsbacka, Okändby"}',
        '{"kommuner": "Kungsbacka"}',
    ),
    DiagnosticCode(
        FUZZY_COUNTY,
        "warning",
        "A county name was read from a close misspelling.",
        "As for municipalities: the nearest county is taken and named with how alike the "
        "spellings are.",
        '{"län": "Västra Götland"}',
        '{"län": "Västra Götaland"}',
    ),
    DiagnosticCode(
        UNKNOWN_COUNTY,
        "warning",
        "The län is no county, or could be either of two; kept as written.",
        "The name goes into the area's `unmatched` list as written, with the nearest "
        "counties named.",
        '{"län": "Fyrbodal"}',
        '{"län": "Västra Götaland"}',
    ),
    DiagnosticCode(
        ZERO_AMOUNT,
        "warning",
        "The granted amount in SEK is 0: a column never filled in, not a grant of nothing.",
        "The amount is left out and recorded as unknown (`missing`, reason `unknown`, "
        'wording "0") on the funding, so the dataset says the source gives no amount.',
        '{"beviljat_belopp_sek": 0}',
        '{"beviljat_belopp_sek": 980000}',
    ),
    DiagnosticCode(
        ZERO_EUR,
        "info",
        "The amount in EUR is the export's placeholder 0; left out and recorded as unknown.",
        "Most of the export's records have 0 in `beviljat_belopp_eur`. It is not an amount: "
        'the funding lists `equivalents` as unknown with the wording "0" instead.',
        '{"beviljat_belopp_eur": 0}',
        '{"beviljat_belopp_eur": 233000}',
    ),
    DiagnosticCode(
        BAD_AMOUNT,
        "warning",
        "An amount is not a number; kept as the funding's wording.",
        "Amounts are numbers, in JSON or as a spreadsheet writes them (`2 450 000`, "
        "`5300000,5`). Text that is none is kept in the funding's `wording` and its amount "
        "recorded as unknown.",
        '{"beviljat_belopp_sek": "ca 2 milj"}',
        '{"beviljat_belopp_sek": 2000000}',
    ),
    DiagnosticCode(
        BAD_DATE,
        "warning",
        "A date is not a date; kept as written.",
        "The period's dates and the update date are ISO dates (`2018-03-01`, the update "
        "date with a time). Text that is none is kept in the period's wording (or the "
        "record's source note) and the date recorded as unknown.",
        '{"projekt_starttid": "mars 2018?"}',
        '{"projekt_starttid": "2018-03-01"}',
    ),
    DiagnosticCode(
        ENCODING_DAMAGE,
        "warning",
        "A value holds '¿' where a letter was lost (å, ä or ö); kept as written.",
        "Some of the export's texts were saved through the wrong character set, and every "
        "å, ä and ö became ¿. Which letter each was cannot be known for sure, so the text "
        "is kept as it is and reported: mend it from the project's own documents.",
        '{"projektbeskrivning": "att st¿rka sm¿ f¿retag"}',
        '{"projektbeskrivning": "att stärka små företag"}',
    ),
    DiagnosticCode(
        AMBIGUOUS_PEOPLE,
        "warning",
        "projektledare may name two people or one with a title; read as two people.",
        "'Per Prov, projektledare' is a person and a title; 'Anna Exempel, Per Prov' reads "
        "as two people, which is what is taken, and reported so that it can be checked.",
        '{"projektledare": "Anna Exempel, Per Prov"}',
        '{"projektledare": "Anna Exempel / Per Prov"}',
    ),
    DiagnosticCode(
        AMBIGUOUS_CONTACT,
        "warning",
        "Several people share the phone numbers or e-mail addresses of one record.",
        "Whose number or address is whose is not said, so none is given to a person: they "
        "are kept on a contact for the function (projektledare), beside each person's own "
        "contact.",
        '{"projektledare": "Anna Exempel / Per Prov", "telnr": "+46700000001"}',
        '{"projektledare": "Anna Exempel", "telnr": "+46700000001"}',
    ),
    DiagnosticCode(
        BAD_PHONE,
        "warning",
        "A phone number cannot be read; kept as its wording under missing.",
        "A phone number is digits with spaces, hyphens or brackets, perhaps with +46 and a "
        "switchboard marker (`vx 031-…`). Another text is kept, masked in messages, as the "
        "wording of an unknown phone number.",
    ),
    DiagnosticCode(
        BAD_EMAIL,
        "warning",
        "An e-mail address cannot be read; kept as its wording under missing.",
        "An e-mail address has one @ and a domain. Another text is kept, masked in "
        "messages, as the wording of an unknown address.",
    ),
    DiagnosticCode(
        PROGRAMME_TEXT,
        "info",
        "The programme area names no programme of the shipped code list; kept as text.",
        "`område` (Västsverige, Övre Norrland …) is the regional ERDF programme. It is "
        "always kept as the funding's programme text; its CCI code is added where the "
        "`programme` code list has the programme. Plugins can add programmes to that open "
        "list.",
    ),
    DiagnosticCode(
        OBJECTIVE_TEXT,
        "info",
        "The thematic objective's wording is not in the code list; kept as text.",
        "The `thematic-objective` code list has the Swedish wording of objectives 1 to 10 "
        "(Tillväxtverket's; that of 11 was not found in a stored source), read with or "
        'without a leading "Att". A wording it does not have is kept in the funding\'s '
        "wording, and no number is guessed.",
    ),
)
"""Every code the importer reports."""
