"""The benchmarks' generated documents: the canonical text, written a project at a time."""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmarks import generate

from grprojects import dumps
from grprojects.io import to_model


@pytest.mark.parametrize(
    ("count", "shape"), [(0, generate.FULL), (3, generate.FULL), (4, generate.SIMPLE)]
)
def test_a_document_is_written_as_dumps_writes_it(
    tmp_path: Path, count: int, shape: generate.Shape
) -> None:
    """Written a project at a time, the document is the text ``dumps`` gives the whole."""
    path = generate.write_dataset(tmp_path / "d.json", count, shape=shape)
    assert path.read_text(encoding="utf-8") == dumps(to_model(generate.dataset(count, shape=shape)))


def test_simple_projects_are_a_third_of_the_size() -> None:
    """A simple project is about 6 kB of canonical text, a full one about 20 kB."""
    full, simple = (
        len(dumps(to_model(generate.dataset(20, shape=shape))).encode())
        for shape in (generate.FULL, generate.SIMPLE)
    )
    header = len(dumps(to_model(generate.dataset(0))).encode())
    assert 17_000 < (full - header) / 20 < 22_000
    assert 5_000 < (simple - header) / 20 < 7_000
