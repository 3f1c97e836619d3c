"""Removals in work packages: people a region's laptops must stop treating as theirs, and why.

Why a list of its own: a delta carries what changed in a region, but someone who left the region
(moved to another one in the roster, or marked as fraud at headquarters) is no longer in the
region's rows, so without it a laptop would keep them on its due list forever. Deceased and
suspended people stay in the region's rows with their new status; they are named in the removals
too, so the laptop records the reason in its audit trail. Each removal is stamped with the change
counter like roster rows, so "changes after N" finds it, and it travels inside the signed and
encrypted package like everything else (the ID number never appears in clear outside it).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from fieldkit.errors import UserError
from fieldkit.hq.store import HqStore
from fieldkit.wire.package import REMOVAL_REASONS
from storage.records import utc_now

_UPSERT = (
    "INSERT INTO package_removals (id_number, region, cycle, reason, change_seq, removed_at) "
    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id_number, region, cycle) DO UPDATE SET "
    "reason = excluded.reason, change_seq = excluded.change_seq, removed_at = excluded.removed_at"
)


def record_moves(hq: HqStore, moves: Iterable[tuple[str, str, int]], change_seq: int) -> None:
    """People whose roster row moved to another region: removed from (old region, old cycle)."""
    now = utc_now()
    rows = [(id_number, region, cycle, "moved", change_seq, now) for id_number, region, cycle in moves]
    if rows:
        hq.db.executemany(_UPSERT, rows)


def mark_fraud(hq: HqStore, id_number: str) -> tuple[str, int]:
    """Headquarters found this person's record fraudulent: every laptop of their region withdraws
    them at its next package (status suspended there). Returns (region, cycle)."""
    with hq.db.transaction():
        row = hq.db.execute("SELECT region, cycle FROM roster WHERE id_number = ?", (id_number,)).fetchone()
        if row is None:
            raise UserError("No such person in the roster.", code="roster.unknown_person")
        region, cycle = str(row[0]), int(row[1])
        hq.db.execute(_UPSERT, (id_number, region, cycle, "fraud", hq.next_change(), utc_now()))
    return region, cycle


def removals(hq: HqStore, region: str, cycle: int, since: int, people: list[Any]) -> list[dict[str, str]]:
    """The removals of a package: moves and fraud after ``since`` (not a move of someone who has
    since come back), plus the deceased and suspended among the package's people (their roster rows
    changed after ``since``)."""
    found = [
        {"id_number": str(id_number), "reason": str(reason)}
        for id_number, reason in hq.db.execute(
            "SELECT x.id_number, x.reason FROM package_removals x WHERE x.region = ? AND x.cycle = ? "
            "AND x.change_seq > ? AND NOT (x.reason = 'moved' AND EXISTS (SELECT 1 FROM roster r WHERE "
            "r.id_number = x.id_number AND r.region = x.region AND r.cycle = x.cycle)) ORDER BY x.id_number",
            (region, cycle, since),
        ).fetchall()
        if reason in REMOVAL_REASONS
    ]
    named = {r["id_number"] for r in found}
    for person in people:
        values = person if isinstance(person, dict) else json.loads(person)
        status, id_number = values.get("status"), str(values.get("id_number", ""))
        if status in ("deceased", "suspended") and id_number not in named:
            found.append({"id_number": id_number, "reason": str(status)})
    return found
