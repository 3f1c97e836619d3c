"""Batch intake at headquarters: a per-record answer for every entry of a verified batch.

Why per record: a laptop re-sends whatever it has not seen acknowledged, after a dropped connection
or from a USB copy, so headquarters must recognise "already had" (identical bytes) and tell it apart
from a "conflict" (same UUID, different content — a changed record must be a new record naming the
one it replaces). A record whose bytes do not match the manifest's hash is rejected. Gaps in the
device's outbox sequence are reported so that a record that never arrived is noticed.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field

from fieldkit.errors import UserError
from fieldkit.hq.store import HqStore
from fieldkit.sync.envelope import OpenedBatch
from storage.records import utc_now

STATUSES = ("accepted", "already_had", "conflict", "rejected")


@dataclass
class IntakeReport:
    """What happened to each record, and which sequence numbers are still missing for the device."""

    batch_id: str
    statuses: dict[str, str] = field(default_factory=dict)  # record UUID → status
    reasons: dict[str, str] = field(default_factory=dict)
    missing_sequences: list[int] = field(default_factory=list)
    repeated_batch: bool = False

    def counts(self) -> dict[str, int]:
        return dict(Counter(self.statuses.values()))


def intake(hq: HqStore, opened: OpenedBatch) -> IntakeReport:
    """Store the new records of a verified batch in one transaction and answer for every entry."""
    try:
        body = json.loads(opened.body)
        manifest, records = body["manifest"], body["records"]
        entries = list(manifest["entries"])
    except (ValueError, KeyError, TypeError):
        raise UserError("The batch body is malformed.", code="batch.malformed") from None
    report = IntakeReport(batch_id=opened.batch_id)
    now = utc_now()
    db = hq.db
    db.execute("BEGIN IMMEDIATE")
    try:
        report.repeated_batch = (
            db.execute("SELECT 1 FROM batches WHERE batch_id = ?", (opened.batch_id,)).fetchone() is not None
        )
        for entry in entries:
            uuid, outbox_uuid = str(entry["record_uuid"]), str(entry["outbox_uuid"])
            content = base64.b64decode(records.get(outbox_uuid, ""), validate=True)
            if hashlib.sha256(content).hexdigest() != entry["sha256"] or len(content) != entry["size"]:
                report.statuses[uuid], report.reasons[uuid] = (
                    "rejected",
                    "content does not match the manifest",
                )
                continue
            row = db.execute("SELECT sha256 FROM records WHERE record_uuid = ?", (uuid,)).fetchone()
            if row is not None:
                report.statuses[uuid] = "already_had" if row[0] == entry["sha256"] else "conflict"
                continue
            db.execute(
                "INSERT INTO records (record_uuid, record_type, sha256, content, device_key_id, sequence, "
                "batch_id, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    uuid,
                    str(entry["record_type"]),
                    entry["sha256"],
                    content,
                    opened.device_key_id,
                    int(entry["sequence"]),
                    opened.batch_id,
                    now,
                ),
            )
            report.statuses[uuid] = "accepted"
        if not report.repeated_batch:
            db.execute(
                "INSERT INTO batches (batch_id, device_key_id, store_id, entries, received_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (opened.batch_id, opened.device_key_id, str(manifest.get("store_id", "")), len(entries), now),
            )
        db.execute("COMMIT")
    except (ValueError, KeyError, TypeError) as exc:
        db.execute("ROLLBACK")
        raise UserError(
            f"The batch body is malformed ({type(exc).__name__}); nothing was stored.", code="batch.malformed"
        ) from None
    except BaseException:
        db.execute("ROLLBACK")
        raise
    report.missing_sequences = missing_sequences(hq, opened.device_key_id)
    return report


def missing_sequences(hq: HqStore, device_key_id: str) -> list[int]:
    """Outbox sequence numbers of a device, up to its highest received one, that never arrived."""
    received = {
        int(r[0])
        for r in hq.db.execute("SELECT sequence FROM records WHERE device_key_id = ?", (device_key_id,))
    }
    if not received:
        return []
    return [n for n in range(1, max(received) + 1) if n not in received]  # a store's outbox counts from 1
