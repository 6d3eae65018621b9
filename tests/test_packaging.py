"""The package is described as a published library should be: licence, extras, a long
description that works off the repository, a version the CLI and the changelog agree on,
and documentation links that never need the network to build."""

from __future__ import annotations

import re
import runpy
import tomllib
from pathlib import Path
from typing import Any

import click
import pytest

from grprojects import __version__
from grprojects.cli import cli, main
from grprojects.reporting.rules import DOCUMENTATION

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PROJECT: dict[str, Any] = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]

NOT_FEATURES = {"all", "dev", "docs", "bench"}
"""Extras for working on grprojects, not features a user installs it with."""


def test_the_license_file_is_the_license_the_metadata_names() -> None:
    """LICENSE is the MIT licence of grprojects contributors, and the build ships it."""
    text = (ROOT / "LICENSE").read_text("utf-8")
    assert PROJECT["license"] == "MIT"
    assert text.startswith("MIT License\n")
    assert "grprojects contributors" in text.splitlines()[2]
    assert PROJECT["license-files"] == ["LICENSE"]


def test_the_all_extra_installs_every_optional_feature() -> None:
    """``grprojects[all]`` names every feature extra, so a new one cannot be left out."""
    extras = PROJECT["optional-dependencies"]
    (everything,) = extras["all"]
    named = re.fullmatch(r"grprojects\[(.*)\]", everything)
    assert named is not None
    assert set(named.group(1).split(",")) == set(extras) - NOT_FEATURES
    assert "all" in re.findall(r"[\w-]+", extras["dev"][0])


def test_the_project_urls_are_the_documentation_s_address() -> None:
    """The package index links to the documentation's address, the one SARIF help uses,
    and to pages that exist there."""
    urls = PROJECT["urls"]
    assert urls["Documentation"] == DOCUMENTATION
    for url in urls.values():
        page = url.removeprefix(DOCUMENTATION)
        assert url.startswith(DOCUMENTATION)
        assert not page or (DOCS / page).with_suffix(".md").is_file(), url


def _links(markdown: str) -> list[str]:
    return re.findall(r"\]\(([^)]+)\)", markdown)


def test_the_long_description_reads_well_off_the_repository() -> None:
    """The package index's description has only absolute links, each documentation link a
    page of these docs, and does not start with the repository's make commands."""
    readme = ROOT / PROJECT["readme"]
    text = readme.read_text("utf-8")
    assert text.startswith("# grprojects\n\n")
    assert "make " not in text
    links = _links(text)
    assert all(link.startswith("https://") for link in links), links
    pages = [link.removeprefix(DOCUMENTATION) for link in links if link.startswith(DOCUMENTATION)]
    assert len(pages) >= 5
    for page in pages:
        assert (DOCS / page.split("#")[0]).with_suffix(".md").is_file(), page


def test_the_version_is_the_one_the_cli_shows_and_the_changelog_describes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``grprojects --version`` prints the package's version, and the changelog has a
    section for it below Unreleased."""
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"grprojects, version {__version__}\n"
    headings = re.findall(r"^## (.+)$", (DOCS / "changelog.md").read_text("utf-8"), re.MULTILINE)
    assert headings[0] == "Unreleased"
    assert __version__ in headings


def test_intersphinx_reads_committed_inventories_and_never_the_network() -> None:
    """Every intersphinx inventory is a file in docs/_inventories, so the build never fetches."""
    conf = runpy.run_path(str(DOCS / "conf.py"))
    mapping = conf["intersphinx_mapping"]
    assert set(mapping) == {"python", "attrs", "cattrs", "pluggy"}
    for url, inventory in mapping.values():
        assert url.startswith("https://")
        assert Path(inventory).parent == DOCS / "_inventories"
        assert Path(inventory).read_bytes().startswith(b"# Sphinx inventory version 2\n")


def test_the_inventories_are_what_their_generator_writes(tmp_path: Path) -> None:
    """The committed attrs, cattrs and pluggy inventories are make.py's output, unedited."""
    make = runpy.run_path(str(DOCS / "_inventories" / "make.py"))
    for name, (project, entries) in make["OTHERS"].items():
        written = tmp_path / f"{name}.inv"
        make["write"](written, project, [f"{n} {r} 1 {u} -" for n, r, u in entries])
        assert written.read_bytes() == (DOCS / "_inventories" / f"{name}.inv").read_bytes()


def test_the_cli_reference_documents_the_command_group() -> None:
    """docs/cli.md generates its pages from the group ``grprojects`` runs, nested fully."""
    text = (DOCS / "cli.md").read_text("utf-8")
    target = re.search(r"^\.\. click:: ([\w.]+):(\w+)$", text, re.MULTILINE)
    assert target is not None
    assert target.groups() == (cli.callback.__module__, "cli")
    assert isinstance(cli, click.Group)
    assert ":nested: full" in text
