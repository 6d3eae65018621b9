"""Running the outside JavaScript tools of this folder (Ajv, VS Code's JSON language service).

They are npm packages pinned in ``package.json`` and ``package-lock.json`` beside this file
and installed into its ``node_modules`` (git-ignored) by ``npm ci``, which ``.ci/run`` does.
A test that needs them is skipped, saying why, where node or the packages are missing.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
INSTALL = f"npm ci --prefix {HERE.relative_to(HERE.parents[1])}"


def run_node(script: str, job: Any, *, needs: tuple[str, ...]) -> Any:
    """Run ``script`` of this folder with the JSON ``job`` on its standard input; its JSON
    answer. Skips when node, or one of the npm packages ``needs``, is not installed."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed (.ci/run installs nodejs and npm)")
    missing = [name for name in needs if not (HERE / "node_modules" / name).is_dir()]
    if missing:
        pytest.skip(f"npm packages {', '.join(missing)} are not installed (run `{INSTALL}`)")
    done = subprocess.run(
        [node, str(HERE / script)],
        input=json.dumps(job),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)
