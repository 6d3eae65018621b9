"""Fixtures shared by the format tests: the bundled example, loaded once."""

from __future__ import annotations

from pathlib import Path

import pytest

from grprojects import load
from grprojects.model import Dataset

EXAMPLE = Path(__file__).parents[2] / "examples" / "gr-projects.json"
BEFORE_1_1 = Path(__file__).parent / "fixtures" / "before-1.1" / "gr-projects-1.0.json"
"""The example as a schema 1.0 document, which may hold longer texts and larger counts."""


@pytest.fixture(scope="session")
def example() -> Dataset:
    """The bundled example dataset."""
    dataset: Dataset = load(EXAMPLE)
    return dataset
