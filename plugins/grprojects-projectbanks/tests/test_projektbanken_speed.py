"""Generated exports: every record accounted for, quickly. The 10,000-record figure is
measured by ``make bench-projektbanken`` (benchmarks/projektbanken.py)."""

from __future__ import annotations

import time
from pathlib import Path

from bank_records import write_export
from grprojects_projectbanks import projektbanken

from grprojects import Severity
from grprojects.formats.convert import import_with
from grprojects.testing import isolated_runtime, validate

COUNT = 500
CPU_SECONDS = 3.0
"""Far above the 0.2 s it takes on an idle machine: CPU time, so that other work on a
shared machine does not count."""


def test_a_generated_export_imports_whole_and_fast(tmp_path: Path) -> None:
    """500 records with the export's quirks: each one counted, none refused, the dataset
    checked as convert checks it within a bound on CPU time, and valid under every check."""
    path = write_export(tmp_path / "bank.json", COUNT)
    runtime = isolated_runtime(projektbanken)
    started = time.process_time()
    imported = import_with(runtime.importers["projektbanken"], path, runtime)
    spent = time.process_time() - started
    assert imported.records is not None
    assert (imported.records.total, imported.records.refused) == (COUNT, 0)
    assert imported.records.with_warnings == len(
        {d.pointer.split("/")[1] for d in imported.diagnostics if d.severity >= Severity.WARNING}
    )
    assert len(imported.dataset.projects) == COUNT
    assert spent < CPU_SECONDS, f"{spent:.2f} s of CPU for {COUNT} records"
    assert [d.describe() for d in validate(imported.dataset)] == []
