"""A duplicate-search worker: claim a job, search, record the hit and mark the job done, repeat.

Why its own database connection: the search of one enrollment takes about a second and must not
hold the connection (and its lock) that the API's requests use; on PostgreSQL several workers, each
with its own connection, share the queue. The palm gallery lives in the worker's store (loaded once,
topped up before every job), so the API process need not hold it at all.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import threading
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from fieldkit.hq import search_queue, search_shards
from fieldkit.hq.duplicates import owner_of, record_duplicate, search_hits, to_hit
from fieldkit.hq.review_districts import place_new_reviews
from fieldkit.hq.store import HqStore

log = logging.getLogger(__name__)
POLL_SECONDS = 2.0
BATCH = 500  # jobs claimed and searched together: ~1,000 hands, well inside the 300 s lease at 720k


@dataclass
class WorkerTally:
    """What one worker did."""

    searched: int = 0
    flagged: int = 0
    retried: int = 0
    failed: int = 0
    failures: list[str] = field(default_factory=list)  # "enrollment UUID: reason" of jobs failed for good


def worker_name() -> str:
    """Host, process and a short random part: which worker held a job, in the table."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def _reason(exc: BaseException) -> str:
    # note: no record content reaches an exception here, only template and database errors
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text.splitlines()[0]}" if text else type(exc).__name__


def _count_failure(tally: WorkerTally, enrollment_uuid: str, reason: str, status: str) -> None:
    if status == "failed":
        tally.failed += 1
        tally.failures.append(f"{enrollment_uuid}: {reason}")
        log.error("duplicate search of enrollment %s failed for good: %s", enrollment_uuid, reason)
    elif status == "queued":
        tally.retried += 1
        log.warning("duplicate search of enrollment %s failed (%s); queued again", enrollment_uuid, reason)


def _failed(
    hq: HqStore, job: search_queue.Job, exc: BaseException, tally: WorkerTally, max_attempts: int
) -> None:
    reason = _reason(exc)
    status = search_queue.fail(hq, job, reason, max_attempts=max_attempts)
    _count_failure(tally, job.enrollment_uuid, reason, status)


def run_batch(
    hq: HqStore,
    worker_id: str,
    tally: WorkerTally,
    *,
    batch: int = BATCH,
    lease_seconds: int = search_queue.LEASE_SECONDS,
    max_attempts: int = search_queue.MAX_ATTEMPTS,
) -> bool:
    """Claim up to ``batch`` jobs, search them together, record each; False when nothing was free."""
    jobs = search_queue.claim_many(
        hq, worker_id, batch, lease_seconds=lease_seconds, max_attempts=max_attempts
    )
    if not jobs:
        return False
    try:
        found = search_hits(hq, [job.enrollment_uuid for job in jobs])
    except Exception as exc:  # note: the whole batch failed (e.g. the gallery could not load)
        for job in jobs:
            _failed(hq, job, exc, tally, max_attempts)
        return True
    for job in jobs:
        hits = found[job.enrollment_uuid]
        try:
            if isinstance(hits, Exception):
                raise hits
            hit = to_hit(job.enrollment_uuid, owner_of(hq, job.enrollment_uuid), hits)
            with hq.db.transaction():
                if not search_queue.finish(hq, job, flagged=hit is not None):
                    log.warning("search job %s was taken over by another worker; result dropped", job.id)
                    continue
                if hit is not None:
                    record_duplicate(hq, hit)
        except Exception as exc:  # note: any failure of one job is recorded against that job
            _failed(hq, job, exc, tally, max_attempts)
            continue
        tally.searched += 1
        tally.flagged += hit is not None
    place_new_reviews(hq)  # note: the new duplicate items into the queue's district filter
    return True


