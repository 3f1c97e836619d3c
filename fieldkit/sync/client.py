"""``fieldkit sync``: send the outbox to headquarters, apply its answers and decisions.

Why it is safe to retry blindly: a batch names its records by UUID and version, and headquarters
answers "already_had" for a record version it holds with the same content, so a request that timed
out after HQ stored it is simply sent again. Batches travel in the two-phase upload (declare, then
chunks at the offset HQ confirms, then complete), so a dropped connection costs one chunk, not the
batch. The sealed batch is spooled to disk (it is encrypted) so that even a laptop switched off
mid-upload resumes the same upload at its next sync. Outbox entries are marked sent only for records
HQ acknowledged (accepted, already had, needs review); conflicts and rejections stay queued and are
reported. Then headquarters' decisions for this device are fetched and applied.

Pipelined (issue 18): while headquarters takes in one batch (upload, open, intake), the laptop
builds the next one, never more than one ahead. Only the batch on its way is spooled; the one built
ahead lives in memory and is thrown away if the sync stops (its records are still pending, so
nothing depends on it). Store access stays on the calling thread (SQLCipher connection); only the
HTTP upload runs on a helper thread. Batches go out in format 2 (images as binary parts) unless
``batch_format=1`` is asked for.

Every answer acted on here is signed by headquarters and bound to the request it answers
(:class:`fieldkit.sync.http.HqClient` verifies before returning it); an acknowledgement counts only
for a record whose hash HQ names, and that hash is kept for retention.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

from fieldkit.device_key import device_key, device_public_key
from fieldkit.errors import UserError
from fieldkit.files import atomic_write
from fieldkit.sync.batch import DEFAULT_FORMAT, BuiltBatch, build_batch, write_batch_file
from fieldkit.sync.decisions import apply_decisions, last_applied
from fieldkit.sync.hq_url import check_hq_url
from fieldkit.sync.http import HqClient
from fieldkit.sync.tls_pin import PinnedAdapter
from fieldkit.wire import keys as wire_keys
from storage.store import Store

ACKNOWLEDGED = ("accepted", "already_had", "needs_review")
CHUNK_BYTES = 4 * 1024 * 1024  # note: HQ takes up to 8 MB; fewer round trips per batch on a good line
MIN_CHUNK_BYTES = 64 * 1024  # note: a 413 for a chunk halves it down to this
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
        try:
            response = client.request(
                "PUT",
                f"/v1/uploads/{batch_id}",
                params={"offset": offset},
                body=batch.data[offset : offset + chunk],
                accept=(409,),
            )
        except UserError as exc:
            if exc.params.get("status") != 413 or chunk <= MIN_CHUNK_BYTES:
                raise
            # note: HQ (or a proxy in front of it) takes smaller bodies: halve the chunk and go on;
            # acting on an unsigned 413 only makes the chunks smaller, so trusting it costs nothing
            chunk = max(MIN_CHUNK_BYTES, chunk // 2)
            continue
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


@dataclass(frozen=True)
class _Sending:
    """How this sync builds and sends its batches."""

    actor: str
    hq_public_key: bytes
    spool: Path | None
    batch_limit: int
    chunk: int
    progress: Progress | None
    batch_format: int

    def build(self, store: Store, skip: frozenset[int] = frozenset()) -> BuiltBatch:
        return build_batch(
            store,
            actor=self.actor,
            hq_public_key=self.hq_public_key,
            limit=self.batch_limit,
            batch_format=self.batch_format,
            skip=skip,
        )


def _send_pipelined(store: Store, client: HqClient, how: _Sending, result: SyncResult) -> None:
    """Upload batch N on a helper thread while batch N+1 is built here; mark sent only what HQ's
    signed answer acknowledges; stop after a batch with records HQ did not acknowledge."""
    if not store.outbox.pending_count():
        return
    batch = _spooled(store, how.spool)
    if batch is None:
        batch = how.build(store)
        _spool(how.spool, batch)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="fieldkit-upload") as pool:
        while batch is not None:
            sending = pool.submit(upload, client, batch, chunk=how.chunk, progress=how.progress)
            in_flight = frozenset(int(e["sequence"]) for e in batch.manifest["entries"])
            ahead: BuiltBatch | None = None
            failed: UserError | None = None
            try:
                if store.outbox.pending_count() > len(in_flight):
                    ahead = how.build(store, skip=in_flight)
            except UserError as exc:
                failed = exc  # note: the batch on its way is still answered and recorded first
            try:
                answer = sending.result()
            except UserError as exc:
                if exc.code != "sync.refused.batch.too_new" or how.batch_format == 1:
                    raise
                # note: a headquarters not yet upgraded reads format 1 only: the same records go again
                # in format 1 (a new batch; the refused one was never taken in)
                how = dataclasses.replace(how, batch_format=1)
                _unspool(how.spool)
                batch = how.build(store)
                _spool(how.spool, batch)
                continue
            acknowledged = _record_answer(store, batch, answer, result, how.actor)
            _unspool(how.spool)
            if failed is not None:
                raise failed
            if acknowledged < len(batch.manifest["entries"]):
                break  # note: what is left are conflicts/rejections; sending them again now changes nothing
            batch = ahead
            if batch is not None:
                _spool(how.spool, batch)


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
    batch_format: int = DEFAULT_FORMAT,
) -> SyncResult:
    """Send everything pending (batch by batch, the next built while HQ takes in the previous),
    then fetch and apply HQ's decisions."""
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
    _send_pipelined(
        store,
        client,
        _Sending(actor, hq_public_key, spool, batch_limit, chunk, progress, batch_format),
        result,
    )
    decisions = client.json("GET", "/v1/decisions", params={"since": last_applied(store)})
    if decisions.get("decisions"):
        result.decisions = apply_decisions(store, list(decisions["decisions"]), actor=actor)
    return result
