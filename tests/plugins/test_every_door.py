"""Every door validated: what an importer returns or Python builds is checked before writing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from grprojects import DocumentError, dumps, load
from grprojects.model import Dataset, Text
from grprojects.plugin_types import Importer
from grprojects.testing import minimal_dataset
from tests.plugins.test_careless_plugins import convert_with
from tests.plugins.test_manager import plugin_with


def importing(dataset: Dataset) -> object:
    """A plugin whose importer of ``.lerum`` files returns ``dataset``, whatever it reads."""
    importer = Importer("lerum", "Lerum's files.", (".lerum",), lambda path: dataset)
    return plugin_with(register_importers=lambda: [importer])


def good() -> Dataset:
    return load(json.dumps(minimal_dataset()))


@pytest.mark.parametrize("target", ["out.json", "out.xlsx"])
def test_an_importer_returning_invalid_data_makes_convert_refuse_it(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    target: str,
) -> None:
    """A closed code misspelt: exit 1, naming plugin, importer and pointer; nothing written."""
    dataset = good()
    project = dataset.projects[0]
    typo = project.participations[0].evolve(role="ägare")
    invalid = dataset.evolve(projects=[project.evolve(participations=[typo])])
    source = tmp_path / "in.lerum"
    source.write_text("whatever", encoding="utf-8")
    code = convert_with(monkeypatch, importing(invalid), str(source), str(tmp_path / target))
    told = capsys.readouterr().err
    assert code == 1
    assert "importer 'lerum' of plugin 'careless'" in told
    assert "/projects/0/participations/0/role" in told
    assert "'ägare'" in told
    assert list(tmp_path.iterdir()) == [source]


def test_an_importer_returning_the_wrong_types_is_a_plugin_fault(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A plain str where a Text belongs: exit 3, naming the field, not an AttributeError."""
    dataset = good()
    wrong = dataset.evolve(projects=[dataset.projects[0].evolve(name="Nya GRannar")])
    source = tmp_path / "in.lerum"
    source.write_text("whatever", encoding="utf-8")
    code = convert_with(monkeypatch, importing(wrong), str(source), str(tmp_path / "out.json"))
    told = capsys.readouterr().err
    assert code == 3
    assert "importer 'lerum' of plugin 'careless'" in told
    assert "Project.name must be a Text, not str at /projects/0/name" in told
    assert "AttributeError" not in told
    assert not (tmp_path / "out.json").exists()


@pytest.mark.parametrize(
    ("change", "field", "rule"),
    [
        ({"id": "has space/and slash"}, "/projects/0/id", "schema.pattern"),
        ({"name": "plain"}, "/projects/0/name", "model.type"),
        ({"summary": Text(sv=" ")}, "/projects/0/summary/sv", "schema.pattern"),
    ],
)
def test_dumps_refuses_what_load_would_refuse(
    change: dict[str, Any], field: str, rule: str
) -> None:
    """An object built or edited in Python that load would refuse is never written."""
    dataset = good()
    edited = dataset.evolve(projects=[dataset.projects[0].evolve(**change)])
    with pytest.raises(DocumentError) as refused:
        dumps(edited)
    assert [(d.code, d.pointer) for d in refused.value.diagnostics] == [(rule, field)]
