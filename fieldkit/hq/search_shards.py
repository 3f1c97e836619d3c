"""Duplicate-search jobs fanned out over workers that each hold one shard of the gallery.

Why: past a few million palms one worker's memory (about 1 KB a palm) and one machine's cores are
not enough. ``fieldkit hq worker --shard K/N`` loads only the enrollments whose UUID hashes to shard
K (:func:`fieldkit.hq.duplicates.shard_of`) and searches every queued job against that part of the
city. A job then has a part per shard (table ``search_job_parts``, a row per job and shard, created
by the first worker of that shard that claims it): each is claimed with a lease like a job, its hits
(other ID number, hand, score, already filtered by that shard's worker) stored when done. The worker
that completes the last part merges the hits of all parts and records the review item and marks
the job done, in one transaction that locks the job row first — so of two shards finishing at once
one sees the other's part and the job is recorded exactly once.

Rules: every sharded worker of a queue uses the same N; a job that sharded workers have begun is
not taken by an unsharded worker (and an unsharded worker's job is not taken by shards), so the two
kinds may not double a review. A part whose worker is lost is claimed again after its lease; a part
that fails (or is lost) ``max_attempts`` times fails its job for good, as for unsharded jobs.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

from fieldkit.hq.duplicates import Hits
from fieldkit.hq.store import HqStore
from storage.records import utc_now

_PART_TAKEN = "(p.status = 'done' OR (p.status = 'running' AND p.lease_until >= ?))"


@dataclass(frozen=True)
class Part:
    """A claimed part: search ``enrollment_uuid`` against shard ``shard`` of ``shards``."""

    job_id: int
    enrollment_uuid: str
    shard: int
    shards: int
    attempts: int
    worker_id: str


def _give_up_lost(hq: HqStore, now: int, max_attempts: int) -> None:
    hq.db.execute(
        "UPDATE search_jobs SET status = 'failed', finished_at = ?, "
        "error = 'the worker of a shard stopped (lease expired) on every attempt' "
        "WHERE status = 'queued' AND id IN (SELECT job_id FROM search_job_parts "
        "WHERE status = 'running' AND lease_until < ? AND attempts >= ?)",
        (utc_now(), now, max_attempts),
    )


def claim_parts(
    hq: HqStore,
    worker_id: str,
    shard: tuple[int, int],
    limit: int,
    *,
    lease_seconds: int,
    max_attempts: int,
    now: float | None = None,
) -> list[Part]:
    """Take this shard's part of up to ``limit`` of the oldest queued jobs not yet done or held for it."""
    number, shards = shard
    moment = int(now if now is not None else time.time())
    db = hq.db
    with db.transaction():
        _give_up_lost(hq, moment, max_attempts)
        lock = " FOR UPDATE SKIP LOCKED" if db.dialect == "postgresql" else ""
        rows = db.execute(
            "SELECT id, enrollment_uuid FROM search_jobs WHERE status = 'queued' AND NOT EXISTS "
            "(SELECT 1 FROM search_job_parts p WHERE p.job_id = search_jobs.id AND p.shard = ? "
            f"AND {_PART_TAKEN}) "
            f"ORDER BY id LIMIT ?{lock}",
            (number, moment, max(1, limit)),
        ).fetchall()
        parts = []
        for job_id, enrollment_uuid in rows:
            held = db.execute(
                "SELECT attempts FROM search_job_parts WHERE job_id = ? AND shard = ?", (job_id, number)
            ).fetchone()
            attempts = 1 if held is None else int(held[0]) + 1
            if held is None:
                db.execute(
                    "INSERT INTO search_job_parts (job_id, shard, shards, status, attempts, lease_until, "
                    "worker_id) VALUES (?, ?, ?, 'running', 1, ?, ?)",
                    (job_id, number, shards, moment + lease_seconds, worker_id),
                )
            else:
                db.execute(
                    "UPDATE search_job_parts SET status = 'running', attempts = ?, lease_until = ?, "
                    "worker_id = ?, shards = ? WHERE job_id = ? AND shard = ?",
                    (attempts, moment + lease_seconds, worker_id, shards, job_id, number),
                )
            parts.append(Part(int(job_id), str(enrollment_uuid), number, shards, attempts, worker_id))
    return parts


def _still_mine(hq: HqStore, part: Part) -> bool:
    row = hq.db.execute(
        "SELECT status, worker_id, attempts FROM search_job_parts WHERE job_id = ? AND shard = ?",
        (part.job_id, part.shard),
    ).fetchone()
    return row is not None and (str(row[0]), row[1], int(row[2])) == (
        "running",
        part.worker_id,
        part.attempts,
    )


def _lock_job(hq: HqStore, job_id: int) -> str | None:
    """Inside a transaction: the job's status, its row locked on PostgreSQL (finishers queue here)."""
    lock = " FOR UPDATE" if hq.db.dialect == "postgresql" else ""
    found = hq.db.scalar(f"SELECT status FROM search_jobs WHERE id = ?{lock}", (job_id,))
    return None if found is None else str(found)


def finish_part(hq: HqStore, part: Part, hits: Hits) -> tuple[bool, Hits | None]:
    """Record a part's hits (call inside a transaction). Returns (still mine, merged hits of every
    part when this one completed the job, else None); the caller then records the review and
    calls :func:`complete` in the same transaction."""
    if _lock_job(hq, part.job_id) != "queued" or not _still_mine(hq, part):
        return False, None
    stored = json.dumps([[other, hand, score] for (other, hand), score in sorted(hits.items())])
    hq.db.execute(
        "UPDATE search_job_parts SET status = 'done', hits = ?, lease_until = NULL, error = NULL "
        "WHERE job_id = ? AND shard = ?",
        (stored, part.job_id, part.shard),
    )
    done = hq.db.execute(
        "SELECT hits FROM search_job_parts WHERE job_id = ? AND status = 'done' AND shards = ?",
        (part.job_id, part.shards),
    ).fetchall()
    if len(done) < part.shards:
        return True, None
    merged: Hits = {}
    for (text,) in done:
        for other, hand, score in json.loads(str(text)):
            key = (str(other), str(hand))
            merged[key] = max(merged.get(key, 0.0), float(score))
    return True, merged


def complete(hq: HqStore, part: Part, *, flagged: bool) -> None:
    """Mark the job done (inside the transaction of :func:`finish_part`, after its review)."""
    hq.db.execute(
        "UPDATE search_jobs SET status = 'done', finished_at = ?, lease_until = NULL, error = NULL, "
        "flagged = ?, worker_id = ? WHERE id = ?",
        (utc_now(), int(flagged), part.worker_id, part.job_id),
    )


def fail_part(hq: HqStore, part: Part, reason: str, *, max_attempts: int) -> str:
    """A failed attempt at a part: queued again, or its job ``failed`` for good after
    ``max_attempts``; returns "queued", "failed" or "lost"."""
    with hq.db.transaction():
        if _lock_job(hq, part.job_id) != "queued" or not _still_mine(hq, part):
            return "lost"
        hq.db.execute(
            "UPDATE search_job_parts SET status = 'queued', lease_until = NULL, error = ? "
            "WHERE job_id = ? AND shard = ?",
            (reason[:500], part.job_id, part.shard),
        )
        if part.attempts < max_attempts:
            return "queued"
        hq.db.execute(
            "UPDATE search_jobs SET status = 'failed', error = ?, finished_at = ? WHERE id = ?",
            (reason[:500], utc_now(), part.job_id),
        )
    return "failed"
