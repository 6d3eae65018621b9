"""The report site in a real browser: Debian's headless Chromium, one instance for all tests.

Skipped, saying why, where Chromium or Playwright is absent; ``.ci/run`` installs
Chromium. Every page is loaded once and its console, errors and requests recorded.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from .browser import browser_context, missing
from .conftest import pages

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page

pytestmark = pytest.mark.skipif(missing() is not None, reason=str(missing()))

SERIOUS = {"serious", "critical"}


@pytest.fixture(scope="module")
def context() -> Iterator[BrowserContext]:
    """One headless Chromium for the module, reaching nothing but files."""
    with browser_context(viewport={"width": 1100, "height": 900}) as opened:
        yield opened


@pytest.fixture(scope="module")
def page(context: BrowserContext) -> Page:
    """One tab, reused page after page."""
    return context.new_page()


def _visit(page: Page, path: Path) -> list[str]:
    """Open ``path``; return its console errors, uncaught errors and outside requests."""
    problems: list[str] = []

    def console(message: Any) -> None:
        if message.type in {"error", "warning"}:
            problems.append(f"console {message.type}: {message.text}")

    def error(exception: Any) -> None:
        problems.append(f"page error: {exception}")

    def request(request: Any) -> None:
        if not request.url.startswith(("file:", "data:")):
            problems.append(f"request to {request.url}")

    page.on("console", console)
    page.on("pageerror", error)
    page.on("request", request)
    try:
        page.goto(path.as_uri(), wait_until="load")
    finally:
        page.remove_listener("console", console)
        page.remove_listener("pageerror", error)
        page.remove_listener("request", request)
    return problems


def test_every_page_loads_without_errors_or_requests(page: Page, public_site: Path) -> None:
    """No console error or warning, no script error and no request beyond the site's files."""
    found = {
        str(path.relative_to(public_site)): problems
        for path in pages(public_site)
        if (problems := _visit(page, path))
    }
    assert found == {}


MARKERS_OPEN_THEIR_SOURCES = """() => Array.from(document.querySelectorAll("sup.cite a")).map(a => {
    a.click();
    const entry = document.querySelector(":target");
    const box = entry && entry.getBoundingClientRect();
    const cite = entry && entry.querySelector("cite");
    return {
        href: a.getAttribute("href"),
        hash: location.hash,
        title: cite ? cite.textContent : null,
        inView: !!box && box.top >= 0 && box.top < innerHeight,
    };
})"""


def test_every_source_marker_opens_its_source(page: Page, public_site: Path) -> None:
    """Clicking a marker brings its numbered source, with its title, into view.

    The first marker is clicked with the mouse, the rest from the page's script (the
    same click, without a round trip per marker).
    """
    _visit(page, public_site / "projects" / "nya-grannar.html")
    page.locator("sup.cite a").first.click()
    assert page.evaluate("location.hash") == "#cite-1"
    assert page.locator("#cite-1").is_visible()
    checked = []
    for path in [
        *sorted((public_site / "projects").glob("*.html")),
        public_site / "organisations" / "gr.html",
    ]:
        _visit(page, path)
        for marker in page.evaluate(MARKERS_OPEN_THEIR_SOURCES):
            assert marker["hash"] == marker["href"], (path.name, marker)
            assert marker["title"], (path.name, marker)
            assert marker["inView"], (path.name, marker)
            checked.append(marker)
    assert len(checked) > 50


def test_the_filters_show_only_the_projects_that_fit(page: Page, public_site: Path) -> None:
    """A municipality or funder hides the projects without it and says how many are shown."""
    _visit(page, public_site / "index.html")
    rows = page.locator("#project-rows > li")
    assert page.locator("#shown").inner_text() == "Visar 2 av 2 projekt."
    page.select_option("select[name=municipalities]", "alingsås")
    assert [rows.nth(i).is_visible() for i in range(2)] == [True, False]
    assert page.locator("#shown").inner_text() == "Visar 1 av 2 projekt."
    page.select_option("select[name=municipalities]", "")
    page.select_option("select[name=funders]", "länsstyrelsen")
    assert [rows.nth(i).is_visible() for i in range(2)] == [False, True]
    page.select_option("select[name=years]", "2016")
    assert page.locator("#shown").inner_text() == "Visar 0 av 2 projekt."
    page.click("button[type=reset]")
    page.wait_for_function("document.querySelectorAll('#project-rows > li[hidden]').length == 0")


@pytest.mark.parametrize(
    "path",
    ["index.html", "projects/nya-grannar.html", "organisations/gr.html"],
)
def test_no_serious_accessibility_violations(page: Page, public_site: Path, path: str) -> None:
    """axe-core finds nothing serious or critical on the index, a project and an organisation."""
    from axe_playwright_python.sync_playwright import Axe

    _visit(page, public_site / path)
    violations = Axe().run(page).response["violations"]
    assert [(v["id"], v["help"]) for v in violations if v["impact"] in SERIOUS] == []


def test_the_keyboard_reaches_the_skip_link_first_and_it_moves_focus(
    page: Page, public_site: Path
) -> None:
    """Tab lands on 'Hoppa till innehållet', Enter moves to the main content."""
    _visit(page, public_site / "projects" / "nya-grannar.html")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Hoppa till innehållet"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_the_pages_fit_a_phone(context: BrowserContext, public_site: Path) -> None:
    """At 375 pixels nothing is wider than the screen, so nothing scrolls sideways."""
    phone = context.new_page()
    phone.set_viewport_size({"width": 375, "height": 700})
    try:
        for path in (
            "index.html",
            "projects/foraldrastod-for-nyanlanda.html",
            "organisations/gr.html",
        ):
            _visit(phone, public_site / path)
            width = phone.evaluate("document.documentElement.scrollWidth")
            assert width <= 375, path
    finally:
        phone.close()
