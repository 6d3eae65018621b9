"""The pre-commit hook in an ordinary repository: its entry, run as pre-commit runs it
(files chosen by the hook's pattern, named relative to the repository root), validates
the grprojects documents and leaves package.json and editor settings alone."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .conftest import DATA, ROOT

yaml = pytest.importorskip("yaml", reason="PyYAML reads the hook file; it is not installed")

SCRIPT = shutil.which("grprojects", path=str(Path(sys.executable).parent))


def hook() -> dict[str, Any]:
    (found,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert isinstance(found, dict)
    return found


def chosen(repository: Path, definition: dict[str, Any]) -> list[str]:
    """The files pre-commit hands the hook: matched by ``files``, not ``exclude``, regular."""
    files = re.compile(definition.get("files", ""))
    exclude = re.compile(definition.get("exclude", "^$"))
    assert definition["types"] == ["file"]
    paths = sorted(
        p.relative_to(repository).as_posix()
        for p in repository.rglob("*")
        if p.is_file() and ".git" not in p.relative_to(repository).parts
    )
    return [p for p in paths if files.search(p) and not exclude.search(p)]


def run_hook(repository: Path) -> subprocess.CompletedProcess[str]:
    """The hook's entry with pre-commit's arguments, in the repository."""
    assert SCRIPT is not None
    definition = hook()
    program, *options = definition["entry"].split()
    assert program == "grprojects"
    command = [SCRIPT, *options, *definition.get("args", []), *chosen(repository, definition)]
    return subprocess.run(command, cwd=repository, capture_output=True, text=True, check=False)


@pytest.mark.skipif(SCRIPT is None, reason="the grprojects script is not installed beside Python")
def test_the_hook_validates_documents_and_leaves_other_json_alone(tmp_path: Path) -> None:
    """package.json, JSONC settings and excluded fixtures pass; a broken document fails."""
    (tmp_path / ".git").mkdir()
    files = {
        "package.json": '{"name": "site", "version": "1.0.0", "private": true}\n',
        ".vscode/settings.json": '{\n  // ours\n  "editor.tabSize": 2,\n}\n',
        "tsconfig.json": '{\n  /* TypeScript */\n  "compilerOptions": {"strict": true}\n}\n',
        "pyproject.toml": '[tool.grprojects]\nexclude = ["fixtures/"]\n',
        "README.md": "# data\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "data").mkdir()
    (tmp_path / "fixtures").mkdir()
    shutil.copy(DATA / "valid" / "clean.json", tmp_path / "data" / "projects.json")
    shutil.copy(DATA / "invalid" / "link-self.json", tmp_path / "fixtures" / "self.json")
    assert len(chosen(tmp_path, hook())) == 5

    passing = run_hook(tmp_path)
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert passing.stdout == "1 file checked: 0 errors, 0 warnings, 0 infos; valid\n"

    shutil.copy(DATA / "invalid" / "link-self.json", tmp_path / "data" / "broken.json")
    failing = run_hook(tmp_path)
    assert failing.returncode == 1
    assert failing.stdout.startswith("data/broken.json:")
    assert "error link.self" in failing.stdout
    assert "package.json" not in failing.stdout
    assert "fixtures" not in failing.stdout
