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
from tests.http_server import serve

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
        data={"csrf_token": csrf_token(form.text), "login": login, "password": password,
              "next": "/console/reviews"},
        timeout=10,
    )
    return browser, answer
