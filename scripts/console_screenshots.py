#!/usr/bin/env python3
"""Open every page of the headquarters web console in headless Chromium and save a PNG of each.

Usage: ``.venv/bin/python scripts/console_screenshots.py OUTDIR [--size 1366x768] [--lang zh|en|both]``

Why a real browser on a real server: what a reviewer sees — fonts, the CJK fallback, what is cut
off at an office PC's 1366×768 — only shows in a browser rendering the served page. The script
seeds a throw-away headquarters (``scripts/console_seed.py``: two laptops synced over HTTP, a
planted cross-laptop duplicate, roster problems, a home visit, ID mismatches, a lost batch), serves
it with uvicorn on loopback, logs in through the login form with Debian's ``chromium`` and
``chromedriver`` (no browser download) and saves, for each page, the screen as the reviewer first
sees it (``NN-name.png``) and, when the page is longer than the screen, the whole page
(``NN-name-full.png``); also the duplicate with its ID numbers revealed (an audited action), the
queue filtered to duplicates, and, in the last language, the page after rejecting the duplicate.
Nothing touches real data.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


def browser(size: tuple[int, int], profile: Path) -> Any:
    """Headless Chromium through chromedriver, with a fresh profile and the given window size."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        f"--window-size={size[0]},{size[1]}",
    ):
        options.add_argument(flag)
    service = Service(executable_path=shutil.which("chromedriver") or CHROMEDRIVER)
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_window_size(*size)
    return driver


def submit(driver: Any, button: Any) -> None:
    """Click a form's button and wait until the next page has replaced this one."""
    from browser_wait import wait_until_replaced
    from selenium.webdriver.common.by import By

    page = driver.find_element(By.TAG_NAME, "html")
    button.click()
    wait_until_replaced(driver, page)


def log_in(driver: Any, url: str, login: str, password: str) -> None:
    """Fill in the login form as a person would."""
    from selenium.webdriver.common.by import By

    driver.get(f"{url}/console/login")
    driver.find_element(By.ID, "login").send_keys(login)
    driver.find_element(By.ID, "password").send_keys(password)
    submit(driver, driver.find_element(By.ID, "login-submit"))


def fit(driver: Any, width: int, height: int) -> None:
    """Make the page area (not the window) ``width`` × ``height``: the screen a reviewer sees."""
    driver.set_window_size(width, height)
    inner_w, inner_h = driver.execute_script("return [innerWidth, innerHeight]")
    driver.set_window_size(width + (width - int(inner_w)), height + (height - int(inner_h)))


def shoot(driver: Any, out: Path, name: str, size: tuple[int, int]) -> list[Path]:
    """Save the screen; and the whole page when it is taller than the screen."""
    saved = [out / f"{name}.png"]
    fit(driver, *size)
    driver.save_screenshot(str(saved[0]))
    height = int(driver.execute_script("return document.documentElement.scrollHeight"))
    width = int(driver.execute_script("return document.documentElement.scrollWidth"))
    if width > size[0]:
        print(f"  note: {name} is {width} px wide, wider than the {size[0]} px screen", file=sys.stderr)
    if height > size[1]:
        fit(driver, size[0], height)
        saved.append(out / f"{name}-full.png")
        driver.save_screenshot(str(saved[1]))
        fit(driver, *size)
    return saved


