"""``fieldkit sync``: send the outbox to headquarters, apply its answers and decisions.

Why it is safe to retry blindly: a batch names its records by UUID and version, and headquarters
answers "already_had" for a record version it holds with the same content, so a request that timed
out after HQ stored it is simply sent again. Batches travel in the two-phase upload (declare, then
chunks at the offset HQ confirms, then complete), so a dropped connection costs one chunk, not the
batch. The sealed batch is spooled to disk (it is encrypted) so that even a laptop switched off
mid-upload resumes the same upload at its next sync. Outbox entries are marked sent only for records
HQ acknowledged (accepted, already had, needs review); conflicts and rejections stay queued and are
reported. Then headquarters' decisions for this device are fetched and applied.

Every answer acted on here is signed by headquarters and bound to the request it answers
(:class:`fieldkit.sync.http.HqClient` verifies before returning it); an acknowledgement counts only
for a record whose hash HQ names, and that hash is kept for retention.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

from fieldkit.device_key import device_key, device_public_key
from fieldkit.errors import UserError
from fieldkit.files import atomic_write
from fieldkit.sync.batch import BuiltBatch, build_batch, write_batch_file
from fieldkit.sync.decisions import apply_decisions, last_applied
from fieldkit.sync.hq_url import check_hq_url
from fieldkit.sync.http import HqClient
from fieldkit.sync.tls_pin import PinnedAdapter
from fieldkit.wire import keys as wire_keys
from storage.store import Store

ACKNOWLEDGED = ("accepted", "already_had", "needs_review")
CHUNK_BYTES = 1024 * 1024
Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass
class SyncResult:
    """What a sync did."""

    sent: int = 0
    acknowledged: int = 0
    needs_review: int = 0
    # note: enrollments HQ will search for duplicates after answering; a hit arrives later as a decision
    duplicate_search_pending: int = 0
    problems: dict[str, str] = field(default_factory=dict)  # record UUID → status and reason
    missing_sequences: list[int] = field(default_factory=list)  # note: HQ caps this list at 1,000
    missing_count: int = 0  # how many earlier records HQ lacks from this device (all of them)
    decisions: Counter[str] = field(default_factory=Counter)


def hq_client(
    store: Store,
    *,
    url: str,
    actor: str,
    hq_signing_key: bytes,
    attempts: int = 5,
    timeout: float = 30.0,
    pin: str = "",
    insecure_http: bool = False,
    sleep: Callable[[float], None] = time.sleep,
    session: Any = None,
) -> HqClient:
    """A signed-request client for this laptop's device key, verifying every answer with
    ``hq_signing_key``; ``pin`` (SPKI SHA-256, :mod:`fieldkit.sync.tls_pin`) fixes HQ's TLS key and
    a non-loopback ``http://`` needs ``insecure_http``."""
    check_hq_url(url, insecure_http=insecure_http)
    session = session or requests.Session()
    if pin:
        session.mount("https://", PinnedAdapter(pin))
    return HqClient(
        url=url,
        key=device_key(store, actor),
        key_id=wire_keys.key_id(device_public_key(store, actor)),
        hq_signing_key=hq_signing_key,
        attempts=attempts,
        timeout=timeout,
        verify=not pin,
        sleep=sleep,
        session=session,
    )


def _spooled(store: Store, spool: Path | None) -> BuiltBatch | None:
    """A batch left by an interrupted sync, if its records are still the oldest pending ones."""
    if spool is None or not (spool / "batch.manifest").exists():
        return None
    try:
        manifest = json.loads((spool / "batch.manifest").read_text(encoding="utf-8"))
        data = (spool / "batch.fkbatch").read_bytes()
    except (OSError, ValueError):
        return None
    pending = {e.seq for e in store.outbox.pending(limit=len(manifest["entries"]) + 1)}
    if not {int(e["sequence"]) for e in manifest["entries"]} <= pending:
        return None
    return BuiltBatch(data=data, manifest=manifest)


def _spool(spool: Path | None, batch: BuiltBatch) -> None:
    if spool is None:
        return
    spool.mkdir(mode=0o700, parents=True, exist_ok=True)
    spool.chmod(0o700)  # note: an older spool folder made with the default mode is tightened too
    write_batch_file(spool / "batch.fkbatch", batch)
    atomic_write(spool / "batch.manifest", json.dumps(batch.manifest))


def _unspool(spool: Path | None) -> None:
    if spool is not None:
        for name in ("batch.manifest", "batch.fkbatch"):
            (spool / name).unlink(missing_ok=True)