def run_shard_batch(
    hq: HqStore,
    worker_id: str,
    tally: WorkerTally,
    shard: tuple[int, int],
    *,
    batch: int = BATCH,
    lease_seconds: int = search_queue.LEASE_SECONDS,
    max_attempts: int = search_queue.MAX_ATTEMPTS,
) -> bool:
    """Claim this shard's part of up to ``batch`` jobs, search them against the shard together and
    record each part; the part that completes a job records its review. False when nothing was free."""
    parts = search_shards.claim_parts(
        hq, worker_id, shard, batch, lease_seconds=lease_seconds, max_attempts=max_attempts
    )
    if not parts:
        return False
    try:
        found = search_hits(hq, [part.enrollment_uuid for part in parts], shard=shard)
    except Exception as exc:  # note: the whole batch failed (e.g. the gallery could not load)
        found = dict.fromkeys((part.enrollment_uuid for part in parts), exc)
    for part in parts:
        hits = found[part.enrollment_uuid]
        hit = None
        try:
            if isinstance(hits, Exception):
                raise hits
            with hq.db.transaction():
                mine, merged = search_shards.finish_part(hq, part, hits)
                if not mine:
                    log.warning("search job %s (shard %s) was taken over; result dropped", part.job_id, shard)
                    continue
                if merged is not None:
                    hit = to_hit(part.enrollment_uuid, owner_of(hq, part.enrollment_uuid), merged)
                    if hit is not None:
                        record_duplicate(hq, hit)
                    search_shards.complete(hq, part, flagged=hit is not None)
        except Exception as exc:  # note: any failure of one part is recorded against that part
            reason = _reason(exc)
            status = search_shards.fail_part(hq, part, reason, max_attempts=max_attempts)
            _count_failure(tally, part.enrollment_uuid, reason, status)
            continue
        tally.searched += 1
        tally.flagged += hit is not None
    place_new_reviews(hq)
    return True


def run_one(
    hq: HqStore,
    worker_id: str,
    tally: WorkerTally,
    *,
    lease_seconds: int = search_queue.LEASE_SECONDS,
    max_attempts: int = search_queue.MAX_ATTEMPTS,
) -> bool:
    """Claim and work one job; False when the queue had nothing free."""
    return run_batch(hq, worker_id, tally, batch=1, lease_seconds=lease_seconds, max_attempts=max_attempts)


def run_worker(
    hq: HqStore,
    *,
    once: bool = False,
    poll_seconds: float = POLL_SECONDS,
    stop: threading.Event | None = None,
    worker_id: str | None = None,
    lease_seconds: int = search_queue.LEASE_SECONDS,
    max_attempts: int = search_queue.MAX_ATTEMPTS,
    batch: int = BATCH,
    shard: tuple[int, int] | None = None,
) -> WorkerTally:
    """Work the queue: until it is empty (``once``) or until ``stop`` is set, polling when idle.

    ``batch``: jobs claimed and searched together. ``shard`` (K, N): hold shard K of N of the gallery
    and work the jobs' parts for that shard (:mod:`fieldkit.hq.search_shards`).
    """
    name = worker_id or worker_name()
    stop = stop or threading.Event()
    tally = WorkerTally()
    while not stop.is_set():
        if shard is None:
            worked = run_batch(
                hq, name, tally, batch=batch, lease_seconds=lease_seconds, max_attempts=max_attempts
            )
        else:
            worked = run_shard_batch(
                hq, name, tally, shard, batch=batch, lease_seconds=lease_seconds, max_attempts=max_attempts
            )
        if worked:
            continue
        if once:
            break
        stop.wait(poll_seconds)
    return tally


def keep_working(
    home: Path,
    db_url: str | None,
    stop: threading.Event,
    *,
    poll_seconds: float = POLL_SECONDS,
    batch: int = BATCH,
    shard: tuple[int, int] | None = None,
    lease_seconds: int = search_queue.LEASE_SECONDS,
) -> None:
    """Work the queue until ``stop``, on a connection of its own that is opened again after a
    database error (a PostgreSQL restart, a dropped link): a long-running worker outlives both."""
    while not stop.is_set():
        try:
            hq = HqStore.open(home, db_url=db_url)
        except Exception as exc:  # note: e.g. the database is not back yet
            log.warning("duplicate-search worker: cannot open the database (%s); retrying", _reason(exc))
            stop.wait(poll_seconds)
            continue
        try:
            run_worker(
                hq,
                poll_seconds=poll_seconds,
                stop=stop,
                batch=batch,
                shard=shard,
                lease_seconds=lease_seconds,
            )
        except Exception as exc:  # note: the claimed job's lease runs out and it is taken again
            log.warning("duplicate-search worker: database error (%s); reconnecting", _reason(exc))
            stop.wait(poll_seconds)
        finally:
            with contextlib.suppress(Exception):
                hq.close()


class WorkerThread:
    """The in-process worker ``fieldkit hq serve`` starts (single-machine headquarters)."""

    def __init__(self, home: Path, db_url: str | None, *, poll_seconds: float = POLL_SECONDS) -> None:
        self.stop = threading.Event()
        self._thread = threading.Thread(
            target=keep_working,
            args=(home, db_url, self.stop),
            kwargs={"poll_seconds": poll_seconds},
            name="fieldkit-search-worker",
            daemon=True,
        )

    def start(self) -> None:
        self._thread.start()

    def close(self, timeout: float = 30.0) -> None:
        self.stop.set()
        self._thread.join(timeout)
