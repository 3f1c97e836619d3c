"""Operator passwords and log-in with lock-out.

Why scrypt from the standard library: it is memory-hard (16 MiB per guess here), needs no extra
package, and its parameters are stored in each hash so they can be raised later without breaking old
accounts. Lock-out after repeated failures is stored in the encrypted store and audited, so it holds
across restarts and shows up in the trail.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import os

from fieldkit.errors import UserError
from storage.records import OPERATOR_ROLES, Operator, utc_now
from storage.store import Store

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
MAX_FAILURES = 5
LOCKOUT = dt.timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 8


def hash_password(password: str) -> str:
    """``scrypt$N$r$p$salt$hash`` with a fresh 16-byte salt."""
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    b64 = base64.b64encode
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${b64(salt).decode()}${b64(digest).decode()}"


def check_password(password: str, stored: str) -> bool:
    """Constant-time comparison against a stored hash; an unknown format never matches."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(
            password.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p), dklen=len(expected)
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def add_operator(store: Store, *, login: str, name: str, role: str, password: str, actor: str) -> Operator:
    """Create an account after checking the login, role and password length."""
    login = login.strip()
    if not login or any(ch.isspace() for ch in login):
        raise UserError("A login must be one word without spaces.", code="operator.bad_login")
    if role not in OPERATOR_ROLES:
        raise UserError(f"Role must be one of {', '.join(OPERATOR_ROLES)}.", code="operator.bad_role")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(
            f"A password needs at least {MIN_PASSWORD_LENGTH} characters.", code="operator.weak_password"
        )
    if not name.strip():
        raise UserError("An operator needs a name.", code="operator.no_name")
    operator = Operator(login=login, name=name.strip(), role=role, password_hash=hash_password(password))
    with store.transaction(actor):
        return store.operators.add(operator)


def log_in(store: Store, login: str, password: str, *, now: dt.datetime | None = None) -> Operator:
    """Check a password; count failures and lock the account after ``MAX_FAILURES`` in a row."""
    now = now or dt.datetime.now(dt.UTC)
    operator = store.operators.find_by_login(login)
    wrong = UserError("Wrong login or password.", code="auth.failed")
    if operator is None or not operator.active:
        with store.transaction("login:unknown" if operator is None else f"login:{operator.uuid}"):
            if operator is None:
                store.operators.record_unknown_login()
            else:
                store.operators.set_login_state(
                    operator.uuid,
                    failed_attempts=operator.failed_attempts,
                    locked_until=operator.locked_until,
                    event="operator.login_inactive",
                )
        raise wrong
    if operator.locked_until and dt.datetime.fromisoformat(operator.locked_until) > now:
        raise UserError(
            "This account is locked after too many wrong passwords; try again later or ask a supervisor.",
            code="auth.locked",
            until=operator.locked_until,
        )
    if check_password(password, operator.password_hash):
        if operator.failed_attempts or operator.locked_until:
            with store.transaction(operator.uuid):
                store.operators.set_login_state(
                    operator.uuid, failed_attempts=0, locked_until=None, event="operator.login"
                )
        return operator
    failures = operator.failed_attempts + 1
    locked_until = (now + LOCKOUT).isoformat() if failures >= MAX_FAILURES else None
    with store.transaction(f"login:{operator.uuid}"):
        store.operators.set_login_state(
            operator.uuid,
            failed_attempts=0 if locked_until else failures,
            locked_until=locked_until,
            event="operator.locked" if locked_until else "operator.login_failed",
        )
    if locked_until:
        raise UserError(
            "Too many wrong passwords: the account is locked for 15 minutes.",
            code="auth.locked",
            until=locked_until,
        )
    raise wrong


__all__ = ["add_operator", "check_password", "hash_password", "log_in", "utc_now"]
