"""The checks' quick scans find exactly what a plain reading, one object at a time, finds.

The scans that make the checks fast on a large dataset (strings joined and scanned at
once, ids read in bulk) are compared with the plainest reading of the same rule, on the
clean test dataset changed at random places to hold phone numbers, addresses and the
characters the scans treat specially.
"""

from __future__ import annotations

import copy
import json
import weakref
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from grprojects.checks import _walk, codes, privacy, provenance, references
from grprojects.codelists import builtin_codelists
from grprojects.converter import make_converter
from grprojects.formats._cell_limit import MAX_CELL_TEXT
from grprojects.formats._presentation import (
    cell_length,
    overlong_shared_cells,
    shared_cell,
    shared_fields,
)
from grprojects.jsontext import collector_paused
from grprojects.masking import PERSONAL_KEYS
from grprojects.model import Dataset, Text
from grprojects.model.fields import Shape
from grprojects.plugin_types import CheckContext
from grprojects.validation import Validator

from .conftest import DATA

_CLUE_CHARACTERS = list(
    "0123456789 -+()[]{}<>@\uff20atATsnabelSNABEL.\u2013\u00a0\u2003\t\0xé\u0130\u017f\u0660"
)
"""Digits, separators, brackets and the letters of ``at`` and ``snabel-a``, a NUL (what the
joined scan puts between strings), characters Latin-1 lacks, an Arabic-Indic digit."""

clue_texts = st.text(st.sampled_from(_CLUE_CHARACTERS), min_size=1, max_size=30) | st.sampled_from(
    [
        "Ring 031-123 45 67.",
        "anna (at) kommun (dot) se",
        "info@göteborg.se",
        "Anmälan: 19811218-9876",
        "1234 5678",
        "12345 678",
        "1 2 3 4 5 6 7 8",
        "0701234567",
        "1234567\0\0\0\0\08",
    ]
)
"""Strings that hold a clue, nearly hold one, or hold one only if joined to the next."""

PROJECT_KINDS = ("person", "document", "activity", "group", "goal")
"""What is cited from within a project and belongs to it."""


def _plain_suspects(dataset: Dataset) -> list[tuple[_walk.Path, str]]:
    """The privacy checks' suspects found string by string, in the walk's order."""
    found: list[tuple[_walk.Path, str]] = []
    for kind, group in _walk.nodes_by_class(dataset).items():
        for node in group:
            if not PERSONAL_KEYS.isdisjoint(node[0]):
                continue
            for info in privacy._string_fields(kind):
                value = getattr(node[1], info.name)
                items = enumerate(value) if isinstance(value, tuple) else [(None, value)]
                for index, item in items:
                    at = (*node[0], info.name) + (() if index is None else (index,))
                    strings = (
                        [((), item)]
                        if isinstance(item, str)
                        else [(("sv",), item.sv)]
                        + [((language,), text) for language, text in item.translations.items()]
                        if isinstance(item, Text)
                        else []
                    )
                    found += [
                        ((*at, *key), s) for key, s in strings if privacy._CANDIDATE.search(s)
                    ]
    return found


def _places(dataset: Dataset) -> list[tuple[_walk.Path, Any]]:
    """Every scanned field of every object, people's included: its path and field info."""
    return [
        ((*node[0], info.name), info)
        for kind, group in _walk.nodes_by_class(dataset).items()
        for node in group
        for info in privacy._string_fields(kind)
    ]


def _put(value: Any, path: _walk.Path, item: Any, *, listed: bool) -> None:
    """Set the JSON value at ``path``, or add to the list there."""
    *inside, last = path
    for key in inside:
        value = value[key]
    if listed:
        value.setdefault(last, []).append(item)
    else:
        value[last] = item


@pytest.fixture(scope="module")
def clean_value() -> dict[str, Any]:
    """The clean test dataset's JSON, shared: each example changes a copy."""
    value: dict[str, Any] = json.loads((DATA / "valid" / "clean.json").read_text("utf-8"))
    return value


@pytest.fixture(scope="module")
def clean_model(clean_value: dict[str, Any]) -> Dataset:
    """The clean test dataset."""
    dataset: Dataset = make_converter().structure(clean_value, Dataset)
    return dataset


