"""A batch: everything in the outbox, with a manifest headquarters can check record by record.

Why a manifest of hashes and sizes: headquarters answers per record (accepted, already had,
conflict, ...) and must detect a record changed in transit or re-sent with different content; the
device's outbox sequence numbers let it detect gaps (a record that never arrived). Records are
canonical JSON (sorted keys; bytes as base64) so the same record always hashes the same. Operator
password hashes never travel. The batch is sealed by :mod:`fieldkit.wire.envelope`.

Format 2 (the default, issue 18) sends the same records with their bytes values (images,
templates) as separate binary parts instead of base64 inside JSON; the manifest still names each
record by the SHA-256 and size of its canonical JSON, so headquarters holds and acknowledges the
same hash whichever format travelled. ``batch_format=1`` still writes the old format (tests, and a
headquarters not yet upgraded).
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
from fieldkit.wire.batch_parts import PARTS_VERSION, split_record
from fieldkit.wire.envelope import seal_batch
from storage.records import new_uuid, utc_now
from storage.store import Store

BATCH_VERSION = 1
DEFAULT_FORMAT = PARTS_VERSION


def _plain(value: Any, *, keep_bytes: bool = False) -> Any:
    if isinstance(value, bytes):
        return value if keep_bytes else {"base64": base64.b64encode(value).decode("ascii")}
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v, keep_bytes=keep_bytes) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v, keep_bytes=keep_bytes) for v in value]
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


@dataclass
class _Records:
    """What goes in the body besides the manifest: per format, the records and the binary parts."""

    batch_format: int
    records: dict[str, Any] = dataclasses.field(default_factory=dict)
    parts: list[bytes] = dataclasses.field(default_factory=list)

    def prepare(self, record: Any) -> tuple[str, int, Any]:
        """(SHA-256, size, what travels) of one record; SHA-256 and size are of its canonical JSON
        (the format-1 content, what headquarters stores), whatever the format."""
        if self.batch_format == 1:
            content = canonical(record)
            return hashlib.sha256(content).hexdigest(), len(content), content
        texts, parts = split_record(_plain(dataclasses.asdict(record), keep_bytes=True))
        digest, size = hashlib.sha256(), 0
        for index, text in enumerate(texts):
            encoded = text.encode("utf-8")
            digest.update(encoded)
            size += len(encoded)
            if index < len(parts):
                encoded = base64.b64encode(parts[index])
                digest.update(encoded)
                size += len(encoded)
        return digest.hexdigest(), size, (texts, parts)

    def add(self, outbox_uuid: str, travelling: Any) -> None:
        """Put a prepared record in the body (and its bytes values in the parts)."""
        if self.batch_format == 1:
            self.records[outbox_uuid] = base64.b64encode(travelling).decode("ascii")
            return
        texts, parts = travelling
        first = len(self.parts)
        self.parts.extend(parts)
        self.records[outbox_uuid] = {"text": texts, "parts": list(range(first, first + len(parts)))}

    def body(self, manifest: dict[str, Any]) -> bytes:
        """The signed body: format 2 adds each part's size and SHA-256 (the parts travel apart)."""
        content: dict[str, Any] = {"manifest": manifest, "records": self.records}
        if self.batch_format != 1:
            content["parts"] = [{"sha256": hashlib.sha256(p).hexdigest(), "size": len(p)} for p in self.parts]
        return json.dumps(content, sort_keys=True, separators=(",", ":")).encode()


def build_batch(
    store: Store,
    *,
    actor: str,
    hq_public_key: bytes,
    limit: int = 10_000,
    max_content: int = MAX_BATCH_CONTENT,
    batch_format: int = DEFAULT_FORMAT,
    skip: frozenset[int] = frozenset(),
) -> BuiltBatch:
    """Seal the oldest outbox entries — at most ``limit`` records and about ``max_content`` bytes of
    record content (enrollments carry images) — into one batch (nothing is marked sent here);
    ``skip`` leaves out outbox sequence numbers already in a batch on its way (pipelined sync)."""
    if batch_format not in (1, PARTS_VERSION):
        raise UserError(f"Batch format {batch_format} is not one this fieldkit writes.", code="batch.format")
    pending = [e for e in store.outbox.pending(limit=limit + len(skip)) if e.seq not in skip][:limit]
    if not pending:
        raise UserError("The outbox is empty: nothing to send.", code="batch.empty")
    loaders = record_loaders(store)
    records = _Records(batch_format)
    entries: list[dict[str, Any]] = []
    versions = store.outbox.versions(pending)
    total = 0
    for entry in pending:
        loader = loaders.get(entry.record_type)
        if loader is None:
            raise UserError(f"Record type {entry.record_type} cannot travel yet.", code="batch.unknown_type")
        digest, size, travelling = records.prepare(loader(entry.record_uuid))
        total += size
        if entries and total > max_content:
            break  # note: the rest goes in the next batch; one record alone may exceed the limit
        records.add(entry.uuid, travelling)
        entries.append(
            {
                "outbox_uuid": entry.uuid,
                "sequence": entry.seq,
                "record_type": entry.record_type,
                "record_uuid": entry.record_uuid,
                "version": versions[entry.seq],
                "sha256": digest,
                "size": size,
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
    data = seal_batch(
        records.body(manifest),
        batch_id=batch_id,
        device_key=key,
        device_key_id=key_id,
        hq_public_key=hq_public_key,
        parts=None if batch_format == 1 else records.parts,
    )
    return BuiltBatch(data=data, manifest=manifest)


def write_batch_file(path: Path, batch: BuiltBatch) -> None:
    """Write atomically, readable by the owner only (:func:`fieldkit.files.atomic_write`)."""
    atomic_write(path, batch.data)
