"""Personal data never leaves through a message: schema errors, checks and plugins alike."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

import grprojects
from grprojects.cli import main
from grprojects.diagnostics import Diagnostic, Severity
from grprojects.exitcodes import EXIT_INVALID
from grprojects.hookspecs import hookimpl
from grprojects.masking import masked
from grprojects.plugin_types import Check, CheckContext
from grprojects.runtime import make_runtime
from grprojects.validation import Validator

PHONE = "070-123 45 6x"
"""A phone number the schema refuses (a letter at the end), so the error must quote it."""


def _with_person(clean: dict[str, Any], **person: Any) -> str:
    clean["projects"][0]["people"][0].update(person)
    return json.dumps(clean, ensure_ascii=False)


def _messages(found: Iterable[Diagnostic]) -> str:
    return "\n".join(d.describe() for d in found)


@pytest.mark.parametrize(
    ("field", "value"),
    [("phone", PHONE), ("name", " "), ("email", 4517), ("phone", "+46 70 123 45 67 #3")],
)
def test_schema_errors_in_personal_fields_do_not_repeat_the_value(
    clean: dict[str, Any], validator: Validator, field: str, value: Any
) -> None:
    """A personal field's schema error is masked in validate, load and the CLI's report."""
    text = _with_person(clean, **{field: value})
    found = validator.validate_text(text)
    assert [d.pointer for d in found if d.code.startswith("schema.")] == [
        f"/projects/0/people/0/{field}"
    ]
    with pytest.raises(grprojects.DocumentError) as caught:
        grprojects.load(text)
    for message in (_messages(found), str(caught.value)):
        assert repr(value) not in message
        if isinstance(value, str) and len(value) >= 10:
            assert masked(value) in message


def test_the_cli_report_does_not_repeat_a_personal_value(
    clean: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Text and GitHub annotations (public CI logs) show the masked value only."""
    path = tmp_path / "person.json"
    path.write_text(_with_person(clean, phone=PHONE), encoding="utf-8")
    for style in ("text", "github"):
        assert main(["validate", "--format", style, str(path)]) == EXIT_INVALID
        output = capsys.readouterr().out
        assert "people/0/phone" in output
        assert "123 45" not in output


def test_a_plugin_check_quoting_a_personal_value_is_masked(clean: dict[str, Any]) -> None:
    """Whatever a check writes, the values of the personal field it points into are masked."""

    class Quoting:
        @hookimpl
        def register_checks(self) -> list[Check]:
            def run(context: CheckContext) -> Iterable[Diagnostic]:
                person = context.dataset.projects[0].people[0]
                yield Diagnostic(
                    "local.quote",
                    f"{person.name} ({person.phone}) is {person.id!r}",
                    "/projects/0/people/0",
                    Severity.WARNING,
                )

            return [
                Check("local.quote", Severity.WARNING, "local", "s.", "e" * 80, "{}", "{ }", run)
            ]

    runtime = make_runtime(entry_points=False, plugins={"quoting": Quoting()})
    found = [
        d
        for d in Validator(runtime=runtime).validate_text(json.dumps(clean))
        if d.code == "local.quote"
    ]
    (quote,) = found
    assert quote.message == "<personal data> (<personal data>) is <personal data>"


def test_personal_numbers_are_an_error_and_never_shown(
    clean: dict[str, Any], validator: Validator
) -> None:
    """A personnummer in a description or a short name is an error, its digits nowhere."""
    clean["projects"][0]["summary"]["sv"] = "Anmälan: 19121212\u20131212"
    clean["organisations"][0]["short_name"] = "GR 121212-1212"
    found = validator.validate_text(json.dumps(clean, ensure_ascii=False))
    numbers = [d for d in found if d.code == "privacy.personal-identity-number"]
    assert [(d.pointer, d.severity) for d in numbers] == [
        ("/organisations/0/short_name", Severity.ERROR),
        ("/projects/0/summary/sv", Severity.ERROR),
    ]
    assert "1212" not in _messages(found)


def test_strings_inside_personal_fields_are_not_flagged(
    clean: dict[str, Any], validator: Validator
) -> None:
    """A phone number where it belongs (a person's) is not personal data in the wrong place."""
    text = _with_person(clean, title={"sv": "nås på 031-335 51 82"})
    assert [d.code for d in validator.validate_text(text)] == []


def test_lists_of_texts_are_searched_when_plugins_see_frozen_data(clean: dict[str, Any]) -> None:
    """With a plugin installed the dataset's lists are frozen; they are searched all the same."""

    class Idle:
        @hookimpl
        def register_checks(self) -> list[Check]:
            def run(context: CheckContext) -> Iterable[Diagnostic]:
                return ()

            return [Check("local.idle", Severity.INFO, "local", "s.", "e" * 80, "{}", "{ }", run)]

    clean["organisations"][0]["alternative_names"] = [{"sv": "GR, växel 031-335 50 00"}]
    runtime = make_runtime(entry_points=False, plugins={"idle": Idle()})
    found = Validator(runtime=runtime).validate_text(json.dumps(clean, ensure_ascii=False))
    assert [(d.code, d.pointer) for d in found] == [
        ("privacy.personal-data-in-text", "/organisations/0/alternative_names/0/sv")
    ]
