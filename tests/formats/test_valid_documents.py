"""Whatever ``validate`` accepts, every exporter and ``summary`` process: extremes included.

Generated datasets with extreme but valid values (the years 0001 and 9999, the last
winter, counts of 0 and 2⁵³ − 1, amounts of 0.0000001 and 400 digits, the longest
texts and ids, extension data at the nesting limit, any Unicode, empty lists, absent
optionals) are made valid by leaving out what ``validate`` reports as an error; then
every exporter writes them without a word of refusal, the spreadsheets read them back
equal, and ``summary`` describes them.
"""

from __future__ import annotations

import contextlib
import functools
import json
import operator
import sqlite3
import tempfile
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from grprojects import Count, engines, hookimpl, load
from grprojects.cli import cli
from grprojects.cli.summary import describe
from grprojects.codelists import builtin_codelists
from grprojects.diagnostics import Severity, pointer_of
from grprojects.exitcodes import EXIT_VALID
from grprojects.extensions import EXTENSIBLE_KINDS
from grprojects.formats import read_dataset, sqlite, write_dataset
from grprojects.formats._tree import ValueKind, records
from grprojects.formats.sqlite_layout import quote
from grprojects.io import dumps, to_json, to_model
from grprojects.model import Dataset, Text
from grprojects.model.fields import LONGEST_TEXT, FieldInfo, Shape, fields_of
from grprojects.plugin_types import Extension
from grprojects.testing import isolated_runtime, validate
from tests.formats.conftest import BEFORE_1_1
from tests.formats.repair import pruned, sound
from tests.strategies import datasets

NAMESPACE = "test.free"


class _FreeData:
    """An extension taking any JSON object on every extensible object."""

    @hookimpl
    def register_extensions(self) -> list[Extension]:
        schemas = {kind: {"type": "object"} for kind in EXTENSIBLE_KINDS}
        return [Extension(NAMESPACE, "Free data", "Any JSON object", "1.0", schemas)]


RUNTIME = isolated_runtime(_FreeData(), strict=False)
SPREADSHEETS = ("xlsx", "ods", "csv")


def _declared(value: Any) -> Any:
    """``value`` with all extension data under the one namespace ``RUNTIME`` knows."""
    if isinstance(value, dict):
        found = {k: _declared(v) for k, v in value.items()}
        if isinstance(found.get("extensions"), dict) and found["extensions"]:
            found["extensions"] = {NAMESPACE: next(iter(found["extensions"].values()))}
        return found
    if isinstance(value, list):
        return [_declared(v) for v in value]
    return value


def _errors(document: Any) -> list[str]:
    found = validate(document, runtime=RUNTIME)
    return [d.pointer for d in found if d.severity >= Severity.ERROR]


def valid(dataset: Dataset) -> Dataset | None:
    """``dataset`` with what ``validate`` calls an error left out; ``None`` if that fails."""
    document = _declared(to_json(sound(dataset)))
    document["uses_extensions"] = [NAMESPACE]
    if not pruned(document, _errors):
        return None
    result: Dataset = to_model(document, Dataset)
    return result


def _numbers(dataset: Dataset) -> Counter[tuple[str, str, Any]]:
    """(table, column, value) of every whole number and amount, as SQLite should hold it."""
    found: Counter[tuple[str, str, Any]] = Counter()
    for record in records(dataset):
        plan = sqlite.schema().plans[record.kind]
        for value, column in plan.columns:
            item = value.get(record.obj)
            if item is not None and value.kind in (ValueKind.INTEGER, ValueKind.DECIMAL):
                shown = format(item, "f") if isinstance(item, Decimal) else item
                found[plan.table.name, column, shown] += 1
    return found


def assert_stored_exactly(database: Path, dataset: Dataset) -> None:
    """Every whole number and amount of ``dataset`` is in ``database`` with its own digits."""
    wanted = _numbers(dataset)
    stored: Counter[tuple[str, str, Any]] = Counter()
    with contextlib.closing(sqlite3.connect(database)) as connection:
        for table, column in {(t, c) for t, c, _ in wanted}:
            # the names come from the layout
            query = f"SELECT {quote(column)} FROM {quote(table)}"  # noqa: S608
            for (value,) in connection.execute(query):
                if value is not None:
                    shown = int(value) if isinstance(value, bytes) else value
                    stored[table, column, shown] += 1
    assert stored == wanted


