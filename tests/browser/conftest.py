"""Browser tests: the app served on a local port, Debian's chromium driven by Playwright, axe-core
(from npm) auditing each page against WCAG 2.2 A and AA."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright
from werkzeug.serving import make_server

from coprod import create_app
from coprod.config import PROJECT_ROOT
from coprod.jobs.inprocess import stop_workers

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
AXE = (PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PHONE = {"width": 390, "height": 844}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def base_url(database_url: str, engine: Any, instance_path: Path) -> Iterator[str]:
    """The app on a free local port, on the test database, for the whole run."""
    app = create_app(
        {
            "INSTANCE_PATH": str(instance_path),
            "DATABASE_URL": database_url,
            "SESSION_COOKIE_SECURE": False,
            "SECRET_KEY": "a secret for browser tests only",
        }
    )
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    stop_workers(app)
    app.extensions["coprod.engine"].dispose()


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as running:
        yield running


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"{CHROMIUM} is missing: apt-get install chromium (.ci/run does this)")
    launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
    yield launched
    launched.close()


def phone_context(browser: Browser, javascript: bool) -> BrowserContext:
    """A fresh phone-sized browser context, with JavaScript on or off."""
    context = browser.new_context(
        viewport=PHONE, java_script_enabled=javascript, device_scale_factor=1
    )
    context.set_default_timeout(15_000)
    return context


def serious_violations(page: Page, auditor: Page | None = None) -> list[str]:
    """axe-core's serious and critical WCAG 2.2 A/AA violations on the page as it is now.

    A page with JavaScript off cannot run axe, so pass an ``auditor``: a page with JavaScript on
    that is served exactly the same HTML (with our own script blocked), styles and all.
    """
    page.wait_for_load_state("load")  # styles applied, or small unstyled links look like faults
    target = page
    if auditor is not None:
        html, url = page.content(), page.url
        auditor.unroute("**/*")
        auditor.route("**/app.js", lambda route: route.abort())
        auditor.route(
            url, lambda route: route.fulfill(body=html, content_type="text/html; charset=utf-8")
        )
        auditor.goto(url, wait_until="load")
        target = auditor
    target.evaluate(AXE + "\n;0")
    results: list[str] = target.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
            return result.violations
              .filter((v) => v.impact === "serious" || v.impact === "critical")
              .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
        }""",
        WCAG_TAGS,
    )
    return [f"{page.url}: {r}" for r in results]
