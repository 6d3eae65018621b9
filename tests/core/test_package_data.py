"""Package data is read from the package's folder, or through importlib.resources from a zip."""

from __future__ import annotations

import importlib
import sys
import zipfile
from pathlib import Path

import pytest

import grprojects.codelists
from grprojects._package_data import data_folder


def test_an_installed_package_reads_its_own_folder() -> None:
    """grprojects on disk: the folder of its modules, the code lists in it."""
    folder = data_folder(grprojects.codelists.__name__, grprojects.codelists.__file__)
    assert folder == Path(grprojects.codelists.__file__).parent
    assert folder.joinpath("codelists", "county.json").is_file()


def test_a_package_in_a_zip_file_is_read_through_importlib_resources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A package imported from a zip file has no folder on disk: its data is still read."""
    archive = tmp_path / "packed.zip"
    with zipfile.ZipFile(archive, "w") as packed:
        packed.writestr("zipped_data_pkg/__init__.py", "")
        packed.writestr("zipped_data_pkg/reader.py", "")
        packed.writestr("zipped_data_pkg/lists/one.json", '{"id": "one"}')
    monkeypatch.syspath_prepend(str(archive))
    monkeypatch.delitem(sys.modules, "zipped_data_pkg", raising=False)
    monkeypatch.delitem(sys.modules, "zipped_data_pkg.reader", raising=False)
    module = importlib.import_module("zipped_data_pkg.reader")
    assert module.__file__ is not None
    folder = data_folder(module.__name__, module.__file__)
    assert not isinstance(folder, Path)
    assert folder.joinpath("lists", "one.json").read_text("utf-8") == '{"id": "one"}'
    assert [item.name for item in folder.joinpath("lists").iterdir()] == ["one.json"]
