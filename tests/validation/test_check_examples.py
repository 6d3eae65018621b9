"""Every check's documented examples are run: the failing one is reported, the passing one not.

The examples are what ``grprojects explain``, the checks reference and SARIF rule help
show, so an example that does not do what it says misleads every reader at once. They
are fragments: an object of one model class, where ``…`` stands for the fields that do
not matter. A fragment is made into a document by filling in, for each object it holds,
the required fields of its class (taken from the first such object in the GR example
data) and putting it at the place :data:`PLACES` gives for its check.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from typing import Any

import grprojects_goteborg
import pytest

from grprojects.checks import CHECKS
from grprojects.model import Dataset
from grprojects.model.fields import field_of, fields_of
from grprojects.plugin_types import Check
from grprojects.testing import codes, isolated_runtime, validate

from .conftest import EXAMPLE

GOTEBORG = {
    "uses_extensions": [grprojects_goteborg.NAMESPACE],
    "organisations": [
        {
            "id": "göteborgs-stad",
            "kind": "municipality",
            "identifiers": [{"scheme": "se-kommunkod", "value": "1480"}],
        },
        {"id": "social-resursförvaltning", "kind": "administration", "parent": "göteborgs-stad"},
        {"id": "gr", "kind": "municipal-association"},
    ],
}
"""What the Göteborgs Stad plugin's examples take for granted: the city, one of its
administrations and GR, and the extension declared."""

MUNICIPALITIES = {
    "organisations": [
        {"id": municipality, "kind": "municipality"}
        for municipality in ("goteborg", "molndal", "ockero")
    ]
}
"""The municipalities the examples of disagreeing sources name."""

PLACES: dict[str, tuple[str, dict[str, Any] | None]] = {
    "reference.unknown-organisation": ("", None),
    "reference.unknown-project": ("", None),
    "reference.unknown-source": ("", None),
    "reference.unknown-person": ("/projects/0", None),
    "reference.unknown-document": ("/projects/0", None),
    "reference.unknown-activity": ("/projects/0", None),
    "reference.unknown-group": ("/projects/0", None),
    "reference.unknown-goal": ("/projects/0", None),
    "id.duplicate": ("", None),
    "id.not-nfc": ("/organisations/0", None),
    "id.confusable": ("", None),
    "period.end-before-start": ("/projects/0/periods/0", None),
    "source.updated-before-published": ("/sources/0", None),
    "activity.part-of-cycle": ("/projects/0", None),
    "activity.outside-project-period": ("/projects/0", None),
    "funding.negative-amount": ("/projects/0/funding/0", None),
    "funding.unknown-currency": ("/projects/0/funding/0/amount", None),
    "organisation.orgnr-format": ("/organisations/0/identifiers/0", None),
    "organisation.orgnr-check-digit": ("/organisations/0/identifiers/0", None),
    "municipality.unknown-code": ("/organisations/0/identifiers/0", None),
    "municipality.name-mismatch": ("/organisations/0", None),
    "county.unknown-code": ("/organisations/0/identifiers/0", None),
    "organisation.parent-cycle": ("", None),
    "code.unknown": ("/projects/0/activities/0", None),
    "goal.numbering": ("/projects/0", None),
    "goal.responsible-not-participating": ("/projects/0", None),
    "count.between-without-max": ("/projects/0/activities/0/figures/0/count", None),
    "count.max-below-value": ("/projects/0/activities/0/figures/0/count", None),
    "count.max-without-between": ("/projects/0/activities/0/figures/0/count", None),
    "figure.actual-above-plan": ("/projects/0/activities/0", None),
    "figure.actual-below-plan": ("/projects/0/activities/0", None),
    "figure.contradiction": ("/projects/0/activities/0", None),
    "provenance.no-source": ("", None),
    "source.unused": ("", None),
    "document.uncited": ("/projects/0", None),
    "source.disagreeing-municipalities": ("/projects/0", MUNICIPALITIES),
    "privacy.personal-data-in-text": ("/projects/0", None),
    "privacy.personal-identity-number": ("/projects/0", None),
    "person.unreferenced": ("/projects/0", None),
    "link.self": ("/projects/0", None),
    "link.unidentified": ("/projects/0", None),
    "source.editorial-without-note": ("/sources/0", None),
    "missing.unknown-field": ("/projects/0/people/0", None),
    "missing.required-field": ("/organisations/0", None),
    "missing.value-present": ("/projects/0/people/0", None),
    "area.municipality-outside-county": ("/projects/0", None),
    "status.running-after-end": ("/projects/0", None),
    "cell.too-long": ("/projects/0", None),
    "goteborg.diarienummer-missing": ("/projects/0", GOTEBORG),
    "goteborg.diarienummer-after-end": ("/projects/0", GOTEBORG),
    "goteborg.forvaltning-unknown": ("/projects/0", GOTEBORG),
    "goteborg.forvaltning-outside-city": ("/projects/0", GOTEBORG),
}
"""Where each check's examples go (a JSON Pointer into the dataset), and what the
dataset around them holds besides required fields (a fragment of the dataset)."""

TOO_LONG_TO_SHOW: dict[str, Any] = {
    "cell.too-long": {"sources": [f"källa-{n:04d}-{'x' * 90}" for n in range(400)]}
}
"""Checks whose failing example stands for a fragment too long to show (tens of thousands
of characters), and the fragment their test uses instead."""


def _objects(value: Any, cls: type) -> Iterator[tuple[type, dict[str, Any]]]:
    """Every object of a model class in the JSON ``value`` of a ``cls``, with its class."""
    if not isinstance(value, dict):
        return
    yield cls, value
    for info in fields_of(cls):
        if info.is_model and info.name in value:
            items = value[info.name] if info.is_list else [value[info.name]]
            for item in items:
                yield from _objects(item, info.item)


@cache
def _templates() -> dict[type, dict[str, Any]]:
    """Each model class's required fields, from its first object in the GR example data."""
    templates: dict[type, dict[str, Any]] = {}
    for cls, value in _objects(json.loads(EXAMPLE.read_text("utf-8")), Dataset):
        if cls not in templates:
            required = {info.name for info in fields_of(cls) if info.required}
            templates[cls] = {key: value[key] for key in required & value.keys()}
    return templates


