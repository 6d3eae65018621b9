"""The same records saved from a spreadsheet, CSV or XLSX, and how files are recognised."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from grprojects_projectbanks import projektbanken
from grprojects_projectbanks.projektbanken import codes
from openpyxl import Workbook

from grprojects import Severity
from grprojects.plugin_types import RecordTally
from grprojects.runtime import make_runtime

REPOSITORY = Path(__file__).resolve().parents[3]


def _records(sample: Path) -> list[dict[str, Any]]:
    loaded: list[dict[str, Any]] = json.loads(sample.read_text("utf-8"))
    return loaded


def write_csv(path: Path, records: list[dict[str, Any]], delimiter: str = ";") -> Path:
    """``records`` as Swedish Excel saves them: a heading row of the keys, ``;`` between."""
    keys = list(records[0])
    with path.open("w", encoding="utf-8-sig", newline="") as file:
        writer = csv.writer(file, delimiter=delimiter)
        writer.writerow(keys)
        for record in records:
            writer.writerow(
                [
                    str(record[k]).replace(".", ",") if isinstance(record[k], float) else record[k]
                    for k in keys
                ]
            )
    return path


def write_xlsx(path: Path, records: list[dict[str, Any]], sheet: str = "Blad1") -> Path:
    """``records`` in a workbook, numbers as number cells."""
    book = Workbook()
    worksheet = book.active
    assert worksheet is not None
    worksheet.title = sheet
    keys = list(records[0])
    worksheet.append(keys)
    for record in records:
        worksheet.append([record[k] for k in keys])
    book.save(path)
    return path


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_spreadsheet_of_the_records_imports_as_the_json_does(
    projektbanken_sample: Path, tmp_path: Path, kind: str
) -> None:
    """Same tally, same codes, same projects; places are sheet!cell with row and column."""
    records = _records(projektbanken_sample)
    path = tmp_path / f"export.{kind}"
    (write_csv if kind == "csv" else write_xlsx)(path, records)
    from_json = projektbanken.read(projektbanken_sample)
    from_table = projektbanken.read(path)
    assert from_table.records == from_json.records == RecordTally(3, 2, 0)
    assert [d.code for d in from_table.diagnostics] == [d.code for d in from_json.diagnostics]
    assert [p.funding for p in from_table.dataset.projects] == [
        p.funding for p in from_json.dataset.projects
    ]
    assert [(p.people, p.contacts, p.areas) for p in from_table.dataset.projects] == [
        (p.people, p.contacts, p.areas) for p in from_json.dataset.projects
    ]
    (loose,) = [d for d in from_table.diagnostics if d.code == codes.FUZZY_MUNICIPALITY]
    column = list(records[0]).index("kommuner") + 1
    sheet = "export" if kind == "csv" else "Blad1"
    assert loose.message.startswith(f"{sheet}!{chr(64 + column)}3 (kommuner): 'Stenungssund'")
    assert (loose.line, loose.column, loose.pointer) == (3, column, "")


def test_a_windows_1252_csv_with_an_unknown_column_is_read(tmp_path: Path) -> None:
    """Excel's other encoding is read; a column the export lacks is reported once."""
    path = tmp_path / "bank.csv"
    path.write_bytes(
        "ärende-id;projektnamn;län;anteckning\n1;Första;Halland;x\n2;Andra;Skåne;y\n".encode(
            "cp1252"
        )
    )
    imported = projektbanken.read(path)
    assert imported.records == RecordTally(imported=2)
    assert [(d.code, d.severity, d.message) for d in imported.diagnostics] == [
        (
            codes.UNKNOWN_KEY,
            Severity.WARNING,
            "bank!D1: 'anteckning' is no key of the project bank's export; its column is not "
            "imported",
        )
    ]
    assert [p.areas[0].counties for p in imported.dataset.projects] == [("13",), ("12",)]


def _chosen(path: Path) -> str | None:
    importer = make_runtime().choose_importer(path)
    return importer.name if importer else None


def test_the_export_is_recognised_by_content_in_every_form(
    projektbanken_sample: Path, tmp_path: Path
) -> None:
    """JSON (whatever its name), CSV and XLSX holding the export's keys are the bank's."""
    records = _records(projektbanken_sample)
    renamed = tmp_path / "download.txt"
    renamed.write_bytes(projektbanken_sample.read_bytes())
    escaped = tmp_path / "escaped.json"
    escaped.write_text(json.dumps(records), encoding="ascii")
    assert _chosen(projektbanken_sample) == "projektbanken"
    assert _chosen(renamed) == "projektbanken"
    assert _chosen(escaped) == "projektbanken"
    assert _chosen(write_csv(tmp_path / "a.csv", records)) == "projektbanken"
    assert _chosen(write_xlsx(tmp_path / "a.xlsx", records)) == "projektbanken"


def test_grprojects_and_the_sheets_plugins_files_are_not_claimed(tmp_path: Path) -> None:
    """A dataset (JSON or its workbook) and an activity list go to their own importers."""
    from grprojects import load
    from grprojects.formats.convert import write_dataset

    example = REPOSITORY / "examples" / "projektbanken-record.json"
    assert _chosen(example) == "json"
    workbook = tmp_path / "dataset.xlsx"
    write_dataset(load(example), workbook)
    assert _chosen(workbook) == "xlsx"
    activities = tmp_path / "aktiviteter.csv"
    activities.write_text("Aktivitet;Typ;Datum\nKurs;utbildning;2019-03-01\n", encoding="utf-8")
    assert _chosen(activities) != "projektbanken"
    other = tmp_path / "list.json"
    other.write_text('[{"id": 1}]', encoding="utf-8")
    assert _chosen(other) == "json"


def test_a_file_is_read_as_what_it_holds_whatever_its_name(
    projektbanken_sample: Path, tmp_path: Path
) -> None:
    """A CSV export saved as .txt, and JSON saved as .csv, are read by their content."""
    records = _records(projektbanken_sample)
    as_text = write_csv(tmp_path / "export.txt", records)
    json_named_csv = tmp_path / "export.csv"
    json_named_csv.write_bytes(projektbanken_sample.read_bytes())
    for path in (as_text, json_named_csv):
        assert projektbanken.read(path).records == RecordTally(3, 2, 0)
