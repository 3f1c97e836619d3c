"""Headquarters staff accounts: who decides review items and corrections (named in every decision).

Why separate from laptop operators: headquarters staff never log in to a field laptop and field
operators never decide at headquarters; both use the same scrypt password hashing.
"""

from __future__ import annotations

from fieldkit.auth import check_password, hash_password
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


def hq_log_in(hq: HqStore, login: str, password: str) -> str:
    """The login, if the password is right (the same words for an unknown login and a wrong password)."""
    row = hq.db.execute("SELECT password_hash, active FROM hq_operators WHERE login = ?", (login,)).fetchone()
    if row is None or not row[1] or not check_password(password, str(row[0])):
        raise UserError("Unknown login or wrong password.", code="hq.login_failed")
    return login
