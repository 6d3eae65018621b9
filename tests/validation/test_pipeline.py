"""The validation layers: each reports with its place, and later layers run as far as they can."""

from __future__ import annotations

import copy
import json
import tracemalloc
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import grprojects
from grprojects.codelists import Code
from grprojects.diagnostics import Diagnostic, Severity
from grprojects.hookspecs import hookimpl
from grprojects.plugin_types import Check, CheckContext, CodeAddition
from grprojects.runtime import Runtime, make_runtime
from grprojects.validation import Selection, Validator, code_matches, validate

from ..strategies import datasets, projects
from .conftest import DATA


def _codes(found: Iterable[Diagnostic]) -> list[tuple[str, str]]:
    return sorted((d.code, d.pointer) for d in found)


class RaisingPlugin:
    """A plugin whose one check breaks."""

    @hookimpl
    def register_checks(self) -> list[Check]:
        def run(context: CheckContext) -> Iterable[Diagnostic]:
            raise ZeroDivisionError("division by zero")

        return [Check("local.broken", Severity.ERROR, "local", "s", "e", "{}", "{}", run)]


class CodePlugin:
    """A plugin that adds an activity kind to the open list."""

    @hookimpl
    def register_codes(self) -> list[CodeAddition]:
        return [CodeAddition("activity-kind", (Code("utbildningsdag", {"sv": "Utbildningsdag"}),))]


def _with(plugin: object, name: str) -> Runtime:
    return make_runtime(entry_points=False, plugins={name: plugin})


def test_clean_document_has_no_findings(validator: Validator) -> None:
    """The clean dataset passes every layer without a single finding."""
    assert validator.validate_path(DATA / "valid" / "clean.json").diagnostics == ()


def test_syntax_error_stops_before_the_schema(validator: Validator) -> None:
    """Text that is not JSON gets one json.syntax finding with line and column, nothing else."""
    (found,) = validator.validate_text('{\n  "version": "1.1"\n  "title": {}\n}', file="x.json")
    assert (found.code, found.file, found.line, found.column) == ("json.syntax", "x.json", 3, 3)


def test_a_check_that_raises_names_its_plugin_and_the_others_still_run(clean: Any) -> None:
    """A broken plugin check becomes an error naming the plugin; built-in checks still report."""
    manager = _with(RaisingPlugin(), "raising")
    clean["projects"][0]["links"][0]["project"] = "foraldrastod"
    found = Validator(runtime=manager).validate_value(clean)
    failed = [d for d in found if d.code == "plugin.check-failed"]
    assert len(failed) == 1
    assert failed[0].severity is Severity.ERROR
    assert failed[0].source == "raising"
    assert "'local.broken'" in failed[0].message
    assert "ZeroDivisionError" in failed[0].message
    assert ("link.self", "/projects/0/links/0/project") in _codes(found)


def test_unselected_checks_do_not_run(clean: Any) -> None:
    """A check left out by --select is not run at all, so even a broken one is silent."""
    manager = _with(RaisingPlugin(), "raising")
    clean["projects"][0]["links"][0]["project"] = "foraldrastod"
    selection = Selection(select=("link",))
    found = Validator(runtime=manager, selection=selection).validate_value(clean)
    assert _codes(found) == [("link.self", "/projects/0/links/0/project")]


def test_ignore_wins_over_select_and_min_severity_filters(clean: Any) -> None:
    """--ignore removes what --select would keep; --min-severity drops lower severities."""
    clean["projects"][0]["links"][0]["project"] = "foraldrastod"
    clean["projects"][0]["activities"][0]["kind"] = "utbildningsdag"
    manager = make_runtime(entry_points=False)

    def codes(selection: Selection) -> list[str]:
        found = Validator(runtime=manager, selection=selection).validate_value(clean)
        return [d.code for d in found]

    assert codes(Selection(select=("link", "code"))) == ["code.unknown", "link.self"]
    assert codes(Selection(select=("link", "code"), ignore=("link.self",))) == ["code.unknown"]
    assert codes(Selection(min_severity=Severity.ERROR)) == ["link.self"]


