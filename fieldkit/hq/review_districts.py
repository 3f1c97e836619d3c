"""Placing review items in their district, so the review queue can be filtered by district.

Why a separate step after intake and after the duplicate search: the rules that open review items
know a record, not the roster's district of its person, and must stay fast inside the upload's
transaction. Items are therefore opened without a district and placed here — right after an upload
is answered (in the background), after a worker records its hits, and, bounded, by the console's
queue view for anything still unplaced (e.g. items opened by a USB import on another machine).
"""

from __future__ import annotations

import json
import logging
from typing import Any

from fieldkit.hq.checks import id_number_of
from fieldkit.hq.store import HqStore

log = logging.getLogger(__name__)

_ROUNDS = 1000  # note: a bound, not a expected count: 1000 rounds of 500 items is a whole city's backlog


def latest_record(hq: HqStore, record_uuid: str) -> dict[str, Any] | None:
    """The newest version of a record as a dict, or None if headquarters has none."""
    row = hq.db.execute(
        "SELECT content FROM records WHERE record_uuid = ? ORDER BY version DESC LIMIT 1", (record_uuid,)
    ).fetchone()
    if row is None:
        return None
    try:
        value = json.loads(bytes(row[0]))
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def person_of_review(hq: HqStore, kind: str, record_uuid: str, record_type: str) -> str | None:
    """The ID number of the person a review item is about, if headquarters can tell."""
    if kind == "duplicate" or record_type == "enrollment":
        found = hq.db.scalar(
            "SELECT id_number FROM templates WHERE enrollment_uuid = ? LIMIT 1", (record_uuid,)
        )
        if found:
            return str(found)
    record = latest_record(hq, record_uuid)
    if record is None:
        return None
    if record_type == "person":
        value = record.get("id_number")
        return str(value) if value else id_number_of(hq, record_uuid)
    person_uuid = record.get("person_uuid")
    return id_number_of(hq, str(person_uuid)) if person_uuid else None


def fill_districts(hq: HqStore, limit: int) -> int:
    """Give up to ``limit`` items without a district the district of their person in the roster
    ('' if none is known), duplicates all at once; returns how many single items were placed."""
    with hq.db.transaction():  # duplicates in one statement: their enrollment's person in the roster
        hq.db.execute(
            "UPDATE reviews SET district = coalesce((SELECT r.district FROM templates t "
            "JOIN roster r ON r.id_number = t.id_number WHERE t.enrollment_uuid = reviews.record_uuid "
            "LIMIT 1), '') WHERE district IS NULL AND kind = 'duplicate'"
        )
    rows = hq.db.execute(
        "SELECT id, kind, record_uuid, record_type FROM reviews WHERE district IS NULL ORDER BY id LIMIT ?",
        (limit,),
    ).fetchall()
    for review_id, kind, record_uuid, record_type in rows:
        id_number = person_of_review(hq, str(kind), str(record_uuid), str(record_type))
        district = None
        if id_number:
            district = hq.db.scalar("SELECT district FROM roster WHERE id_number = ?", (id_number,))
        hq.db.execute("UPDATE reviews SET district = ? WHERE id = ?", (str(district or ""), review_id))
    return len(rows)


def place_new_reviews(hq: HqStore) -> None:
    """Place every unplaced item; never raises (the queue view places what is left), logs why."""
    try:
        for _ in range(_ROUNDS):
            if not fill_districts(hq, 500):
                return
    except Exception as exc:  # note: housekeeping after the real work; a failure must not undo that
        log.warning("placing review items in their district stopped: %s", type(exc).__name__)
