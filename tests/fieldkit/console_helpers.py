"""Helpers for the web-console tests: a served HQ, staff accounts, and a logged-in requests session."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests

from fieldkit.hq.operators import add_hq_operator
from fieldkit.hq.server import create_app
from fieldkit.hq.store import HqStore
from matching.synthetic_palm import synthetic_hand
from storage.store import Store
from tests.fieldkit.hq_helpers import register, run_search_worker
from tests.fieldkit.test_hq_decisions import CARDS, _enroll, _sync
from tests.http_server import serve

__all__ = ["CARDS", "_sync"]

PASSWORD = "console password 1"
_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def add_staff(hq_home: Path, login: str, role: str, name: str = "王审核") -> None:
    hq = HqStore.open(hq_home)
    try:
        add_hq_operator(hq, login=login, name=name, role=role, password=PASSWORD)
    finally:
        hq.close()


@contextmanager
def served(hq_home: Path) -> Iterator[str]:
    """The real HQ app (API and console) on loopback; yields its base URL."""
    runner = serve(create_app(hq_home))
    url = next(runner)
    try:
        yield url
    finally:
        runner.close()


def csrf_token(html: str) -> str:
    found = _TOKEN.search(html)
    assert found, "no CSRF token in the page"
    return found.group(1)


def log_in(url: str, login: str, password: str = PASSWORD) -> tuple[requests.Session, requests.Response]:
    """A browser-like session that filled in the login form (answer: the page after it)."""
    browser = requests.Session()
    form = browser.get(f"{url}/console/login", timeout=10)
    answer = browser.post(
        f"{url}/console/login",
        data={
            "csrf_token": csrf_token(form.text),
            "login": login,
            "password": password,
            "next": "/console/reviews",
        },
        timeout=10,
    )
    return browser, answer


def plant_cross_laptop_duplicate(store: Store, second_store: Store, hq_home: Path, url: str) -> str:
    """Laptop A enrolls a retiree; laptop B enrolls another ID number with the same left palm; both
    sync for real over HTTP and HQ's search worker flags B's enrollment. Returns B's enrollment uuid."""
    register(store, hq_home, "laptop A")
    register(second_store, hq_home, "laptop B")
    _enroll(
        store, CARDS[0], [synthetic_hand(1, i) for i in range(3)], [synthetic_hand(2, i) for i in range(3)]
    )
    assert _sync(store, hq_home, url).problems == {}
    outcome = _enroll(
        second_store,
        CARDS[1],
        [synthetic_hand(1, 5 + i) for i in range(3)],
        [synthetic_hand(3, i) for i in range(3)],
    )
    assert _sync(second_store, hq_home, url).problems == {}
    assert run_search_worker(hq_home).flagged == 1
    return str(outcome.enrollment.uuid)
