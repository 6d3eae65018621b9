"""LibreOffice run headless, for the tests that read its saves of our exports.

The saves are committed (``fixtures/libreoffice``) so the tests run without it too.
After a change of the layout (a new field is a new column, which the old saves lack),
remake them with ``python -m tests.formats.libreoffice``.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from grprojects import load
from grprojects.formats import write_dataset
from tests.formats.conftest import EXAMPLE

SOFFICE = shutil.which("soffice")
"""LibreOffice's command, or ``None`` where it is not installed."""
FIXTURES = Path(__file__).parent / "fixtures" / "libreoffice"
RESAVED_XLSX = FIXTURES / "gr-projects.resaved.xlsx"
"""Our XLSX export of the example, opened in LibreOffice and saved as XLSX."""
LIBREOFFICE_ODS = FIXTURES / "gr-projects.ods"
"""Our XLSX export of the example, opened in LibreOffice and saved as ODS."""


def convert_all(sources: list[Path], to: str, folder: Path) -> None:
    """``sources`` opened in LibreOffice and saved as ``to`` (``xlsx``, ``ods``) in ``folder/out``.

    One start of LibreOffice for all of them, with a fresh profile in ``folder``: a
    profile shared between runs lets one run (a parallel test worker, another
    checkout) block the next. LibreOffice and its children are one process group,
    killed whole if it does not finish in time, so none is left behind.
    """
    assert SOFFICE is not None, "LibreOffice (soffice) is not installed"
    profile = (folder / "libreoffice-profile").as_uri()
    command = [SOFFICE, f"-env:UserInstallation={profile}", "--headless"]
    command += ["--convert-to", to, "--outdir", str(folder / "out"), *map(str, sources)]
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    ) as process:
        try:
            _, error = process.communicate(timeout=180)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise
    if process.returncode != 0:
        raise subprocess.CalledProcessError(process.returncode, command, stderr=error)


def convert(source: Path, to: str, folder: Path) -> Path:
    """``source`` saved by LibreOffice as ``to`` in ``folder/out``; the path it has there."""
    convert_all([source], to, folder)
    return folder / "out" / f"{source.stem}.{to}"


def remake() -> None:
    """Export the example as XLSX and let LibreOffice save it as XLSX and as ODS."""
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        source = folder / "gr-projects.xlsx"
        write_dataset(load(EXAMPLE), source)
        shutil.copyfile(convert(source, "xlsx", folder), RESAVED_XLSX)
        shutil.copyfile(convert(source, "ods", folder), LIBREOFFICE_ODS)


if __name__ == "__main__":
    remake()
    print(f"wrote {RESAVED_XLSX} and {LIBREOFFICE_ODS}")