def upload(
    client: HqClient, batch: BuiltBatch, *, chunk: int = CHUNK_BYTES, progress: Progress | None = None
) -> dict[str, Any]:
    """Declare, send the chunks HQ does not hold yet, complete; returns HQ's per-record answer."""
    batch_id = batch.manifest["batch_id"]
    declaration = {
        "batch_id": batch_id,
        "size": len(batch.data),
        "sha256": hashlib.sha256(batch.data).hexdigest(),
        "manifest": batch.manifest,
    }
    state = client.json(
        "POST", "/v1/uploads", body=json.dumps(declaration).encode(), content_type="application/json"
    )
    offset = int(state["offset"])
    while not state.get("complete") and offset < len(batch.data):
        if progress:
            progress("upload", offset, len(batch.data))
        response = client.request(
            "PUT",
            f"/v1/uploads/{batch_id}",
            params={"offset": offset},
            body=batch.data[offset : offset + chunk],
            accept=(409,),
        )
        try:
            answer = response.json()
        except ValueError:
            continue  # note: cut off in transit; ask again where HQ stands
        if response.status_code == 409:
            detail = answer.get("detail", {})
            if not isinstance(detail, dict) or "offset" not in detail:
                raise UserError(f"Headquarters refused the upload: {detail}", code="sync.refused")
            offset = int(detail["offset"])
        else:
            state, offset = answer, int(answer["offset"])
    if progress:
        progress("upload", len(batch.data), len(batch.data))
    return client.json("POST", f"/v1/uploads/{batch_id}/complete")


def _record_answer(
    store: Store, batch: BuiltBatch, answer: dict[str, Any], result: SyncResult, actor: str
) -> int:
    """Mark sent what HQ's (verified) answer acknowledges with the very hash this laptop sent.

    note: an "accepted" without the matching hash in ``held`` stays queued and is reported: the
    hash is what retention later relies on before deleting an image.
    """
    statuses: dict[str, str] = answer.get("statuses") or {}
    reasons: dict[str, str] = answer.get("reasons") or {}
    held: dict[str, dict[str, str]] = answer.get("held") or {}
    done: dict[int, str] = {}
    for entry in batch.manifest["entries"]:
        uuid = entry["record_uuid"]
        status = statuses.get(uuid, "missing")
        held_hash = (held.get(uuid) or {}).get(str(entry["version"]))
        if status in ACKNOWLEDGED and held_hash == entry["sha256"]:
            done[int(entry["sequence"])] = str(entry["sha256"])
            result.needs_review += status == "needs_review"
        elif status in ACKNOWLEDGED:
            result.problems[uuid] = f"{status} but without this record's hash; it stays queued"
        else:
            result.problems[uuid] = f"{status} {reasons.get(uuid, '')}".strip()
    if done:
        with store.transaction(actor):
            store.outbox.mark_acknowledged(done)
    result.sent += len(batch.manifest["entries"])
    result.acknowledged += len(done)
    pending = answer.get("duplicate_search_pending")
    result.duplicate_search_pending += len(pending) if isinstance(pending, list) else 0
    result.missing_sequences = list(answer.get("missing_sequences") or [])
    count = answer.get("missing_count")
    result.missing_count = count if isinstance(count, int) else len(result.missing_sequences)
    return len(done)


def sync(
    store: Store,
    *,
    url: str,
    hq_public_key: bytes,
    hq_signing_key: bytes,
    actor: str,
    attempts: int = 5,
    timeout: float = 30.0,
    sleep: Callable[[float], None] = time.sleep,
    session: Any = None,
    pin: str = "",
    insecure_http: bool = False,
    spool: Path | None = None,
    batch_limit: int = 10_000,
    chunk: int = CHUNK_BYTES,
    progress: Progress | None = None,
) -> SyncResult:
    """Send everything pending (batch by batch), then fetch and apply HQ's decisions."""
    client = hq_client(
        store,
        url=url,
        actor=actor,
        hq_signing_key=hq_signing_key,
        attempts=attempts,
        timeout=timeout,
        pin=pin,
        insecure_http=insecure_http,
        sleep=sleep,
        session=session,
    )
    result = SyncResult()
    while store.outbox.pending_count():
        batch = _spooled(store, spool)
        if batch is None:
            batch = build_batch(store, actor=actor, hq_public_key=hq_public_key, limit=batch_limit)
            _spool(spool, batch)
        answer = upload(client, batch, chunk=chunk, progress=progress)
        acknowledged = _record_answer(store, batch, answer, result, actor)
        _unspool(spool)
        if acknowledged < len(batch.manifest["entries"]):
            break  # note: what is left are conflicts/rejections; sending them again now changes nothing
    decisions = client.json("GET", "/v1/decisions", params={"since": last_applied(store)})
    if decisions.get("decisions"):
        result.decisions = apply_decisions(store, list(decisions["decisions"]), actor=actor)
    return result