@given(data=st.data())
def test_the_joined_scan_finds_what_each_string_scanned_alone_finds(
    data: st.DataObject, clean_value: dict[str, Any], clean_model: Dataset
) -> None:
    """Privacy's suspects, strings joined and scanned at once, are those of a scan string by
    string: the same paths and strings in the same order, people's own fields left out."""
    value = copy.deepcopy(clean_value)
    places = _places(clean_model)
    chosen = data.draw(st.lists(st.sampled_from(places), min_size=1, max_size=12))
    for path, info in chosen:
        text = data.draw(clue_texts)
        if info.shape is Shape.TEXT:
            translated = data.draw(st.dictionaries(st.sampled_from(["en", "ar"]), clue_texts))
            _put(value, path, {"sv": text, **translated}, listed=info.is_list)
        else:
            _put(value, path, text, listed=info.is_list)
    dataset = make_converter().structure(value, Dataset)
    try:
        assert privacy._suspects(dataset) == _plain_suspects(dataset)
    finally:
        _walk.forget()


def test_strings_are_kept_apart_in_the_joined_scan(clean_model: Dataset) -> None:
    """Digits ending one string never join those of the next: the next string's own number is
    found, and no number is made of the two."""
    project = clean_model.projects[0]
    titles = ["Mål 1234567", "8 1234567"]
    assert len(project.goals) >= len(titles)
    goals = [
        goal.evolve(title=Text(sv=title))
        for goal, title in zip(project.goals, titles, strict=False)
    ]
    dataset = clean_model.evolve(
        projects=(project.evolve(goals=(*goals, *project.goals[2:])), *clean_model.projects[1:])
    )
    try:
        found = privacy._suspects(dataset)
        assert found == _plain_suspects(dataset)
        assert [(path, text) for path, text in found if path[:2] == ("projects", 0)] == [
            (("projects", 0, "goals", 1, "title", "sv"), "8 1234567")
        ]
    finally:
        _walk.forget()


def _plain_cited_in_projects(dataset: Dataset, kind: str) -> set[tuple[int | None, Any]]:
    """Every ``kind`` id cited, with its project, read node by node."""
    found: set[tuple[int | None, Any]] = set()
    for group, name, is_list in _walk.citing(dataset, kind):
        for path, obj in group:
            value = getattr(obj, name)
            if value is not None:
                found.update((_walk.project_of(path), v) for v in (value if is_list else [value]))
    return found


@given(data=st.data())
def test_citations_within_projects_are_found_as_a_plain_reading_finds_them(
    data: st.DataObject,
    clean_value: dict[str, Any],
    clean_model: Dataset,
) -> None:
    """With ids cited at random (known, unknown, another project's), the cited pairs are those
    of a node-by-node reading, and each per-project reference check reports what it reports
    without the shortcut for documents that cite nothing unknown."""
    value = copy.deepcopy(clean_value)
    places = [
        ((*node[0], name), kind, is_list)
        for cls, group in _walk.nodes_by_class(clean_model).items()
        for node in group
        for name, kind, is_list in _walk.reference_fields(cls)
        if kind in PROJECT_KINDS
    ]
    known = {kind: sorted(map(str, _walk.cited_ids(clean_model, kind))) for kind in PROJECT_KINDS}
    for path, kind, is_list in data.draw(st.lists(st.sampled_from(places), max_size=6)):
        cited = (
            st.integers(1, 4)
            if kind == "goal"
            else st.sampled_from([*known[kind], "okänd"])
            if known[kind]
            else st.just("okänd")
        )
        _put(value, path, data.draw(cited), listed=is_list)
    dataset = make_converter().structure(value, Dataset)
    context = CheckContext(dataset=dataset, codelists={}, raw=value)
    try:
        for kind in PROJECT_KINDS:
            assert _walk.cited_in_projects(dataset, kind) == _plain_cited_in_projects(dataset, kind)
        checks = [c for c in references.CHECKS if c.code.split("-")[-1] in PROJECT_KINDS]
        quick = [list(check.run(context)) for check in checks]
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(references, "_all_known_in_projects", lambda *_: False)
            assert quick == [list(check.run(context)) for check in checks]
    finally:
        _walk.forget()