@pytest.mark.filterwarnings("ignore:Generating overly large repr")  # 32,766-character texts
@settings(max_examples=max(settings().max_examples // 6, 4))  # seven exports per example
@given(datasets(edges=True).map(valid))
def test_every_exporter_and_summary_take_every_valid_document(dataset: Dataset | None) -> None:
    """No exporter refuses or fails on a valid dataset, the spreadsheets read back equal,
    SQLite keeps every number exactly, and ``summary`` (the function and the command)
    describes it."""
    assume(dataset is not None)
    assert dataset is not None
    with tempfile.TemporaryDirectory() as folder:
        for exporter in sorted(RUNTIME.exporters):
            path = Path(folder) / exporter
            write_dataset(dataset, path, format_name=exporter, runtime=RUNTIME)
            if exporter in SPREADSHEETS:
                assert read_dataset(path, format_name=exporter, runtime=RUNTIME) == dataset
        assert_stored_exactly(Path(folder) / "sqlite", dataset)
        lines = describe(dataset)
        assert len(lines) == 1 + sum(2 + len(p.activities) for p in dataset.projects)
        source = Path(folder) / "in.json"
        source.write_text(dumps(dataset), encoding="utf-8")
        result = CliRunner().invoke(cli, ["summary", str(source)])
        assert result.exit_code == EXIT_VALID, result.output
        assert result.output.splitlines() == lines


def test_a_1_0_document_with_counts_past_64_bits_goes_everywhere(tmp_path: Path) -> None:
    """Schema 1.0 has no largest count: 2⁶³ and a 400-digit count are valid there, every
    exporter writes them, the spreadsheets read them back equal and SQLite keeps them."""
    example: Dataset = load(BEFORE_1_1)
    project = example.projects[0]
    huge = (2**63, 10**400, 2**53 + 1)
    activities = [
        activity.evolve(instances=Count(value=value))
        for activity, value in zip(project.activities, huge, strict=False)
    ]
    dataset = example.evolve(
        projects=[project.evolve(activities=activities), *example.projects[1:]]
    )
    assert not _errors(to_json(dataset))
    for exporter in sorted(RUNTIME.exporters):
        path = tmp_path / exporter
        write_dataset(dataset, path, format_name=exporter, runtime=RUNTIME)
        if exporter in SPREADSHEETS:
            assert read_dataset(path, format_name=exporter, runtime=RUNTIME) == dataset
    assert_stored_exactly(tmp_path / "sqlite", dataset)
    assert describe(dataset)


def _limited(
    obj: Any, path: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], FieldInfo]]:
    """Every string in model object ``obj`` with a longest length, and its field."""
    for field in fields_of(type(obj)):
        value = getattr(obj, field.name)
        if value is None:
            continue
        items = list(enumerate(value)) if field.is_list else [(None, value)]
        for index, item in items:
            at = (*path, field.name) if index is None else (*path, field.name, index)
            if field.is_model:
                yield from _limited(item, at)
            elif field.shape is Shape.TEXT:
                text_fields = {f.name: f for f in fields_of(Text)}
                yield (*at, "sv"), text_fields["sv"]
                for language in item.translations:
                    yield (*at, language), text_fields["translations"]
            elif field.max_length is not None:
                yield at, field


@settings(max_examples=max(settings().max_examples // 2, 4))
@given(datasets(), st.data())
def test_a_string_past_the_longest_is_refused_at_its_place(
    dataset: Dataset, data: st.DataObject
) -> None:
    """One character past :data:`LONGEST_TEXT`, anywhere a string has that limit (texts in
    any language, names, ids, addresses, amounts), and both engines refuse the document;
    the reference says why at that very place: too long (or not a listed code)."""
    places = list(_limited(dataset))
    assume(places)
    path, field = data.draw(st.sampled_from(places))
    char = data.draw(st.sampled_from(["a", "𝄞", "1", "\r"]))
    document = json.loads(dumps(dataset))  # its own: to_json may share values with a cache
    parent = functools.reduce(operator.getitem, path[:-1], document)
    parent[path[-1]] = char * (LONGEST_TEXT + data.draw(st.integers(1, 3)))
    assert [engine.is_valid(document, "dataset") for engine in engines.installed().values()] == [
        False for _ in engines.installed()
    ]
    found = {
        d.code for d in validate(document, runtime=RUNTIME) if d.pointer == pointer_of(list(path))
    }
    codes = builtin_codelists()
    closed = field.codelist is not None and field.codelist in codes and codes[field.codelist].closed
    assert ("schema.code" if closed else "schema.too-long") in found, found
