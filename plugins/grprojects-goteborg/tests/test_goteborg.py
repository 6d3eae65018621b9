"""Tests of the Göteborgs Stad plugin, registered in isolation through grprojects.testing."""

from __future__ import annotations

import json
from typing import Any

import grprojects_goteborg
import pytest

from grprojects import Diagnostic, Severity, dumps, load
from grprojects.testing import (
    assert_diagnostic,
    assert_no_diagnostic,
    codes,
    isolated_runtime,
    minimal_dataset,
    validate,
)

NS = grprojects_goteborg.NAMESPACE


def check(document: dict[str, Any]) -> list[Diagnostic]:
    """Every diagnostic of the plugin and the extension layer for ``document``."""
    return validate(document, grprojects_goteborg, builtin_checks=False)


def city_document(**data: Any) -> dict[str, Any]:
    """A dataset where Göteborgs Stad takes part, with ``data`` under the extension."""
    document = minimal_dataset()
    document["organisations"] += [
        {
            "id": "göteborgs-stad",
            "name": {"sv": "Göteborgs Stad"},
            "kind": "municipality",
            "identifiers": [{"scheme": "se-kommunkod", "value": "1480"}],
        },
        {
            "id": "social-resursförvaltning",
            "name": {"sv": "Social resursförvaltning"},
            "kind": "administration",
            "parent": "göteborgs-stad",
        },
        {
            "id": "integrationscentrum",
            "name": {"sv": "Integrationscentrum"},
            "kind": "unit",
            "parent": "social-resursförvaltning",
        },
    ]
    project = document["projects"][0]
    project["participations"].append({"organisation": "integrationscentrum", "role": "partner"})
    project["periods"] = [{"status": "actual", "start": "2018-09", "end": "2019-12"}]
    document["uses_extensions"] = [NS]
    if data:
        project["extensions"] = {NS: data}
    return document


def test_valid_extension_data_passes() -> None:
    """A project with a well-formed diary number and a city administration is clean."""
    document = city_document(diarienummer="SRF 2018-01234", forvaltning="social-resursförvaltning")
    assert_no_diagnostic(check(document), min_severity=Severity.WARNING)


def test_city_unit_taking_part_needs_a_diarienummer() -> None:
    """A unit under the city taking part makes a missing diary number a warning."""
    found = check(city_document())
    diagnostic = assert_diagnostic(found, "goteborg.diarienummer-missing", pointer="/projects/0")
    assert diagnostic.severity == Severity.WARNING
    assert "'integrationscentrum' takes part (partner)" in diagnostic.message


def test_documents_without_the_extension_are_not_held_to_city_rules() -> None:
    """A dataset that does not use the extension (a regional one) gets no diarienummer warning."""
    document = city_document()
    del document["uses_extensions"]
    assert_no_diagnostic(check(document), min_severity=Severity.WARNING)


def test_project_without_the_city_needs_no_diarienummer() -> None:
    """A project the city has no part in is left alone."""
    assert_no_diagnostic(check(minimal_dataset()))


def test_malformed_diarienummer_breaks_the_schema_fragment() -> None:
    """A diary number not in the assumed form is an extension.invalid error at the value."""
    found = check(city_document(diarienummer="2018/1234"))
    diagnostic = assert_diagnostic(
        found, "extension.invalid", pointer=f"/projects/0/extensions/{NS}/diarienummer"
    )
    assert "'2018/1234' does not match" in diagnostic.message
    assert diagnostic.source == "grprojects_goteborg"


def test_unknown_field_is_reported() -> None:
    """A misspelt field under the namespace is reported, not kept silently."""
    found = check(city_document(diarienumer="SRF 2018-01234"))
    diagnostic = assert_diagnostic(
        found, "extension.invalid", pointer=f"/projects/0/extensions/{NS}"
    )
    assert "unknown key 'diarienumer'" in diagnostic.message


def test_diarienummer_after_the_project_ended_is_flagged() -> None:
    """A diary number from 2021 on a project that ended in 2019 is a warning."""
    found = check(city_document(diarienummer="SRF 2021-00012"))
    diagnostic = assert_diagnostic(found, "goteborg.diarienummer-after-end")
    assert diagnostic.message == (
        "the diarienummer 'SRF 2021-00012' is from 2021, after the project ended (2019)"
    )


def test_forvaltning_must_exist() -> None:
    """A responsible administration that is not in the dataset is an error."""
    found = check(city_document(forvaltning="srf"))
    assert_diagnostic(
        found,
        "goteborg.forvaltning-unknown",
        pointer=f"/projects/0/extensions/{NS}/forvaltning",
        severity=Severity.ERROR,
    )


@pytest.mark.parametrize("name", ["gr", "göteborgs-stad"])
def test_forvaltning_must_be_under_the_city(name: str) -> None:
    """Another body, or the city itself, is not one of the city's administrations."""
    found = check(city_document(forvaltning=name))
    assert_diagnostic(found, "goteborg.forvaltning-outside-city")


def test_undeclared_extension_data_is_an_error() -> None:
    """Data under the namespace without declaring it is extension.undeclared."""
    document = city_document(diarienummer="SRF 2018-01234")
    del document["uses_extensions"]
    assert_diagnostic(
        check(document),
        "extension.undeclared",
        pointer=f"/projects/0/extensions/{NS}",
    )


def test_pattern_is_configurable(monkeypatch: pytest.MonkeyPatch) -> None:
    """The environment variable replaces the assumed diary-number form everywhere."""
    monkeypatch.setenv(grprojects_goteborg.PATTERN_VARIABLE, r"^GBG-(?P<year>\d{4})/\d+$")
    assert_no_diagnostic(
        check(city_document(diarienummer="GBG-2018/77")),
        min_severity=Severity.WARNING,
    )
    found = check(city_document(diarienummer="GBG-2022/77"))
    assert codes(found) == ["goteborg.diarienummer-after-end"]


def test_citizen_dialogue_is_a_known_kind_only_with_the_extension() -> None:
    """The added activity kind is in force for documents that use the extension."""
    manager = isolated_runtime(grprojects_goteborg)
    assert "citizen-dialogue" in manager.codelists_for([NS])["activity-kind"]
    assert "citizen-dialogue" not in manager.codelists_for([])["activity-kind"]


def test_extension_data_survives_load_and_dump() -> None:
    """Loading and dumping a document keeps its extension data exactly."""
    document = city_document(diarienummer="SRF 2018-01234", forvaltning="social-resursförvaltning")
    again = json.loads(dumps(load(json.dumps(document))))
    assert again["projects"][0]["extensions"] == document["projects"][0]["extensions"]
    assert again["uses_extensions"] == [NS]
