"""What one ``grprojects validate`` of a JSON file costs: nothing it does not use is imported."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "gr-projects.json"

NEVER_FOR_JSON = (
    "openpyxl",
    "icalendar",
    "sqlite3",
    "jinja2",
    "multiprocessing",
    "concurrent.futures",
    "pathspec",
    "grprojects.formats.xlsx",
    "grprojects.formats.sqlite",
    "grprojects.formats.ics",
    "grprojects.formats.csv",
    "grprojects.formats.convert",
    "grprojects.formats._presentation",
    "grprojects_sheets.activities",
    "grprojects_projectbanks.projektbanken.reading",
    "grprojects_projectbanks.projektbanken.mapping",
    "grprojects_projectbanks.kohesio.operations",
    "grprojects_projectbanks.projektbanken.records",
    "grprojects.jsonstream",
    "orjson",
    "jsonschema",
    "referencing",
    "confusable_homoglyphs.confusables",
    "urllib.request",
    "importlib.metadata",
    "cattrs",
    "grprojects.reporting.junit",
    "grprojects.reporting.sarif",
    "xml.etree.ElementTree",
    "importlib.resources",
    "tempfile",
    "shutil",
    "zipfile",
)
"""Modules a validate of one valid JSON file never calls: exporters, process pools, ignore
files, the first-party plugins' readers, the reader of large files a project at a time (the
example is small), the writer, the reference schema engine (the fast engine passed it), the
look-alike data (its ids and names are Latin, kept in the cache), the scan of installed
distributions (its answer is kept in the cache), cattrs (a valid document is structured by
the written functions alone), the report formats not asked for, what writes files or reads
zip files (the package data is read from its folder)."""

_PROBE = """
import json, sys
from grprojects.cli import main
code = main(["validate", "-q", *sys.argv[1:]])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def _modules_after(*arguments: str) -> tuple[int, set[str]]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *arguments],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return result["code"], set(result["modules"])


def test_validating_a_json_file_imports_no_exporter_pool_or_plugin_extra() -> None:
    """After validating the example, no spreadsheet, calendar, SQLite or pool module is loaded."""
    pytest.importorskip("jsonschema_rs")  # without the fast engine, jsonschema decides
    _modules_after(str(EXAMPLE))  # fills the cache, as the first run on a machine does
    code, modules = _modules_after(str(EXAMPLE))
    assert code == 0
    loaded = {m for m in NEVER_FOR_JSON if m in modules}
    assert loaded == set()
    assert "grprojects.validation" in modules  # the probe really validated


def test_a_directory_of_small_files_is_validated_without_a_pool(tmp_path: Path) -> None:
    """Three small files: validated in this process, so no process pool is imported."""
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.json").write_bytes(EXAMPLE.read_bytes())
    code, modules = _modules_after(str(tmp_path))
    assert code == 0
    assert "concurrent.futures" not in modules
    assert "multiprocessing" not in modules


def test_an_invalid_file_is_explained_by_the_reference_engine(tmp_path: Path) -> None:
    """A document the fast engine refuses is explained by jsonschema, imported for it."""
    broken = json.loads(EXAMPLE.read_bytes())
    broken["projects"][0]["periods"][1]["start"] = "2016-02-30"  # no such day
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(broken), encoding="utf-8")
    code, modules = _modules_after(str(path))
    assert code == 1
    assert "jsonschema" in modules


def test_the_script_hides_the_imports_from_the_collector_and_main_does_not() -> None:
    """``run`` (the script) freezes what the imports made before the command runs; ``main``,
    which tests and programs call in their own processes, leaves the collector alone."""
    probe = (
        "import gc, grprojects.cli as cli\n"
        "cli.main(['--version'])\n"
        "after_main = gc.get_freeze_count()\n"
        "cli.main = lambda: print(after_main, gc.get_freeze_count()) or 0\n"
        "cli.run()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    )
    after_main, in_run = map(int, done.stdout.split()[-2:])
    assert after_main == 0
    assert in_run > 1000  # the modules, classes and functions of the imports
