"""Headquarters staff accounts as an administrator manages them from the console.

Why these rules: an account is never deleted (decisions name their staff login for years), only
deactivated; an administrator cannot deactivate themself or the last active administrator (nobody
could then manage staff without the CLI); a new or reset password follows the same rule as
``fieldkit hq operator add`` (:func:`fieldkit.hq.operators.add_hq_operator`); deactivating or
resetting a password ends the account's console sessions at once. Every change is in the staff
audit trail, with the administrator's login and never the password.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fieldkit.auth import hash_password
from fieldkit.errors import UserError
from fieldkit.hq.console.ops_audit import staff_event
from fieldkit.hq.console.sessions import end_sessions_of
from fieldkit.hq.operators import HQ_ROLES, add_hq_operator
from fieldkit.hq.store import HqStore

MIN_PASSWORD = 8  # note: the rule add_hq_operator applies


@dataclass(frozen=True)
class StaffRow:
    """One staff account as the staff page lists it."""

    login: str
    name: str
    role: str
    active: bool
    locked: bool  # locked now after repeated wrong passwords
    failed_attempts: int
    created_at: str


def staff_rows(hq: HqStore, *, now: dt.datetime | None = None) -> list[StaffRow]:
    """Every account (active first, then by login)."""
    moment = now or dt.datetime.now(dt.UTC)
    rows = hq.db.execute(
        "SELECT login, name, role, active, failed_attempts, locked_until, created_at FROM hq_operators "
        "ORDER BY active DESC, login"
    ).fetchall()
    return [
        StaffRow(
            login=str(login),
            name=str(name),
            role=str(role),
            active=bool(active),
            locked=bool(locked) and dt.datetime.fromisoformat(str(locked)) > moment,
            failed_attempts=int(failed),
            created_at=str(created),
        )
        for login, name, role, active, failed, locked, created in rows
    ]


def _account(hq: HqStore, login: str) -> tuple[str, bool]:
    row = hq.db.execute("SELECT role, active FROM hq_operators WHERE login = ?", (login,)).fetchone()
    if row is None:
        raise UserError(f"没有此账号。 No staff account {login}.", code="hq.no_staff")
    return str(row[0]), bool(row[1])


def add_staff(hq: HqStore, *, login: str, name: str, role: str, password: str, staff: str) -> None:
    """Create an account (the CLI's rules: unique login, a known role, 8+ character password)."""
    login, name = login.strip(), name.strip()
    if not login or not name:
        raise UserError("请填写登录名和姓名。 Give a login and a name.", code="hq.staff_incomplete")
    if role not in HQ_ROLES:
        raise UserError(f"角色须为 Role must be one of {', '.join(HQ_ROLES)}.", code="hq.bad_role")
    with hq.db.transaction():
        add_hq_operator(hq, login=login, name=name, role=role, password=password)
        staff_event(hq, staff, "staff.add", f"staff:{login}", {"role": role})


def deactivate_staff(hq: HqStore, *, login: str, staff: str) -> None:
    """Stop an account from logging in (its past decisions keep its name)."""
    role, active = _account(hq, login)
    if login == staff:
        raise UserError(
            "不能停用自己的账号。 You cannot deactivate your own account.", code="hq.deactivate_self"
        )
    if not active:
        return
    with hq.db.transaction():
        if role == "admin":
            others = hq.db.scalar(
                "SELECT count(*) FROM hq_operators WHERE role = 'admin' AND active = 1 AND login <> ?",
                (login,),
            )
            if not others:
                raise UserError(
                    "不能停用最后一个管理员。 The last active administrator cannot be deactivated.",
                    code="hq.last_admin",
                )
        hq.db.execute("UPDATE hq_operators SET active = 0 WHERE login = ?", (login,))
        end_sessions_of(hq, login)
        staff_event(hq, staff, "staff.deactivate", f"staff:{login}", {})


def reactivate_staff(hq: HqStore, *, login: str, staff: str) -> None:
    """Let a deactivated account log in again."""
    _, active = _account(hq, login)
    if active:
        return
    with hq.db.transaction():
        hq.db.execute("UPDATE hq_operators SET active = 1 WHERE login = ?", (login,))
        staff_event(hq, staff, "staff.reactivate", f"staff:{login}", {})


def unlock_staff(hq: HqStore, *, login: str, staff: str) -> None:
    """Lift a lock-out after repeated wrong passwords (the owner asked an administrator)."""
    _account(hq, login)
    with hq.db.transaction():
        hq.db.execute(
            "UPDATE hq_operators SET failed_attempts = 0, locked_until = NULL WHERE login = ?", (login,)
        )
        staff_event(hq, staff, "staff.unlock", f"staff:{login}", {})


def reset_password(hq: HqStore, *, login: str, password: str, staff: str) -> None:
    """Give an account a new password (also unlocks it, and ends its sessions)."""
    _account(hq, login)
    if len(password) < MIN_PASSWORD:
        raise UserError(
            f"密码至少 {MIN_PASSWORD} 个字符。 A password needs at least {MIN_PASSWORD} characters.",
            code="hq.weak_password",
        )
    hashed = hash_password(password)
    with hq.db.transaction():
        hq.db.execute(
            "UPDATE hq_operators SET password_hash = ?, failed_attempts = 0, locked_until = NULL "
            "WHERE login = ?",
            (hashed, login),
        )
        end_sessions_of(hq, login)
        staff_event(hq, staff, "staff.reset_password", f"staff:{login}", {})
