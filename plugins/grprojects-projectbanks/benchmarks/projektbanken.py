"""Time and memory of importing a generated project-bank export of 10,000 records.

    python plugins/grprojects-projectbanks/benchmarks/projektbanken.py [COUNT]

Writes the export into a temporary folder (tests/bank_records.py makes the records),
imports it as ``grprojects convert`` does (the importer, then the type and schema
checks of :func:`grprojects.formats.convert.import_with`), and prints the wall-clock
and CPU seconds and the peak resident memory. On a shared machine the CPU time is the
figure to trust: the wall clock also counts other people's work.
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from bank_records import write_export

from grprojects.formats.convert import import_with
from grprojects.runtime import default_runtime


def main(count: int) -> None:
    """Generate, import and report."""
    with tempfile.TemporaryDirectory() as folder:
        path = write_export(Path(folder) / "bank.json", count)
        size = path.stat().st_size
        runtime = default_runtime()
        importer = runtime.importers["projektbanken"]
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        wall, cpu = time.perf_counter(), time.process_time()
        imported = import_with(importer, path, runtime)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"{count:,} records, {size / 1e6:.1f} MB of JSON: {imported.records}")
    print(f"import: {wall:.1f} s wall clock, {cpu:.1f} s CPU")
    print(f"peak resident memory: {peak / 1024:.0f} MiB ({before / 1024:.0f} MiB before)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
