"""Fixtures for the browser tests: Debian's chromium driven by Playwright's sync API.

The browser is never downloaded: it is launched from ``/usr/bin/chromium``. When a test
fails, a full-page screenshot of its page lands in ``test-artifacts/<test name>.png``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API keeps an event loop running in the test thread; without this,
# Django refuses to touch the database from that thread ("async unsafe" context).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from playwright.sync_api import Browser, Page, expect, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[4] / "test-artifacts"
HERE = Path(__file__).resolve().parent
BROWSER_MODULES = "test_browser*.py"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test of this directory's browser test modules (``test_browser*.py``) carries the
    ``browser`` marker."""
    for item in items:
        path = Path(str(item.path))
        if path.parent == HERE and fnmatch(path.name, BROWSER_MODULES):
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """Keep each phase's report on the item (``item.rep_setup``, ``item.rep_call``, ...)."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


def artifact_path(name: str) -> Path:
    """A file under test-artifacts/, the directory created if needed."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS / name


@pytest.fixture
def artifact() -> Callable[[str], Path]:
    """``artifact("name.png")``: where to save a file under test-artifacts/."""
    return artifact_path


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield chromium
        finally:
            chromium.close()


def _open_page(
    browser: Browser, request: pytest.FixtureRequest, locale: str = "zh-CN", **options: Any
) -> Iterator[Page]:
    context = browser.new_context(locale=locale, accept_downloads=True, **options)
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        yield page
    finally:
        report = getattr(request.node, "rep_call", None)
        if report is not None and report.failed:
            name = re.sub(r"[^\w.-]+", "_", request.node.name)
            try:
                page.screenshot(path=str(artifact_path(f"{name}.png")), full_page=True)
            except Exception as error:  # a screenshot must not hide the failure
                print(f"could not save a screenshot of {name}: {error}")  # noqa: T201
        context.close()


@pytest.fixture
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A desktop-sized page in a fresh browser context, speaking Simplified Chinese."""
    yield from _open_page(browser, request, viewport={"width": 1280, "height": 800})


@pytest.fixture
def en_page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A desktop-sized page in a fresh browser context that asks for English (``en-US``)."""
    yield from _open_page(browser, request, locale="en-US", viewport={"width": 1280, "height": 800})


@pytest.fixture
def phone_page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A phone-sized page (390 CSS pixels wide) in a fresh browser context."""
    yield from _open_page(
        browser, request, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )


@pytest.fixture
def sign_in(live_server: Any) -> Callable[[Page, str, str], None]:
    """``sign_in(page, username, password)`` signs in through the login form, as a person would,
    and waits for the dashboard."""

    def sign_in_as(page: Page, username: str, password: str) -> None:
        page.goto(live_server.url + "/accounts/login/")
        page.locator("#id_identifier").fill(username)
        page.locator("#id_password").fill(password)
        page.locator("main form button[type=submit]").click()
        page.wait_for_url(live_server.url + "/")
        expect(page).to_have_url(live_server.url + "/")

    return sign_in_as
