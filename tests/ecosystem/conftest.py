"""The corpus of documents, with grprojects' verdicts, that the outside tools are asked about."""

from __future__ import annotations

import pytest

from .corpus import Document, corpus


@pytest.fixture(scope="session")
def documents(tmp_path_factory: pytest.TempPathFactory) -> list[Document]:
    """Every corpus document and grprojects' schema verdict on it (built once)."""
    return corpus(tmp_path_factory.mktemp("corpus"))
