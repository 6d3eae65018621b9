"""JSON Lines records cite each other: organisations, projects and sources on other lines."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from grprojects.validation import Selection, Validator

Record = dict[str, Any]


def _records(dataset: Record) -> list[Record]:
    """The dataset as records: its organisations, then its sources, then its projects."""
    return [
        *({"organisation": o} for o in dataset["organisations"]),
        *({"source": s} for s in dataset["sources"]),
        *dataset["projects"],
    ]


def _write(path: Path, records: list[Record]) -> Path:
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    return path


def _found(validator: Validator, path: Path) -> list[tuple[str, int | None, str]]:
    return [(d.code, d.line, d.pointer) for d in validator.validate_path(path).diagnostics]


def test_records_citing_each_other_are_valid(
    tmp_path: Path, clean: Record, validator: Validator
) -> None:
    """The clean dataset split into records: every citation finds its record, nothing reported."""
    path = _write(tmp_path / "all.jsonl", _records(clean))
    result = validator.validate_path(path)
    assert result.diagnostics == ()
    assert result.documents == 5 + 2 + 2


def test_citations_of_records_further_down_are_resolved(
    tmp_path: Path, clean: Record, validator: Validator
) -> None:
    """Projects first, the organisations and sources they cite after them: still valid."""
    records = _records(clean)
    path = _write(tmp_path / "late.jsonl", records[::-1])
    assert validator.validate_path(path).diagnostics == ()


def test_a_citation_no_record_declares_is_reported_at_its_line_and_pointer(
    tmp_path: Path, clean: Record, validator: Validator
) -> None:
    """A source and an organisation left out: each citation of them is an error at its place."""
    records = [
        r
        for r in _records(clean)
        if r.get("source", {}).get("id") != "gr-2019"
        and r.get("organisation", {}).get("id") != "esf"
    ]
    path = _write(tmp_path / "missing.jsonl", records)
    found = _found(validator, path)
    assert found
    assert {code for code, _, _ in found} == {
        "reference.unknown-source",
        "reference.unknown-organisation",
    }
    lines = path.read_text("utf-8").splitlines()
    for code, line, pointer in found:
        assert line is not None
        record = json.loads(lines[line - 1])
        value: Any = record
        for part in pointer.strip("/").split("/"):
            value = value[int(part) if isinstance(value, list) else part]
        assert value == ("gr-2019" if code == "reference.unknown-source" else "esf")
    message = next(
        d.message
        for d in validator.validate_path(path).diagnostics
        if d.code == "reference.unknown-source"
    )
    assert message == "no source 'gr-2019' in the file"


def test_an_organisation_record_cites_organisations_too(
    tmp_path: Path, clean: Record, validator: Validator
) -> None:
    """An organisation's parent is a citation: unknown, it is reported inside the record."""
    records = _records(clean)
    changed = copy.deepcopy(records[2])
    changed["organisation"]["parent"] = "vastra-gotaland"
    records[2] = changed
    path = _write(tmp_path / "parent.jsonl", records)
    assert _found(validator, path) == [
        ("reference.unknown-organisation", 3, "/organisation/parent")
    ]
    column = validator.validate_path(path).diagnostics[0].column
    assert column == json.dumps(changed, ensure_ascii=False).index('"vastra-gotaland"') + 1


def test_a_broken_organisation_record_is_placed_within_it(
    tmp_path: Path, clean: Record, validator: Validator
) -> None:
    """A schema problem in an organisation record has the record's own pointer."""
    records = _records(clean)
    records[0] = {"organisation": {**records[0]["organisation"], "name": 5}}
    path = _write(tmp_path / "name.jsonl", records)
    assert _found(validator, path) == [("schema.type", 1, "/organisation/name")]


def test_ignored_reference_codes_are_not_looked_up(
    tmp_path: Path, clean: Record, builtin_manager: Any
) -> None:
    """--ignore reference leaves the index unused: nothing reported, nothing read twice."""
    records = [r for r in _records(clean) if "source" not in r or r["source"]["id"] != "gr-2019"]
    path = _write(tmp_path / "ignored.jsonl", records)
    quiet = Validator(runtime=builtin_manager, selection=Selection(ignore=("reference",)))
    assert quiet.validate_path(path).diagnostics == ()
