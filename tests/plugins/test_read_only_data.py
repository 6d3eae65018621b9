"""The model cannot be changed, so plugins get the caller's objects: what a check or an
exporter tries to change, the caller keeps."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from grprojects import Diagnostic, PluginError, dumps, load
from grprojects.formats import write_dataset
from grprojects.model import Dataset
from grprojects.model.readonly import FrozenDict
from grprojects.plugin_guards import CHECK_FAILED
from grprojects.plugin_types import CheckContext, Exporter
from grprojects.runtime import make_runtime
from grprojects.testing import minimal_dataset

from .test_manager import make_check, plugin_with

EXAMPLE = Path(__file__).parents[2] / "examples" / "gr-projects.json"


def example() -> Dataset:
    """The shipped example dataset, read afresh."""
    return load(EXAMPLE.read_text(encoding="utf-8"))


def vandalise(dataset: Any) -> list[str]:
    """Try every kind of change a careless plugin makes; say which were refused."""
    refused = []
    attempts: dict[str, Callable[[], object]] = {
        "projects": lambda: dataset.projects.clear(),
        "participations": lambda: dataset.projects[0].participations.append(None),
        "translations": lambda: dataset.title.translations.update(en="Vandal"),
        "sources": lambda: dataset.projects[0].sources.append("x"),
        "extensions": lambda: dataset.projects[0].extensions.update(x={}),
    }
    for name, attempt in attempts.items():
        try:
            attempt()
        except (TypeError, AttributeError):  # a read-only dict; a tuple has no append
            refused.append(name)
    return refused


def test_the_model_refuses_every_change_through_what_it_holds() -> None:
    """Lists are tuples and dicts (translations, extension data, deep inside) are read-only."""
    original = example().evolve(extensions={"se.x": {"list": [1, {"deep": "x"}]}})
    before = dumps(original)
    assert vandalise(original) == [
        "projects",
        "participations",
        "translations",
        "sources",
        "extensions",
    ]
    inside = original.extensions["se.x"]
    with pytest.raises(TypeError):
        inside["list"].append(2)
    with pytest.raises(TypeError):
        inside["list"][1]["deep"] = "y"
    assert type(original.title.translations) is FrozenDict
    assert dumps(original) == before


def test_a_vandal_check_leaves_the_callers_dataset_as_it_was() -> None:
    """Every change a check tries is refused, and the dataset the caller passed is untouched."""
    refused: list[str] = []

    def vandal(context: CheckContext) -> Iterator[Diagnostic]:
        refused.extend(vandalise(context.dataset))
        yield from ()

    runtime = make_runtime(
        entry_points=False,
        plugins={"vandal": plugin_with(register_checks=lambda: [make_check("v.x", vandal)])},
    )
    dataset = example()
    before = dumps(dataset)
    found = runtime.run_checks(CheckContext(dataset, raw=None, codelists=runtime.codelists))
    assert CHECK_FAILED not in {d.code for d in found}
    assert refused == ["projects", "participations", "translations", "sources", "extensions"]
    assert dumps(dataset) == before


def test_a_vandal_exporter_fails_and_the_callers_dataset_is_unchanged(tmp_path: Path) -> None:
    """An exporter that clears the projects is refused, blamed, and changes nothing."""

    def write(dataset: Any, path: Path) -> list[str]:
        dataset.projects.clear()
        path.write_text("{}", encoding="utf-8")
        return []

    exporter = Exporter("vandal", "Clears what it gets.", (".vandal",), write)
    runtime = make_runtime(
        entry_points=False, plugins={"v": plugin_with(register_exporters=lambda: [exporter])}
    )
    dataset = load(json.dumps(minimal_dataset()))
    before = dumps(dataset)
    with pytest.raises(
        PluginError,
        match=r"exporter 'vandal' of plugin 'v' failed.*'tuple' object has no attribute 'clear'",
    ):
        write_dataset(dataset, tmp_path / "out.vandal", runtime=runtime)
    assert dumps(dataset) == before
    assert not (tmp_path / "out.vandal").exists()
