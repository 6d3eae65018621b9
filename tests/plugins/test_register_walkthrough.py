"""The walkthrough "Writing a converter for your own register" runs as the page shows it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from grprojects.testing import isolated_runtime

PAGE = Path(__file__).parents[2] / "docs" / "sources" / "own-register.md"


def test_the_walkthroughs_importer_passes_the_walkthroughs_tests(tmp_path: Path) -> None:
    """The importer of section 2 passes the tests of section 4, and its codes are explained."""
    importer, tests = re.findall(r"```python\n(.*?)```", PAGE.read_text("utf-8"), re.DOTALL)
    namespace: dict[str, Any] = {"__name__": "grprojects_fyrbodal"}
    exec(compile(importer + tests, "grprojects_fyrbodal", "exec"), namespace)  # noqa: S102 - the page's own code
    ran = []
    for name, test in list(namespace.items()):
        if name.startswith("test_"):
            folder = tmp_path / name
            folder.mkdir()
            test(folder)
            ran.append(name)
    assert len(ran) == 2
    from grprojects.reporting.rules import rules

    class Plugin:
        register_importers = staticmethod(namespace["register_importers"])

    known = rules(isolated_runtime(Plugin()))
    assert known["fyrbodal.bad-orgnr"].summary.startswith("An organisationsnummer cannot")


def test_the_walkthroughs_register_is_the_one_its_tests_read() -> None:
    """The register shown in section 1 is the text the tests of section 4 import."""
    text = PAGE.read_text("utf-8")
    (shown,) = re.findall(r"```text\n(Diarienummer.*?)```", text, re.DOTALL)
    assert f'REGISTER = """{shown}"""' in text
