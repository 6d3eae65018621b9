"""The report formats: JSON against its published schema, SARIF against SARIF 2.1.0,
GitHub workflow annotations, and text for people."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from grprojects.diagnostics import Diagnostic, Severity
from grprojects.reporting import FORMATS, Report, Style, rules
from grprojects.reporting.github import annotation
from grprojects.reporting.rules import LAYER_RULES, rule_for
from grprojects.reporting.sarif import artifact_uri
from grprojects.reporting.text import line
from grprojects.runtime import Runtime
from grprojects.validation import FileResult

from .conftest import DATA, ROOT, expectations

SHARED_DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
"""Reference data kept beside the checkout (see ../shared/data/README.md), not copied in."""
SARIF_SCHEMA = SHARED_DATA / "sarif-schema-2.1.0.json"
REPORT_SCHEMA = ROOT / "schemas" / "1.0" / "report.schema.json"


def _validator_for(schema: dict[str, Any]) -> Any:
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def test_json_report_satisfies_its_published_schema(report: Report) -> None:
    """The JSON format is valid against schemas/report.schema.json, counts included."""
    value = json.loads(FORMATS["json"](report, Style()))
    schema = json.loads(REPORT_SCHEMA.read_text("utf-8"))
    assert list(_validator_for(schema).iter_errors(value)) == []
    assert value["$schema"] == schema["$id"]
    assert value["summary"] == {"files": 4, "documents": 5, "error": 6, "warning": 0, "info": 0}
    assert value["valid"] is False
    assert value["exit_code"] == 1
    assert [f["valid"] for f in value["files"]] == [True, False, False, False]
    first = value["files"][1]["diagnostics"][0]
    assert set(first) == {"code", "severity", "message", "pointer", "line", "column", "source"}


def test_report_schema_rejects_what_is_not_a_report() -> None:
    """The published report schema is strict: a misspelt severity is refused."""
    schema = json.loads(REPORT_SCHEMA.read_text("utf-8"))
    diagnostic: dict[str, Any] = {"code": "x.y", "severity": "fatal", "message": "m", "pointer": ""}
    diagnostic |= {"line": None, "column": None, "source": "grprojects"}
    file = {"path": "a.json", "documents": 1, "valid": False, "diagnostics": [diagnostic]}
    summary = {"files": 1, "documents": 1, "error": 1, "warning": 0, "info": 0}
    value = {"version": "1.1", "tool": {"name": "grprojects", "version": "0"}, "valid": False}
    value |= {"exit_code": 1, "summary": summary, "files": [file]}
    errors = list(_validator_for(schema).iter_errors(value))
    assert [list(e.absolute_path) for e in errors] == [["files", 0, "diagnostics", 0, "severity"]]


@pytest.mark.skipif(
    not SARIF_SCHEMA.is_file(),
    reason=f"the SARIF 2.1.0 schema is kept outside the repository, at {SARIF_SCHEMA}, "
    "and is not there (see ../shared/data/README.md)",
)
def test_sarif_satisfies_the_sarif_schema(report: Report) -> None:
    """The SARIF format validates against the OASIS SARIF 2.1.0 schema."""
    value = json.loads(FORMATS["sarif"](report, Style()))
    schema = json.loads(SARIF_SCHEMA.read_text("utf-8"))
    assert list(_validator_for(schema).iter_errors(value)) == []


def test_sarif_results_point_at_their_rules_and_places(report: Report) -> None:
    """Each result names its rule by id and index, its level, file, line and pointer."""
    (run,) = json.loads(FORMATS["sarif"](report, Style()))["runs"]
    rules_ = run["tool"]["driver"]["rules"]
    results = run["results"]
    assert len(results) == sum(1 for _ in report.diagnostics())
    for result in results:
        assert rules_[result["ruleIndex"]]["id"] == result["ruleId"]
    negative = next(r for r in results if r["ruleId"] == "funding.negative-amount")
    assert negative["level"] == "error"
    (location,) = negative["locations"]
    physical = location["physicalLocation"]
    assert physical["artifactLocation"]["uri"].endswith("schema-invalid-still-checked.json")
    assert physical["region"]["startLine"] > 1
    pointer = "/projects/0/funding/0/amount/amount"
    assert location["logicalLocations"] == [{"fullyQualifiedName": pointer}]
    documented = next(r for r in rules_ if r["id"] == "funding.negative-amount")
    assert documented["defaultConfiguration"] == {"level": "error"}
    assert "-12800000" in documented["help"]["text"]
    assert run["invocations"] == [
        {"executionSuccessful": True, "exitCode": 1, "toolExecutionNotifications": []}
    ]


def test_sarif_uris_are_relative_references_or_file_uris() -> None:
    """Relative paths stay relative (code scanning's convention) and are percent-encoded."""
    assert artifact_uri("data/Öckerö projekt.json") == "data/%C3%96cker%C3%B6%20projekt.json"
    assert artifact_uri("/srv/a.json") == "file:///srv/a.json"


def test_github_annotations_have_the_workflow_command_form(report: Report) -> None:
    """Every line is ::level file=…,line=…,col=…,title=CODE::message (at pointer)."""
    lines = FORMATS["github"](report, Style()).splitlines()
    assert len(lines) == sum(1 for _ in report.diagnostics())
    form = re.compile(r"^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,title=[^,:]+::.+$")
    assert all(form.match(text) for text in lines), lines
    negative = next(text for text in lines if "funding.negative-amount" in text)
    assert negative.startswith("::error file=")
    assert negative.endswith(
        "::the amount -1 SEK is negative (at /projects/0/funding/0/amount/amount)"
    )


def test_github_annotations_escape_what_the_runner_reads() -> None:
    """Commas, colons, percent signs and newlines cannot break an annotation."""
    diagnostic = Diagnostic(
        "x.y", "50% done\nnext", "/a", Severity.INFO, file="a,b:c.json", line=2, column=5
    )
    assert annotation(diagnostic) == (
        "::notice file=a%2Cb%3Ac.json,line=2,col=5,title=x.y::50%25 done%0Anext (at /a)"
    )


def test_text_lines_name_file_line_column_severity_and_code() -> None:
    """A text line reads file:line:col: severity code: message (at pointer), plain by default."""
    diagnostic = Diagnostic(
        "link.self",
        "the project links to itself",
        "/projects/0/links/0/project",
        file="d.json",
        line=12,
        column=9,
    )
    plain = line(diagnostic, Style())
    assert plain == (
        "d.json:12:9: error link.self: the project links to itself (at /projects/0/links/0/project)"
    )
    coloured = line(diagnostic, Style(color=True))
    assert "\x1b[" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain


def test_text_summary_follows_verbosity(report: Report) -> None:
    """Normal output ends with a summary; quiet leaves it out; verbose lists clean files."""
    normal = FORMATS["text"](report, Style()).splitlines()
    assert normal[-1] == "4 files (5 documents) checked: 6 errors, 0 warnings, 0 infos; invalid"
    quiet = FORMATS["text"](report, Style(verbosity=-1)).splitlines()
    assert quiet == normal[:-1]
    verbose = FORMATS["text"](report, Style(verbosity=1)).splitlines()
    assert f"{DATA / 'valid' / 'clean.json'}: ok" in verbose
    assert "\x1b[" not in "".join(normal)


def test_exit_codes_follow_the_worst_finding() -> None:
    """0 without errors, 1 with an error in the data, 3 when a plugin failed."""

    def code(*diagnostics: Diagnostic) -> int:
        return Report((FileResult("f.json", diagnostics),)).exit_code

    assert code(Diagnostic("a.b", "m", severity=Severity.WARNING)) == 0
    assert code(Diagnostic("a.b", "m")) == 1
    assert code(Diagnostic("a.b", "m"), Diagnostic("plugin.check-failed", "m")) == 3


def test_every_code_the_test_documents_produce_is_documented(
    builtin_manager: Runtime,
) -> None:
    """explain and SARIF find a rule for every code the layers and checks report."""
    known = rules(builtin_manager)
    codes = {e["code"] for found in expectations().values() for e in found}
    assert {c for c in codes if rule_for(c, known) is None} == set()
    assert rule_for("schema.anyOf", known) is not None


def test_layer_rules_have_explanations() -> None:
    """Each code of the parsing, schema and structuring layers says what it means."""
    for rule in LAYER_RULES:
        assert rule.summary.endswith(".")
        assert len(rule.explanation) > 40, rule.code
