"""The CI formats against their published descriptions: GitLab Code Quality, JUnit XML,
SARIF's help links and fingerprints, Markdown summaries, and reports written when a
plugin fails."""

from __future__ import annotations

import json
import os
import re
import warnings
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import jsonschema
import pytest
from docutils.nodes import make_id

from grprojects.diagnostics import Diagnostic, Severity
from grprojects.errors import PluginError
from grprojects.plugins import PluginWarning
from grprojects.reporting import FORMATS, Report, Style
from grprojects.reporting.rules import builtin_rules, help_uri
from grprojects.runtime import Runtime, make_runtime
from grprojects.validation import FileResult, Validator

from .conftest import DATA, ROOT
from .test_cli import builtin_plugins_only, run  # noqa: F401 - the autouse fixture works here too
from .test_pipeline import RaisingPlugin
from .test_reporting import REPORT_SCHEMA, SARIF_SCHEMA

CI_DATA = DATA / "ci"
GITLAB_SCHEMA = CI_DATA / "gitlab-code-quality.schema.json"
JUNIT_RULES = CI_DATA / "junit-10.rules.json"
SCHEMA_INVALID = DATA / "invalid" / "schema-invalid-still-checked.json"
LINK_SELF = DATA / "invalid" / "link-self.json"


def _errors(schema_path: Path, value: Any) -> list[str]:
    schema = json.loads(schema_path.read_text("utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    return [e.message for e in cls(schema, format_checker=cls.FORMAT_CHECKER).iter_errors(value)]


def junit_problems(text: str) -> list[str]:
    """What in ``text`` breaks the JUnit schema's rules (tests/data/ci/junit-10.rules.json)."""
    rules = json.loads(JUNIT_RULES.read_text("utf-8"))
    types = {name: re.compile(p) for name, p in rules["types"].items()}
    root = ET.fromstring(text)  # noqa: S314 - our own output, not untrusted XML
    problems = [] if root.tag in rules["roots"] else [f"root {root.tag}"]
    for element in root.iter():
        rule = rules["elements"].get(element.tag)
        if rule is None:
            problems.append(f"unknown element {element.tag}")
            continue
        for name, value in element.attrib.items():
            kind = rule["attributes"].get(name)
            if kind is None:
                problems.append(f"{element.tag}/@{name} is not in the schema")
            elif kind in types and not types[kind].fullmatch(value):
                problems.append(f"{element.tag}/@{name}={value!r} is not a {kind}")
        missing = [a for a in rule["required"] if a not in element.attrib]
        problems += [f"{element.tag} lacks @{a}" for a in missing]
        problems += [
            f"{child.tag} inside {element.tag}"
            for child in element
            if child.tag not in rule["children"]
        ]
        if not rule["text"] and (element.text or "").strip():
            problems.append(f"text inside {element.tag}")
    return problems


# -- GitLab Code Quality ---------------------------------------------------------------


def test_gitlab_report_satisfies_the_code_quality_format(
    report: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every finding is an issue GitLab reads, with a fingerprint of its own."""
    monkeypatch.chdir(os.path.commonpath([result.file for result in report.files]))
    issues = json.loads(FORMATS["gitlab"](report, Style()))
    assert _errors(GITLAB_SCHEMA, issues) == []
    assert len(issues) == sum(1 for _ in report.diagnostics())
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    negative = next(i for i in issues if i["check_name"] == "funding.negative-amount")
    assert negative["severity"] == "major"
    assert negative["location"]["lines"]["begin"] > 1
    assert negative["description"].endswith("(at /projects/0/funding/0/amount/amount)")


def test_gitlab_paths_are_relative_to_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An absolute path under the current directory is written relative to it, as GitLab wants."""
    monkeypatch.chdir(tmp_path)
    inside = Diagnostic("a.b", "m", file=str(tmp_path / "data" / "p.json"), line=3)
    (issue,) = json.loads(FORMATS["gitlab"](Report((FileResult("p", (inside,)),)), Style()))
    assert issue["location"] == {"path": "data/p.json", "lines": {"begin": 3}}


def test_the_gitlab_schema_refuses_what_gitlab_cannot_read() -> None:
    """The test schema is strict enough to fail: an absolute path or a missing line."""
    issue = {"description": "d", "check_name": "c", "fingerprint": "f", "severity": "major"}
    absolute = {"path": "/a.json", "lines": {"begin": 1}}
    assert _errors(GITLAB_SCHEMA, [issue | {"location": absolute}])
    assert _errors(GITLAB_SCHEMA, [issue | {"location": {"path": "a.json"}}])
    assert _errors(GITLAB_SCHEMA, [issue | {"severity": "error", "location": {"path": "a"}}])


# -- JUnit XML ---------------------------------------------------------------------------


def test_junit_report_follows_the_junit_schema(report: Report) -> None:
    """A suite per file, a case per finding, failures for errors; counts add up."""
    text = FORMATS["junit"](report, Style())
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')
    assert junit_problems(text) == []
    root = ET.fromstring(text)  # noqa: S314 - our own output
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [result.file for result in report.files]
    assert root.get("tests") == str(len(root.findall("testsuite/testcase")))
    assert root.get("failures") == str(len(root.findall("testsuite/testcase/failure"))) == "6"
    clean = suites[0]
    assert [(c.get("name"), list(c)) for c in clean] == [("valid", [])]
    failure = root.find("testsuite/testcase/failure[@type='funding.negative-amount']")
    assert failure is not None
    assert failure.get("message") == "the amount -1 SEK is negative"


def test_junit_warnings_pass_unless_fail_on_names_them() -> None:
    """A warning is a passing case with its message as output; --fail-on warning fails it."""
    warning = Diagnostic("code.unknown", "odd\x1bcode", severity=Severity.WARNING, file="a.json")
    files = (FileResult("a.json", (warning,)),)
    passing = ET.fromstring(FORMATS["junit"](Report(files), Style()))  # noqa: S314
    assert passing.get("failures") == "0"
    output = passing.find("testsuite/testcase/system-out")
    assert output is not None
    assert output.text == "a.json: warning code.unknown: odd\\x1bcode"
    failing = FORMATS["junit"](Report(files, fail_on=Severity.WARNING), Style())
    assert ET.fromstring(failing).get("failures") == "1"  # noqa: S314


def test_the_junit_rules_catch_what_tools_refuse() -> None:
    """The checker fails on Ant's <error>, an unknown attribute and a count that is no number."""
    bad = (
        '<testsuites><testsuite name="a" tests="x" failures="0" errors="0">'
        '<testcase name="c" line="3"><error message="m"/></testcase></testsuite></testsuites>'
    )
    assert junit_problems(bad) == [
        "testsuite/@tests='x' is not a count",
        "testcase/@line is not in the schema",
        "error inside testcase",
        "unknown element error",
    ]


# -- SARIF: help links, fingerprints ----------------------------------------------------


def test_sarif_help_links_lead_to_the_checks_reference_sections() -> None:
    """Each built-in rule's helpUri ends in the id Sphinx gives its section of checks.md."""
    page = (ROOT / "docs" / "validation" / "checks.md").read_text("utf-8")
    headings = re.findall(r"^### `([^`]+)`$", page, re.MULTILINE)
    for rule in builtin_rules():
        uri = help_uri(rule)
        assert uri is not None, rule.code
        heading = "schema.*" if rule.code == "schema" else rule.code
        assert heading in headings
        assert uri.endswith(f"/validation/checks.html#{make_id(heading)}"), uri


def test_sarif_rules_carry_help_uris(report: Report) -> None:
    """The SARIF rules of grprojects' codes have their helpUri; schema.* falls back to schema."""
    (run_,) = json.loads(FORMATS["sarif"](report, Style()))["runs"]
    by_id = {rule["id"]: rule for rule in run_["tool"]["driver"]["rules"]}
    assert by_id["link.self"]["helpUri"].endswith("checks.html#link-self")
    assert by_id["schema.required"]["helpUri"].endswith("checks.html#schema-required")


def _fingerprints(path: Path, validator: Validator) -> list[tuple[str, int]]:
    found = Report((validator.validate_path(path),))
    (run_,) = json.loads(FORMATS["sarif"](found, Style()))["runs"]
    return [
        (
            result["partialFingerprints"]["grprojects/v1"],
            result["locations"][0]["physicalLocation"]["region"]["startLine"],
        )
        for result in run_["results"]
    ]


def test_fingerprints_stay_when_lines_move(tmp_path: Path, validator: Validator) -> None:
    """Lines added above every finding change their lines but not their fingerprints."""
    document = tmp_path / "document.json"
    text = SCHEMA_INVALID.read_text("utf-8")
    document.write_text(text, encoding="utf-8")
    before = _fingerprints(document, validator)
    document.write_text("\n\n\n" + text, encoding="utf-8")
    after = _fingerprints(document, validator)
    assert len(before) == 4
    assert [f for f, _ in before] == [f for f, _ in after]
    assert len({f for f, _ in after}) == 4
    assert [line + 3 for _, line in before] == [line for _, line in after]


def test_repeated_findings_are_told_apart_by_their_occurrence() -> None:
    """Two findings of one code at one place get fingerprints ending :1 and :2."""
    twice = (Diagnostic("schema.required", "a", file="a.json"),) * 2
    issues = json.loads(FORMATS["gitlab"](Report((FileResult("a.json", twice),)), Style()))
    first, second = (i["fingerprint"] for i in issues)
    assert (first[:-2], first[-2:], second[-2:]) == (second[:-2], ":1", ":2")


# -- failures of plugins ------------------------------------------------------------------


@pytest.fixture
def broken_plugin(monkeypatch: pytest.MonkeyPatch) -> None:
    """--strict-plugins meets a plugin that does not load."""

    def strict_manager(**_: object) -> Runtime:
        raise PluginError("plugin 'broken' from distribution 'broken-dist': ImportError: x")

    monkeypatch.setattr("grprojects.cli.validate.make_runtime", strict_manager)


@pytest.mark.usefixtures("broken_plugin")
def test_a_plugin_that_fails_to_load_still_gives_a_sarif_log(tmp_path: Path) -> None:
    """The SARIF log is written, valid, with the failure as a tool execution notification."""
    target = tmp_path / "out.sarif"
    result = run(
        "validate", "--strict-plugins", "--format", "sarif", "-o", str(target), str(LINK_SELF)
    )
    assert result.exit_code == 3
    assert "broken-dist" in result.output  # said on standard error too
    log = json.loads(target.read_text("utf-8"))
    if SARIF_SCHEMA.is_file():
        assert _errors(SARIF_SCHEMA, log) == []
    (invocation,) = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    assert invocation["exitCode"] == 3
    (notification,) = invocation["toolExecutionNotifications"]
    assert notification["level"] == "error"
    assert notification["associatedRule"]["id"] == "plugin.load-failed"
    assert "broken-dist" in notification["message"]["text"]
    assert log["runs"][0]["results"] == []


@pytest.mark.usefixtures("broken_plugin")
def test_a_plugin_that_fails_to_load_still_gives_a_json_report() -> None:
    """The JSON report records the failure under notifications, and says exit code 3."""
    result = run("validate", "--strict-plugins", "--format", "json", str(LINK_SELF))
    assert result.exit_code == 3
    value = json.loads(result.stdout)
    assert _errors(REPORT_SCHEMA, value) == []
    assert (value["valid"], value["exit_code"], value["files"]) == (False, 3, [])
    (failed,) = value["notifications"]
    assert failed["code"] == "plugin.load-failed"
    assert "broken-dist" in failed["message"]


@pytest.mark.usefixtures("broken_plugin")
def test_a_plugin_that_fails_to_load_is_a_junit_failure_and_a_text_line() -> None:
    """JUnit gets a failing grprojects suite; text says it once, on standard output."""
    junit = run("validate", "--strict-plugins", "--format", "junit", str(LINK_SELF)).stdout
    assert junit_problems(junit) == []
    assert '<testsuite name="grprojects" tests="1" failures="1"' in junit
    text = run("validate", "--strict-plugins", str(LINK_SELF))
    assert text.exit_code == 3
    assert text.output.count("broken-dist") == 1
    assert text.output.startswith("grprojects: error plugin.load-failed: plugin 'broken'")


def test_a_plugin_left_out_is_a_warning_in_the_report(
    monkeypatch: pytest.MonkeyPatch, builtin_manager: Runtime
) -> None:
    """Without --strict-plugins a broken plugin is a warning notification; the data decides."""

    def warning_manager() -> Runtime:
        warnings.warn("plugin 'careless': boom", PluginWarning, stacklevel=1)
        return builtin_manager

    monkeypatch.setattr("grprojects.cli.validate.default_runtime", warning_manager)
    clean = str(DATA / "valid" / "clean.json")
    sarif = run("validate", "--fail-on", "warning", "--format", "sarif", clean)
    assert sarif.exit_code == 0
    assert "grprojects: warning: plugin 'careless': boom" in sarif.stderr
    (invocation,) = json.loads(sarif.stdout)["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is True
    (notification,) = invocation["toolExecutionNotifications"]
    assert (notification["level"], notification["associatedRule"]["id"]) == (
        "warning",
        "plugin.left-out",
    )
    value = json.loads(run("validate", "--format", "json", clean).stdout)
    assert value["valid"] is True
    assert [n["code"] for n in value["notifications"]] == ["plugin.left-out"]
    text = run("validate", clean)
    assert text.output.count("boom") == 1
    assert text.stdout.startswith("grprojects: warning plugin.left-out: plugin 'careless'")
    junit = run("validate", "--format", "junit", clean).stdout
    assert '<testsuites name="grprojects validate" tests="2" failures="0"' in junit


def test_a_check_that_raises_is_a_tool_notification_at_its_file(
    monkeypatch: pytest.MonkeyPatch, builtin_manager: Runtime
) -> None:
    """In SARIF a raising check is a notification with its place, not a result about the data."""
    manager = make_runtime(entry_points=False, plugins={"raising": RaisingPlugin()})
    monkeypatch.setattr("grprojects.cli.validate.default_runtime", lambda: manager)
    result = run("validate", "--format", "sarif", str(DATA / "valid" / "clean.json"))
    assert result.exit_code == 3
    (run_,) = json.loads(result.stdout)["runs"]
    (invocation,) = run_["invocations"]
    assert invocation["executionSuccessful"] is False
    (notification,) = invocation["toolExecutionNotifications"]
    assert notification["associatedRule"]["id"] == "plugin.check-failed"
    place = notification["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert place.endswith("clean.json")
    assert [r["ruleId"] for r in run_["results"]] == []


# -- Markdown ---------------------------------------------------------------------------


def test_markdown_summary_counts_codes_and_escapes_the_data(report: Report) -> None:
    """The summary has a row per code with its count, and data cannot add markup."""
    text = FORMATS["markdown"](report, Style())
    assert text.startswith("### grprojects validate: invalid\n")
    rows = [line for line in text.splitlines() if line.startswith("| [`")]
    assert len(rows) == len(report.statistics())
    sneaky = Diagnostic("a.b", "x | <img src=x> [link](y)", file="a.json")
    escaped = FORMATS["markdown"](Report((FileResult("a.json", (sneaky,)),)), Style())
    assert "x \\| &lt;img src=x&gt; \\[link](y)" in escaped
    assert FORMATS["markdown"](Report(()), Style()).startswith("### grprojects validate: valid")


def test_a_diagnostic_without_a_pointer_names_no_pointer() -> None:
    """A table row's remark (no pointer) has no "(at /)"; one with a pointer names it."""
    remark = Diagnostic("x.odd", "C3: odd", file="a.csv", line=3, column=3)
    assert remark.describe() == "a.csv:3:3: error x.odd: C3: odd"
    pointed = Diagnostic("x.odd", "odd", "/projects/0")
    assert pointed.describe() == "<document>: error x.odd: odd (at /projects/0)"
