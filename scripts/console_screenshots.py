#!/usr/bin/env python3
"""Open every page of the HQ web console in headless chromium at 1366×768 and save a PNG of each.

Usage: ``.venv/bin/python scripts/console_screenshots.py OUTDIR``

Why real data: the pages are only worth looking at with real evidence on them, so a throw-away HQ
(SQLite, in a temporary folder) is filled the way the field fills it: a master roster, two laptops
(real SQLCipher stores) that enroll — the second one the first one's left palm under another ID
number — certify (one of them at a home visit with a witness and a photo, one of a retiree the
roster marks deceased) and sync over HTTP to the real server; the search worker flags the
duplicate. Then Debian's chromium (through chromium-driver) logs in as a reviewer and as an
administrator and saves each page. Synthetic data only (synthetic cards and palms).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("FIELDKIT_HQ_PASSPHRASE", "console screenshots passphrase")
os.environ.pop("FIELDKIT_HQ_DB", None)

from capture.idcard.synthetic import synthetic_cards  # noqa: E402
from fieldkit.device_key import device_public_key  # noqa: E402
from fieldkit.hq.keys import create_hq_key, public_key_text  # noqa: E402
from fieldkit.hq.operators import add_hq_operator  # noqa: E402
from fieldkit.hq.reviews import list_reviews  # noqa: E402
from fieldkit.hq.roster import load_roster  # noqa: E402
from fieldkit.hq.search_worker import run_worker  # noqa: E402
from fieldkit.hq.server import create_app  # noqa: E402
from fieldkit.hq.store import HqStore  # noqa: E402
from fieldkit.sync.client import sync  # noqa: E402
from fieldkit.wire import keys as wire_keys  # noqa: E402
from fieldkit.workflows.certification import certify  # noqa: E402
from fieldkit.workflows.enrollment import enroll  # noqa: E402
from fieldkit.workflows.exceptions import HomeVisit  # noqa: E402
from matching.synthetic_palm import synthetic_hand  # noqa: E402
from storage.store import Store  # noqa: E402
from tests.http_server import serve  # noqa: E402

PASSWORD = "screenshot password 1"
CARDS = list(synthetic_cards(5, seed=7))


def _laptop(path: Path, hq_home: Path, name: str) -> Store:
    store = Store.create(path, "screenshot passphrase")
    public = device_public_key(store, "op")
    hq = HqStore.open(hq_home)
    try:
        hq.register_device(wire_keys.key_id(public), public, name)
    finally:
        hq.close()
    return store


def _sync(store: Store, hq_home: Path, url: str) -> None:
    signing = wire_keys.read_hq_keys(hq_home / wire_keys.PUBLIC_FILE).signing
    assert signing is not None
    sync(
        store,
        url=url,
        hq_public_key=wire_keys.read_public_key_file(hq_home / wire_keys.PUBLIC_FILE),
        hq_signing_key=signing,
        actor="op",
    )


def _enrol(store: Store, index: int, left: list[Any], right: list[Any], *, place: str = "丛台区") -> None:
    palms = {"left": left, "right": right}
    kwargs: dict[str, Any] = {"actor": "op", "device": "sim", "place": place, "cycle": 2026}
    enroll(store, card=CARDS[index], face_image=None, palm_images=palms, **kwargs)


def _seed(work: Path, hq_home: Path, url: str) -> None:
    roster = work / "roster.csv"
    roster.write_text(
        "id_number,name,status,district\n"
        f"{CARDS[0].id_number},{CARDS[0].name},正常,丛台区\n"
        f"{CARDS[1].id_number},{CARDS[1].name},正常,复兴区\n"
        f"{CARDS[2].id_number},{CARDS[2].name},死亡,邯山区\n"
        f"{CARDS[3].id_number},{CARDS[3].name},正常,丛台区\n",
        encoding="utf-8",
    )
    hq = HqStore.open(hq_home)
    try:
        load_roster(hq, roster, cycle=2026, region="130400")
    finally:
        hq.close()
    a = _laptop(work / "a.db", hq_home, "丛台区一组")
    b = _laptop(work / "b.db", hq_home, "复兴区二组")
    _enrol(a, 0, [synthetic_hand(1, i) for i in range(3)], [synthetic_hand(2, i) for i in range(3)])
    _enrol(a, 3, [synthetic_hand(7, i) for i in range(3)], [synthetic_hand(8, i) for i in range(3)])
    visit = HomeVisit(witness_name="王丽", witness_relation="女儿", photo=synthetic_hand(80, 0), notes="卧床")
    certify(
        a,
        card=CARDS[3],
        palm_images={"left": synthetic_hand(7, 5)},
        face_image=None,
        actor="op",
        device="sim",
        place="卧床",
        cycle=2026,
        home_visit=visit,
    )
    _enrol(a, 2, [synthetic_hand(11, i) for i in range(3)], [synthetic_hand(12, i) for i in range(3)])
    certify(
        a,
        card=CARDS[2],
        palm_images={"left": synthetic_hand(11, 5)},
        face_image=None,
        actor="op",
        device="sim",
        place="丛台区",
        cycle=2026,
    )
    _sync(a, hq_home, url)
    _enrol(
        b,
        1,
        [synthetic_hand(1, 5 + i) for i in range(3)],
        [synthetic_hand(3, i) for i in range(3)],
        place="复兴区",
    )
    _enrol(
        b,
        4,
        [synthetic_hand(21, i) for i in range(3)],
        [synthetic_hand(22, i) for i in range(3)],
        place="复兴区",
    )
    _sync(b, hq_home, url)
    hq = HqStore.open(hq_home)
    try:
        run_worker(hq, once=True)
    finally:
        hq.close()
    a.close()
    b.close()


def _shoot(driver: Any, url: str, out: Path, name: str) -> None:
    if url:
        driver.get(url)
    time.sleep(0.3)
    driver.save_screenshot(str(out / f"{name}.png"))
    print(out / f"{name}.png")


def _log_in(driver: Any, url: str, login: str, password: str = PASSWORD) -> None:
    from selenium.webdriver.common.by import By

    driver.get(f"{url}/console/login")
    driver.find_element(By.ID, "login").send_keys(login)
    driver.find_element(By.ID, "password").send_keys(password)
    driver.find_element(By.ID, "login-submit").click()


def _driver(profile: str) -> Any:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
        "--window-size=1366,768",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"), options=options)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path)
    out = parser.parse_args().outdir
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="console-shots-"))
    hq_home = work / "hq"
    hq = HqStore.open(hq_home, create=True)
    create_hq_key(hq)
    (hq_home / wire_keys.PUBLIC_FILE).write_text(public_key_text(hq))
    add_hq_operator(hq, login="wang", name="王审核", role="reviewer", password=PASSWORD)
    add_hq_operator(hq, login="zhao", name="赵管理", role="admin", password=PASSWORD)
    hq.close()
    runner = serve(create_app(hq_home))
    url = next(runner)
    driver = _driver(str(work / "profile"))
    try:
        _seed(work, hq_home, url)
        hq = HqStore.open(hq_home)
        try:
            items = {
                r.kind + ("/" + r.summary.split("(")[-1].split(")")[0] if r.kind == "case" else ""): r.id
                for r in list_reviews(hq)
            }
            deceased = next(r.id for r in list_reviews(hq) if r.kind == "roster" and "deceased" in r.summary)
        finally:
            hq.close()
        driver.get(f"{url}/console/reviews")
        _shoot(driver, "", out, "console_01_login")
        _log_in(driver, url, "wang", "wrong password")
        _shoot(driver, "", out, "console_02_login_refused")
        _log_in(driver, url, "wang")
        _shoot(driver, f"{url}/console/reviews", out, "console_03_queue")
        _shoot(driver, f"{url}/console/reviews?kind=duplicate", out, "console_04_queue_duplicates")
        _shoot(driver, f"{url}/console/reviews/{items['duplicate']}", out, "console_05_duplicate")
        from selenium.webdriver.common.by import By

        driver.find_element(By.ID, "reveal").click()
        _shoot(driver, "", out, "console_06_duplicate_revealed")
        _shoot(driver, f"{url}/console/reviews/{items['case/id_mismatch']}", out, "console_07_id_mismatch")
        _shoot(driver, f"{url}/console/reviews/{items['case/home_visit']}", out, "console_08_home_visit")
        _shoot(driver, f"{url}/console/reviews/{deceased}", out, "console_09_roster_problem")
        driver.get(f"{url}/console/reviews/{items['duplicate']}")
        driver.find_element(By.ID, "outcome-reject").click()
        driver.find_element(By.ID, "note").send_keys("同一左手掌已在丛台区登记")
        driver.find_element(By.ID, "decide").click()
        _shoot(driver, "", out, "console_10_decided")
        _shoot(driver, f"{url}/console/devices", out, "console_11_reviewer_refused_devices")
        page = driver.page_source
        assert re.search("403", page)
        driver.get(f"{url}/console/lang?to=en&next=/console/reviews")
        _shoot(driver, "", out, "console_12_queue_english")
        _shoot(
            driver, f"{url}/console/reviews/{items['case/home_visit']}", out, "console_13_home_visit_english"
        )
        driver.delete_all_cookies()
        _log_in(driver, url, "zhao")
        _shoot(driver, f"{url}/console/devices", out, "console_14_admin_devices")
    finally:
        driver.quit()
        runner.close()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
