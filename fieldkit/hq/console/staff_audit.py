"""HQ's audit trail of what staff did in the console: logins, decisions, ID-number reveals.

Why its own table: the laptops' audit chains record field work; who at headquarters looked at a
retiree's full ID number or decided a suspected fraud must be answerable just as well. The detail
never holds an ID number or a name in clear: a reveal records *which* item was revealed, not what.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from fieldkit.hq.store import HqStore
from storage.records import utc_now


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: str
    login: str
    action: str
    subject: str
    detail: dict[str, Any]


def record(hq: HqStore, login: str, action: str, subject: str, **detail: Any) -> None:
    """Add one entry (call inside the transaction of the action it records, where there is one)."""
    hq.db.execute(
        "INSERT INTO staff_audit (at, login, action, subject, detail) VALUES (?, ?, ?, ?, ?)",
        (utc_now(), login, action, subject, json.dumps(detail, sort_keys=True, ensure_ascii=False)),
    )


def entries(hq: HqStore, *, subject: str | None = None, limit: int = 200) -> list[AuditEntry]:
    """The newest entries first (those about ``subject`` only, when given)."""
    if subject is None:
        rows = hq.db.execute(
            "SELECT id, at, login, action, subject, detail FROM staff_audit ORDER BY id DESC LIMIT ?",
            (limit,),
        ).fetchall()
    else:
        rows = hq.db.execute(
            "SELECT id, at, login, action, subject, detail FROM staff_audit WHERE subject = ? "
            "ORDER BY id DESC LIMIT ?",
            (subject, limit),
        ).fetchall()
    return [AuditEntry(int(a), str(b), str(c), str(d), str(e), json.loads(f)) for a, b, c, d, e, f in rows]
