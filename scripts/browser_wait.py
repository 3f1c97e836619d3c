"""Waiting for the next page in headless Chromium, shared by the console screenshot script and the
browser tests."""

from __future__ import annotations

from typing import Any


def wait_until_replaced(driver: Any, element: Any, timeout: float = 30) -> None:
    """Wait until ``element`` (of the page before a click) is gone: the next page is in.

    Why not selenium's ``staleness_of`` alone: while chromium swaps documents, asking about the old
    node can fail with a generic "Node with given id does not belong to the document" error instead
    of a stale-element one, and ``staleness_of`` lets that through as a test failure (seen on CI).
    Both answers mean the same thing here: the old page is gone.
    """
    from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
    from selenium.webdriver.support.ui import WebDriverWait

    def gone(_: Any) -> bool:
        try:
            element.is_enabled()
        except StaleElementReferenceException:
            return True
        except WebDriverException as exc:
            if "does not belong to the document" in str(exc):
                return True
            raise
        return False

    WebDriverWait(driver, timeout).until(gone)
