"""Debian's chromium driven by Selenium through Debian's chromium-driver (no browser download).

Why a skip only when both the browser is absent and ``$FIELDKIT_REQUIRE_BROWSER`` is unset: a
developer without chromium can still run the rest, but CI (which installs it and sets the variable)
can never pass without having driven the console in a real browser.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("FIELDKIT_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("FIELDKIT_CHROMEDRIVER", "/usr/bin/chromedriver")
WIDTH, HEIGHT = 1366, 768


def browser_missing() -> str | None:
    """Why there is no browser to drive (None if there is)."""
    for path in (CHROMIUM, CHROMEDRIVER):
        if not Path(path).is_file() or not os.access(path, os.X_OK):
            return f"{path} is not installed (Debian packages chromium and chromium-driver)"
    return None


@pytest.fixture
def chrome() -> Iterator[Any]:
    """A fresh headless chromium (own profile, no network services), closed after the test."""
    missing = browser_missing()
    if missing:
        if os.environ.get("FIELDKIT_REQUIRE_BROWSER"):
            pytest.fail(f"FIELDKIT_REQUIRE_BROWSER is set but {missing}")
        pytest.skip(missing)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="fieldkit-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--lang=zh-CN",
        f"--window-size={WIDTH},{HEIGHT}",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def images_loaded(driver: Any, css: str) -> list[int]:
    """naturalWidth of every image matching ``css`` once each has finished loading (0 = broken)."""
    from selenium.webdriver.support.ui import WebDriverWait

    script = (
        "return Array.from(document.querySelectorAll(arguments[0]))"
        ".map(i => i.complete ? i.naturalWidth : -1);"
    )
    WebDriverWait(driver, 30).until(lambda d: all(w >= 0 for w in d.execute_script(script, css)))
    widths: list[int] = driver.execute_script(script, css)
    return widths
