"""The folder of a package's data files (code lists, schemas), read without importing more.

:func:`importlib.resources.files` imports ``tempfile``, ``shutil`` and ``zipfile`` (about
5 ms, a fortieth of a one-file ``validate``) so as to serve packages kept in zip files
too. Installed as files, as a wheel installs, a package's data lies in the folder of
its modules and is read from there; from a zip, importlib.resources serves it.
Either way the result has the :class:`~importlib.resources.abc.Traversable` methods
(``joinpath``, ``iterdir``, ``read_text``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable


def data_folder(module: str, file: str) -> Traversable:
    """The folder of the package holding ``module`` (``__name__``, its ``__file__``)."""
    folder = Path(file).parent
    if folder.is_dir():
        return folder
    from importlib import resources  # a package in a zip file

    return resources.files(module.rpartition(".")[0])
