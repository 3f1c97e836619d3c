"""The console in a real browser (Debian's chromium via chromium-driver) against a real HQ on
loopback (PostgreSQL): log in, fail the CSRF check, open the queue, open a duplicate planted by two
laptops' real syncs, see both people's palms load, reject it, and find the decision on the laptop
after its next sync; a reviewer refused the devices page; an unauthenticated request gets the login
page; a locked account cannot log in."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from fieldkit.hq.reviews import get_review, list_reviews
from fieldkit.hq.store import HqStore
from scripts.browser_wait import wait_until_replaced
from storage.store import Store
from tests.conftest import PASSPHRASE
from tests.fieldkit.browser import chrome, images_loaded
from tests.fieldkit.console_helpers import PASSWORD, _sync, add_staff, plant_cross_laptop_duplicate, served

__all__ = ["chrome"]  # note: the fixture, imported so that pytest finds it

pytestmark = pytest.mark.parametrize("hq_backend", ["postgresql"], indirect=True)


@pytest.fixture
def laptop_b(template_store: Path, tmp_path: Path) -> Iterator[Store]:
    path = tmp_path / "laptop-b.db"
    shutil.copyfile(template_store, path)
    opened = Store.open(path, PASSPHRASE)
    yield opened
    opened.close()


def _log_in(driver: Any, url: str, login: str, password: str = PASSWORD, *, here: bool = False) -> None:
    """Fill in the login form (``here``: the one on the current page, which knows where to go next)."""
    from selenium.webdriver.common.by import By

    if not here:
        driver.get(f"{url}/console/login")
    driver.find_element(By.ID, "login").send_keys(login)
    driver.find_element(By.ID, "password").send_keys(password)
    button = driver.find_element(By.ID, "login-submit")
    button.click()
    wait_until_replaced(driver, button)  # the answer's page is in


def _forged_post(driver: Any, action: str, fields: dict[str, str]) -> None:
    """Submit a form the page did not render (as a forged or stale form would)."""
    driver.execute_script(
        "const f = document.createElement('form'); f.method = 'post'; f.action = arguments[0];"
        "for (const [k, v] of Object.entries(arguments[1])) {"
        "  const i = document.createElement('input'); i.type = 'hidden'; i.name = k; i.value = v;"
        "  f.appendChild(i); }"
        "document.body.appendChild(f); f.submit();",
        action,
        fields,
    )


def test_reviewer_decides_a_cross_laptop_duplicate_in_the_browser(
    chrome: Any, store: Store, laptop_b: Store, hq_home: Path
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    add_staff(hq_home, "wang", "reviewer")
    with served(hq_home) as url:
        plant_cross_laptop_duplicate(store, laptop_b, hq_home, url)
        hq = HqStore.open(hq_home)
        try:
            review_id = next(r.id for r in list_reviews(hq) if r.kind == "duplicate")
        finally:
            hq.close()
        # unauthenticated: the login page, remembering where the reviewer wanted to go
        chrome.get(f"{url}/console/reviews/{review_id}")
        assert "/console/login" in chrome.current_url and chrome.find_element(By.ID, "login-form")
        _log_in(chrome, url, "wang", here=True)
        WebDriverWait(chrome, 30).until(lambda d: f"/console/reviews/{review_id}" in d.current_url)
        # CSRF: a decision without the token, and with a wrong one, is refused and changes nothing
        action = f"{url}/console/reviews/{review_id}/decide"
        for fields in (
            {"outcome": "reject", "note": "x"},
            {"outcome": "reject", "note": "x", "csrf_token": "forged"},
        ):
            chrome.get(f"{url}/console/reviews/{review_id}")  # each refusal must be a new page
            assert not chrome.find_elements(By.ID, "refused")
            _forged_post(chrome, action, fields)
            WebDriverWait(chrome, 30).until(lambda d: d.find_elements(By.ID, "refused"))
            assert "CSRF" in chrome.page_source
        hq = HqStore.open(hq_home)
        try:
            assert get_review(hq, review_id).status == "open"
        finally:
            hq.close()
        # the queue, then the item from its link
        chrome.get(f"{url}/console/reviews?kind=duplicate")
        assert chrome.find_element(By.ID, "total").text == "1"
        chrome.find_element(By.ID, f"open-{review_id}").click()
        WebDriverWait(chrome, 30).until(lambda d: d.find_elements(By.ID, "decide-form"))
        sides = chrome.find_elements(By.CSS_SELECTOR, "#sides .person")
        assert len(sides) == 2
        widths = images_loaded(chrome, "#sides img.palm")
        assert len(widths) == 4 and all(w > 0 for w in widths), widths
        for side in sides:
            assert len(side.find_elements(By.CSS_SELECTOR, "img.palm")) == 2
        chrome.find_element(By.ID, "outcome-reject").click()
        chrome.find_element(By.ID, "note").send_keys("同一手掌已在另一区登记")
        chrome.find_element(By.ID, "decide").click()
        WebDriverWait(chrome, 30).until(lambda d: d.find_elements(By.ID, "decided"))
        assert chrome.find_element(By.ID, "status").text == "已驳回"
        # the laptop that sent the enrollment learns the decision at its next sync
        assert _sync(laptop_b, hq_home, url).decisions.get("review_recorded") == 1
        recorded = [c for c in laptop_b.cases.list(status=None) if c.kind == "hq_duplicate"]
        assert len(recorded) == 1 and recorded[0].status == "rejected"
        # a reviewer is refused the administrators' devices page
        chrome.get(f"{url}/console/devices")
        assert chrome.find_element(By.ID, "refused") and "403" in chrome.page_source


def test_locked_account_cannot_log_in_in_the_browser(chrome: Any, hq_home: Path) -> None:
    from selenium.webdriver.common.by import By

    add_staff(hq_home, "li", "reviewer", name="李")
    with served(hq_home) as url:
        for _ in range(5):
            _log_in(chrome, url, "li", "wrong password")
            assert chrome.find_element(By.ID, "login-error")
        _log_in(chrome, url, "li")
        assert "/console/login" in chrome.current_url and chrome.find_element(By.ID, "login-error")
        chrome.get(f"{url}/console/reviews")
        assert "/console/login" in chrome.current_url
        assert not chrome.get_cookie("fk_console")
