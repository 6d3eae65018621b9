"""The page on building data in Python is true: its examples run and print what it shows."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

PAGE = Path(__file__).parents[2] / "docs" / "building.md"


def test_the_building_page_examples_run() -> None:
    """Every ``pycon`` example on docs/building.md, run as one session, gives its output."""
    examples = re.findall(r"```pycon\n(.*?)```", PAGE.read_text("utf-8"), re.DOTALL)
    assert len(examples) >= 6
    session = "\n".join(examples)  # one page, one session: later examples use earlier names
    parser = doctest.DocTestParser()
    test = parser.get_doctest(session, {}, "docs/building.md", str(PAGE), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    result = runner.run(test)
    assert (result.failed, result.attempted) == (0, len(test.examples))
    assert result.attempted >= 20
