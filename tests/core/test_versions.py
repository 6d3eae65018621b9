"""Published schema versions stay readable: 1.0 documents validate by 1.0's rules and upgrade."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import grprojects
from grprojects.cli import main
from grprojects.diagnostics import Severity
from grprojects.errors import DocumentError
from grprojects.model import SCHEMA_VERSION, SCHEMA_VERSIONS, Text
from grprojects.schema_check import schema_diagnostics
from grprojects.upgrades import upgrade, upgrade_text

FROZEN = Path(__file__).resolve().parents[1] / "data" / "frozen-1.0"
DOCUMENTS = sorted(FROZEN.glob("*.json"), key=lambda p: p.name)


def test_versions_are_published_oldest_first() -> None:
    """1.0 and 1.1 are published; the model writes the newest."""
    assert SCHEMA_VERSIONS == ("1.0", "1.1")
    assert SCHEMA_VERSION == "1.1"
    assert len(DOCUMENTS) == 6


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_a_frozen_document_validates_by_its_own_version(path: Path) -> None:
    """A frozen 1.0 document has no error, and is told a newer version exists."""
    found = grprojects.validate(path)
    assert [d.describe() for d in found if d.severity >= Severity.ERROR] == []
    notes = [d for d in found if d.code == "version.newer-available"]
    assert [(n.pointer, n.severity, n.line) for n in notes] == [("/version", Severity.INFO, 2)]


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_a_frozen_document_upgrades_losslessly(path: Path) -> None:
    """The upgrade validates clean under 1.1, keeps every value and round-trips to its text."""
    text = path.read_text("utf-8")
    result = upgrade_text(text, file=str(path))
    assert result.from_version == "1.0"
    assert [(c.pointer, c.description) for c in result.changes] == [
        ("/version", "version 1.0 → 1.1")
    ]
    upgraded = grprojects.dumps(result.dataset)
    value = json.loads(upgraded)
    assert schema_diagnostics(value) == []
    assert value == {**json.loads(text), "version": "1.1"}
    assert grprojects.dumps(grprojects.load(upgraded)) == upgraded
    assert [d for d in grprojects.validate(upgraded) if d.code == "version.newer-available"] == []


def test_a_1_0_document_may_not_use_1_1_fields() -> None:
    """1.0's rules still hold for a 1.0 document: a field added in 1.1 is an unknown key."""
    value = json.loads((FROZEN / "clean.json").read_text("utf-8"))
    value["projects"][0]["statuses"] = [{"status": "ongoing", "as_of": "2016-02-16"}]
    codes = [(d.code, d.pointer) for d in schema_diagnostics(value)]
    assert codes == [("schema.unknown-key", "/projects/0/statuses")]
    value["version"] = "1.1"
    assert schema_diagnostics(value) == []


def test_a_1_0_dataset_with_1_1_fields_is_not_written() -> None:
    """dumps refuses what load would refuse: a 1.0 dataset may not carry 1.1 fields."""
    old = grprojects.load(FROZEN / "clean.json")
    project = old.projects[0].evolve(goal_label=Text(sv="ingångar"))
    with pytest.raises(DocumentError) as caught:
        grprojects.dumps(old.evolve(projects=[project, *old.projects[1:]]))
    assert [(d.code, d.pointer) for d in caught.value.diagnostics] == [
        ("schema.unknown-key", "/projects/0/goal_label")
    ]
    assert "ingångar" in grprojects.dumps(upgrade(old).evolve(projects=[project]))


def test_in_memory_upgrade_keeps_the_dataset_but_its_version() -> None:
    """upgrade() names the current version and changes nothing else."""
    old = grprojects.load(FROZEN / "gr-projects.json")
    new = upgrade(old)
    assert (old.version, new.version) == ("1.0", "1.1")
    assert new.projects == old.projects
    assert new.organisations == old.organisations
    assert upgrade(new) is new


def test_an_invalid_document_is_not_upgraded() -> None:
    """A document invalid by its own version's rules is refused, naming the place."""
    with pytest.raises(DocumentError) as caught:
        upgrade_text('{"version": "1.0", "title": {"sv": "t"}}', file="x.json")
    assert [(d.code, d.pointer) for d in caught.value.diagnostics] == [("schema.required", "")]


def test_the_upgrade_command_rewrites_in_place_and_to_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`grprojects upgrade` reports each file, writes in place or to -o, exit 0 when all did."""
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    text = (FROZEN / "clean.json").read_text("utf-8")
    first.write_text(text, "utf-8")
    second.write_text(text, "utf-8")
    assert main(["upgrade", str(first)]) == 0
    assert json.loads(first.read_text("utf-8"))["version"] == "1.1"
    out = tmp_path / "out"
    out.mkdir()
    assert main(["upgrade", str(first), str(second), "-o", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        f"{first}: version 1.0 → 1.1",
        f"{first} → {out / 'a.json'}: already 1.1, unchanged",
        f"{second} → {out / 'b.json'}: version 1.0 → 1.1",
    ]
    assert second.read_text("utf-8") == text  # the input is left alone with -o
    assert (out / "b.json").read_text("utf-8") == first.read_text("utf-8")


def test_the_upgrade_command_reports_an_invalid_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An invalid file is reported on stderr with its place, left unchanged; exit 1."""
    bad = tmp_path / "bad.json"
    bad.write_text('{"version": "1.0"}\n', "utf-8")
    assert main(["upgrade", str(bad)]) == 1
    assert "schema.required" in capsys.readouterr().err
    assert bad.read_text("utf-8") == '{"version": "1.0"}\n'


def test_the_upgrade_command_refuses_an_output_it_cannot_use(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Several inputs need a folder for -o, and distinct names in it: else exit 2."""
    first, second = tmp_path / "a" / "x.json", tmp_path / "b" / "x.json"
    for path in (first, second):
        path.parent.mkdir()
        path.write_text((FROZEN / "clean.json").read_text("utf-8"), "utf-8")
    assert main(["upgrade", str(first), str(second), "-o", str(tmp_path / "out")]) == 2
    assert "two inputs named 'x.json'" in capsys.readouterr().err
    (tmp_path / "file.json").write_text("{}", "utf-8")
    assert (
        main(["upgrade", str(first), str(tmp_path / "a.json"), "-o", str(tmp_path / "file.json")])
        == 2
    )
    assert json.loads(first.read_text("utf-8"))["version"] == "1.0"