@pytest.mark.parametrize(
    ("code", "pattern", "matches"),
    [
        ("period.end-before-start", "period", True),
        ("period.end-before-start", "period.", True),
        ("period.end-before-start", "period.end-before-start", True),
        ("period.end-before-start", "period.end", False),
        ("periodic.x", "period", False),
        ("schema.required", "schema", True),
    ],
)
def test_codes_are_selected_by_dotted_prefix(code: str, pattern: str, matches: bool) -> None:
    """A pattern selects its own code and the codes below it, never a longer word."""
    assert code_matches(code, pattern) is matches


def test_plugins_code_additions_count_for_open_lists(clean: Any) -> None:
    """A code a plugin adds to an open list is known: code.unknown stays silent."""
    clean["projects"][0]["activities"][0]["kind"] = "utbildningsdag"
    plain = Validator(runtime=make_runtime(entry_points=False)).validate_value(clean)
    assert [d.code for d in plain] == ["code.unknown"]
    extended = Validator(runtime=_with(CodePlugin(), "codes"))
    assert extended.validate_value(clean) == []


@pytest.mark.parametrize(
    ("kind", "said"),
    [
        ("utbildningsdag", "the nearest codes: 'training-day' (utbildningsdag), 'training' ("),
        ("Traning", "the nearest codes: 'training' (utbildning), 'training-day' ("),
        ("zzzz", "none is near; the reference's code lists page lists its 14 codes"),
    ],
)
def test_an_unknown_code_is_told_the_nearest_codes_by_code_or_label(
    clean: Any, kind: str, said: str
) -> None:
    """code.unknown names up to three codes near the value, matched on code or Swedish label."""
    clean["projects"][0]["activities"][0]["kind"] = kind
    found = Validator(runtime=make_runtime(entry_points=False)).validate_value(clean)
    [unknown] = [d for d in found if d.code == "code.unknown"]
    assert unknown.message.startswith(f"{kind!r} is not in the open code list 'activity-kind'; ")
    assert said in unknown.message


def test_schema_failures_leave_holes_that_checks_do_not_report(clean: Any) -> None:
    """A value the schema rejects is not reported again by a check; the rest is still checked."""
    activity = clean["projects"][0]["activities"][1]
    activity["period"] = "2019"  # not a period object: a hole
    activity["part_of"] = "kurs"  # a cycle the checks still find
    clean["projects"][0]["activities"][0]["place"]["municipality"] = "9999"
    found = Validator(runtime=make_runtime(entry_points=False)).validate_value(clean)
    assert _codes(found) == [
        ("activity.part-of-cycle", "/projects/0/activities/1/part_of"),
        ("schema.code", "/projects/0/activities/0/place/municipality"),
        ("schema.type", "/projects/0/activities/1/period"),
    ]


def test_a_missing_required_key_leaves_the_rest_of_its_object_checked(clean: Any) -> None:
    """Without its title an activity is still checked: its unknown goal is reported."""
    activity = clean["projects"][0]["activities"][0]
    del activity["title"]
    activity["goals"] = [7]
    found = Validator(runtime=make_runtime(entry_points=False)).validate_value(clean)
    assert _codes(found) == [
        ("reference.unknown-goal", "/projects/0/activities/0/goals/0"),
        ("schema.required", "/projects/0/activities/0"),
    ]


def test_validate_reads_paths_and_text() -> None:
    """validate() takes a path or the text itself and runs every layer."""
    path = DATA / "invalid" / "link-self.json"
    by_path = validate(path, runtime=make_runtime(entry_points=False))
    by_text = validate(path.read_text("utf-8"), runtime=make_runtime(entry_points=False))
    assert [d.code for d in by_path] == [d.code for d in by_text] == ["link.self"]
    assert by_path[0].file == str(path)
    assert by_text[0].file is None
    assert by_path[0].line == by_text[0].line


def _line(project: dict[str, Any]) -> str:
    return json.dumps(project, ensure_ascii=False)


def test_json_lines_report_file_lines_and_pointers_within_the_record(
    tmp_path: Path, clean: Any, validator: Validator
) -> None:
    """Each record is a project; findings carry the file's line and the record's pointer."""
    good = clean["projects"][1]
    bad = copy.deepcopy(clean["projects"][0])
    bad["links"][0]["project"] = "foraldrastod"
    path = tmp_path / "projects.jsonl"
    path.write_text(
        "\n".join([_line(good), "", '{"id": "x",}', _line(bad), '{"id": "y"}']) + "\n",
        encoding="utf-8",
    )
    result = validator.validate_path(path)
    found = [(d.line, d.code, d.pointer) for d in result.diagnostics]
    assert found == [
        (3, "json.syntax", ""),
        (4, "link.self", "/links/0/project"),
        (5, "provenance.no-source", ""),
        (5, "schema.required", ""),
    ]
    assert result.documents == 4
    assert all(d.file == str(path) for d in result.diagnostics)
    link = result.diagnostics[1]
    assert link.column == _line(bad).index('"foraldrastod"', _line(bad).index('"links"')) + 1


