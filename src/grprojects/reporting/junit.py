"""The JUnit format: JUnit XML, which GitLab, Jenkins, Azure Pipelines and others show as tests.

Each file validated is a ``<testsuite>`` named by its path; each finding a
``<testcase>`` named by its code and pointer. A finding that fails the run (an error,
or what ``--fail-on`` names; a plugin or grprojects failing) carries a ``<failure>``
whose ``type`` is the code; the others pass, with their message as ``<system-out>``.
A file without findings is one passing test case. A problem of the run itself (a
plugin that failed to load) is a test suite named ``grprojects``.

Only elements and attributes of the JUnit schema most tools read (the Jenkins/Surefire
``junit-10.xsd``, which pytest's own tests validate against) are written: no
``<error>`` (that schema spells it ``errors``, Ant's ``error``), and no times, which
would differ from run to run.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final
from xml.etree import ElementTree as ET

from ..diagnostics import Diagnostic, printable
from .report import Report, Style

RUN_SUITE: Final = "grprojects"
"""The name of the test suite that holds the run's own problems."""


def _case(diagnostic: Diagnostic, suite: str, report: Report) -> ET.Element:
    case = ET.Element(
        "testcase",
        name=f"{diagnostic.code} at {diagnostic.pointer or '/'}",
        classname=suite,
    )
    said = printable(diagnostic.describe())
    if report.fails(diagnostic):
        failure = ET.SubElement(
            case, "failure", type=diagnostic.code, message=printable(diagnostic.message)
        )
        failure.text = said
    else:
        ET.SubElement(case, "system-out").text = said
    return case


def _suite(name: str, diagnostics: Sequence[Diagnostic], report: Report) -> ET.Element:
    cases = [_case(d, name, report) for d in diagnostics] or [
        ET.Element("testcase", name="valid", classname=name)
    ]
    failures = sum(1 for case in cases if case.find("failure") is not None)
    suite = ET.Element(
        "testsuite",
        name=name,
        tests=str(len(cases)),
        failures=str(failures),
        errors="0",
        skipped="0",
    )
    suite.extend(cases)
    return suite


def render(report: Report, style: Style) -> str:
    """The report as a JUnit XML document."""
    suites = [_suite(RUN_SUITE, report.notifications, report)] if report.notifications else []
    suites += [
        _suite(printable(result.file), result.diagnostics, report) for result in report.files
    ]
    root = ET.Element(
        "testsuites",
        name="grprojects validate",
        tests=str(sum(int(s.get("tests", 0)) for s in suites)),
        failures=str(sum(int(s.get("failures", 0)) for s in suites)),
        errors="0",
    )
    root.extend(suites)
    ET.indent(root)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{ET.tostring(root, encoding="unicode")}\n'
