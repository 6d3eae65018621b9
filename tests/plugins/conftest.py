"""Fixtures for the plugin tests: a folder of hand-made installed distributions."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from grprojects.plugins import ALLOW_VARIABLE
from grprojects.runtime import default_runtime


def fake_distribution(
    folder: Path, entry_point: str, module: str, body: str, name: str = "broken-dist"
) -> None:
    """Install a distribution by hand: a module and a dist-info with one entry point."""
    (folder / f"{module}.py").write_text(body, encoding="utf-8")
    info = folder / f"{name.replace('-', '_')}-1.2.3.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.2.3\n")
    (info / "entry_points.txt").write_text(f"[grprojects]\n{entry_point} = {module}\n")


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder on sys.path holding a broken and a working installed plugin."""
    default_runtime()  # the process-wide one is made before, and without, these
    fake_distribution(tmp_path, "broken", "broken_plugin", "raise RuntimeError('boom')\n")
    working = (
        "from grprojects import hookimpl\n"
        "from grprojects.plugin_types import Check\n"
        "@hookimpl\n"
        "def register_checks():\n"
        "    return []\n"
    )
    fake_distribution(tmp_path, "working", "working_plugin", working, name="working-dist")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setenv(ALLOW_VARIABLE, "broken,working")
    for module in ("broken_plugin", "working_plugin"):
        monkeypatch.delitem(sys.modules, module, raising=False)
    return tmp_path
