"""The GitHub Action (action.yml): its run steps, run here with bash and a fake GitHub
Actions environment, install grprojects and its plugins, annotate, write SARIF and a job
summary, and give the exit code as an output. setup-python is GitHub's and is skipped;
pip is replaced by a stand-in that records what it was asked to install."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .conftest import DATA, ROOT

yaml = pytest.importorskip("yaml", reason="PyYAML reads action.yml; it is not installed")

BASH = shutil.which("bash")
SCRIPTS = Path(sys.executable).parent
"""Where the grprojects script of this environment is."""
EXPRESSION = re.compile(r"\$\{\{\s*inputs\.([a-z-]+)\s*\}\}")


def action() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "action.yml").read_text("utf-8"))
    return loaded


def fill(text: str, inputs: dict[str, str]) -> str:
    """``${{ inputs.NAME }}`` replaced as the runner does."""
    return EXPRESSION.sub(lambda m: inputs[m.group(1)], text)


def run_steps(workspace: Path, given: dict[str, str]) -> dict[str, Any]:
    """Run the action's ``run`` steps in order, as a composite action's runner would."""
    definition = action()
    inputs = {name: str(spec.get("default", "")) for name, spec in definition["inputs"].items()}
    inputs |= given
    tools = workspace.parent / "tools"
    tools.mkdir()
    installed = workspace.parent / "installed.txt"
    fake_python = tools / "python"
    fake_python.write_text(f'#!/bin/sh\necho "$@" >> "{installed}"\n', encoding="utf-8")
    fake_python.chmod(0o755)
    summary, output = workspace.parent / "summary.md", workspace.parent / "output.txt"
    environment = {
        "PATH": f"{tools}{os.pathsep}{SCRIPTS}{os.pathsep}{os.environ['PATH']}",
        "HOME": str(workspace.parent),
        "GITHUB_ACTIONS": "true",
        "GITHUB_WORKSPACE": str(workspace),
        "GITHUB_ACTION_PATH": str(ROOT),
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_OUTPUT": str(output),
        "RUNNER_TEMP": str(workspace.parent),
    }
    outputs: dict[str, Any] = {"stdout": "", "codes": []}
    for step in definition["runs"]["steps"]:
        if "uses" in step:
            assert step["uses"].startswith("actions/setup-python@")
            continue
        assert step["shell"] == "bash"
        assert "${{" not in step["run"], "inputs reach scripts through env, never pasted in"
        env = environment | {k: fill(str(v), inputs) for k, v in step.get("env", {}).items()}
        assert BASH is not None
        script = workspace.parent / "step.sh"
        script.write_text(step["run"], encoding="utf-8")
        done = subprocess.run(
            [BASH, "--noprofile", "--norc", "-eo", "pipefail", str(script)],  # as the runner
            cwd=workspace,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        outputs["stdout"] += done.stdout
        outputs["codes"].append(done.returncode)
    outputs["installed"] = installed.read_text("utf-8")
    outputs["summary"] = summary.read_text("utf-8") if summary.exists() else ""
    lines = output.read_text("utf-8").splitlines() if output.exists() else []
    outputs["outputs"] = dict(line.split("=", 1) for line in lines)
    return outputs


@pytest.mark.skipif(BASH is None, reason="bash runs the action's steps; it is not installed")
def test_the_action_annotates_writes_sarif_and_a_summary(tmp_path: Path) -> None:
    """An invalid document: annotations, a SARIF log, a summary, exit code 1 as output."""
    workspace = tmp_path / "workspace"
    (workspace / "data").mkdir(parents=True)
    shutil.copy(DATA / "valid" / "clean.json", workspace / "data" / "clean.json")
    shutil.copy(DATA / "invalid" / "link-self.json", workspace / "data" / "self.json")
    (workspace / "package.json").write_text('{"name": "x"}', encoding="utf-8")
    found = run_steps(
        workspace,
        {"paths": "data/*.json\n", "plugins": "grprojects-goteborg grprojects-sheets"},
    )
    assert found["installed"] == (
        f"-m pip install --disable-pip-version-check {ROOT} grprojects-goteborg grprojects-sheets\n"
    )
    assert found["codes"] == [0, 1]
    assert found["outputs"] == {"sarif-file": "grprojects.sarif", "exit-code": "1"}
    (annotation,) = found["stdout"].splitlines()
    assert annotation.startswith("::error file=data/self.json,line=")
    assert "title=link.self::" in annotation
    log = json.loads((workspace / "grprojects.sarif").read_text("utf-8"))
    (result,) = log["runs"][0]["results"]
    assert result["ruleId"] == "link.self"
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "data/self.json"
    assert found["summary"].startswith("### grprojects validate: invalid\n")
    assert "| [`link.self`](" in found["summary"]


@pytest.mark.skipif(BASH is None, reason="bash runs the action's steps; it is not installed")
def test_the_action_passes_valid_data_and_installs_a_chosen_version(tmp_path: Path) -> None:
    """Valid data: exit code 0; no SARIF when sarif-file is empty; version from PyPI."""
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    shutil.copy(DATA / "valid" / "clean.json", workspace / "clean.json")
    inputs = {"version": "0.1.0", "sarif-file": "", "summary": "false", "args": "--select link"}
    found = run_steps(workspace, inputs)
    assert found["installed"] == "-m pip install --disable-pip-version-check grprojects==0.1.0\n"
    assert found["codes"] == [0, 0]
    assert found["outputs"] == {"sarif-file": "", "exit-code": "0"}
    assert found["stdout"] == ""
    assert found["summary"] == ""
    assert not (workspace / "grprojects.sarif").exists()
