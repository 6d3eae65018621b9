"""The validation docs keep up with the code: every check documented, every exit code and
format explained, the pre-commit hook usable."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from grprojects.checks import CHECKS
from grprojects.cli import config as configuration
from grprojects.cli.validate import validate
from grprojects.converter import MAX_FREE_DEPTH
from grprojects.formats._archive import MAX_ROWS
from grprojects.formats._cell_limit import MAX_CELL_TEXT
from grprojects.limits import DEFAULT_INPUT_LIMIT
from grprojects.model.fields import LARGEST_WHOLE_NUMBER
from grprojects.model.values import FIRST_YEAR, LAST_YEAR
from grprojects.reporting import FORMATS
from grprojects.reporting.rules import builtin_rules, reference_markdown

from .conftest import ROOT

DOCS = ROOT / "docs" / "validation"


def test_checks_reference_is_generated_from_the_checks() -> None:
    """docs/validation/checks.md is exactly what the rules generate.

    Regenerate it with:
    python -c "from grprojects.reporting.rules import write_reference; write_reference()"
    """
    published = (DOCS / "checks.md").read_text("utf-8")
    assert published == reference_markdown(builtin_rules())


def test_every_check_has_a_section_in_the_reference() -> None:
    """Each built-in check code is a heading of the checks reference, with its summary."""
    text = (DOCS / "checks.md").read_text("utf-8")
    headings = set(re.findall(r"^### `([^`]+)`$", text, re.MULTILINE))
    undocumented = {check.code for check in CHECKS} - headings
    assert undocumented == set()
    for check in CHECKS:
        assert check.summary in text


def test_every_check_is_fully_documented() -> None:
    """Each check has a one-line summary, an explanation and two different examples."""
    for check in CHECKS:
        assert "\n" not in check.summary, check.code
        assert check.summary.endswith("."), check.code
        assert len(check.explanation) >= 80, check.code
        assert check.failing_example, check.code
        assert check.passing_example, check.code
        assert check.failing_example != check.passing_example, check.code
        assert re.fullmatch(r"[a-z]+(\.[a-z0-9-]+)+", check.code), check.code


def test_ci_guide_explains_exit_codes_and_formats() -> None:
    """The CI page has a row for each exit code and a section for each output format."""
    text = (DOCS / "ci.md").read_text("utf-8")
    for code in range(4):
        assert re.search(rf"^\| {code} \| \S", text, re.MULTILINE), code
    for name in FORMATS:
        assert re.search(rf"^`{name}`", text, re.MULTILINE), name


def test_pre_commit_hook_runs_the_installed_command() -> None:
    """The hook's entry is the package's own script, and it takes JSON and JSON Lines files."""
    yaml = pytest.importorskip("yaml", reason="PyYAML reads the hook file; it is not installed")
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert hook["id"] == "grprojects-validate"
    assert hook["language"] == "python"
    script, command, *options = hook["entry"].split()
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["scripts"]
    assert script in scripts
    assert command == "validate"
    assert options == ["--only-documents", "--force-exclude"]
    files = re.compile(hook["files"])
    assert files.search("data/p.json")
    assert files.search("data/p.jsonl")
    assert not files.search("data/p.json.txt")


def _blocks(language: str) -> list[str]:
    """The fenced code blocks of the CI page in ``language``."""
    text = (DOCS / "ci.md").read_text("utf-8")
    return re.findall(rf"^```{language}\n(.*?)^```", text, re.MULTILINE | re.DOTALL)


def test_the_config_example_is_accepted(tmp_path: Path) -> None:
    """The pyproject.toml example of the CI page loads, every key of it understood."""
    (toml,) = _blocks("toml")
    (tmp_path / "pyproject.toml").write_text(toml, encoding="utf-8")
    settings = configuration.load(validate, tmp_path)
    assert settings.defaults["fail_on"] == "warning"
    assert settings.block == ("grprojects-sheets",)
    listed = re.search(r"The keys are (.*?), and the\s+`plugins` table", ci_text(), re.DOTALL)
    assert listed is not None
    assert re.findall(r"`([a-z-]+)`", listed.group(1)) == list(configuration.OPTIONS)


def ci_text() -> str:
    return (DOCS / "ci.md").read_text("utf-8")


def test_the_yaml_examples_use_what_exists() -> None:
    """The workflow, GitLab and pre-commit examples parse, and name real inputs, hooks and
    formats."""
    yaml = pytest.importorskip("yaml", reason="PyYAML reads the examples; it is not installed")
    blocks = [yaml.safe_load(block) for block in _blocks("yaml")]
    inputs = yaml.safe_load((ROOT / "action.yml").read_text("utf-8"))["inputs"]
    workflow = blocks[0]["jobs"]["validate"]["steps"]
    (ours,) = [step for step in workflow if "grprojects@" in step.get("uses", "")]
    assert set(ours["with"]) <= set(inputs)
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    config = next(b for b in blocks if isinstance(b, dict) and "repos" in b)
    assert config["repos"][0]["hooks"][0]["id"] == hook["id"]
    used = set(re.findall(r"--format (\w+)", ci_text()))
    assert used <= set(FORMATS)
    assert {"github", "sarif", "gitlab", "junit", "markdown"} <= used
    gitlab = next(b for b in blocks if isinstance(b, dict) and "validate" in b)
    assert set(gitlab["validate"]["artifacts"]["reports"]) == {"codequality", "junit"}


def test_the_limits_page_states_the_limits_the_code_enforces() -> None:
    """Each limit on the robustness page is the figure its constant holds."""
    page = (DOCS / "limits.md").read_text("utf-8")
    assert DEFAULT_INPUT_LIMIT == 1 << 30
    assert "| 1 GiB;" in page
    assert f"{MAX_FREE_DEPTH} levels" in page
    assert f"{FIRST_YEAR:04d}–{LAST_YEAR}" in page
    assert LARGEST_WHOLE_NUMBER == 2**53 - 1
    assert f"2⁵³ − 1 ({LARGEST_WHOLE_NUMBER:,})" in page
    assert f"{MAX_CELL_TEXT:,} characters" in page
    assert f"{MAX_ROWS:,} rows" in page
