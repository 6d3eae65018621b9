"""The project bank's export read into a dataset: every record mapped, remarked on or refused.

Imported by :func:`grprojects_projectbanks.projektbanken.read` when a file is first
read, so that loading the plugin (every ``grprojects`` run) costs only its hooks.
"""

from __future__ import annotations

from pathlib import Path

from grprojects import Dataset, Diagnostic, Severity
from grprojects.jsontext import collector_paused
from grprojects.model import Organisation, Publisher, Source, Text
from grprojects.plugin_types import Imported, RecordTally

from ..beneficiaries import beneficiary, cites_code_list, code_list_source
from ..funders import MANAGING_AUTHORITIES, fund_organisation, managing_authority
from . import codes
from .mapping import ERDF, FILE_SOURCE, MANAGING_AUTHORITY, RecordReader
from .records import Place, records


def read_export(path: Path) -> Imported:
    """Every record of the project-bank file at ``path``, each accounted for.

    The cyclic garbage collector is paused while the records are read: they make
    hundreds of thousands of small objects and no cycle, and each collection would
    walk all of them again (grprojects' JSON reader does the same).
    """
    with collector_paused():
        return _read(path)


def _read(path: Path) -> Imported:
    reader = RecordReader(path)
    projects = []
    sources = []
    diagnostics: list[Diagnostic] = []
    imported = with_warnings = refused = 0
    for item in records(path):
        if isinstance(item, tuple):  # a heading no key of the export has
            place, heading = item
            message = (
                f"{heading!r} is no key of the project bank's export; its column is not imported"
            )
            diagnostics.append(place.diagnostic(codes.UNKNOWN_KEY, message, "warning"))
            continue
        if isinstance(item, Place):
            message = "an entry that is no record (an object of keys and values): refused"
            diagnostics.append(item.diagnostic(codes.NOT_A_RECORD, message, "error"))
            refused += 1
            continue
        read_record, remarks = reader.read(item)
        diagnostics += remarks
        worst = max((d.severity for d in remarks), default=Severity.INFO)
        if read_record is None:
            refused += 1
            continue
        projects.append(read_record.project)
        sources.append(read_record.source)
        if worst >= Severity.WARNING:
            with_warnings += 1
        else:
            imported += 1
    organisations = _organisations(reader)
    code_list = [code_list_source()] if cites_code_list(organisations) else []
    dataset = Dataset(
        version="1.1",
        title=Text(sv=f"Tillväxtverkets projektbank, Eruf 2014–2020 ({path.name})"),
        publisher=Publisher(
            name=Text(sv=MANAGING_AUTHORITIES[MANAGING_AUTHORITY]), organisation=MANAGING_AUTHORITY
        ),
        organisations=organisations,
        projects=projects,
        sources=[_file_source(path, reader), *sources, *code_list],
    )
    return Imported(dataset, diagnostics, RecordTally(imported, with_warnings, refused))


def _file_source(path: Path, reader: RecordReader) -> Source:
    return Source(
        id=FILE_SOURCE,
        title=Text(sv=f"Tillväxtverkets projektbank, Eruf 2014–2020 ({path.name})"),
        kind="register",
        publisher=MANAGING_AUTHORITY,
        updated=reader.newest,
        language="swe",
        note=Text(
            sv="Exporten av projektbanken; varje post är en egen källa med sitt uppdateringsdatum."
        ),
    )


def _organisations(reader: RecordReader) -> list[Organisation]:
    file_source = [FILE_SOURCE]
    fixed = [
        managing_authority(MANAGING_AUTHORITY, file_source),
        fund_organisation(ERDF, file_source),
    ]
    return fixed + [
        beneficiary(identity, name, cited)
        for identity, name, cited in reader.beneficiaries.values()
    ]
