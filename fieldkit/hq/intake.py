"""Batch intake at headquarters: a per-record answer for every entry of a verified batch.

Why per record: a laptop re-sends whatever it has not seen acknowledged, after a dropped connection
or from a USB copy, so headquarters must recognise "already had" (identical bytes of the same
version) and tell it apart from a "conflict" (same UUID and version, different content). A record
changed on the laptop (a case decided after it was sent) travels as its next version, naming the
one it replaces by number, and is accepted as such. A record whose bytes do not match the manifest's
hash is rejected. Gaps in the device's outbox sequence are reported so that a record that never
arrived is noticed. New records are indexed in the same transaction (person → ID number links,
templates for the city-wide gallery) and checked (roster, open cases, conflicts) so that what people
must decide is queued for review. Each new enrollment's search against every enrolled palm is queued
as a job in the same transaction (``fieldkit.hq.search_queue``) and done later by a worker; the
answer names those enrollments under ``duplicate_search_pending`` and a hit reaches the laptop as a
decision, like any other review.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from fieldkit.errors import UserError
from fieldkit.hq.audit_heads import check_audit_head
from fieldkit.hq.checks import check_record
from fieldkit.hq.enrolment_holds import hold_row
from fieldkit.hq.intake_batch import IntakeBatch
from fieldkit.hq.package_index import certification_row, enrollment_row
from fieldkit.hq.search_queue import enqueue
from fieldkit.hq.store import HqStore
from fieldkit.wire.envelope import OpenedBatch
from storage.records import utc_now

STATUSES = ("accepted", "already_had", "conflict", "needs_review", "rejected")
MAX_SEQUENCE = 2**53  # note: an outbox counts one by one; anything near 2^53 is forged or corrupt
SEQUENCE_JUMP = 1_000_000  # how far past the device's highest sequence a new one may be
MAX_VERSION = 2**31
_EXPANDED = 1000
_GAP_LIMIT = 1000
_ATTEMPTS = 3  # note: a unique-key race with another device's batch; the second try sees its rows
RECORD_TYPES = ("person", "enrollment", "certification", "case", "receipt", "attachment", "operator")


@dataclass
class IntakeReport:
    """What happened to each record, and which sequence numbers are still missing for the device."""

    batch_id: str
    statuses: dict[str, str] = field(default_factory=dict)  # record UUID → status
    reasons: dict[str, str] = field(default_factory=dict)
    missing_ranges: list[tuple[int, int]] = field(default_factory=list)  # gaps: (first, last) inclusive
    missing_count: int = 0
    audit_problem: str | None = None  # a rewritten or shortened audit chain (also queued for review)
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
            "missing_ranges": [list(r) for r in self.missing_ranges],
            "missing_count": self.missing_count,
            # note: the numbers themselves, capped, for laptops from before missing_ranges
            "missing_sequences": expand_ranges(self.missing_ranges, limit=_EXPANDED),
            "audit_chain": "rewritten" if self.audit_problem else "ok",
            "audit_problem": self.audit_problem,
            "repeated_batch": self.repeated_batch,
            # note: searched by a worker after this answer; a hit comes back as a decision
            "duplicate_search_pending": list(self.new_enrollments),
        }


def parse_body(body: bytes) -> tuple[dict[str, Any], dict[str, str], list[dict[str, Any]]]:
    """(manifest, records by outbox UUID, entries) of a batch body, or ``batch.malformed``."""
    try:
        parsed = json.loads(body)
        manifest, records = parsed["manifest"], parsed["records"]
        entries = [dict(e) for e in manifest["entries"]]
        if not isinstance(records, dict) or not isinstance(manifest, dict):
            raise TypeError("records")
    except (ValueError, KeyError, TypeError, RecursionError):
        raise UserError("The batch body is malformed.", code="batch.malformed") from None
    return manifest, records, entries


def _sequence_refusal(sequence: Any, ceiling: int) -> str | None:
    """Why an outbox sequence number is refused (None if it is plausible)."""
    if type(sequence) is not int or not 1 <= sequence <= MAX_SEQUENCE:
        return "sequence number out of range"
    if sequence > ceiling:
        return f"sequence number {sequence} is implausibly far past this device's previous ones"
    return None


def _decided_for(hq: HqStore, device: str, uuid: str) -> bool:
    """True if headquarters told this device to change the record: an ID correction, or a review of
    it approved (a rejected review gives no right to change anything)."""
    rows = hq.db.execute(
        "SELECT kind, payload FROM decisions WHERE device_key_id = ? AND subject_uuid = ? ORDER BY seq",
        (device, uuid),
    ).fetchall()
    for kind, payload in rows:
        if kind == "id_correction":
            return True
        if kind == "review_decided":
            try:
                if json.loads(payload).get("outcome") == "approved":
                    return True
            except (ValueError, AttributeError):
                continue
    return False


def _refuse_foreign(
    batch: IntakeBatch,
    report: IntakeReport,
    uuid: str,
    record_type: str,
    version: int,
    device: str,
    owner: str,
) -> None:
    """Another device's record: refused, never stored or indexed (so no person↔ID link moves), and
    queued for review because an approved laptop sending it is itself worth a look."""
    report.statuses[uuid] = "rejected"
    report.reasons[uuid] = (
        f"this {record_type} was made on another device; only that device or a headquarters decision "
        "may change it"
    )
    batch.open_review(
        kind="ownership",
        record_uuid=uuid,
        record_type=record_type,
        device_key_id=device,
        summary=f"{record_type} version {version} sent by a device that did not make it",
        details={"version": version, "owner_device": owner, "sent_by": device},
    )


def _store_entry(
    hq: HqStore,
    batch: IntakeBatch,
    report: IntakeReport,
    entry: dict[str, Any],
    content: bytes,
    record: Any,
    device: str,
    now: str,
    ceiling: int,
) -> None:
    uuid, version = str(entry["record_uuid"]), entry.get("version", 1)
    record_type = str(entry["record_type"])
    if record_type not in RECORD_TYPES:
        report.statuses[uuid], report.reasons[uuid] = "rejected", f"unknown record type {record_type[:40]}"
        return
    if type(version) is not int or not 1 <= version <= MAX_VERSION:
        report.statuses[uuid], report.reasons[uuid] = "rejected", "version number out of range"
        return
    why_not = _sequence_refusal(entry.get("sequence"), ceiling)
    if why_not:
        report.statuses[uuid], report.reasons[uuid] = "rejected", why_not
        return
    held = batch.held(uuid, version)
    if held is not None:
        if held == entry["sha256"]:
            report.statuses[uuid] = "already_had"
            return
        report.statuses[uuid] = "conflict"
        report.reasons[uuid] = f"version {version} is held with different content"
        batch.open_review(
            kind="conflict",
            record_uuid=uuid,
            record_type=record_type,
            device_key_id=device,
            summary=f"{record_type} version {version} re-sent with different content",
            details={"version": version, "held_sha256": held, "sent_sha256": entry["sha256"]},
        )
        return
    owner = batch.owner(uuid)
    if owner is not None and owner != device and not _decided_for(hq, device, uuid):
        _refuse_foreign(batch, report, uuid, record_type, version, device, owner)
        return
    batch.add_record(
        (
            uuid,
            version,
            record_type,
            entry["sha256"],
            content,
            device,
            entry["sequence"],
            report.batch_id,
            now,
        ),
    )
    report.statuses[uuid] = "accepted"
    if not isinstance(record, dict):
        return
    why = check_record(hq, batch, record_type, record, device_key_id=device, version=version)
    # note: indexed for work packages now, while the record is parsed, instead of at the next build
    if record_type == "enrollment":
        person = batch.id_number(str(record.get("person_uuid", ""))) or ""
        batch.package_enrollments.append(enrollment_row(uuid, version, record, person))
    elif record_type == "certification":
        person = batch.id_number(str(record.get("person_uuid", ""))) or ""
        batch.package_certifications.append(certification_row(uuid, record, person))
    elif record_type == "case" and (holding := hold_row(uuid, version, record)) is not None:
        batch.hold_cases.append(holding)
    if why:
        report.statuses[uuid], report.reasons[uuid] = "needs_review", why
    if record_type == "enrollment" and version == 1:
        report.new_enrollments.append(uuid)


def _decode(entry: dict[str, Any], records: dict[str, str]) -> tuple[bytes, Any]:
    """An entry's bytes and, if they are JSON, the record they hold (None if not)."""
    content = base64.b64decode(records.get(str(entry["outbox_uuid"]), ""), validate=True)
    try:
        return content, json.loads(content)
    except (ValueError, RecursionError):
        return content, None


