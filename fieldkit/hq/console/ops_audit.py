"""One line in headquarters' staff audit trail for every change made from the operations pages.

Why a thin layer over :mod:`fieldkit.hq.console.staff_audit`: the devices, regions and staff pages
record who changed what in the same table as the console's logins, decisions and reveals, and
their pages list the latest changes by subject kind (``device:…``, ``staff:…``). The subject is a
device key id or a staff login; a detail never holds a password, an ID number or a name in clear.
"""

from __future__ import annotations

from typing import Any

from fieldkit.hq.console import staff_audit
from fieldkit.hq.store import HqStore


def staff_event(hq: HqStore, login: str, action: str, subject: str, detail: dict[str, Any]) -> None:
    """Append ``login`` did ``action`` to ``subject`` (call inside the change's transaction)."""
    staff_audit.record(hq, login, action, subject, **detail)


def staff_events(hq: HqStore, *, subject_prefix: str, limit: int = 50) -> list[tuple[str, str, str, str]]:
    """The newest audit lines (at, login, action, subject) whose subject starts with the prefix."""
    rows = hq.db.execute(
        "SELECT at, login, action, subject FROM staff_audit WHERE subject LIKE ? ORDER BY id DESC LIMIT ?",
        (subject_prefix + "%", limit),
    ).fetchall()
    return [(str(a), str(b), str(c), str(d)) for a, b, c, d in rows]
