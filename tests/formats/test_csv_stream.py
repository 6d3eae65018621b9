"""The zip of CSV files written a record at a time: the archive built in memory before,
byte for byte, in memory that does not grow with the records."""

from __future__ import annotations

import csv
import io
import tempfile
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

from benchmarks import generate
from hypothesis import Phase, given, settings

from grprojects import Diagnostic, DocumentError
from grprojects.formats import csv as csv_format
from grprojects.formats import tabular
from grprojects.formats.convert import export_stream
from grprojects.io import to_model
from grprojects.model import Dataset
from grprojects.plugin_types import DatasetStream

from ..strategies import datasets
from .test_streaming import many


def in_memory(dataset: Dataset) -> bytes:
    """The archive as the exporter built it whole in memory (its code before it streamed)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for table in tabular.tables(dataset):
            text = io.StringIO(newline="")
            writer = csv.writer(text, lineterminator="\r\n")
            writer.writerow(table.headings)
            writer.writerows([csv_format._text(c) for c in row] for row in table.rows)
            member = zipfile.ZipInfo(table.name + ".csv", (1980, 1, 1, 0, 0, 0))
            member.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(member, text.getvalue().encode("utf-8-sig"))
    return buffer.getvalue()


def streamed(dataset: Dataset, path: Path) -> bytes:
    csv_format.write(dataset, path)
    return path.read_bytes()


def outcome(write: Callable[[], bytes]) -> bytes | list[Diagnostic]:
    """What was written, or the problems that stopped it (in pointer order)."""
    try:
        return write()
    except DocumentError as error:
        return sorted(error.diagnostics, key=lambda d: (d.pointer, d.code, d.message))


def test_the_example_and_a_realistic_dataset_are_the_archives_of_before(
    example: Dataset, tmp_path: Path
) -> None:
    """The example and a generated 3-project dataset: the same bytes as built in memory."""
    realistic = to_model(generate.dataset(3))
    for dataset in (example, realistic):
        assert streamed(dataset, tmp_path / "d.csv.zip") == in_memory(dataset)


@settings(max_examples=15, phases=[Phase.explicit, Phase.generate])
@given(dataset=datasets(edges=True))
def test_generated_datasets_are_the_archives_of_before(dataset: Dataset) -> None:
    """Any dataset, edges included: the same bytes as built in memory, or refused for
    the same keys repeated under one parent. Built whole, a child's key repeats under
    two records whose own ids repeat too (reported as well); streamed, children are
    compared within their record, so only the records' ids are reported."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "d.csv.zip"
        now, before = outcome(lambda: streamed(dataset, path)), outcome(lambda: in_memory(dataset))
    if isinstance(before, bytes) or isinstance(now, bytes):
        assert now == before
    else:
        assert now
        assert set(now) <= set(before)


def peak_of(stream: DatasetStream, path: Path) -> int:
    tracemalloc.start()
    try:
        export_stream(stream, path, format_name="csv", force=True)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_does_not_grow_with_the_number_of_projects(example: Dataset, tmp_path: Path) -> None:
    """Ten times the projects take no more than a little more memory: the ids of the
    dataset's own records that keys must not repeat, never the rows."""
    path = tmp_path / "many.csv.zip"
    peak_of(many(example, 5), path)  # caches and imports out of the way
    small = peak_of(many(example, 200), path)
    large = peak_of(many(example, 2_000), path)
    assert large - small < 1_000_000, (small, large)
    with zipfile.ZipFile(path) as archive:
        rows = archive.read("Projekt.csv").decode("utf-8-sig").count("\r\n")
    assert rows == 2_001  # the heading and every project