def _take_in(
    hq: HqStore,
    opened: OpenedBatch,
    parsed: tuple[dict[str, Any], dict[str, str], list[dict[str, Any]]],
    duplicate_search: bool,
) -> IntakeReport:
    """One attempt at the intake transaction."""
    manifest, records, entries = parsed
    report = IntakeReport(batch_id=opened.batch_id, hq=hq)
    now = utc_now()
    db = hq.db
    with db.transaction():
        # note: one device's batches are taken in one at a time (its sequence numbers, audit chain and
        # a batch sent twice at once are read-then-written); other devices' batches run alongside
        db.serialize(f"fieldkit.intake:{opened.device_key_id}")
        report.repeated_batch = (
            db.scalar("SELECT 1 FROM batches WHERE batch_id = ?", (opened.batch_id,)) is not None
        )
        highest = db.scalar(
            "SELECT max(sequence) FROM records WHERE device_key_id = ?", (opened.device_key_id,)
        )
        ceiling = min(MAX_SEQUENCE, int(highest or 0) + SEQUENCE_JUMP + len(entries))
        batch = IntakeBatch(db)
        decoded = [_decode(entry, records) for entry in entries]
        batch.prefetch(
            (str(entry["record_uuid"]) for entry in entries),
            (str(r.get("person_uuid", "")) for _, r in decoded if isinstance(r, dict)),
        )
        for entry, (content, record) in zip(entries, decoded, strict=True):
            uuid = str(entry["record_uuid"])
            if hashlib.sha256(content).hexdigest() != entry["sha256"] or len(content) != entry["size"]:
                report.statuses[uuid], report.reasons[uuid] = (
                    "rejected",
                    "content does not match the manifest",
                )
                continue
            _store_entry(hq, batch, report, entry, content, record, opened.device_key_id, now, ceiling)
        batch.flush(report.change)
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
        if duplicate_search and report.new_enrollments:
            enqueue(hq, report.new_enrollments, batch_id=opened.batch_id, device_key_id=opened.device_key_id)
        report.audit_problem = check_audit_head(
            hq, opened.device_key_id, opened.batch_id, manifest, now, repeated=report.repeated_batch
        )
    return report


