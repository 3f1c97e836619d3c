"""The operations pages in a real browser (Debian's chromium via chromium-driver) against a real HQ
on loopback (PostgreSQL): an administrator registers a device through the form, binds its regions
and revokes it (ticking the confirmation); a reviewer is refused the devices and staff pages and
sees no link to them; the reconciliation PDF downloads as a real PDF."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from fieldkit.hq.console import staff_audit
from fieldkit.hq.device_regions import regions_of
from fieldkit.hq.store import HqStore
from fieldkit.wire import keys as wire_keys
from scripts.browser_wait import wait_until_replaced
from tests.fieldkit.browser import chrome
from tests.fieldkit.console_helpers import PASSWORD, add_staff, served

__all__ = ["chrome"]  # note: the fixture, imported so that pytest finds it

pytestmark = pytest.mark.parametrize("hq_backend", ["postgresql"], indirect=True)


def _log_in(driver: Any, url: str, login: str) -> None:
    from selenium.webdriver.common.by import By

    driver.get(f"{url}/console/login")
    driver.find_element(By.ID, "login").send_keys(login)
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    _submit(driver, driver.find_element(By.ID, "login-submit"))


def _submit(driver: Any, button: Any) -> None:
    """Click a form's button and wait until the next page has replaced this one."""
    from selenium.webdriver.common.by import By

    page = driver.find_element(By.TAG_NAME, "html")
    button.click()
    wait_until_replaced(driver, page)


def test_admin_registers_and_revokes_a_device_in_the_browser(chrome: Any, hq_home: Path) -> None:
    from selenium.webdriver.common.by import By

    add_staff(hq_home, "zhao", "admin", name="赵管理")
    public = Ed25519PrivateKey.generate().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    key_id = wire_keys.key_id(public)
    with served(hq_home) as url:
        _log_in(chrome, url, "zhao")
        _submit(chrome, chrome.find_element(By.LINK_TEXT, "设备"))
        assert chrome.find_element(By.TAG_NAME, "h1").text == "设备"
        # a key pasted with a line break in the middle, as it comes out of a terminal
        chrome.find_element(By.ID, "public_key").send_keys(public.hex()[:40] + " " + public.hex()[40:])
        chrome.find_element(By.ID, "device_name").send_keys("丛台一队")
        chrome.find_element(By.ID, "device_regions").send_keys("130400")
        _submit(chrome, chrome.find_element(By.ID, "register"))
        assert "设备已批准" in chrome.find_element(By.ID, "ops-done").text
        row = chrome.find_element(By.CSS_SELECTOR, f'tr[data-device="{key_id}"]')
        assert "丛台一队" in row.text and "已批准" in row.text and "从未同步" in row.text
        regions = row.find_element(By.NAME, "regions")
        regions.clear()
        regions.send_keys("130400,130402")
        _submit(chrome, row.find_element(By.CSS_SELECTOR, "button.bind"))
        assert "区域已保存" in chrome.find_element(By.ID, "ops-done").text
        row = chrome.find_element(By.CSS_SELECTOR, f'tr[data-device="{key_id}"]')
        row.find_element(By.CSS_SELECTOR, "button.revoke").click()  # not ticked: the browser refuses
        assert chrome.find_elements(By.ID, "ops-done")[0].text.startswith("区域已保存")
        row = chrome.find_element(By.CSS_SELECTOR, f'tr[data-device="{key_id}"]')
        row.find_element(By.CSS_SELECTOR, "input.confirm-revoke").click()
        _submit(chrome, row.find_element(By.CSS_SELECTOR, "button.revoke"))
        assert "设备已吊销" in chrome.find_element(By.ID, "ops-done").text
        row = chrome.find_element(By.CSS_SELECTOR, f'tr[data-device="{key_id}"]')
        assert "已吊销" in row.text and not row.find_elements(By.CSS_SELECTOR, "button.revoke")
        assert "device.revoke" in chrome.find_element(By.ID, "audit").text
    hq = HqStore.open(hq_home)
    try:
        assert hq.device_status(key_id) == ("revoked", public)
        assert regions_of(hq, key_id) == ["130400", "130402"]
        logins = {(e.login, e.action) for e in staff_audit.entries(hq, subject=f"device:{key_id}")}
        assert logins == {("zhao", "device.register"), ("zhao", "device.regions"), ("zhao", "device.revoke")}
    finally:
        hq.close()


def test_reviewer_refused_devices_and_staff_in_the_browser(chrome: Any, hq_home: Path) -> None:
    from selenium.webdriver.common.by import By

    add_staff(hq_home, "wang", "reviewer")
    with served(hq_home) as url:
        _log_in(chrome, url, "wang")
        nav = chrome.find_element(By.CSS_SELECTOR, "header nav").text
        assert "对账" in nav and "设备" not in nav and "工作人员" not in nav
        for path in ("/console/devices", "/console/staff"):
            chrome.get(url + path)
            assert "403" in chrome.find_element(By.ID, "refused").text
            assert not chrome.find_elements(By.ID, "register") and not chrome.find_elements(
                By.ID, "add-staff"
            )


def test_reconciliation_pdf_downloads_in_the_browser(chrome: Any, hq_home: Path, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    add_staff(hq_home, "wang", "reviewer")
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    chrome.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    with served(hq_home) as url:
        _log_in(chrome, url, "wang")
        _submit(chrome, chrome.find_element(By.LINK_TEXT, "对账"))
        chrome.find_element(By.ID, "download-pdf").click()
        deadline = time.monotonic() + 60
        done: list[Path] = []
        while time.monotonic() < deadline and not done:
            done = [p for p in downloads.glob("reconciliation-*.pdf") if p.stat().st_size > 0]
            time.sleep(0.2)
    assert done, "no PDF arrived in the download folder"
    data = done[0].read_bytes()
    assert data.startswith(b"%PDF-")
    import pypdfium2 as pdfium

    text = pdfium.PdfDocument(data)[0].get_textpage().get_text_range()
    assert "Reconciliation" in text
