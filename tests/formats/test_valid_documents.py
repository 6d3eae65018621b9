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
import sqlite3
import tempfile
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from hypothesis import assume, given, settings

from grprojects import Count, hookimpl, load
from grprojects.cli import cli
from grprojects.cli.summary import describe
from grprojects.diagnostics import Severity
from grprojects.exitcodes import EXIT_VALID
from grprojects.extensions import EXTENSIBLE_KINDS
from grprojects.formats import read_dataset, sqlite, write_dataset
from grprojects.formats._tree import ValueKind, records
from grprojects.formats.sqlite_layout import quote
from grprojects.io import dumps, to_json, to_model
from grprojects.model import Dataset
from grprojects.plugin_types import Extension
from grprojects.testing import isolated_runtime, validate
from tests.formats.repair import pruned, sound
from tests.strategies import datasets

NAMESPACE = "test.free"
BEFORE_1_1 = Path(__file__).parent / "fixtures" / "before-1.1" / "gr-projects-1.0.json"


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


@settings(max_examples=max(settings().max_examples // 6, 4))  # seven exports per example
@given(datasets(edges=True).map(valid))
def test_every_exporter_and_summary_take_every_valid_document(dataset: Dataset | None) -> None:
    """No exporter refuses or fails on a valid dataset, SQLite keeps every number exactly,
    and ``summary`` (the function and the command) describes it."""
    assume(dataset is not None)
    assert dataset is not None
    with tempfile.TemporaryDirectory() as folder:
        for exporter in sorted(RUNTIME.exporters):
            write_dataset(dataset, Path(folder) / exporter, format_name=exporter, runtime=RUNTIME)
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
