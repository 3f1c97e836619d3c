"""Operator accounts for a supervisor: list with the lock-out state, add, disable/enable, reset a
password (which also lifts a lock-out), unlock.

Why a service with the supervisor passed in: "only a supervisor manages accounts" is a rule of the
product, so the desktop app's Operators tab and ``fieldkit operator …`` go through the same checks;
every change is audited by the store in one transaction, and the account travels to headquarters.
A team must never lock itself out: the last active supervisor cannot be disabled, and nobody
disables their own account.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fieldkit import auth
from fieldkit.errors import UserError
from fieldkit.times import display_time
from storage.records import Operator
from storage.store import Store


@dataclass(frozen=True)
class OperatorRow:
    """One account as the Operators tab and ``fieldkit operator list`` show it."""

    login: str
    name: str
    role: str
    active: bool
    locked: bool
    locked_until: str  # local time, "" when not locked
    failed_attempts: int


def _require_supervisor(supervisor: Operator) -> None:
    if supervisor.role != "supervisor" or not supervisor.active:
        raise UserError(
            "Only a supervisor can manage operator accounts: log in with a supervisor account.",
            code="operator.not_supervisor",
        )


def _find(store: Store, login: str) -> Operator:
    operator = store.operators.find_by_login(login.strip())
    if operator is None:
        raise UserError(f"No operator with login {login}.", code="operator.not_found")
    return operator


def is_locked(operator: Operator, now: dt.datetime | None = None) -> bool:
    now = now or dt.datetime.now(dt.UTC)
    return bool(operator.locked_until) and dt.datetime.fromisoformat(str(operator.locked_until)) > now


def operator_rows(store: Store, *, now: dt.datetime | None = None) -> list[OperatorRow]:
    rows = []
    for op in store.operators.all():
        locked = is_locked(op, now)
        rows.append(
            OperatorRow(
                op.login,
                op.name,
                op.role,
                op.active,
                locked,
                display_time(op.locked_until) if locked else "",
                op.failed_attempts,
            )
        )
    return rows


def add_operator(
    store: Store, supervisor: Operator, *, login: str, name: str, role: str, password: str
) -> Operator:
    _require_supervisor(supervisor)
    if store.operators.find_by_login(login.strip()) is not None:
        raise UserError(f"The login {login.strip()} is taken.", code="operator.exists")
    return auth.add_operator(
        store, login=login, name=name, role=role, password=password, actor=supervisor.uuid
    )


def set_active(store: Store, supervisor: Operator, login: str, *, active: bool) -> Operator:
    """Disable (or enable again) an account; refuses one's own account and the last supervisor."""
    _require_supervisor(supervisor)
    operator = _find(store, login)
    if not active:
        if operator.uuid == supervisor.uuid:
            raise UserError("You cannot disable your own account.", code="operator.self")
        supervisors = [o for o in store.operators.all() if o.role == "supervisor" and o.active]
        if operator.role == "supervisor" and len(supervisors) <= 1:
            raise UserError(
                "This is the last active supervisor; add another supervisor first.",
                code="operator.last_supervisor",
            )
    with store.transaction(supervisor.uuid):
        store.operators.set_active(operator.uuid, active)
    return store.operators.get(operator.uuid)


def reset_password(store: Store, supervisor: Operator, login: str, new_password: str) -> Operator:
    """A new password chosen with the operator; a lock-out is lifted at the same time."""
    _require_supervisor(supervisor)
    operator = _find(store, login)
    if len(new_password) < auth.MIN_PASSWORD_LENGTH:
        raise UserError(
            f"A password needs at least {auth.MIN_PASSWORD_LENGTH} characters.", code="operator.weak_password"
        )
    with store.transaction(supervisor.uuid):
        store.operators.set_password_hash(operator.uuid, auth.hash_password(new_password))
        store.operators.set_login_state(
            operator.uuid, failed_attempts=0, locked_until=None, event="operator.unlock"
        )
    return store.operators.get(operator.uuid)


def unlock(store: Store, supervisor: Operator, login: str) -> Operator:
    """Lift a lock-out after too many wrong passwords (the password stays)."""
    _require_supervisor(supervisor)
    operator = _find(store, login)
    with store.transaction(supervisor.uuid):
        store.operators.set_login_state(
            operator.uuid, failed_attempts=0, locked_until=None, event="operator.unlock"
        )
    return store.operators.get(operator.uuid)