def test_a_json_lines_record_with_a_repeated_key_and_bad_syntax_keeps_the_others(
    tmp_path: Path, validator: Validator
) -> None:
    """A line with a duplicate key and then a syntax error is one located finding, not a crash."""
    path = tmp_path / "projects.jsonl"
    path.write_text('{"id": "x",}\n[{"a": 1, "a": 2}, }\n{"id": "y",}\n', encoding="utf-8")
    found = validator.validate_path(path).diagnostics
    assert [(d.code, d.line) for d in found] == [
        ("json.syntax", 1),
        ("json.syntax", 2),
        ("json.syntax", 3),
    ]


def test_json_lines_of_projects_alone_leave_organisations_and_sources_unchecked(
    tmp_path: Path, clean: Any, validator: Validator
) -> None:
    """No record lists organisations or sources, so citing them is not reported; a link to a
    project the file does not hold is, at its line and pointer."""
    path = tmp_path / "one.jsonl"
    path.write_text(_line(clean["projects"][0]) + "\n", encoding="utf-8")
    found = [(d.code, d.line, d.pointer) for d in validator.validate_path(path).diagnostics]
    assert found == [("reference.unknown-project", 1, "/links/0/project")]
    both = tmp_path / "both.jsonl"
    both.write_text("".join(_line(p) + "\n" for p in clean["projects"]), encoding="utf-8")
    assert validator.validate_path(both).diagnostics == ()


def _peak(path: Path, validator: Validator) -> int:
    tracemalloc.start()
    try:
        validator.validate_path(path)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_json_lines_memory_does_not_grow_with_the_file(
    tmp_path: Path, clean: Any, builtin_manager: Runtime
) -> None:
    """Peak memory for 200 records is about that for 20: lines are read one at a time."""
    validator = Validator(runtime=builtin_manager, schema_engine=lambda value, name: [])
    record = "".join(_line(p) + "\n" for p in clean["projects"])  # they link to each other
    small, large = tmp_path / "small.jsonl", tmp_path / "large.jsonl"
    small.write_text(record * 10, encoding="utf-8")
    large.write_text(record * 100, encoding="utf-8")
    _peak(small, validator)  # warm the caches first
    small_peak, large_peak = _peak(small, validator), _peak(large, validator)
    assert large_peak < 1.5 * small_peak
    assert large_peak < large.stat().st_size


@settings(max_examples=25)
@given(datasets())
def test_every_check_runs_on_any_dataset_the_model_can_hold(dataset: grprojects.Dataset) -> None:
    """No built-in check raises, whatever the model can hold (dangling references included)."""
    validator = Validator(runtime=make_runtime(entry_points=False))
    found = validator.validate_value(grprojects.to_json(dataset))
    assert [d for d in found if d.code.startswith(("plugin.", "schema.", "model."))] == []


@settings(max_examples=25)
@given(projects())
def test_every_check_runs_on_any_project_record(project: grprojects.Project) -> None:
    """JSON Lines records: no check raises on a project read alone."""
    validator = Validator(runtime=make_runtime(entry_points=False))
    found = validator.validate_value(grprojects.to_json(project), schema="project")
    assert [d for d in found if d.code.startswith(("plugin.", "schema.", "model."))] == []


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(["id", "name", "projects", "activities", "period", "sv", "goals", "x"]),
            inner,
            max_size=4,
        )
    ),
    max_leaves=20,
)


@given(_json)
def test_any_json_value_gets_diagnostics_never_an_exception(value: Any) -> None:
    """Whatever JSON a file holds, validation answers with findings, not a traceback."""
    manager = make_runtime(entry_points=False)
    document = {"version": "1.1", "title": {"sv": "t"}, "publisher": {"name": {"sv": "p"}}}
    for candidate in (value, {**document, "projects": [value]}):
        found = Validator(runtime=manager).validate_value(candidate)
        assert [d for d in found if d.code.startswith("plugin.")] == []
