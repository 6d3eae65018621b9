"""The installed entry points and versions, kept in the cache: the same as a fresh reading."""

from __future__ import annotations

import importlib
import json
import shutil
from importlib import metadata
from pathlib import Path

import pytest

from grprojects import distributions
from grprojects._cache import CACHE_VARIABLE
from grprojects.distributions import InstalledEntryPoint
from grprojects.plugins import ENTRY_POINT_GROUP

from .conftest import fake_distribution


def _fresh(group: str) -> set[InstalledEntryPoint]:
    """What importlib.metadata says now, without grprojects' cache."""
    return {
        InstalledEntryPoint(
            e.name,
            e.value,
            e.dist.metadata["Name"] if e.dist else None,
            e.dist.version if e.dist else None,
        )
        for e in metadata.entry_points(group=group)
    }


def test_the_kept_entry_points_equal_a_fresh_reading() -> None:
    """The first call fills the cache and the second reads it; both are importlib.metadata's."""
    first = distributions.entry_points(ENTRY_POINT_GROUP)
    second = distributions.entry_points(ENTRY_POINT_GROUP)
    assert first == second
    assert set(second) == _fresh(ENTRY_POINT_GROUP)
    assert len(second) == len(set(second))  # each once


def test_a_distribution_installed_then_removed_is_seen_both_times(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Installing a distribution on the path adds its entry point; removing it takes it away."""
    monkeypatch.syspath_prepend(str(tmp_path))
    before = distributions.entry_points(ENTRY_POINT_GROUP)
    assert "working" not in {e.name for e in before}
    fake_distribution(tmp_path, "working", "working_plugin", "", name="working-dist")
    importlib.invalidate_caches()  # importlib.metadata's own cache, within this process
    installed = distributions.entry_points(ENTRY_POINT_GROUP)
    assert set(installed) - set(before) == {
        InstalledEntryPoint("working", "working_plugin", "working-dist", "1.2.3")
    }
    shutil.rmtree(tmp_path / "working_dist-1.2.3.dist-info")
    importlib.invalidate_caches()
    assert distributions.entry_points(ENTRY_POINT_GROUP) == before


def test_a_version_is_importlib_metadatas_and_none_when_not_installed() -> None:
    """jsonschema's version, read twice, is the installed one; an absent distribution's is None."""
    assert distributions.version("jsonschema") == metadata.version("jsonschema")
    assert distributions.version("jsonschema") == metadata.version("jsonschema")
    assert distributions.version("no-such-distribution-here") is None


def test_the_cache_turned_off_reads_the_metadata(monkeypatch: pytest.MonkeyPatch) -> None:
    """With GRPROJECTS_CACHE_DIR empty the entry points are read anew, the same as ever."""
    monkeypatch.setenv(CACHE_VARIABLE, "")
    assert set(distributions.entry_points(ENTRY_POINT_GROUP)) == _fresh(ENTRY_POINT_GROUP)


def test_a_stale_path_state_never_meets_a_new_one(tmp_path: Path) -> None:
    """A metadata folder added to a path entry changes the state the cache is keyed by."""
    before = distributions.path_state([str(tmp_path)])
    (tmp_path / "some_dist-2.0.dist-info").mkdir()
    after = distributions.path_state([str(tmp_path)])
    assert before != after
    assert after.endswith("some_dist-2.0.dist-info")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("json", json),
        ("json:loads", json.loads),
        ("json.decoder : JSONDecoder.decode", json.decoder.JSONDecoder.decode),
        ("json:dumps [fast]", json.dumps),
    ],
)
def test_an_entry_point_loads_what_it_names(value: str, expected: object) -> None:
    """A module, an attribute, a dotted attribute, with extras: as importlib.metadata loads them."""
    assert InstalledEntryPoint("x", value, None, None).load() is expected
    assert metadata.EntryPoint("x", value, "g").load() is expected
