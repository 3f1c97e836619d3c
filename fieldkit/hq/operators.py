"""Headquarters staff accounts: who decides review items and corrections (named in every decision).

Why separate from laptop operators: headquarters staff never log in to a field laptop and field
operators never decide at headquarters; both use the same scrypt password hashing.
"""

from __future__ import annotations

import datetime as dt
import os

from fieldkit.auth import LOCKOUT, MAX_FAILURES, check_password, hash_password
from fieldkit.errors import UserError
from fieldkit.hq.store import HqStore
from storage.records import utc_now

HQ_ROLES = ("reviewer", "admin")


def add_hq_operator(hq: HqStore, *, login: str, name: str, role: str, password: str) -> None:
    """Create an account (a login is never reused)."""
    if role not in HQ_ROLES:
        raise UserError(f"A headquarters role is one of {', '.join(HQ_ROLES)}.", code="hq.bad_role")
    if len(password) < 8:
        raise UserError("A password needs at least 8 characters.", code="hq.weak_password")
    if hq.db.scalar("SELECT 1 FROM hq_operators WHERE login = ?", (login,)):
        raise UserError(f"The login {login} is taken.", code="hq.login_taken")
    hq.db.execute(
        "INSERT INTO hq_operators (login, name, role, password_hash, active, created_at) "
        "VALUES (?, ?, ?, ?, 1, ?)",
        (login, name, role, hash_password(password), utc_now()),
    )


_DUMMY_HASH: list[str] = []  # note: made once per process, on the first login attempt


def _dummy_hash() -> str:
    """A real scrypt hash of nothing anybody knows, checked for unknown logins so that they cost the
    same time as known ones (otherwise timing tells which logins exist)."""
    if not _DUMMY_HASH:
        _DUMMY_HASH.append(hash_password(os.urandom(16).hex()))
    return _DUMMY_HASH[0]


def hq_log_in(hq: HqStore, login: str, password: str, *, now: dt.datetime | None = None) -> str:
    """The login, if the password is right; ``MAX_FAILURES`` wrong passwords in a row lock the account
    for ``LOCKOUT``.

    Every refusal — unknown login, inactive or locked account, wrong password — has the same words
    and code and costs one scrypt check, so neither the answer nor its time tells whether a login
    exists or is locked (the account's owner learns of a lock from an administrator).
    """
    moment = now or dt.datetime.now(dt.UTC)
    row = hq.db.execute(
        "SELECT password_hash, active, failed_attempts, locked_until FROM hq_operators WHERE login = ?",
        (login,),
    ).fetchone()
    refused = UserError(
        "Login refused: unknown login, wrong password, or an account locked after repeated wrong "
        "passwords (ask a headquarters administrator).",
        code="hq.login_failed",
    )
    right = check_password(password, str(row[0]) if row is not None else _dummy_hash())
    if row is None or not row[1]:
        raise refused
    if row[3] and dt.datetime.fromisoformat(str(row[3])) > moment:
        raise refused
    if not right:
        failures = int(row[2]) + 1
        locked = (moment + LOCKOUT).isoformat() if failures >= MAX_FAILURES else None
        hq.db.execute(
            "UPDATE hq_operators SET failed_attempts = ?, locked_until = ? WHERE login = ?",
            (0 if locked else failures, locked, login),
        )
        raise refused
    hq.db.execute(
        "UPDATE hq_operators SET failed_attempts = 0, locked_until = NULL WHERE login = ?", (login,)
    )
    return login
