"""A headless Chromium page for the view tests (Debian's chromium, driven by Playwright)."""
from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM = os.environ.get("KG_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium); set KG_CHROMIUM")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


class Page:
    """A loaded page with the requests it made and the console errors it logged."""

    def __init__(self, browser, path) -> None:
        self.page = browser.new_page(viewport={"width": 1280, "height": 800})
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.errors.append(f"dialog: {d.message}"), d.dismiss()))
        self.page.goto(path.resolve().as_uri())
        self.wait_for("window.kgReady === true")

    def wait_for(self, expression: str, timeout: float = 20.0) -> None:
        """Poll from Python: the page's CSP forbids the eval that wait_for_function needs."""
        import time

        deadline = time.monotonic() + timeout
        while not self.page.evaluate(expression):
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {expression}")
            self.page.wait_for_timeout(50)


@pytest.fixture
def open_page(browser):
    pages = []

    def open_(path):
        page = Page(browser, path)
        pages.append(page)
        return page

    yield open_
    for page in pages:
        page.page.close()
