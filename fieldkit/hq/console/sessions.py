"""Server-side staff sessions for the web console, kept in the headquarters database.

Why server-side rows rather than self-contained signed cookies: logging out, an administrator
deactivating an account and the idle timeout must end a session at once, everywhere; a row that is
gone is a session that is over. The cookie holds a random token; the database keeps only its
SHA-256, so someone who reads the database (or a backup) cannot take over a session. Each session
has its own CSRF token, sent in every form and compared in constant time (:mod:`.csrf`).
"""

from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass

from fieldkit.hq.store import HqStore

IDLE_SECONDS = 15 * 60  # note: an office PC left unlocked: a quarter of an hour without a request ends it
MAX_SECONDS = 12 * 3600  # note: a working day at most, however busy
_TOUCH_EVERY = 30  # note: last_seen is written at most this often (each page view is not a write)


@dataclass(frozen=True)
class StaffSession:
    """The logged-in staff member of a request."""

    login: str
    name: str
    role: str
    csrf_token: str
    token_hash: str

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def start_session(hq: HqStore, login: str, remote: str, *, now: float | None = None) -> str:
    """A new session for ``login`` (already checked by ``hq_log_in``); returns the cookie's token."""
    moment = int(now if now is not None else time.time())
    token = secrets.token_urlsafe(32)
    hq.db.execute(
        "INSERT INTO console_sessions (token_hash, login, csrf_token, created_at, last_seen, remote) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (_digest(token), login, secrets.token_urlsafe(32), moment, moment, remote[:64]),
    )
    return token


def find_session(
    hq: HqStore, token: str, *, idle_seconds: int = IDLE_SECONDS, now: float | None = None
) -> StaffSession | None:
    """The live session of a cookie's token, or None (unknown, idle too long, too old, or the
    account was deactivated); an expired session's row is deleted."""
    if not token or len(token) > 128:
        return None
    moment = int(now if now is not None else time.time())
    digest = _digest(token)
    row = hq.db.execute(
        "SELECT s.login, o.name, o.role, s.csrf_token, s.created_at, s.last_seen, o.active "
        "FROM console_sessions s JOIN hq_operators o ON o.login = s.login WHERE s.token_hash = ?",
        (digest,),
    ).fetchone()
    if row is None:
        return None
    login, name, role, csrf_token, created, last_seen, active = row
    if not active or moment - int(last_seen) > idle_seconds or moment - int(created) > MAX_SECONDS:
        hq.db.execute("DELETE FROM console_sessions WHERE token_hash = ?", (digest,))
        return None
    if moment - int(last_seen) >= _TOUCH_EVERY:
        hq.db.execute("UPDATE console_sessions SET last_seen = ? WHERE token_hash = ?", (moment, digest))
    return StaffSession(str(login), str(name), str(role), str(csrf_token), digest)


def end_session(hq: HqStore, token_hash: str) -> None:
    """Log out: the row goes, so the cookie is worth nothing from now on."""
    hq.db.execute("DELETE FROM console_sessions WHERE token_hash = ?", (token_hash,))


def end_sessions_of(hq: HqStore, login: str) -> int:
    """End every session of a staff member (account deactivated, password changed); returns how many."""
    return int(hq.db.execute("DELETE FROM console_sessions WHERE login = ?", (login,)).rowcount)
