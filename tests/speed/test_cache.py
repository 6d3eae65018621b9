"""What grprojects keeps on disk equals a fresh computation and is never stale.

The fast engine's rewritten schema and the look-alike table of the id checks.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import confusable_homoglyphs
import pytest

from grprojects import _cache, engines
from grprojects.checks import _skeleton
from grprojects.schema import published_digest, published_schema

pytest.importorskip("jsonschema_rs")


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache directory of this test's own."""
    monkeypatch.setenv(_cache.CACHE_VARIABLE, str(tmp_path))
    return tmp_path


def _patterns(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["pattern"]] if isinstance(node.get("pattern"), str) else []
        return own + [p for value in node.values() for p in _patterns(value)]
    if isinstance(node, list):
        return [p for item in node for p in _patterns(item)]
    return []


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("fast-schema-*.json"))


def test_the_cached_schema_equals_a_fresh_rewrite(cache: Path) -> None:
    """The second process to ask reads the first one's entry, and it is the rewrite itself."""
    schema = published_schema("dataset")
    first = engines.rewritten_schema(schema)
    (entry,) = _entries(cache)
    stored = json.loads(entry.read_text("utf-8"))["value"]
    assert stored == first == engines._with_python_patterns(schema)
    assert engines.rewritten_schema(schema) == first
    assert any("\\u0000-\\u0020" in p for p in _patterns(first))  # code points kept as they are


def test_the_cache_is_read_not_recomputed(cache: Path) -> None:
    """An entry on disk is what is used: rewriting is skipped when the key matches."""
    schema = published_schema("project")
    engines.rewritten_schema(schema)
    (entry,) = _entries(cache)
    stored = json.loads(entry.read_text("utf-8"))
    stored["value"]["title"] = "from the cache"
    entry.write_text(json.dumps(stored), encoding="utf-8")
    rewritten = engines.rewritten_schema(schema)
    assert rewritten is not None
    assert rewritten["title"] == "from the cache"


def test_a_changed_schema_gets_an_entry_of_its_own(cache: Path) -> None:
    """Changing a pattern changes the key: the old entry is not used for the new schema."""
    schema: dict[str, Any] = copy.deepcopy(dict(published_schema("project")))
    before = engines.rewritten_schema(schema)
    schema["$defs"]["Project"]["properties"]["id"]["pattern"] = "^x\\d$"
    after = engines.rewritten_schema(schema)
    assert before is not None
    assert after is not None
    assert len(_entries(cache)) == 2
    assert after["$defs"]["Project"]["properties"]["id"]["pattern"].startswith("^x[\\x{30}")
    assert after == engines._with_python_patterns(schema)


def test_the_key_names_python_and_its_unicode_version(cache: Path) -> None:
    """What ``\\s`` matches depends on the Unicode tables: an entry records their version."""
    import unicodedata

    engines.rewritten_schema(published_schema("project"))
    (entry,) = _entries(cache)
    key = json.loads(entry.read_text("utf-8"))["key"]
    assert key["unicode"] == unicodedata.unidata_version
    assert set(key) == {"schema", "python", "unicode", "rewrite"}


def test_an_entry_of_another_key_is_passed_over(cache: Path) -> None:
    """A file whose recorded key differs (a hash collision, a hand edit) is not believed."""
    schema = published_schema("project")
    engines.rewritten_schema(schema)
    (entry,) = _entries(cache)
    stored = json.loads(entry.read_text("utf-8"))
    stored["key"]["unicode"] = "0.0"
    stored["value"] = None
    entry.write_text(json.dumps(stored), encoding="utf-8")
    assert engines.rewritten_schema(schema) == engines._with_python_patterns(schema)


@pytest.mark.parametrize("broken", ["", "{", "[1, 2]", '{"key": 1}'])
def test_a_broken_entry_is_rewritten(cache: Path, broken: str) -> None:
    """A truncated or foreign file in the cache is computed again and replaced."""
    schema = published_schema("project")
    engines.rewritten_schema(schema)
    (entry,) = _entries(cache)
    entry.write_text(broken, encoding="utf-8")
    assert engines.rewritten_schema(schema) == engines._with_python_patterns(schema)
    assert json.loads(entry.read_text("utf-8"))["value"] is not None


def test_no_cache_when_turned_off_or_unwritable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An empty variable turns the cache off; a cache that cannot be written is no error."""
    schema = published_schema("project")
    fresh = engines._with_python_patterns(schema)
    monkeypatch.setenv(_cache.CACHE_VARIABLE, "")
    assert _cache.cache_dir() is None
    assert engines.rewritten_schema(schema) == fresh
    blocked = tmp_path / "a-file"
    blocked.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv(_cache.CACHE_VARIABLE, str(blocked / "cache"))
    assert engines.rewritten_schema(schema) == fresh


def test_the_default_place_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Without the variable the cache lives under ``$XDG_CACHE_HOME/grprojects``."""
    monkeypatch.delenv(_cache.CACHE_VARIABLE)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert _cache.cache_dir() == tmp_path / "grprojects"


def test_the_cached_prototypes_equal_a_fresh_computation(cache: Path) -> None:
    """The look-alike table on disk is the package's own answer for every tabled character."""
    _skeleton.table.cache_clear()
    first = _skeleton.table()
    (entry,) = sorted(cache.glob("confusable-prototypes-*.json"))
    stored = json.loads(entry.read_text("utf-8"))
    assert stored["value"] == first == _skeleton.computed_table()
    assert stored["key"]["package"] == confusable_homoglyphs.__version__
    assert first["0"] == "O"  # ASCII has look-alikes too
    assert first["1"] == "l"
    _skeleton.table.cache_clear()
    assert _skeleton.table() == first


def test_a_character_outside_the_table_is_worked_out_from_the_package() -> None:
    """A Cyrillic а, beyond the table, still meets the Latin a."""
    assert ord("а") not in _skeleton.TABLED[0]
    assert _skeleton.prototype("а") == _skeleton.computed_prototype("а") == "a"


@pytest.mark.parametrize("name", ["dataset", "project"])
def test_a_published_schemas_digest_is_that_of_the_schema(name: str) -> None:
    """The hash worked out once a process, which keys the fast schema, is the schema's own."""
    assert published_digest(name) == _cache.digest(published_schema(name))
    assert published_digest(name, "1.0") == _cache.digest(published_schema(name, "1.0"))


def test_the_fast_engine_keys_its_schema_by_the_published_digest(cache: Path) -> None:
    """Rewritten with the known digest or working it out, the schema and its entry are one."""
    schema = published_schema("dataset")
    first = engines.rewritten_schema(schema, digest=published_digest("dataset"))
    assert engines.rewritten_schema(schema) == first
    assert len(_entries(cache)) == 1
