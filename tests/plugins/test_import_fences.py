"""A plugin's import is fenced: what it prints stays out of reports, sys.exit is its failure."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import assert_type

import pytest

import grprojects
from grprojects.model import Dataset, Project
from grprojects.plugins import ALLOW_VARIABLE
from grprojects.runtime import default_runtime
from grprojects.testing import minimal_dataset

from .conftest import fake_distribution

EXAMPLE = Path(__file__).parents[2] / "examples" / "gr-projects.json"


def installed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest, body: str
) -> Path:
    """A document, and an installed plugin ``noisy`` whose module is ``body``."""
    fake_distribution(tmp_path, "noisy", "noisy_plugin", body, name="noisy-dist")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setenv(ALLOW_VARIABLE, "noisy")
    monkeypatch.delitem(sys.modules, "noisy_plugin", raising=False)
    default_runtime.cache_clear()  # the process-wide runtime is made anew with the plugin
    request.addfinalizer(default_runtime.cache_clear)  # and without it after the test
    document = tmp_path / "data.json"
    document.write_text(json.dumps(minimal_dataset()), encoding="utf-8")
    return document


def test_a_plugin_printing_at_import_does_not_corrupt_a_json_report(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Its print goes to standard error; standard output holds the report alone."""
    from grprojects.cli import main

    document = installed(tmp_path, monkeypatch, request, "print('hello from noisy')\n")
    assert main(["validate", "--format", "json", str(document)]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["files"][0]["path"] == str(document)
    assert "hello from noisy" in captured.err


@pytest.mark.filterwarnings("always::grprojects.plugins.PluginWarning")  # as a user sees it
def test_a_plugin_exiting_at_import_is_a_broken_plugin_named(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``raise SystemExit`` at import: a warning naming the plugin, and the command goes on."""
    from grprojects.cli import main

    document = installed(tmp_path, monkeypatch, request, "raise SystemExit('leaving')\n")
    assert main(["validate", str(document)]) == 0
    told = capsys.readouterr().out  # a plugin left out is a warning of the report
    assert "warning plugin.left-out: plugin 'noisy' from distribution 'noisy-dist'" in told
    assert "SystemExit: leaving" in told
    assert "Traceback" not in told


def test_load_is_typed_by_what_it_reads() -> None:
    """mypy (``make typecheck`` runs it over this file) sees a Dataset or a Project, not Any."""
    dataset = grprojects.load(EXAMPLE)
    assert_type(dataset, Dataset)
    project = grprojects.from_json(grprojects.to_json(dataset.projects[0]), schema="project")
    assert_type(project, Project)
    assert project == dataset.projects[0]