def intake(hq: HqStore, opened: OpenedBatch, *, duplicate_search: bool = True) -> IntakeReport:
    """Store the new records of a verified batch in one transaction and answer for every entry;
    ``duplicate_search`` queues the new enrollments' searches (benchmarks that only load data skip it).

    Another device's batch committing the same record version (or the same person's certification)
    between our reads and writes makes a unique key refuse ours; the whole intake is then done
    again, and now sees that row as held, exactly as if the two had come one after the other.
    """
    parsed = parse_body(opened.body)
    attempts = 1 if hq.db.in_transaction else _ATTEMPTS  # note: a nested intake cannot start over
    for attempt in range(1, attempts + 1):
        try:
            report = _take_in(hq, opened, parsed, duplicate_search)
            break
        except (ValueError, KeyError, TypeError, OverflowError, RecursionError) as exc:
            raise UserError(
                f"The batch body is malformed ({type(exc).__name__}); nothing was stored.",
                code="batch.malformed",
            ) from None
        except Exception as exc:
            if attempt == attempts or not hq.db.is_unique_violation(exc):
                raise
    report.missing_ranges = missing_sequences(hq, opened.device_key_id)
    report.missing_count = missing_count(hq, opened.device_key_id)
    return report


_GAPS = (
    "SELECT prev, seq FROM (SELECT sequence AS seq, LAG(sequence) OVER (ORDER BY sequence) AS prev "
    "FROM (SELECT DISTINCT sequence FROM records WHERE device_key_id = ?) AS held) AS pairs "
    "WHERE seq > COALESCE(prev, 0) + 1 ORDER BY seq"
)


def missing_sequences(hq: HqStore, device_key_id: str, *, limit: int = _GAP_LIMIT) -> list[tuple[int, int]]:
    """Gaps in a device's outbox sequence numbers below its highest received one, as (first, last)
    intervals (a store's outbox counts from 1); at most ``limit`` intervals, computed in the database
    without listing the numbers, so a forged huge sequence number costs nothing."""
    rows = hq.db.execute(_GAPS + " LIMIT ?", (device_key_id, limit)).fetchall()
    return [(int(prev or 0) + 1, int(seq) - 1) for prev, seq in rows]


def missing_count(hq: HqStore, device_key_id: str) -> int:
    """How many sequence numbers are missing in all (highest held minus distinct numbers held)."""
    row = hq.db.execute(
        "SELECT max(sequence), count(DISTINCT sequence) FROM records WHERE device_key_id = ?",
        (device_key_id,),
    ).fetchone()
    return 0 if row is None or row[0] is None else int(row[0]) - int(row[1])


def expand_ranges(ranges: list[tuple[int, int]], *, limit: int) -> list[int]:
    """The first ``limit`` numbers of some intervals (for answers read by older laptops)."""
    numbers: list[int] = []
    for first, last in ranges:
        stop = min(last, first + limit - len(numbers) - 1)
        numbers.extend(range(first, stop + 1))
        if len(numbers) >= limit:
            break
    return numbers
