"""Operator accounts. The store keeps the password hash it is given; hashing and lock-out policy
live in ``fieldkit.auth`` so that the KDF can change without a schema change.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from storage.connection import IntegrityError
from storage.errors import Conflict, NotFound
from storage.records import Operator, utc_now
from storage.session import Session

_FIELDS = tuple(f.name for f in fields(Operator))
_SELECT = f"SELECT {', '.join(_FIELDS)} FROM operators"


def _row_to_operator(row: Any) -> Operator:
    values = dict(zip(_FIELDS, row, strict=True))
    values["active"] = bool(values["active"])
    return Operator(**values)


class OperatorRepository:
    """Reads and writes of ``operators``."""

    def __init__(self, session: Session) -> None:
        self._s = session

    def add(self, operator: Operator) -> Operator:
        """Create an account; logins are unique."""
        self._s.require_writer()
        operator.created_at = utc_now()
        try:
            self._s.db.execute(
                f"INSERT INTO operators ({', '.join(_FIELDS)}) VALUES ({', '.join('?' for _ in _FIELDS)})",
                tuple(getattr(operator, f) for f in _FIELDS),
            )
        except IntegrityError:
            raise Conflict(f"An operator with login {operator.login!r} already exists.") from None
        self._s.record("operator.add", "operator", operator.uuid, {"role": operator.role}, travels=True)
        return operator

    def find_by_login(self, login: str) -> Operator | None:
        """The account with this login, if any."""
        row = self._s.db.execute(f"{_SELECT} WHERE login = ?", (login,)).fetchone()
        return _row_to_operator(row) if row else None

    def get(self, uuid: str) -> Operator:
        """The account with this UUID, or NotFound."""
        row = self._s.db.execute(f"{_SELECT} WHERE uuid = ?", (uuid,)).fetchone()
        if row is None:
            raise NotFound("No such operator.")
        return _row_to_operator(row)

    def all(self) -> list[Operator]:
        """Every account, by login."""
        return [_row_to_operator(r) for r in self._s.db.execute(f"{_SELECT} ORDER BY login")]

    def set_login_state(
        self, uuid: str, *, failed_attempts: int, locked_until: str | None, event: str
    ) -> None:
        """Record a login outcome (``event`` names it in the audit trail)."""
        self._s.require_writer()
        self._s.db.execute(
            "UPDATE operators SET failed_attempts = ?, locked_until = ? WHERE uuid = ?",
            (failed_attempts, locked_until, uuid),
        )
        self._s.record(event, "operator", uuid, {"failed_attempts": failed_attempts})

    def set_password_hash(self, uuid: str, password_hash: str) -> None:
        """Replace the stored hash (password change or KDF upgrade)."""
        self._s.require_writer()
        self._s.db.execute("UPDATE operators SET password_hash = ? WHERE uuid = ?", (password_hash, uuid))
        self._s.record("operator.password", "operator", uuid)

    def set_active(self, uuid: str, active: bool) -> None:
        """Disable an account (it can no longer log in; its past records keep its name) or enable it."""
        self._s.require_writer()
        self._s.db.execute("UPDATE operators SET active = ? WHERE uuid = ?", (1 if active else 0, uuid))
        self._s.record("operator.enable" if active else "operator.disable", "operator", uuid, travels=True)

    def record_unknown_login(self) -> None:
        """Audit a log-in attempt for a login that does not exist (the login itself is not kept)."""
        self._s.require_writer()
        self._s.record("operator.login_unknown", "operator", None)
