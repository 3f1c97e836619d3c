"""One line in headquarters' staff audit trail for every change made from the operations pages.

Why its own tiny module: the devices, regions and staff pages all record who changed what, in the
same ``staff_audit`` table as the console's decisions and reveals, and never with a password, an ID
number or a name in clear (the subject is a device key id or a staff login).
"""

from __future__ import annotations

import json
from typing import Any

from fieldkit.hq.store import HqStore
from storage.records import utc_now


def staff_event(hq: HqStore, login: str, action: str, subject: str, detail: dict[str, Any]) -> None:
    """Append ``login`` did ``action`` to ``subject`` (call inside the change's transaction)."""
    hq.db.execute(
        "INSERT INTO staff_audit (at, login, action, subject, detail) VALUES (?, ?, ?, ?, ?)",
        (utc_now(), login, action, subject, json.dumps(detail, sort_keys=True, ensure_ascii=False)),
    )


def staff_events(
    hq: HqStore, *, subject_prefix: str = "", limit: int = 50
) -> list[tuple[str, str, str, str]]:
    """The newest audit lines (at, login, action, subject) whose subject starts with the prefix."""
    rows = hq.db.execute(
        "SELECT at, login, action, subject FROM staff_audit WHERE subject LIKE ? ORDER BY id DESC LIMIT ?",
        (subject_prefix + "%", limit),
    ).fetchall()
    return [(str(a), str(b), str(c), str(d)) for a, b, c, d in rows]
