"""A batch: everything in the outbox, with a manifest headquarters can check record by record.

Why a manifest of hashes and sizes: headquarters answers per record (accepted, already had,
conflict, ...) and must detect a record changed in transit or re-sent with different content; the
device's outbox sequence numbers let it detect gaps (a record that never arrived). Records are
canonical JSON (sorted keys; bytes as base64) so the same record always hashes the same. Operator
password hashes never travel. The batch is sealed by ``fieldkit.sync.envelope``.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fieldkit.device_key import device_key, device_public_key
from fieldkit.errors import UserError
from fieldkit.files import atomic_write
from fieldkit.wire import audit_points
from fieldkit.wire import keys as wire_keys
from fieldkit.wire.envelope import seal_batch
from storage.records import new_uuid, utc_now
from storage.store import Store

BATCH_VERSION = 1


def _plain(value: Any) -> Any:
    if isinstance(value, bytes):
        return {"base64": base64.b64encode(value).decode("ascii")}
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def canonical(record: Any) -> bytes:
    """A dataclass record as canonical JSON bytes (the unit that is hashed and compared)."""
    return json.dumps(
        _plain(dataclasses.asdict(record)), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    ).encode("utf-8")


def _operator(store: Store, uuid: str) -> Any:
    return dataclasses.replace(
        store.operators.get(uuid), password_hash="", failed_attempts=0, locked_until=None
    )


def record_loaders(store: Store) -> dict[str, Callable[[str], Any]]:
    """How each travelling record type is read from the store."""
    return {
        "person": store.people.get,
        "enrollment": store.enrollments.get,
        "certification": store.certifications.get,
        "case": store.cases.get,
        "receipt": store.receipts.get,
        "attachment": store.attachments.get,
        "operator": lambda uuid: _operator(store, uuid),
    }


@dataclass(frozen=True)
class BuiltBatch:
    """A sealed batch file's bytes and its manifest (kept by the laptop to match HQ's answers)."""

    data: bytes
    manifest: dict[str, Any]


MAX_BATCH_CONTENT = 48 * 1024 * 1024


def build_batch(
    store: Store,
    *,
    actor: str,
    hq_public_key: bytes,
    limit: int = 10_000,
    max_content: int = MAX_BATCH_CONTENT,
) -> BuiltBatch:
    """Seal the oldest outbox entries — at most ``limit`` records and about ``max_content`` bytes of
    record content (enrollments carry images) — into one batch (nothing is marked sent here)."""
    pending = store.outbox.pending(limit=limit)
    if not pending:
        raise UserError("The outbox is empty: nothing to send.", code="batch.empty")
    loaders = record_loaders(store)
    records: dict[str, str] = {}
    entries: list[dict[str, Any]] = []
    versions = store.outbox.versions(pending)
    total = 0
    for entry in pending:
        loader = loaders.get(entry.record_type)
        if loader is None:
            raise UserError(f"Record type {entry.record_type} cannot travel yet.", code="batch.unknown_type")
        content = canonical(loader(entry.record_uuid))
        total += len(content)
        if entries and total > max_content:
            break  # note: the rest goes in the next batch; one record alone may exceed the limit
        records[entry.uuid] = base64.b64encode(content).decode("ascii")
        entries.append(
            {
                "outbox_uuid": entry.uuid,
                "sequence": entry.seq,
                "record_type": entry.record_type,
                "record_uuid": entry.record_uuid,
                "version": versions[entry.seq],
                "sha256": hashlib.sha256(content).hexdigest(),
                "size": len(content),
            }
        )
    key = device_key(store, actor)
    key_id = wire_keys.key_id(device_public_key(store, actor))
    count, head = store.audit_head()
    batch_id = new_uuid()
    manifest = {
        "version": BATCH_VERSION,
        "batch_id": batch_id,
        "store_id": store.store_id,
        "device_key_id": key_id,
        "created_at": utc_now(),
        "entries": entries,
        "audit_head": {"events": count, "hash": head},
        # note: lets headquarters tell a chain that grew from one rewritten since the last batch
        "audit_checkpoints": audit_points.checkpoints(
            count, ((e.seq, e.hash) for e in store.audit_events(since_seq=0))
        ),
    }
    body = json.dumps(
        {"manifest": manifest, "records": records}, sort_keys=True, separators=(",", ":")
    ).encode()
    data = seal_batch(
        body, batch_id=batch_id, device_key=key, device_key_id=key_id, hq_public_key=hq_public_key
    )
    return BuiltBatch(data=data, manifest=manifest)


def write_batch_file(path: Path, batch: BuiltBatch) -> None:
    """Write atomically, readable by the owner only (:func:`fieldkit.files.atomic_write`)."""
    atomic_write(path, batch.data)
