"""Fixtures: the invented project-bank records kept beside the repository in ``shared``."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[4] / "shared" / "data" / "projektbanken"


@pytest.fixture
def projektbanken_sample() -> Path:
    """Five invented records in the shape of Tillväxtverket's ERDF 2014–2020 export."""
    sample = SHARED / "sample-eruf-2014-2020.json"
    if not sample.is_file():
        pytest.skip(f"the shared sample data is not beside the repository ({sample})")
    return sample
