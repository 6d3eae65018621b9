"""Fuzzing every reader and exporter: only documented errors come out.

A short budget runs with the suite; ``make fuzz`` runs a long one by setting
``GRPROJECTS_FUZZ`` to the number of inputs per target (and drawing them at random).
"""

from __future__ import annotations

import contextlib
import functools
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grprojects import DocumentError
from grprojects.formats import write_dataset
from grprojects.model import Dataset
from grprojects.runtime import default_runtime
from tests.fuzz.harness import READERS, SEEDS, make_seeds, mutate_file, run_reader
from tests.strategies import datasets

BUDGET = int(os.environ.get("GRPROJECTS_FUZZ", "0"))
"""Inputs per target for a long run; 0 means the short, repeatable budget of the suite."""


def _settings(short: int) -> settings:
    return settings(
        max_examples=BUDGET or short,
        derandomize=not BUDGET,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )


@pytest.fixture(scope="session")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where fuzzed inputs and exports are written, one file a target at a time."""
    return tmp_path_factory.mktemp("fuzz")


@functools.cache
def _seeds(folder: Path) -> dict[str, bytes]:
    """The seed files, exported from the bundled example once (not a fixture: Hypothesis
    would print them with every falsifying example)."""
    return make_seeds(folder)


@pytest.mark.parametrize("target", sorted(READERS))
@_settings(short=10)
@given(number=st.integers(0, 2**64 - 1))
def test_readers_raise_only_documented_errors(folder: Path, target: str, number: int) -> None:
    """Mutated input makes each reader raise a DocumentError or nothing, never another error."""
    run_reader(target, mutate_file(_seeds(folder)[SEEDS[target]], number), folder)


@pytest.mark.parametrize("exporter", sorted(default_runtime().exporters))
@_settings(short=2)
@given(dataset=datasets())
def test_exporters_raise_only_documented_errors(
    folder: Path, exporter: str, dataset: Dataset
) -> None:
    """Every exporter writes a generated valid dataset, or refuses it with a DocumentError."""
    path = folder / f"exported-{exporter}"
    with contextlib.suppress(DocumentError):
        write_dataset(dataset, path, format_name=exporter, force=True)
