"""The plugin tutorial's importer, exporter and their tests run as the page shows them."""

from __future__ import annotations

import re
import sys
import types
from pathlib import Path
from typing import Any

import pytest

PAGE = Path(__file__).parents[2] / "docs" / "plugins" / "writing-a-plugin.md"


def section(title: str) -> str:
    """The text of the page's section whose heading starts with ``title``."""
    text = PAGE.read_text("utf-8")
    start = text.index(f"\n## {title}")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else None]


def python_blocks(text: str) -> list[str]:
    """The ``python`` code blocks of ``text``, in order."""
    return re.findall(r"```python\n(.*?)```", text, re.DOTALL)


def test_the_tutorials_importer_and_exporter_pass_the_tutorials_tests(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sections 4 and 5 make a module; the importer and exporter tests of section 6 pass."""
    [importer] = python_blocks(section("4. An importer"))
    [exporter] = python_blocks(section("5. An exporter"))
    module = types.ModuleType("grprojects_lerum")
    exec(compile(importer + exporter, "grprojects_lerum", "exec"), module.__dict__)  # noqa: S102 - the page's own code
    monkeypatch.setitem(sys.modules, "grprojects_lerum", module)
    *_, tests = python_blocks(section("6. Test it"))
    namespace: dict[str, Any] = {}
    exec(compile(tests, "test_grprojects_lerum", "exec"), namespace)  # noqa: S102 - the page's own tests
    ran = []
    for name, test in namespace.items():
        if name.startswith("test_"):
            folder = tmp_path / name
            folder.mkdir()
            test(folder)
            ran.append(name)
    assert len(ran) == 2
