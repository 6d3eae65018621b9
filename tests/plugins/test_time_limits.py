"""A plugin that hangs (at import, in a check, an importer or an exporter) is blamed in time."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from grprojects import Diagnostic, PluginError, dumps, load
from grprojects.formats import read_dataset, write_dataset
from grprojects.plugin_guards import CHECK_FAILED
from grprojects.plugin_types import CheckContext, Exporter, Importer
from grprojects.plugins import ALLOW_VARIABLE
from grprojects.runtime import Runtime, make_runtime
from grprojects.testing import minimal_dataset
from grprojects.time_limits import DEFAULT_TIMEOUT, TIMEOUT_VARIABLE, call_limited

from .conftest import fake_distribution
from .test_manager import flags_every_project, make_check, plugin_with

LIMIT = 0.3
"""Seconds a plugin call may take in these tests."""


@pytest.fixture
def release() -> Iterator[threading.Event]:
    """An event the hanging plugins wait on, set when the test ends so no thread is left."""
    event = threading.Event()
    yield event
    event.set()


def runtime_of(plugin: object) -> Runtime:
    """A runtime of the built-ins and ``plugin`` (as 'sleepy') with a short time limit."""
    return make_runtime(entry_points=False, plugins={"sleepy": plugin}, plugin_timeout=LIMIT)


def test_a_check_that_never_ends_is_a_plugin_failure_and_the_others_still_report(
    release: threading.Event,
) -> None:
    """The hanging check is ``plugin.check-failed`` naming it; another plugin's findings stay."""

    def hangs(context: CheckContext) -> Iterator[Diagnostic]:
        release.wait()
        yield from ()

    sleepy = plugin_with(register_checks=lambda: [make_check("test.hangs", hangs)])
    good = plugin_with(register_checks=lambda: [make_check("test.flagged", flags_every_project)])
    runtime = make_runtime(
        entry_points=False, plugins={"sleepy": sleepy, "good": good}, plugin_timeout=LIMIT
    )
    dataset = load(json.dumps(minimal_dataset()))
    started = time.monotonic()
    found = runtime.run_checks(CheckContext(dataset, raw=None, codelists=runtime.codelists))
    assert time.monotonic() - started < LIMIT + 2
    failed = [d for d in found if d.code == CHECK_FAILED]
    assert [d.source for d in failed] == ["sleepy"]
    assert "check 'test.hangs' of plugin 'sleepy' did not finish within 0.3 s" in failed[0].message
    assert {d.code for d in found if d.source == "good"} == {"test.flagged"}


