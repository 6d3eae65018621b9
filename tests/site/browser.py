"""Headless Chromium from the distribution, driven by Playwright without downloading a browser.

Shared by the browser tests and ``make screenshots``. Playwright's driver ships in
its wheel; the browser is Debian's ``chromium`` (``.ci/run`` installs it), never one
Playwright would fetch.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext

CHROMIUM: Final = shutil.which("chromium") or "/usr/bin/chromium"
ARGUMENTS: Final = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def missing() -> str | None:
    """Why the browser cannot run here, or ``None`` when it can."""
    if not Path(CHROMIUM).exists():
        return "Debian's chromium is not installed (.ci/run installs it: apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401 - only whether it imports
    except ImportError:
        return "playwright is not installed (it is in the dev extra)"
    return None


@contextmanager
def browser_context(**options: object) -> Iterator[BrowserContext]:
    """A fresh headless Chromium profile that can reach nothing but ``file:`` URLs."""
    from playwright.sync_api import sync_playwright

    with (
        tempfile.TemporaryDirectory(prefix="grprojects-chromium-") as profile,
        sync_playwright() as playwright,
    ):
        context = playwright.chromium.launch_persistent_context(
            profile,
            executable_path=CHROMIUM,
            headless=True,
            args=list(ARGUMENTS),
            **options,  # type: ignore[arg-type]  # viewport and the like, passed through
        )
        context.route(
            lambda url: not url.startswith(("file:", "data:")),
            lambda route: route.abort(),
        )
        try:
            yield context
        finally:
            context.close()
