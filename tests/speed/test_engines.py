"""The fast schema engine's verdicts equal jsonschema's, on valid and broken documents alike."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest
from benchmarks import generate
from hypothesis import given
from hypothesis import strategies as st

from grprojects import _cache, engines, schema_check, to_json
from grprojects.model.fields import LONGEST_TEXT
from grprojects.schema import SCHEMA_NAMES

from ..strategies import datasets, projects

pytest.importorskip("jsonschema_rs")

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = engines.ReferenceEngine()
FAST = engines.FastEngine()

TRICKY_STRINGS = [
    "",
    " ",
    "\x1c",
    "a\x1fb",
    "\x85",
    "\ufeff",
    "\u3000",
    "\r",
    "a\nb",
    "٢٠١٨",
    "２０１８",
    "2018\n",
    "0000-01-01",
    "2019-02-29",
    "2020-02-29",
    "2019-02-05",
    "2016-21",
    "2016-25",
    "2019-13",
    "1480",
    "14800",
    "SEK",
    "sek",
    "a@",
    "@",
    "owner",
    "planned",
    "2.5",
    "-0",
    "01",
    "https://example.se/a",
    "http://exa mple.se",
    "se.goteborg.diarium",
    "göteborgs-stad",
    "a/b",
    "x" * 101,
]
TRICKY_VALUES: list[Any] = [
    *TRICKY_STRINGS,
    0,
    1,
    -1,
    1.0,
    2.5,
    -0.0,
    10**30,
    -(10**30),
    True,
    False,
    None,
    [],
    {},
    {"sv": "x"},
    {"sv": " "},
    {"en": "x"},
    ["x", "x"],
    [1, 1],
    [1, 1.0],
]
tricky = st.sampled_from(TRICKY_VALUES) | st.text(max_size=6) | st.integers()


def _places(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a JSON value, as the path of keys and indexes to it."""
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _places(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _places(item, (*path, index))
    return found


def _at(value: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        value = value[step]
    return value


@st.composite
def mutated(draw: st.DrawFn, value: Any) -> Any:
    """``value`` with one thing broken or bent: replaced, removed, added, repeated, or a
    string made as long as the schema allows, or one character longer."""
    broken = copy.deepcopy(value)
    path = draw(st.sampled_from(_places(broken)))
    target = _at(broken, path)
    how = draw(
        st.sampled_from(["replace", "remove", "add-key", "repeat-item", "in-string", "lengthen"])
    )
    if how == "replace" and path:
        _at(broken, path[:-1])[path[-1]] = draw(tricky)
    elif how == "remove" and isinstance(target, dict) and target:
        del target[draw(st.sampled_from(sorted(target)))]
    elif how == "add-key" and isinstance(target, dict):
        target[draw(st.sampled_from(["unknown", "sv", "en", "x-y", "se.example.ext"]))] = draw(
            tricky
        )
    elif how == "repeat-item" and isinstance(target, list) and target:
        target.append(copy.deepcopy(target[0]))
    elif how == "in-string" and isinstance(target, str) and path:
        at = draw(st.integers(0, len(target)))
        char = draw(st.sampled_from(["\x1c", "\x85", "\ufeff", " ", "\n", "٣", "/"]))
        _at(broken, path[:-1])[path[-1]] = target[:at] + char + target[at:]
    elif how == "lengthen" and isinstance(target, str) and path:  # to the longest, or past it
        char = draw(st.sampled_from(["a", "𝄞", "\r"]))
        length = LONGEST_TEXT + draw(st.integers(-1, 1))
        _at(broken, path[:-1])[path[-1]] = (target + char * length)[:length]
    return broken


def _agree(value: Any, schema: str) -> bool:
    verdict = REFERENCE.is_valid(value, schema)
    assert FAST.is_valid(value, schema) == verdict, json.dumps(value, ensure_ascii=False)[:2000]
    return verdict


REALISTIC = generate.dataset(2)


@given(data=st.data())
def test_engines_agree_on_generated_and_mutated_datasets(data: st.DataObject) -> None:
    """A model-generated dataset is valid to both engines; bent or broken, they still agree."""
    value = to_json(data.draw(datasets()))
    assert _agree(value, "dataset")
    _agree(data.draw(mutated(value)), "dataset")


@given(data=st.data())
def test_engines_agree_on_mutated_projects(data: st.DataObject) -> None:
    """A broken or bent project (a JSON Lines record) gets the same verdict from both."""
    value = to_json(data.draw(projects()))
    _agree(data.draw(mutated(value)), "project")


@given(broken=mutated(REALISTIC))
def test_engines_agree_on_mutated_realistic_datasets(broken: Any) -> None:
    """A benchmark dataset with one thing broken gets the same verdict from both engines."""
    _agree(broken, "dataset")


def test_the_realistic_dataset_is_valid_to_both() -> None:
    """The benchmark generator's documents are valid, and both engines say so."""
    assert _agree(REALISTIC, "dataset")
    for project, _ in generate.projects(3):
        assert _agree(project, "project")


def _documents() -> list[Path]:
    folders = [ROOT / "tests", ROOT / "examples"]
    found = [p for folder in folders for p in folder.rglob("*.json") if "expected" not in p.name]
    return sorted([*found, *(ROOT / "tests").rglob("*.jsonl")])


@pytest.mark.parametrize("path", _documents(), ids=lambda p: str(p.relative_to(ROOT)))
def test_engines_agree_on_every_test_document(path: Path) -> None:
    """Each JSON document in the tests and examples gets the same verdict from both engines."""
    lines = path.read_text(encoding="utf-8-sig").splitlines() if path.suffix == ".jsonl" else []
    texts = [(line, "project") for line in lines if line.strip()] or [
        (path.read_text(encoding="utf-8-sig"), "dataset")
    ]
    for text, schema in texts:
        try:
            value = json.loads(text)
        except ValueError:
            continue  # not JSON at all: no engine sees it
        _agree(value, schema)


def test_every_published_schema_runs_on_the_fast_engine() -> None:
    """No published pattern is left to the reference engine: the fast one compiles them all."""
    for name in SCHEMA_NAMES:
        assert FAST.validator(name) is not None


def _boundaries(escape: str) -> set[str]:
    edges = {0x0, 0x10FFFF}
    for low, high in engines._matched_ranges(escape):
        edges |= {low - 1, low, high, high + 1}
    return {chr(c) for c in edges if 0 <= c <= 0x10FFFF and not 0xD800 <= c <= 0xDFFF}


@pytest.mark.parametrize("escape", ["d", "D", "s", "S"])
def test_rewritten_escapes_match_what_python_matches(escape: str) -> None:
    """``\\d \\D \\s \\S`` rewritten for Rust match exactly Python's characters at every edge."""
    import jsonschema_rs

    pattern = "^" + engines.python_pattern("\\" + escape) + "$"
    rust = jsonschema_rs.validator_for({"type": "string", "pattern": pattern})
    samples = _boundaries(escape.lower()) | set("\x1c\x1f\x85\xa0\u180e\u200b\u2028\ufeff٣０7a ")
    for char in sorted(samples):
        python = re.fullmatch("\\" + escape, char) is not None
        assert rust.is_valid(char) == python, f"U+{ord(char):04X}"


@given(text=st.text(max_size=8))
def test_rewritten_patterns_match_as_python_does(text: str) -> None:
    """Each published pattern, rewritten, accepts exactly the strings Python's accepts."""
    import jsonschema_rs

    for pattern in sorted(_published_patterns()):
        rust = jsonschema_rs.validator_for({"pattern": engines.python_pattern(pattern)})
        ecma_end = pattern[:-1] + r"\Z" if pattern.endswith("$") else pattern
        assert rust.is_valid(text) == (re.search(ecma_end, text) is not None), pattern


def _published_patterns() -> set[str]:
    def walk(node: Any) -> set[str]:
        if isinstance(node, dict):
            own = {node["pattern"]} if isinstance(node.get("pattern"), str) else set()
            return own.union(*(walk(v) for v in node.values()))
        if isinstance(node, list):
            return set().union(*(walk(v) for v in node))
        return set()

    from grprojects.schema import published_schema

    return walk(dict(published_schema("dataset")))


@pytest.mark.parametrize(
    "pattern", [r"\w+", r"(?i)abc", r"a$|b", r"[[a]]", r"\bword", r"a\$", r"[a-z&&b]", "\\"]
)
def test_syntax_that_means_something_else_in_rust_is_refused(pattern: str) -> None:
    """Patterns whose meaning the rewrite cannot keep raise ``ValueError``."""
    with pytest.raises(ValueError, match="would differ"):
        engines.python_pattern(pattern)


def test_dot_and_classes_keep_python_meaning() -> None:
    """``.`` matches a carriage return as in Python; a leading ``]`` in a class is literal."""
    assert engines.python_pattern("^.$") == "^[^\\n]$"
    assert engines.python_pattern("[]a]").startswith("[\\]a]")


def test_a_value_rust_cannot_hold_gets_the_reference_verdict() -> None:
    """A lone surrogate (possible in Python strings) is judged by the reference engine."""
    value = copy.deepcopy(REALISTIC)
    value["title"]["sv"] = "\ud800"
    assert FAST.is_valid(value, "dataset") == REFERENCE.is_valid(value, "dataset")


class _Naysayer:
    """An engine that finds nothing valid."""

    name = "naysayer"

    def is_valid(self, value: Any, schema: str) -> bool:
        return False


def test_a_fast_no_is_confirmed_by_the_reference() -> None:
    """``is_valid`` reports the reference verdict even when a fast engine says no."""
    assert engines.is_valid(REALISTIC, "dataset", using=_Naysayer())


def test_diagnostics_come_from_the_reference_engine() -> None:
    """With the fast engine, an invalid document gets exactly jsonschema's diagnostics."""
    broken = copy.deepcopy(REALISTIC)
    broken["projects"][0]["status"] = "paused"
    del broken["organisations"][0]["name"]
    found = engines.schema_diagnostics(broken, "dataset", using=FAST)
    assert found == schema_check.schema_diagnostics(broken, "dataset")
    assert [d.code for d in found] == ["schema.required", "schema.code"]
    assert engines.schema_diagnostics(REALISTIC, "dataset", using=FAST) == []


def test_the_fast_engine_is_the_default_when_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Installed jsonschema-rs is used by default; the environment variable can say otherwise."""
    monkeypatch.delenv(engines.ENGINE_VARIABLE, raising=False)
    assert engines.engine().name == "jsonschema-rs"
    monkeypatch.setenv(engines.ENGINE_VARIABLE, "jsonschema")
    assert engines.engine().name == "jsonschema"


def test_an_unknown_engine_is_named_in_the_error() -> None:
    """Asking for an engine that is not installed says which ones are."""
    with pytest.raises(KeyError, match="no schema engine 'ajv'; installed: jsonschema"):
        engines.engine("ajv")


_FORMAT_EDGES = {
    "date": [
        "2019-02-05",
        "2019-02-30",
        "2020-02-29",
        "2019-02-29",
        "0000-01-01",
        "0001-01-01",
        "9999-12-31",
        "2019-2-05",
        "2019-02-05\n",
        "２０１９-02-05",
        "2019-02-05T00:00",
        "20190205",
        "",
        "2019-W06",
        "١٢٣٤-01-01",
    ],
    "email": ["a@b", "@", "ab", "", "kontakt@goteborgsregionen.se", "a＠b"],
}


@pytest.mark.parametrize("format_name", sorted(engines.SURELY_CONFORMING))
@given(text=st.text(alphabet="0123456789-@a٣２\n", max_size=12))
def test_a_format_shortcut_passes_only_what_jsonschema_passes(format_name: str, text: str) -> None:
    """Each shortcut that spares importing jsonschema says yes only where jsonschema does."""
    checker = schema_check.ReferenceValidator.FORMAT_CHECKER
    certain = engines.SURELY_CONFORMING[format_name]
    for value in [text, *_FORMAT_EDGES[format_name]]:
        if certain(value):
            assert checker.conforms(value, format_name), value
    assert any(certain(value) for value in _FORMAT_EDGES[format_name])


def _every_day_form_a_calendar_could_disagree_on() -> list[str]:
    """Every month and day 00–99 in years of each leap rule, and three days of every year."""
    leap_rules = [1, 4, 100, 400, 1582, 1600, 1900, 2000, 2023, 2024, 9996, 9999]
    strings = [
        f"{year:04d}-{month:02d}-{day:02d}"
        for year in leap_rules
        for month in range(100)
        for day in range(100)
    ]
    strings += [f"{year:04d}-{md}" for year in range(10000) for md in ("01-01", "02-29", "12-31")]
    return strings + _FORMAT_EDGES["date"]


def test_rust_s_date_agrees_with_jsonschema_s_beside_each_pattern_it_is_left_to() -> None:
    """Where the fast engine leaves ``date`` to jsonschema-rs (no Python call), every string
    the pattern beside it admits gets jsonschema's verdict: year 0000 and non-ASCII digits
    never pass the pattern, and Rust's calendar is Python's for every other day."""
    import jsonschema_rs

    checker = schema_check.ReferenceValidator.FORMAT_CHECKER
    rust = jsonschema_rs.validator_for({"format": "date"}, validate_formats=True)
    strings = _every_day_form_a_calendar_could_disagree_on()
    for pattern in engines.NATIVE_WHEN_PATTERN["date"]:
        admitted = re.compile(pattern)
        disagreeing = [
            s
            for s in strings
            if admitted.search(s) and rust.is_valid(s) != checker.conforms(s, "date")
        ]
        assert disagreeing == []
    assert not rust.is_valid("2019-02-29")
    assert rust.is_valid("2020-02-29")
    assert rust.is_valid("0000-01-01")  # the disagreement the pattern must keep out


def test_the_published_schema_s_dates_are_left_to_rust_and_a_bare_date_is_not() -> None:
    """The published schema's ``date`` needs no Python call; a ``date`` without a known
    pattern beside it still gets jsonschema's verdict (year 0000 refused)."""
    from grprojects.schema import published_schema

    for name in SCHEMA_NAMES:
        assert engines._left_to_rust(published_schema(name), "date")
    bare = {"type": "string", "format": "date"}
    assert not engines._left_to_rust({"properties": {"a": bare}}, "date")
    validator = FAST._compile(bare, digest=_cache.digest(bare))
    assert validator is not None
    assert not validator.is_valid("0000-01-01")
    assert validator.is_valid("2020-02-29")