def pages(reviews: dict[str, int]) -> list[tuple[str, str]]:
    """(file name, console path) of every page an administrator sees."""
    found = [("02-queue", "/console/reviews")]
    labels = {
        "duplicate": "duplicate",
        "id_mismatch": "id-mismatch",
        "home_visit": "home-visit",
        "roster": "roster",
    }
    for number, (kind, label) in enumerate(labels.items(), start=3):
        if kind in reviews:
            found.append((f"{number:02d}-evidence-{label}", f"/console/reviews/{reviews[kind]}"))
    found += [
        ("07-devices", "/console/devices"),
        ("07b-regions", "/console/regions"),
        ("08-reconciliation", "/console/reconciliation"),
        ("09-progress", "/console/progress"),
        ("10-staff", "/console/staff"),
    ]
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--size", default="1366x768", help="window size, WIDTHxHEIGHT")
    parser.add_argument("--lang", choices=("zh", "en", "both"), default="both")
    args = parser.parse_args()
    try:
        width, height = (int(x) for x in args.size.lower().split("x"))
    except ValueError:
        parser.error("--size is WIDTHxHEIGHT, e.g. 1366x768")
    size = (width, height)
    if not (shutil.which("chromium") or Path(CHROMIUM).exists()):
        print("chromium is not installed: apt-get install chromium chromium-driver", file=sys.stderr)
        return 1
    args.outdir.mkdir(parents=True, exist_ok=True)

    from console_seed import PASSWORDS, seed, serve
    from selenium.webdriver.common.by import By

    from fieldkit.hq.server import create_app

    with tempfile.TemporaryDirectory(prefix="fieldkit-console-shots-") as work:
        folder = Path(work)
        print("Seeding a headquarters with two synced laptops …", flush=True)
        seeded = seed(folder / "data")
        runner = serve(create_app(seeded.hq_home))
        url = next(runner)
        driver = browser(size, folder / "profile")
        saved: list[Path] = []
        try:
            languages = ("zh", "en") if args.lang == "both" else (args.lang,)
            for language in languages:
                out = args.outdir if len(languages) == 1 else args.outdir / language
                out.mkdir(parents=True, exist_ok=True)
                driver.delete_all_cookies()
                driver.get(f"{url}/console/lang?to={language}&next=/console/login")
                saved += shoot(driver, out, "01-login", size)
                log_in(driver, url, "admin", PASSWORDS["admin"])
                for name, path in pages(seeded.reviews):
                    driver.get(url + path)
                    if (
                        driver.find_elements(By.CSS_SELECTOR, "section.refused")
                        or "/login" in driver.current_url
                    ):
                        sys.exit(f"{path} did not show its page (refused, not found or logged out)")
                    saved += shoot(driver, out, name, size)
                    if name == "02-queue":
                        driver.get(f"{url}/console/reviews?kind=duplicate")
                        saved += shoot(driver, out, "02b-queue-duplicates", size)
                    if name.endswith("evidence-roster") and driver.find_elements(By.ID, "fraud-form-1"):
                        driver.find_element(By.CSS_SELECTOR, "#fraud-form-1 summary").click()  # admins only
                        saved += shoot(driver, out, f"{name}-fraud-form", size)
                    if name.endswith("evidence-duplicate"):
                        submit(driver, driver.find_element(By.ID, "reveal"))  # audited: the full ID numbers
                        saved += shoot(driver, out, f"{name}-revealed", size)
                if language == languages[-1]:  # decided once, at the end: the other pages stay open
                    driver.get(f"{url}/console/reviews/{seeded.reviews['duplicate']}")
                    driver.find_element(By.ID, "outcome-reject").click()
                    driver.find_element(By.ID, "note").send_keys(
                        "同一左手掌已在丛台区登记 Same left palm enrolled in 丛台区"
                    )
                    submit(driver, driver.find_element(By.ID, "decide"))
                    saved += shoot(driver, out, "13-decided", size)
                driver.get(f"{url}/console/login")
                driver.delete_all_cookies()
                driver.get(f"{url}/console/lang?to={language}&next=/console/login")
                log_in(driver, url, "reviewer", PASSWORDS["reviewer"])
                driver.get(f"{url}/console/devices")
                saved += shoot(driver, out, "11-refused-403", size)
                driver.delete_all_cookies()
                driver.get(f"{url}/console/lang?to={language}&next=/console/login")
                log_in(driver, url, "locked", PASSWORDS["locked"])
                saved += shoot(driver, out, "12-login-refused", size)
        finally:
            driver.quit()
            runner.close()
    for shot in saved:
        print(shot)
    return 0


if __name__ == "__main__":
    sys.exit(main())
