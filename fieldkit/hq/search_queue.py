"""The duplicate-search job queue, kept in the database (table ``search_jobs``).

Why a table and not the upload's request: the city-wide search of one enrollment takes about a
second against 720,000 palms, so a 1,000-enrollment batch searched inside its completion request
kept the laptop waiting for twenty minutes. Intake now only adds one job per new enrollment, in
the batch's own transaction, and answers; workers (``fieldkit hq worker``, or the thread
``fieldkit hq serve`` starts) take the jobs.

How a job is taken: on PostgreSQL in a short transaction with ``SELECT … FOR UPDATE SKIP LOCKED``
(several workers, none waits on another's row, none takes the same job); on SQLite, which has no
row locks, by a conditional ``UPDATE`` that only succeeds while the job is still free (the same
table is worked by one process there). A claim is a lease: a worker that dies leaves its job
``running`` with a lease that runs out, and the next claim takes it again. The result is recorded
only by the holder of the current lease, in the transaction that marks the job done, so a job's
review item is written once even if a presumed-dead worker wakes up. A job that fails (or whose
worker is lost) ``max_attempts`` times ends ``failed`` with its reason, for ``fieldkit hq queue``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from fieldkit.hq.store import HqStore
from storage.records import utc_now

LEASE_SECONDS = 300  # note: one search takes ~1.2 s at 720k palms; five minutes means "worker lost"
MAX_ATTEMPTS = 3
_FREE = "(status = 'queued' OR (status = 'running' AND lease_until < ?))"


class _Taken(Exception):
    """A chosen job was taken by another connection before the UPDATE (rolls the claim back)."""


@dataclass(frozen=True)
class Job:
    """A claimed job: search ``enrollment_uuid``; ``attempts`` counts this claim."""

    id: int
    enrollment_uuid: str
    attempts: int
    worker_id: str


def enqueue(hq: HqStore, enrollment_uuids: list[str], *, batch_id: str, device_key_id: str) -> None:
    """Add a search job per enrollment (call in the intake transaction; a job already held stays)."""
    now = utc_now()
    hq.db.executemany(
        "INSERT INTO search_jobs (enrollment_uuid, batch_id, device_key_id, status, queued_at) "
        "VALUES (?, ?, ?, 'queued', ?) ON CONFLICT (enrollment_uuid) DO NOTHING",
        [(uuid, batch_id, device_key_id, now) for uuid in enrollment_uuids],
    )


def _give_up_lost(hq: HqStore, now: int, max_attempts: int) -> None:
    """Jobs whose worker was lost ``max_attempts`` times are failed, not taken again."""
    hq.db.execute(
        "UPDATE search_jobs SET status = 'failed', finished_at = ?, lease_until = NULL, "
        "error = 'the worker stopped (lease expired) on every attempt' "
        "WHERE status = 'running' AND lease_until < ? AND attempts >= ?",
        (utc_now(), now, max_attempts),
    )


def claim(
    hq: HqStore,
    worker_id: str,
    *,
    lease_seconds: int = LEASE_SECONDS,
    max_attempts: int = MAX_ATTEMPTS,
    now: float | None = None,
) -> Job | None:
    """Take the oldest free job (queued, or running with an expired lease), or None if there is none."""
    jobs = claim_many(hq, worker_id, 1, lease_seconds=lease_seconds, max_attempts=max_attempts, now=now)
    return jobs[0] if jobs else None


def claim_many(
    hq: HqStore,
    worker_id: str,
    limit: int,
    *,
    lease_seconds: int = LEASE_SECONDS,
    max_attempts: int = MAX_ATTEMPTS,
    now: float | None = None,
) -> list[Job]:
    """Take up to ``limit`` of the oldest free jobs at once (searched together, one pass over the
    gallery); empty if none is free. Jobs that sharded workers have begun are not taken here."""
    for _ in range(5):  # note: a claim lost to another connection between SELECT and UPDATE tries again
        try:
            return _claim_once(hq, worker_id, limit, lease_seconds, max_attempts, now)
        except _Taken:
            continue
    return []


def _claim_once(
    hq: HqStore, worker_id: str, limit: int, lease_seconds: int, max_attempts: int, now: float | None
) -> list[Job]:
    """One attempt: the jobs taken (raises _Taken, rolled back, if one was taken meanwhile)."""
    moment = int(now if now is not None else time.time())
    db = hq.db
    with db.transaction():
        _give_up_lost(hq, moment, max_attempts)
        lock = " FOR UPDATE SKIP LOCKED" if db.dialect == "postgresql" else ""
        rows = db.execute(
            f"SELECT id, enrollment_uuid, attempts FROM search_jobs WHERE {_FREE} AND NOT EXISTS "
            "(SELECT 1 FROM search_job_parts p WHERE p.job_id = search_jobs.id) "
            f"ORDER BY id LIMIT ?{lock}",
            (moment, max(1, limit)),
        ).fetchall()
        for row in rows:
            taken = db.execute(
                "UPDATE search_jobs SET status = 'running', attempts = attempts + 1, claimed_at = ?, "
                f"lease_until = ?, worker_id = ? WHERE id = ? AND {_FREE}",
                (moment, moment + lease_seconds, worker_id, row[0], moment),
            ).rowcount
            if taken != 1:  # note: cannot happen under BEGIN IMMEDIATE or SKIP LOCKED; kept as a guard
                raise _Taken
        return [Job(int(row[0]), str(row[1]), int(row[2]) + 1, worker_id) for row in rows]


def _still_mine(hq: HqStore, job: Job) -> bool:
    """Inside a transaction: the job is still running under this worker's claim (locks it on PostgreSQL)."""
    lock = " FOR UPDATE" if hq.db.dialect == "postgresql" else ""
    row = hq.db.execute(
        f"SELECT status, worker_id, attempts FROM search_jobs WHERE id = ?{lock}", (job.id,)
    ).fetchone()
    return row is not None and (str(row[0]), row[1], int(row[2])) == ("running", job.worker_id, job.attempts)