def test_an_importer_that_hangs_is_a_plugin_error_naming_it(
    release: threading.Event, tmp_path: Path
) -> None:
    """Reading stops waiting after the limit and blames the importer, its plugin and the file."""

    def read(path: Path) -> Any:
        release.wait()

    importer = Importer("lerum", "Lerum's files.", (".lerum",), read)
    runtime = runtime_of(plugin_with(register_importers=lambda: [importer]))
    source = tmp_path / "in.lerum"
    source.write_text("x", encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(PluginError, match=r"importer 'lerum' of plugin 'sleepy' did not finish"):
        read_dataset(source, runtime=runtime)
    assert time.monotonic() - started < LIMIT + 2


def test_an_exporter_that_hangs_is_a_plugin_error_and_leaves_no_file(
    release: threading.Event, tmp_path: Path
) -> None:
    """Writing stops waiting after the limit, blames the exporter and leaves nothing at OUT."""

    def write(dataset: Any, path: Path) -> list[str]:
        release.wait()
        return []

    exporter = Exporter("stuck", "Never done.", (".stuck",), write)
    runtime = runtime_of(plugin_with(register_exporters=lambda: [exporter]))
    target = tmp_path / "out.stuck"
    dataset = load(json.dumps(minimal_dataset()))
    with pytest.raises(PluginError, match=r"exporter 'stuck' of plugin 'sleepy' did not finish"):
        write_dataset(dataset, target, runtime=runtime)
    assert not target.exists()


def test_choose_importer_that_hangs_is_passed_over(
    release: threading.Event, tmp_path: Path
) -> None:
    """A plugin's choose_importer that never answers is blamed; the JSON importer still reads."""

    def choose_importer(path: Path, head: bytes) -> str | None:
        release.wait()
        return None

    runtime = runtime_of(plugin_with(choose_importer=choose_importer))
    source = tmp_path / "in.json"
    source.write_text(dumps(load(json.dumps(minimal_dataset()))), encoding="utf-8")
    with pytest.warns(UserWarning, match=r"plugin 'sleepy': choose_importer failed.*0\.3 s"):
        assert read_dataset(source, runtime=runtime).title


def test_the_limit_belongs_to_the_runtime_and_defaults_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``plugin_timeout`` wins; else GRPROJECTS_PLUGIN_TIMEOUT; 0 is no limit; junk is refused."""
    monkeypatch.delenv(TIMEOUT_VARIABLE, raising=False)
    assert make_runtime(entry_points=False, plugins=[]).timeout == DEFAULT_TIMEOUT
    monkeypatch.setenv(TIMEOUT_VARIABLE, "7.5")
    assert make_runtime(entry_points=False, plugins=[]).timeout == 7.5
    assert make_runtime(entry_points=False, plugins=[], plugin_timeout=2).timeout == 2
    assert make_runtime(entry_points=False, plugins=[], plugin_timeout=0).timeout is None
    monkeypatch.setenv(TIMEOUT_VARIABLE, "soon")
    with pytest.raises(ValueError, match="GRPROJECTS_PLUGIN_TIMEOUT must be a number"):
        make_runtime(entry_points=False, plugins=[])


def test_a_limited_call_hands_back_its_result_and_what_it_raises() -> None:
    """In time, the call's value or exception (SystemExit too) reaches the caller unchanged."""
    assert call_limited(5, lambda: 42) == 42

    def leaves() -> None:
        raise SystemExit(0)

    with pytest.raises(SystemExit):
        call_limited(5, leaves)


def grprojects(
    args: list[str], folder: Path, env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    """Run the ``grprojects`` command line in a new process, with ``folder`` on its path."""
    environment = {**os.environ, "PYTHONPATH": str(folder), **env}
    return subprocess.run(
        [sys.executable, "-m", "grprojects", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=30,
        check=False,
    )


def hangs_at_import(flag: Path) -> str:
    """A plugin module whose import waits until ``flag`` exists."""
    wait = f"while not pathlib.Path({str(flag)!r}).exists():\n    time.sleep(0.05)\n"
    return f"import pathlib, time\n{wait}"


HANGS_IN_A_CHECK = """\
import time
from grprojects import hookimpl
from grprojects.plugin_types import Check

def run(context):
    while True:
        time.sleep(0.05)
    yield

@hookimpl
def register_checks():
    return [Check("slow.check", "error", "slow", "Never ends.", "Never ends.", "{}", "{}", run)]
"""


def test_a_plugin_that_hangs_at_import_is_listed_as_broken_in_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``grprojects plugins --plugin-timeout`` lists the stuck plugin with why, and ends."""
    from grprojects.cli import main

    flag = tmp_path / "done"
    fake_distribution(tmp_path, "stuck", "stuck_plugin", hangs_at_import(flag), name="stuck-dist")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setenv(ALLOW_VARIABLE, "stuck")
    monkeypatch.delitem(sys.modules, "stuck_plugin", raising=False)
    try:
        assert main(["plugins", "--strict", "--plugin-timeout", "0.3"]) == 3
    finally:
        flag.touch()
    listing = capsys.readouterr().out
    assert "stuck 1.2.3 (stuck-dist)" in listing
    assert "error: importing it did not finish within 0.3 s" in listing


def test_the_command_line_ends_in_time_when_plugins_hang(tmp_path: Path) -> None:
    """Plugins hanging at import and in a check: ``validate`` reports both and its process ends.

    The threads left running cannot keep the process alive.
    """
    flag = tmp_path / "never"
    fake_distribution(tmp_path, "stuck", "stuck_plugin", hangs_at_import(flag), name="stuck-dist")
    fake_distribution(tmp_path, "slow", "slow_plugin", HANGS_IN_A_CHECK, name="slow-dist")
    document = tmp_path / "data.json"
    document.write_text(json.dumps(minimal_dataset()), encoding="utf-8")
    env = {ALLOW_VARIABLE: "stuck,slow", TIMEOUT_VARIABLE: "0.5"}
    started = time.monotonic()
    validated = grprojects(["validate", "--format", "json", str(document)], tmp_path, env)
    assert time.monotonic() - started < 15
    report = json.loads(validated.stdout)
    found = [d for f in report["files"] for d in f["diagnostics"]]
    failed = [d for d in found if d["code"] == CHECK_FAILED]
    assert len(failed) == 1
    assert "check 'slow.check' of plugin 'slow' did not finish within 0.5 s" in failed[0]["message"]
    assert validated.returncode == 3  # a plugin's fault
    assert "plugin 'stuck' from distribution 'stuck-dist': importing it" in validated.stderr
