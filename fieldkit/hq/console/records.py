"""Reading what laptops sent, for the console: the newest version of a record, and whose it is.

Why read-only helpers here: intake stores every version of every record byte-exact
(``records.content``, canonical JSON); the console only needs the newest one and the ID number of
the person it concerns, to show the evidence and to fill the queue's district.
"""

from __future__ import annotations

import json
from typing import Any

from fieldkit.hq.checks import id_number_of
from fieldkit.hq.store import HqStore


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
