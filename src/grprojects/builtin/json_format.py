"""The native format: canonical grprojects JSON, read and written as a plugin."""

from __future__ import annotations

from pathlib import Path

from ..hookspecs import hookimpl
from ..io import dump, load
from ..model import Dataset
from ..plugin_types import Exporter, Importer


def _read(path: Path) -> Dataset:
    dataset: Dataset = load(path)
    return dataset


def _write(dataset: Dataset, path: Path) -> list[str]:
    dump(dataset, path)
    return []


@hookimpl
def register_importers() -> list[Importer]:
    """The JSON importer."""
    return [Importer("json", "grprojects JSON (a dataset document)", (".json",), _read)]


@hookimpl
def register_exporters() -> list[Exporter]:
    """The JSON exporter."""
    return [Exporter("json", "grprojects JSON, canonical form", (".json",), _write)]
