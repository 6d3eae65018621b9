"""The example dataset's report site, written once for the tests that read it."""

from __future__ import annotations

from pathlib import Path

import pytest

import grprojects
from grprojects.model import Dataset
from grprojects.runtime import Runtime, make_runtime
from grprojects.site import write_site

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "gr-projects.json"


@pytest.fixture(scope="session")
def example() -> Dataset:
    """The GR example dataset, with its personal data."""
    loaded: Dataset = grprojects.load(EXAMPLE)
    return loaded


@pytest.fixture(scope="session")
def builtin_runtime() -> Runtime:
    """The built-in plugins alone, so installed plugins cannot change what tests see."""
    return make_runtime(entry_points=False)


@pytest.fixture(scope="session")
def public_site(
    tmp_path_factory: pytest.TempPathFactory, example: Dataset, builtin_runtime: Runtime
) -> Path:
    """The default site of the example: public, Swedish."""
    folder = tmp_path_factory.mktemp("report") / "site"
    write_site(example, folder, runtime=builtin_runtime)
    return folder


@pytest.fixture(scope="session")
def internal_site(
    tmp_path_factory: pytest.TempPathFactory, example: Dataset, builtin_runtime: Runtime
) -> Path:
    """The internal site of the example, in English."""
    folder = tmp_path_factory.mktemp("report") / "internal"
    write_site(example, folder, runtime=builtin_runtime, include_personal=True, language="en")
    return folder


def personal_values(dataset: Dataset) -> set[str]:
    """Every name, phone number, e-mail address and quote the dataset holds."""
    found: set[str] = set()
    for project in dataset.projects:
        for person in project.people:
            found.update(v for v in (person.name, person.phone, person.email) if v)
        for activity in project.activities:
            found.update(quote.text.sv for quote in activity.quotes)
    return found


def pages(site: Path) -> list[Path]:
    """Every HTML page of a site."""
    return sorted(site.rglob("*.html"))
