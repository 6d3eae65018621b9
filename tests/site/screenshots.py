"""``make screenshots``: the report site of the example data, photographed for the docs.

python -m tests.site.screenshots docs/report
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import grprojects
from grprojects.site import write_site

from .browser import browser_context, missing

EXAMPLE = Path(__file__).parents[2] / "examples" / "gr-projects.json"
SHOTS = {
    "report-index.png": ("index.html", 1100, 1250),
    "report-project.png": ("projects/nya-grannar.html", 1100, 1450),
    "report-organisation.png": ("organisations/gr.html", 1100, 1250),
    "report-phone.png": ("projects/foraldrastod-for-nyanlanda.html", 390, 844),
}
"""File name → (page, viewport width and height)."""


def main(folder: Path) -> None:
    """Write the site into a temporary folder and save each screenshot into ``folder``."""
    why = missing()
    if why:
        sys.exit(f"screenshots: {why}")
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as temporary:
        site = Path(temporary) / "site"
        write_site(grprojects.load(EXAMPLE), site)
        with browser_context() as context:
            page = context.new_page()
            for name, (path, width, height) in SHOTS.items():
                page.set_viewport_size({"width": width, "height": height})
                page.goto((site / path).as_uri())
                page.screenshot(path=str(folder / name))
                print(folder / name)


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/report"))
