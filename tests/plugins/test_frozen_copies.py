"""Plugins get read-only copies: what a check or an exporter tries to change, the caller keeps."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from grprojects import Diagnostic, PluginError, dumps, load
from grprojects._frozen import FrozenDict, FrozenList, frozen_copy
from grprojects.formats import write_dataset
from grprojects.model import Dataset
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
        except TypeError:
            refused.append(name)
    return refused


def test_a_frozen_copy_equals_the_original_and_refuses_every_change() -> None:
    """The copy compares and serialises equal; its lists and dicts, all the way down, refuse."""
    original = example()
    copy = frozen_copy(original)
    assert copy == original
    assert copy is not original
    assert dumps(copy) == dumps(original)
    assert type(copy.projects) is FrozenList
    assert type(copy.projects[0].activities) is FrozenList
    assert type(copy.title.translations) is FrozenDict
    assert vandalise(copy) == [
        "projects",
        "participations",
        "translations",
        "sources",
        "extensions",
    ]
    assert type(original.projects) is list  # the original keeps ordinary lists
    assert type(original.projects[0].activities) is list


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
    dataset.projects[0].sources.append("mine")  # still the caller's own, ordinary list
    assert dataset.projects[0].sources[-1] == "mine"


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
    with pytest.raises(PluginError, match=r"exporter 'vandal' of plugin 'v' failed.*read-only"):
        write_dataset(dataset, tmp_path / "out.vandal", runtime=runtime)
    assert dumps(dataset) == before
    assert type(dataset.projects) is list
    assert not (tmp_path / "out.vandal").exists()