@given(data=st.data())
def test_unknown_codes_are_found_as_a_plain_reading_finds_them(
    data: st.DataObject, clean_value: dict[str, Any], clean_model: Dataset
) -> None:
    """With codes given at random (known or not) in open code lists' fields, code.unknown
    reports what it reports without the shortcut for columns of known codes."""
    value = copy.deepcopy(clean_value)
    lists = builtin_codelists()
    places = [
        ((*node[0], name), listed, is_list)
        for cls, group in _walk.nodes_by_class(clean_model).items()
        for node in group
        for name, listed, is_list in _walk.codelist_fields(cls)
        if listed in lists and not lists[listed].closed and listed not in codes.OWN_CHECKS
    ]
    for path, listed, is_list in data.draw(st.lists(st.sampled_from(places), max_size=6)):
        code = data.draw(st.sampled_from([*sorted(lists[listed].values)[:3], "okänd-kod"]))
        _put(value, path, code, listed=is_list)
    dataset = make_converter().structure(value, Dataset)
    context = CheckContext(dataset=dataset, codelists=lists, raw=value)
    try:
        quick = list(codes.UNKNOWN_CODE.run(context))
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(codes, "_all_known", lambda *_: False)
            assert quick == list(codes.UNKNOWN_CODE.run(context))
    finally:
        _walk.forget()


def test_the_checks_leave_nothing_that_keeps_the_dataset_alive(
    clean_value: dict[str, Any], validator: Validator
) -> None:
    """With the garbage collector paused, as it is while a document is validated, a dataset
    is freed as soon as it is dropped after its checks: the walk makes no reference cycle."""
    dataset = make_converter().structure(clean_value, Dataset)
    project = weakref.ref(dataset.projects[0])
    with collector_paused():
        validator.run_checks(dataset, clean_value)
        del dataset
        assert project() is None


@given(data=st.data())
def test_disagreeing_sources_are_found_as_a_plain_reading_finds_them(
    data: st.DataObject, clean_value: dict[str, Any]
) -> None:
    """With participations citing sources at random, source.disagreeing-municipalities
    reports what it reports without the shortcut for sources that all agree."""
    value = copy.deepcopy(clean_value)
    molndal = next(o for o in value["organisations"] if o["id"] == "molndal")
    value["organisations"].append({**molndal, "id": "kungalv", "name": {"sv": "Kungälv"}})
    participations = value["projects"][1]["participations"]
    participations.append({**participations[-1], "organisation": "kungalv"})
    sources = [source["id"] for source in value["sources"]]
    for project in value["projects"]:
        for participation in project.get("participations", []):
            participation["sources"] = data.draw(
                st.lists(st.sampled_from(sources), max_size=2, unique=True)
            )
    dataset = make_converter().structure(value, Dataset)
    context = CheckContext(dataset=dataset, codelists={}, raw=value)
    quick = list(provenance.DISAGREEING_MUNICIPALITIES.run(context))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(provenance, "_all_agree", lambda _: False)
        assert quick == list(provenance.DISAGREEING_MUNICIPALITIES.run(context))


_SHARED = {
    (cls.__name__, value.field.name): value
    for cls, values in shared_fields().items()
    for value in values
}
_CELL_ITEMS = st.one_of(
    st.none(),
    st.tuples(),
    st.builds(
        lambda count, length, character, rest: (character * length,) * count + tuple(rest),
        st.integers(0, 100),
        st.integers(0, 700),
        st.sampled_from(["a", "å", '"', "\n", "\U0001f600"]),
        st.lists(st.text(max_size=30), max_size=3),
    ),
)
"""Up to 100 equal items of up to 700 characters and a few short texts: cells far past the
limit, short of it, and a few on either side."""


@given(
    st.sampled_from(
        [("Project", "sources"), ("Area", "municipalities"), ("Activity", "languages")]
    ),
    st.lists(_CELL_ITEMS, max_size=6),
)
def test_the_bound_on_shared_cells_hides_no_cell_too_long(
    field: tuple[str, str], items: list[tuple[str, ...] | None]
) -> None:
    """Lists bounded all at once give exactly the cells that, made one by one, are too long."""
    value = _SHARED[field]
    plain = []
    for index, item in enumerate(items):
        if item:
            cell = shared_cell(value, item)
            length = cell_length(cell) if isinstance(cell, str) else 0
            if length > MAX_CELL_TEXT:
                plain.append((index, length))
    assert list(overlong_shared_cells(value, items)) == plain