def finish(hq: HqStore, job: Job, *, flagged: bool) -> bool:
    """Mark the job done (call inside the transaction that records its result); False if the claim
    was lost (the lease ran out and another worker took the job): then record nothing."""
    if not _still_mine(hq, job):
        return False
    hq.db.execute(
        "UPDATE search_jobs SET status = 'done', finished_at = ?, lease_until = NULL, error = NULL, "
        "flagged = ? WHERE id = ?",
        (utc_now(), int(flagged), job.id),
    )
    return True


def fail(hq: HqStore, job: Job, reason: str, *, max_attempts: int = MAX_ATTEMPTS) -> str:
    """Record a failed attempt: queued again, or ``failed`` for good after ``max_attempts``; returns
    the job's new status ("lost" if the claim had already been lost)."""
    with hq.db.transaction():
        if not _still_mine(hq, job):
            return "lost"
        status = "failed" if job.attempts >= max_attempts else "queued"
        hq.db.execute(
            "UPDATE search_jobs SET status = ?, error = ?, lease_until = NULL, finished_at = ? WHERE id = ?",
            (status, reason[:500], utc_now() if status == "failed" else None, job.id),
        )
    return status


def depth(hq: HqStore) -> dict[str, int]:
    """Jobs by status (every status present, zero if none)."""
    counts = {status: 0 for status in ("queued", "running", "done", "failed")}
    for status, n in hq.db.execute("SELECT status, count(*) FROM search_jobs GROUP BY status").fetchall():
        counts[str(status)] = int(n)
    return counts


@dataclass(frozen=True)
class FailedJob:
    """A job that will not be retried, and why."""

    enrollment_uuid: str
    batch_id: str
    device_key_id: str
    attempts: int
    error: str
    finished_at: str


def failed_jobs(hq: HqStore, *, limit: int = 100) -> list[FailedJob]:
    """The most recent failed jobs, newest first."""
    rows = hq.db.execute(
        "SELECT enrollment_uuid, batch_id, device_key_id, attempts, error, finished_at FROM search_jobs "
        "WHERE status = 'failed' ORDER BY id DESC LIMIT ?",
        (limit,),
    ).fetchall()
    return [
        FailedJob(str(a), str(b), str(c), int(d), str(e or ""), str(f or "")) for a, b, c, d, e, f in rows
    ]


def retry_failed(hq: HqStore) -> int:
    """Queue every failed job again (after the cause is fixed); returns how many."""
    hq.db.execute(  # note: a sharded job's unfinished parts get their attempts back too
        "UPDATE search_job_parts SET attempts = 0, status = 'queued', lease_until = NULL "
        "WHERE status <> 'done' AND job_id IN (SELECT id FROM search_jobs WHERE status = 'failed')"
    )
    return hq.db.execute(
        "UPDATE search_jobs SET status = 'queued', attempts = 0, error = NULL, finished_at = NULL "
        "WHERE status = 'failed'"
    ).rowcount
