"""A large dataset file read a project at a time: exactly the diagnostics of reading it whole."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from benchmarks import generate
from hypothesis import given, settings
from hypothesis import strategies as st

from grprojects import Diagnostic, hookimpl, to_json
from grprojects.jsonstream import NotStreamable, pieces
from grprojects.plugin_types import Check, CheckContext
from grprojects.runtime import Runtime, make_runtime
from grprojects.validation import Validator

from ..speed.test_engines import mutated
from ..strategies import datasets

REALISTIC = generate.dataset(2)


def _order(value: dict[str, Any], first: tuple[str, ...]) -> dict[str, Any]:
    """``value`` with the keys ``first`` moved to the end, in that order (if present)."""
    rest = {k: v for k, v in value.items() if k not in first}
    return {**rest, **{k: value[k] for k in first if k in value}}


LAYOUTS = {
    "canonical": lambda v: json.dumps(v, ensure_ascii=False, indent=2),
    "one line": lambda v: json.dumps(v),
    "tabs, sources and organisations last": lambda v: json.dumps(
        _order(v, ("sources", "organisations")), ensure_ascii=False, indent="\t"
    ),
    "version last (read whole)": lambda v: json.dumps(_order(v, ("version",)), indent=1),
}
TEXT_DAMAGE = [
    ("", ""),
    ('"projects": [', '"projects": [ {"id": "x", "id": "y"}, '),  # a duplicate key
    ('"projects": [', '"projects": [NaN, '),
    ('"version"', '"version": "1.1", "version"'),  # a duplicate key at the top
    ('"projects": [', '"projects": [1e999, '),
    ('"projects": [', '"projects": ["\\ud800", '),
    ('"projects": [', '"projects": [{"id": "\u00e5\u00e4\n'),  # a control character in a string
]


def _both(path: Path, runtime: Runtime) -> tuple[tuple[Diagnostic, ...], tuple[Diagnostic, ...]]:
    streamed = Validator(runtime=runtime, stream_from=0).validate_path(path).diagnostics
    whole = Validator(runtime=runtime, stream_from=1 << 62).validate_path(path).diagnostics
    return streamed, whole


@pytest.fixture(scope="module")
def runtime() -> Runtime:
    return make_runtime(entry_points=False)


def _same(value: Any, layout: str, damage: tuple[str, str], runtime: Runtime) -> None:
    text = LAYOUTS[layout](value).replace(*damage, 1) if damage[0] else LAYOUTS[layout](value)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "dataset.json"
        path.write_text(text, encoding="utf-8")
        streamed, whole = _both(path, runtime)
    assert streamed == whole


@settings(max_examples=20)
@given(
    data=st.data(),
    layout=st.sampled_from(sorted(LAYOUTS)),
    damage=st.sampled_from(TEXT_DAMAGE),
)
def test_streaming_finds_what_reading_whole_finds(
    data: st.DataObject, layout: str, damage: tuple[str, str], runtime: Runtime
) -> None:
    """Generated datasets, bent or broken in their values or their text, laid out in any
    order: the same diagnostics (codes, pointers, lines, columns, messages) either way."""
    value = to_json(data.draw(datasets()))
    if data.draw(st.booleans()):
        value = data.draw(mutated(value))
    _same(value, layout, damage, runtime)


@settings(max_examples=8)  # each is a 2-project document with every check's findings
@given(broken=mutated(REALISTIC), layout=st.sampled_from(sorted(LAYOUTS)))
def test_streaming_a_broken_realistic_dataset(broken: Any, layout: str, runtime: Runtime) -> None:
    """A benchmark dataset (findings of the checks inside its projects) with one thing
    broken: the same diagnostics streamed as whole."""
    _same(broken, layout, ("", ""), runtime)


def test_the_reader_hands_out_members_and_projects_with_their_places(tmp_path: Path) -> None:
    """Each member and project comes with its pointer, value and the line and column it starts."""
    path = tmp_path / "d.json"
    path.write_text('\ufeff{"a": 1,\n "projects": [ {"x": [1]},\n\t2 ], "b": "é"}', "utf-8")
    places: list[Any] = []
    found = [(p.pointer, p.value, p.line, p.column, p.text) for p in pieces(path, places)]
    assert found == [
        ("/a", 1, 1, 7, "1"),
        ("/projects/0", {"x": [1]}, 2, 16, '{"x": [1]}'),
        ("/projects/1", 2, 3, 2, "2"),
        ("/b", "é", 3, 12, '"é"'),
    ]
    assert [(p.pointer, p.line, p.column) for p in places] == [("", 1, 1), ("/projects", 2, 14)]


NOT_STRICT = [
    '{"a": 1} x',
    '{"a": 1,}',
    '{"projects": [1,]}',
    "[1]",
    '{"a": 1, "a": 2}',
    '{"a": tr',
]


@pytest.mark.parametrize("text", NOT_STRICT)
def test_the_reader_refuses_what_is_not_strict_json(tmp_path: Path, text: str) -> None:
    """Trailing text or commas, a top level that is no object, a repeated key: read it whole."""
    path = tmp_path / "d.json"
    path.write_text(text, "utf-8")
    with pytest.raises(NotStreamable):
        list(pieces(path, []))


def _plugin(scope: str, seen: list[Any]) -> SimpleNamespace:
    def run(context: CheckContext) -> Iterator[Diagnostic]:
        seen.append(context.raw)
        for i, project in enumerate(context.dataset.projects):
            if project.id.startswith("k"):
                yield CHECK.diagnostic(f"/projects/{i}/id", f"{project.id} starts with k")

    CHECK = Check(  # noqa: N806 - the check, as a plugin module would name it
        code="local.starts-with-k",
        severity="warning",
        category="ids",
        summary="s",
        explanation="e",
        failing_example="{}",
        passing_example="{}",
        run=run,
        scope=scope,  # type: ignore[arg-type]  # a Literal, from the parameter
    )
    return SimpleNamespace(register_checks=hookimpl(lambda: [CHECK]))


@pytest.mark.parametrize("scope", ["project", "dataset"])
def test_plugin_checks_by_scope(tmp_path: Path, scope: str) -> None:
    """A plugin check of scope ``project`` is run on each project as it is read, one of
    scope ``dataset`` (the default) on the document read whole; each finds the same."""
    value = generate.dataset(3)
    path = tmp_path / "d.json"
    path.write_text(json.dumps(value, indent=2), "utf-8")
    seen: list[Any] = []
    runtime = make_runtime(entry_points=False, plugins={"local": _plugin(scope, seen)})
    streamed, whole = _both(path, runtime)
    assert streamed == whole
    assert [d.pointer for d in whole if d.code == "local.starts-with-k"] == [
        f"/projects/{i}/id" for i, p in enumerate(value["projects"]) if p["id"].startswith("k")
    ]
    raw_projects = [len(raw.get("projects", [])) for raw in seen]
    # streamed a project at a time, then the rest without projects; then the whole document
    assert raw_projects == ([1, 1, 1, 0, 3] if scope == "project" else [3, 3])


def test_a_check_scope_must_be_project_or_dataset() -> None:
    """A misspelt scope is refused when the check is made, naming the two there are."""
    with pytest.raises(ValueError, match="'project' or 'dataset'"):
        Check(
            code="local.x",
            severity="info",
            category="c",
            summary="s",
            explanation="e",
            failing_example="{}",
            passing_example="{}",
            run=lambda context: [],
            scope="projects",  # type: ignore[arg-type]  # what is tested
        )


ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = sorted(
    p
    for folder in (ROOT / "tests", ROOT / "examples")
    for p in folder.rglob("*.json")
    if "expected" not in p.name and "fuzz" not in p.parts
)


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_streaming_every_test_document(path: Path, runtime: Runtime) -> None:
    """Each JSON document of the tests and examples, valid or broken in any layer: the same
    diagnostics read a project at a time as read whole."""
    streamed, whole = _both(path, runtime)
    assert streamed == whole