def _complete(cls: type, fragment: dict[str, Any], base: dict[str, Any] | None) -> dict[str, Any]:
    """``fragment`` over ``base`` (by default the class's required fields), every object
    within it completed the same way."""
    completed = dict(_templates().get(cls, {}) if base is None else base)
    for key, value in fragment.items():
        info = field_of(cls, key)
        if info.is_model and info.is_list:
            value = [_complete(info.item, item, None) for item in value]
        elif info.is_model and value is not None:
            value = _complete(info.item, value, completed.get(key))
        completed[key] = value
    return completed


def _place(cls: type, at: dict[str, Any], path: list[str], fragment: Any) -> dict[str, Any]:
    """``at`` (an object of ``cls``) with ``fragment`` completed at ``path`` below it."""
    if not path:
        return _complete(cls, fragment, at)
    key, *rest = path
    info = field_of(cls, key)
    placed = dict(at)
    if not info.is_list:
        placed[key] = _place(info.item, at.get(key) or _templates()[info.item], rest, fragment)
        return placed
    index, *rest = rest
    items = list(at.get(key, []))
    items += [_templates()[info.item]] * (int(index) + 1 - len(items))
    items[int(index)] = _place(info.item, items[int(index)], rest, fragment)
    placed[key] = items
    return placed


def example_document(example: str, pointer: str, context: dict[str, Any] | None) -> Any:
    """The dataset that holds the JSON fragment ``example`` at ``pointer``."""
    fragment = json.loads(re.sub(r",\s*…\s*}", "}", example))
    dataset = _place(Dataset, _templates()[Dataset], [], context or {})
    return _place(Dataset, dataset, pointer.split("/")[1:], fragment)


def _checks() -> list[Check]:
    runtime = isolated_runtime(grprojects_goteborg)
    return [check for _, check in runtime.checks.values()]


@pytest.mark.parametrize("check", _checks(), ids=lambda check: check.code)
def test_the_failing_example_is_reported_and_the_passing_one_is_not(check: Check) -> None:
    """A check's failing example, in a dataset, is reported by it where the example is; its
    passing example is not reported by it."""
    assert check.code in PLACES, f"say in PLACES where the examples of {check.code} go"
    pointer, context = PLACES[check.code]
    shown = check.failing_example
    if check.code in TOO_LONG_TO_SHOW:
        shown = json.dumps(TOO_LONG_TO_SHOW[check.code], ensure_ascii=False)
    failing = validate(example_document(shown, pointer, context), grprojects_goteborg)
    reported = [d for d in failing if d.code == check.code]
    assert reported, f"{check.failing_example} is not reported; got {codes(failing)}"
    assert all(d.pointer.startswith(pointer) for d in reported), reported
    passing = validate(
        example_document(check.passing_example, pointer, context), grprojects_goteborg
    )
    assert check.code not in codes(passing), f"{check.passing_example} is reported"


def test_every_place_is_of_a_check() -> None:
    """No place is left for a check that no longer exists."""
    assert set(PLACES) == {check.code for check in _checks()}
    assert {check.code for check in CHECKS} < set(PLACES)
