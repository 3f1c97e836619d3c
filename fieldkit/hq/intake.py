"""Batch intake at headquarters: a per-record answer for every entry of a verified batch.

Why per record: a laptop re-sends whatever it has not seen acknowledged, after a dropped connection
or from a USB copy, so headquarters must recognise "already had" (identical bytes of the same
version) and tell it apart from a "conflict" (same UUID and version, different content). A record
changed on the laptop (a case decided after it was sent) travels as its next version, naming the
one it replaces by number, and is accepted as such. A record whose bytes do not match the manifest's
hash is rejected. Gaps in the device's outbox sequence are reported so that a record that never
arrived is noticed. New records are indexed in the same transaction (person → ID number links,
templates for the city-wide gallery) and checked (roster, open cases, conflicts) so that what people
must decide is queued for review; enrollments are then searched against every enrolled palm.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from fieldkit.errors import UserError
from fieldkit.hq.checks import check_record
from fieldkit.hq.duplicates import search_new_enrollments
from fieldkit.hq.package_index import index_certification, index_enrollment
from fieldkit.hq.reviews import open_review
from fieldkit.hq.store import HqStore
from fieldkit.wire.envelope import OpenedBatch
from storage.records import utc_now

STATUSES = ("accepted", "already_had", "conflict", "needs_review", "rejected")
RECORD_TYPES = ("person", "enrollment", "certification", "case", "receipt", "attachment", "operator")


@dataclass
class IntakeReport:
    """What happened to each record, and which sequence numbers are still missing for the device."""

    batch_id: str
    statuses: dict[str, str] = field(default_factory=dict)  # record UUID → status
    reasons: dict[str, str] = field(default_factory=dict)
    missing_sequences: list[int] = field(default_factory=list)
    repeated_batch: bool = False
    new_enrollments: list[str] = field(default_factory=list)
    hq: HqStore | None = None
    _change: int | None = None

    def change(self) -> int:
        """One change number for everything this batch adds to the work-package index."""
        if self._change is None:
            assert self.hq is not None
            self._change = self.hq.next_change()
        return self._change

    def counts(self) -> dict[str, int]:
        return dict(Counter(self.statuses.values()))

    def as_answer(self) -> dict[str, Any]:
        """The JSON answer a laptop receives."""
        return {
            "batch_id": self.batch_id,
            "statuses": self.statuses,
            "reasons": self.reasons,
            "missing_sequences": self.missing_sequences,
            "repeated_batch": self.repeated_batch,
        }


def parse_body(body: bytes) -> tuple[dict[str, Any], dict[str, str], list[dict[str, Any]]]:
    """(manifest, records by outbox UUID, entries) of a batch body, or ``batch.malformed``."""
    try:
        parsed = json.loads(body)
        manifest, records = parsed["manifest"], parsed["records"]
        entries = [dict(e) for e in manifest["entries"]]
        if not isinstance(records, dict):
            raise TypeError("records")
    except (ValueError, KeyError, TypeError):
        raise UserError("The batch body is malformed.", code="batch.malformed") from None
    return manifest, records, entries


def _store_entry(
    hq: HqStore, report: IntakeReport, entry: dict[str, Any], content: bytes, device: str, now: str
) -> None:
    uuid, version = str(entry["record_uuid"]), int(entry.get("version", 1))
    record_type = str(entry["record_type"])
    if record_type not in RECORD_TYPES:
        report.statuses[uuid], report.reasons[uuid] = "rejected", f"unknown record type {record_type[:40]}"
        return
    db = hq.db
    held = db.scalar("SELECT sha256 FROM records WHERE record_uuid = ? AND version = ?", (uuid, version))
    if held is not None:
        if held == entry["sha256"]:
            report.statuses[uuid] = "already_had"
            return
        report.statuses[uuid] = "conflict"
        report.reasons[uuid] = f"version {version} is held with different content"
        open_review(
            hq,
            kind="conflict",
            record_uuid=uuid,
            record_type=record_type,
            device_key_id=device,
            summary=f"{record_type} version {version} re-sent with different content",
            details={"version": version, "held_sha256": held, "sent_sha256": entry["sha256"]},
        )
        return
    db.execute(
        "INSERT INTO records (record_uuid, version, record_type, sha256, content, device_key_id, sequence, "
        "batch_id, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            uuid,
            version,
            record_type,
            entry["sha256"],
            content,
            device,
            int(entry["sequence"]),
            report.batch_id,
            now,
        ),
    )
    report.statuses[uuid] = "accepted"
    try:
        record = json.loads(content)
    except ValueError:
        record = None
    if not isinstance(record, dict):
        return
    why = check_record(hq, record_type, record, device_key_id=device, version=version)
    # note: indexed for work packages now, while the record is parsed, instead of at the next build
    if record_type == "enrollment":
        index_enrollment(hq, uuid, version, record, report.change)
    elif record_type == "certification":
        index_certification(hq, uuid, record, report.change)
    if why:
        report.statuses[uuid], report.reasons[uuid] = "needs_review", why
    if record_type == "enrollment" and version == 1:
        report.new_enrollments.append(uuid)


def intake(hq: HqStore, opened: OpenedBatch, *, duplicate_search: bool = True) -> IntakeReport:
    """Store the new records of a verified batch in one transaction and answer for every entry."""
    manifest, records, entries = parse_body(opened.body)
    report = IntakeReport(batch_id=opened.batch_id, hq=hq)
    now = utc_now()
    db = hq.db
    try:
        with db.transaction():
            report.repeated_batch = (
                db.scalar("SELECT 1 FROM batches WHERE batch_id = ?", (opened.batch_id,)) is not None
            )
            for entry in entries:
                uuid = str(entry["record_uuid"])
                content = base64.b64decode(records.get(str(entry["outbox_uuid"]), ""), validate=True)
                if hashlib.sha256(content).hexdigest() != entry["sha256"] or len(content) != entry["size"]:
                    report.statuses[uuid], report.reasons[uuid] = (
                        "rejected",
                        "content does not match the manifest",
                    )
                    continue
                _store_entry(hq, report, entry, content, opened.device_key_id, now)
            if not report.repeated_batch:
                db.execute(
                    "INSERT INTO batches (batch_id, device_key_id, store_id, entries, received_at, report) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        opened.batch_id,
                        opened.device_key_id,
                        str(manifest.get("store_id", ""))[:100],
                        len(entries),
                        now,
                        json.dumps(report.counts()),
                    ),
                )
    except (ValueError, KeyError, TypeError) as exc:
        raise UserError(
            f"The batch body is malformed ({type(exc).__name__}); nothing was stored.", code="batch.malformed"
        ) from None
    if duplicate_search and report.new_enrollments:
        for uuid, why in search_new_enrollments(hq, report.new_enrollments).items():
            report.statuses[uuid], report.reasons[uuid] = "needs_review", why
    report.missing_sequences = missing_sequences(hq, opened.device_key_id)
    return report


def missing_sequences(hq: HqStore, device_key_id: str) -> list[int]:
    """Outbox sequence numbers of a device, up to its highest received one, that never arrived."""
    received = {
        int(r[0])
        for r in hq.db.execute(
            "SELECT DISTINCT sequence FROM records WHERE device_key_id = ?", (device_key_id,)
        ).fetchall()
    }
    if not received:
        return []
    return [n for n in range(1, max(received) + 1) if n not in received]  # a store's outbox counts from 1
