"""The web console's framework over real HTTP (uvicorn on loopback), on SQLite and PostgreSQL:
login with the HQ staff accounts, session cookie flags, CSRF on every POST, roles, idle timeout,
size limits, and the signed API left as it was."""

from __future__ import annotations

import time
from pathlib import Path

import requests

from fieldkit.hq.console import staff_audit
from fieldkit.hq.store import HqStore
from tests.fieldkit.console_helpers import PASSWORD, add_staff, csrf_token, log_in, served
from tests.fieldkit.test_hq_tls import https_hq

__all__ = ["https_hq"]  # note: the fixture, imported so that pytest finds it


def test_login_session_cookie_and_logout(hq_home: Path) -> None:
    add_staff(hq_home, "wang", "reviewer")
    with served(hq_home) as url:
        anonymous = requests.get(f"{url}/console/reviews?kind=duplicate", allow_redirects=False, timeout=10)
        assert anonymous.status_code == 303
        assert anonymous.headers["location"].startswith("/console/login?next=/console/reviews")
        browser, page = log_in(url, "wang")
        assert page.status_code == 200 and page.url.endswith("/console/reviews")
        assert "审核队列" in page.text and "wang" in page.text  # Chinese first
        english = browser.get(
            f"{url}/console/lang", params={"to": "en", "next": "/console/reviews"}, timeout=10
        )
        assert "Review queue" in english.text and "审核队列" not in english.text
        elsewhere = browser.get(
            f"{url}/console/lang",
            params={"to": "zh", "next": "https://evil.example/"},
            allow_redirects=False,
            timeout=10,
        )
        assert elsewhere.headers["location"] == "/console/reviews"  # never a redirect off the console
        cookie = next(c for c in browser.cookies if c.name == "fk_console")
        assert cookie.has_nonstandard_attr("HttpOnly") and cookie.path == "/console"
        assert not cookie.secure  # plain HTTP on loopback; TLS sets Secure (see test below)
        assert page.headers["cache-control"] == "no-store"
        assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
        raw = requests.post(
            f"{url}/console/login",
            data={"csrf_token": "x", "login": "wang", "password": PASSWORD},
            allow_redirects=False,
            timeout=10,
        )
        assert raw.status_code == 403  # the login form's own token (double submit) is missing
        logout = browser.post(
            f"{url}/console/logout",
            data={"csrf_token": csrf_token(page.text)},
            allow_redirects=False,
            timeout=10,
        )
        assert logout.status_code == 303
        again = browser.get(f"{url}/console/reviews", allow_redirects=False, timeout=10)
        assert again.status_code == 303  # the session row is gone: the old cookie is worth nothing
    hq = HqStore.open(hq_home)
    try:
        actions = [e.action for e in staff_audit.entries(hq)]
        assert actions[:2] == ["logout", "login"]
        assert int(hq.db.scalar("SELECT count(*) FROM console_sessions")) == 0
    finally:
        hq.close()


def test_csrf_checked_on_every_post(hq_home: Path) -> None:
    add_staff(hq_home, "wang", "reviewer")
    with served(hq_home) as url:
        browser, page = log_in(url, "wang")
        token = csrf_token(page.text)
        near = token[:-1] + ("B" if token.endswith("A") else "A")  # one character off
        for data in ({}, {"csrf_token": "wrong"}, {"csrf_token": near}):
            refused = browser.post(f"{url}/console/logout", data=data, allow_redirects=False, timeout=10)
            assert refused.status_code == 403 and "CSRF" in refused.text
        assert browser.get(f"{url}/console/reviews", allow_redirects=False, timeout=10).status_code == 200


def test_roles_locked_accounts_and_idle_timeout(hq_home: Path) -> None:
    add_staff(hq_home, "wang", "reviewer")
    add_staff(hq_home, "zhao", "admin", name="赵管理")
    add_staff(hq_home, "li", "reviewer", name="李")
    with served(hq_home) as url:
        reviewer, _ = log_in(url, "wang")
        assert reviewer.get(f"{url}/console/devices", timeout=10).status_code == 403
        admin, _ = log_in(url, "zhao")
        assert admin.get(f"{url}/console/devices", timeout=10).status_code == 200
        for _ in range(5):
            _, wrong = log_in(url, "li", "not the password")
            assert wrong.status_code == 401
        _, locked = log_in(url, "li")
        assert locked.status_code == 401 and "锁定" in locked.text
        assert "fk_console" not in locked.cookies
        hq = HqStore.open(hq_home)
        try:  # the reviewer's last request was an hour ago
            hq.db.execute(
                "UPDATE console_sessions SET last_seen = ? WHERE login = 'wang'", (int(time.time()) - 3600,)
            )
        finally:
            hq.close()
        idle = reviewer.get(f"{url}/console/reviews", allow_redirects=False, timeout=10)
        assert idle.status_code == 303 and "/console/login" in idle.headers["location"]
        assert admin.get(f"{url}/console/reviews", allow_redirects=False, timeout=10).status_code == 200
        hq = HqStore.open(hq_home)
        try:  # an administrator deactivates the account: its open session ends with it
            hq.db.execute("UPDATE hq_operators SET active = 0 WHERE login = 'zhao'")
        finally:
            hq.close()
        assert admin.get(f"{url}/console/reviews", allow_redirects=False, timeout=10).status_code == 303


def test_console_exempt_from_signing_but_size_limited_and_api_unaffected(hq_home: Path) -> None:
    add_staff(hq_home, "wang", "reviewer")
    with served(hq_home) as url:
        browser, page = log_in(url, "wang")
        huge = browser.post(
            f"{url}/console/logout",
            data={"csrf_token": csrf_token(page.text), "filler": "x" * 100_000},
            allow_redirects=False,
            timeout=10,
        )
        assert huge.status_code == 413
        assert browser.get(f"{url}/console/reviews", allow_redirects=False, timeout=10).status_code == 200
        # the API still wants a device signature, and a browser-style request changes nothing there
        unsigned = requests.get(f"{url}/v1/decisions", timeout=10)
        assert unsigned.status_code == 401
        assert requests.get(f"{url}/v1/health", timeout=10).json() == {"status": "ok"}
        assert "/console" not in str(requests.get(f"{url}/openapi.json", timeout=10).json()["paths"])


def test_cookies_are_secure_over_tls(hq_home: Path, https_hq: tuple[str, Path, Path]) -> None:
    add_staff(hq_home, "wang", "reviewer")
    url, cert, _ = https_hq
    browser = requests.Session()
    form = browser.get(f"{url}/console/login", timeout=10, verify=str(cert))
    assert "secure" in form.headers["set-cookie"].lower()  # the login form's own token too
    page = browser.post(
        f"{url}/console/login",
        data={"csrf_token": csrf_token(form.text), "login": "wang", "password": PASSWORD},
        timeout=10,
        verify=str(cert),
    )
    assert page.status_code == 200 and page.url.endswith("/console/reviews")
    cookie = next(c for c in browser.cookies if c.name == "fk_console")
    assert cookie.secure and cookie.has_nonstandard_attr("HttpOnly")
