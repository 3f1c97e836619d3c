"""Headquarters staff accounts: a wrong password counts, five in a row lock the account for a while,
the right password resets the count (on SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from fieldkit.errors import UserError
from fieldkit.hq.operators import add_hq_operator, hq_log_in
from fieldkit.hq.store import HqStore


def test_lockout_after_repeated_wrong_passwords(hq_home: Path) -> None:
    hq = HqStore.open(hq_home)
    try:
        add_hq_operator(hq, login="wang", name="王", role="reviewer", password="right password")
        with pytest.raises(UserError) as taken:
            add_hq_operator(hq, login="wang", name="王", role="reviewer", password="right password")
        assert taken.value.code == "hq.login_taken"
        now = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
        for _ in range(4):
            with pytest.raises(UserError) as wrong:
                hq_log_in(hq, "wang", "guess", now=now)
            assert wrong.value.code == "hq.login_failed"
        assert hq_log_in(hq, "wang", "right password", now=now) == "wang"  # resets the count
        for _ in range(5):
            with pytest.raises(UserError):
                hq_log_in(hq, "wang", "guess", now=now)
        with pytest.raises(UserError) as locked:
            hq_log_in(hq, "wang", "right password", now=now + dt.timedelta(minutes=1))
        assert locked.value.code == "hq.login_failed"  # the same answer as for an unknown login
        assert hq_log_in(hq, "wang", "right password", now=now + dt.timedelta(hours=1)) == "wang"
        with pytest.raises(UserError) as unknown:
            hq_log_in(hq, "nobody", "x", now=now)
        assert unknown.value.code == "hq.login_failed"
        assert unknown.value.message == locked.value.message == wrong.value.message
    finally:
        hq.close()


def test_unknown_and_locked_logins_cost_a_password_check(
    hq_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Counted, not timed: every refusal runs exactly one scrypt check (so they take the same time)."""
    from fieldkit.hq import operators

    hq = HqStore.open(hq_home)
    try:
        add_hq_operator(hq, login="li", name="李", role="reviewer", password="right password")
        now = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
        for _ in range(5):
            with pytest.raises(UserError):
                hq_log_in(hq, "li", "guess", now=now)
        checks: list[str] = []
        real = operators.check_password
        monkeypatch.setattr(operators, "check_password", lambda p, h: checks.append(h) or real(p, h))
        for login, password in (("nobody", "x"), ("li", "right password"), ("li", "guess")):
            with pytest.raises(UserError) as refused:
                hq_log_in(hq, login, password, now=now + dt.timedelta(minutes=1))
            assert refused.value.code == "hq.login_failed"
        assert len(checks) == 3 and all(h.startswith("scrypt$") for h in checks)
    finally:
        hq.close()
