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

from fieldkit.hq import search_queue
from fieldkit.hq.duplicates import find_duplicates, record_duplicate
from fieldkit.hq.store import HqStore

log = logging.getLogger(__name__)
POLL_SECONDS = 2.0


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


def run_one(
    hq: HqStore,
    worker_id: str,
    tally: WorkerTally,
    *,
    lease_seconds: int = search_queue.LEASE_SECONDS,
    max_attempts: int = search_queue.MAX_ATTEMPTS,
) -> bool:
    """Claim and work one job; False when the queue had nothing free."""
    job = search_queue.claim(hq, worker_id, lease_seconds=lease_seconds, max_attempts=max_attempts)
    if job is None:
        return False
    try:
        hit = find_duplicates(hq, job.enrollment_uuid)
        with hq.db.transaction():
            if not search_queue.finish(hq, job, flagged=hit is not None):
                log.warning("search job %s was taken over by another worker; result dropped", job.id)
                return True
            if hit is not None:
                record_duplicate(hq, hit)
    except Exception as exc:  # note: any failure of one job is recorded against that job
        reason = _reason(exc)
        status = search_queue.fail(hq, job, reason, max_attempts=max_attempts)
        if status == "failed":
            tally.failed += 1
            tally.failures.append(f"{job.enrollment_uuid}: {reason}")
            log.error("duplicate search of enrollment %s failed for good: %s", job.enrollment_uuid, reason)
        else:
            tally.retried += 1
            log.warning(
                "duplicate search of enrollment %s failed (%s); queued again", job.enrollment_uuid, reason
            )
        return True
    tally.searched += 1
    tally.flagged += hit is not None
    return True


def run_worker(
    hq: HqStore,
    *,
    once: bool = False,
    poll_seconds: float = POLL_SECONDS,
    stop: threading.Event | None = None,
    worker_id: str | None = None,
    lease_seconds: int = search_queue.LEASE_SECONDS,
    max_attempts: int = search_queue.MAX_ATTEMPTS,
) -> WorkerTally:
    """Work the queue: until it is empty (``once``) or until ``stop`` is set, polling when idle."""
    name = worker_id or worker_name()
    stop = stop or threading.Event()
    tally = WorkerTally()
    while not stop.is_set():
        if run_one(hq, name, tally, lease_seconds=lease_seconds, max_attempts=max_attempts):
            continue
        if once:
            break
        stop.wait(poll_seconds)
    return tally


def keep_working(
    home: Path, db_url: str | None, stop: threading.Event, *, poll_seconds: float = POLL_SECONDS
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
            run_worker(hq, poll_seconds=poll_seconds, stop=stop)
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
