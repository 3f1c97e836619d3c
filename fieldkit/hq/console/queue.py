"""The review queue as the console shows it: filtered, counted per kind, one page at a time.

Why its own query rather than :func:`fieldkit.hq.reviews.list_reviews`: that one loads every item
with its details (fine for a terminal and a few dozen items); a headquarters with 10,000 open items
needs a page of 50 rows from an index, and counts from the same filter. Age is measured from
``created_at`` (ISO text, so "older than N days" is a text comparison the index can use).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from fieldkit.hq import review_districts
from fieldkit.hq.store import HqStore

PAGE_SIZE = 50
STATUSES = ("open", "approved", "rejected")


@dataclass(frozen=True)
class QueueFilter:
    """What the reviewer asked for (every field optional; empty means any)."""

    kind: str = ""
    status: str = "open"
    device: str = ""
    district: str = ""
    min_age_days: int = 0
    page: int = 1


@dataclass(frozen=True)
class QueueRow:
    id: int
    kind: str
    record_type: str
    device_key_id: str
    device_name: str
    district: str
    summary: str
    status: str
    created_at: str


@dataclass
class QueuePage:
    rows: list[QueueRow]
    counts: dict[str, int] = field(default_factory=dict)  # kind → items matching the other filters
    total: int = 0
    page: int = 1
    pages: int = 1
    unplaced: int = 0  # items whose district is not yet known (filled a few per request)


def _where(wanted: QueueFilter, *, with_kind: bool, now: dt.datetime) -> tuple[str, list[object]]:
    clauses: list[str] = []
    params: list[object] = []
    if wanted.status in STATUSES:
        clauses.append("r.status = ?")
        params.append(wanted.status)
    if with_kind and wanted.kind:
        clauses.append("r.kind = ?")
        params.append(wanted.kind)
    if wanted.device:
        clauses.append("r.device_key_id = ?")
        params.append(wanted.device)
    if wanted.district:
        clauses.append("r.district = ?")
        params.append(wanted.district)
    if wanted.min_age_days > 0:
        clauses.append("r.created_at <= ?")
        params.append((now - dt.timedelta(days=wanted.min_age_days)).isoformat())
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def queue_page(hq: HqStore, wanted: QueueFilter, *, now: dt.datetime | None = None) -> QueuePage:
    """One page of matching items, oldest first, with the counts per kind."""
    moment = now or dt.datetime.now(dt.UTC)
    where, params = _where(wanted, with_kind=False, now=moment)
    counts = {
        str(kind): int(n)
        for kind, n in hq.db.execute(
            f"SELECT r.kind, count(*) FROM reviews r{where} GROUP BY r.kind", params
        ).fetchall()
    }
    total = counts.get(wanted.kind, 0) if wanted.kind else sum(counts.values())
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(1, wanted.page), pages)
    where, params = _where(wanted, with_kind=True, now=moment)
    rows = hq.db.execute(
        "SELECT r.id, r.kind, r.record_type, r.device_key_id, coalesce(d.name, ''), "
        "coalesce(r.district, ''), r.summary, r.status, r.created_at "
        f"FROM reviews r LEFT JOIN devices d ON d.key_id = r.device_key_id{where} "
        "ORDER BY r.id LIMIT ? OFFSET ?",
        [*params, PAGE_SIZE, (page - 1) * PAGE_SIZE],
    ).fetchall()
    unplaced = int(hq.db.scalar("SELECT count(*) FROM reviews WHERE district IS NULL") or 0)
    return QueuePage(
        unplaced=unplaced,
        rows=[
            QueueRow(int(a), str(b), str(c), str(d), str(e), str(f), str(g), str(h), str(i))
            for a, b, c, d, e, f, g, h, i in rows
        ],
        counts=counts,
        total=total,
        page=page,
        pages=pages,
    )


def devices(hq: HqStore) -> list[tuple[str, str]]:
    """(key id, name) of every device, for the team filter."""
    return [(str(k), str(n)) for k, n in hq.db.execute("SELECT key_id, name FROM devices ORDER BY name")]


def districts(hq: HqStore) -> list[str]:
    """Every district in the roster, for the district filter."""
    return [
        str(r[0])
        for r in hq.db.execute(
            "SELECT DISTINCT district FROM roster WHERE district IS NOT NULL ORDER BY district"
        )
    ]


_FILL_BATCH = 150  # note: bounds the extra time of a queue request right after a large intake


def fill_districts(hq: HqStore) -> int:
    """Place a bounded number of items still without a district (most are placed right after the
    upload or the search that opened them, see ``fieldkit.hq.review_districts``); returns how many."""
    return review_districts.fill_districts(hq, _FILL_BATCH)
