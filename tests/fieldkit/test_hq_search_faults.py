"""Fault runs of the batched and sharded duplicate search, on SQLite and PostgreSQL.

A ``fieldkit hq worker`` process is killed (SIGKILL) while it holds a batch of claimed jobs and is
searching them; a worker started afterwards takes them again once the lease has run out, and in the
end every job is done, the planted duplicate has exactly one review item, nothing is lost. Two
workers claiming batches never take the same job. Sharded workers (``--shard K/N``) each search
their part of the gallery and the job is recorded once, by whichever finishes last.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from fieldkit.hq import search_queue
from fieldkit.hq.search_worker import WorkerTally, run_worker
from fieldkit.hq.store import HqStore
from matching.palm_template import FORMAT_NAME, PalmTemplate, to_bytes
from storage.store import Store
from tests.conftest import REPO
from tests.fieldkit.test_hq_search_queue import (  # noqa: F401 - fixtures used by name
    _duplicates,
    _queue_many,
    _two_laptops_same_palm,
    hq_url,
    second_store,
)


def _pad_gallery(hq_home: Path, size: int) -> None:
    """``size`` other people's palms (random codes in real templates), enrolled before the batch."""
    rng = np.random.default_rng(18)
    hq = HqStore.open(hq_home)
    try:
        change = hq.next_change()
        rows = [
            (
                f"pad{i}",
                f"pad-e{i // 3}",
                f"PAD{i // 3:014d}",
                FORMAT_NAME,
                to_bytes(PalmTemplate(code=code)),
                change,
            )
            for i, code in enumerate(rng.integers(0, 2**32, size=(size, 6, 32), dtype=np.uint32))
        ]
        with hq.db.transaction():
            hq.db.executemany(
                "INSERT INTO templates (sample_uuid, enrollment_uuid, id_number, modality, hand, format, "
                "template, device_key_id, change_seq) VALUES (?, ?, ?, 'palm', 'left', ?, ?, 'pad', ?)",
                rows,
            )
    finally:
        hq.close()


def _worker(hq_home: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "fieldkit", "hq", "--hq-home", str(hq_home), "worker", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env=dict(os.environ),
    )


def _jobs(hq: HqStore) -> dict[str, tuple[str, int, str]]:
    rows = hq.db.execute("SELECT enrollment_uuid, status, attempts, worker_id FROM search_jobs").fetchall()
    return {str(u): (str(s), int(a), str(w or "")) for u, s, a, w in rows}


def test_a_worker_killed_mid_search_loses_nothing_and_doubles_nothing(
    store: Store,
    second_store: Store,  # noqa: F811
    hq_home: Path,
    hq_url: str,  # noqa: F811
) -> None:
    flagged = _two_laptops_same_palm(store, second_store, hq_home, hq_url)
    _queue_many(hq_home, 40)  # more enrollments of the same batch (no palms: quick, never flagged)
    _pad_gallery(hq_home, 30_000)
    doomed = _worker(hq_home, "--batch", "25", "--lease", "3", "--poll", "0.2")
    hq = HqStore.open(hq_home)
    try:
        deadline = time.monotonic() + 60
        while not any(s == "running" for s, _, _ in _jobs(hq).values()) and time.monotonic() < deadline:
            time.sleep(0.02)
        held = {u for u, (s, _, _) in _jobs(hq).items() if s == "running"}
        assert held, "the worker never claimed a batch"
        os.kill(doomed.pid, signal.SIGKILL)  # mid-search: its batch is claimed and not recorded
        doomed.communicate(timeout=30)
        assert doomed.returncode == -signal.SIGKILL
        before = _jobs(hq)
        assert {u for u, (s, _, _) in before.items() if s == "running"} == held
        assert len(held) == 25 and _duplicates(hq) == []
        # a new worker: first it leaves the dead worker's jobs alone while their lease runs
        again = _worker(hq_home, "--once", "--batch", "25", "--lease", "3")
        _out, err = again.communicate(timeout=300)
        assert again.returncode == 0, err
        middle = _jobs(hq)
        assert {u for u, (s, _, _) in middle.items() if s == "running"} <= held
        time.sleep(3.5)
        last = _worker(hq_home, "--once", "--batch", "25")
        _out, err = last.communicate(timeout=300)
        assert last.returncode == 0, err
        after = _jobs(hq)
        assert {s for s, _, _ in after.values()} == {"done"} and len(after) == 42  # nothing lost
        for enrollment, (_, attempts, _) in after.items():
            assert attempts == (2 if enrollment in held else 1)  # taken again only if the dead one held it
        assert _duplicates(hq) == [flagged]  # one review item for the planted duplicate, never two
        assert int(hq.db.scalar("SELECT count(*) FROM search_jobs WHERE flagged = 1")) == 1
    finally:
        hq.close()
        if doomed.poll() is None:
            doomed.kill()


@pytest.mark.parametrize("batch", [1, 7, 64])
def test_two_workers_claiming_batches_never_take_the_same_job(hq_home: Path, batch: int) -> None:
    _queue_many(hq_home, 200)
    tallies: list[WorkerTally] = []
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def work(name: str) -> None:
        hq = HqStore.open(hq_home)
        try:
            start.wait()
            tallies.append(run_worker(hq, once=True, worker_id=name, batch=batch))
        except BaseException as exc:
            errors.append(exc)
        finally:
            hq.close()

    threads = [threading.Thread(target=work, args=(f"w{i}",)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert errors == []
    assert sum(t.searched for t in tallies) == 200
    hq = HqStore.open(hq_home)
    try:
        assert {(s, a) for s, a, _ in _jobs(hq).values()} == {("done", 1)}  # none claimed twice
    finally:
        hq.close()


def test_sharded_workers_record_the_duplicate_once_and_an_unsharded_worker_keeps_out(
    store: Store,
    second_store: Store,  # noqa: F811
    hq_home: Path,
    hq_url: str,  # noqa: F811
    cli: Any,
) -> None:
    flagged = _two_laptops_same_palm(store, second_store, hq_home, hq_url)
    _queue_many(hq_home, 10)
    _pad_gallery(hq_home, 600)
    hq = HqStore.open(hq_home)
    try:
        first = run_worker(hq, once=True, shard=(0, 2), worker_id="s0")
        assert first.searched == 12 and first.flagged == 0  # no job is complete with one shard of two
        assert search_queue.depth(hq)["done"] == 0
        assert run_worker(hq, once=True).searched == 0  # begun by shards: not for an unsharded worker
        assert run_worker(hq, once=True, shard=(0, 2), worker_id="s0b").searched == 0  # its part is done
    finally:
        hq.close()
    second = cli("hq", "worker", "--once", "--shard", "1/2", "--hq-home", str(hq_home))
    assert second.code == 0 and "Searched 12 enrollment(s) against shard 1/2: 1 flagged" in second.out
    hq = HqStore.open(hq_home)
    try:
        assert search_queue.depth(hq) == {"queued": 0, "running": 0, "done": 12, "failed": 0}
        assert _duplicates(hq) == [flagged]
        parts = hq.db.execute("SELECT shard, status FROM search_job_parts").fetchall()
        assert sorted((int(k), str(s)) for k, s in parts) == sorted([(0, "done"), (1, "done")] * 12)
    finally:
        hq.close()
    assert cli("hq", "worker", "--once", "--shard", "2/2", "--hq-home", str(hq_home)).code == 2
    assert cli("hq", "worker", "--once", "--shard", "x", "--hq-home", str(hq_home)).code == 2


def test_a_sharded_workers_lost_part_is_taken_again_after_its_lease(hq_home: Path) -> None:
    _queue_many(hq_home, 3)
    hq = HqStore.open(hq_home)
    try:
        from fieldkit.hq import search_shards

        lost = search_shards.claim_parts(hq, "dead", (1, 2), 10, lease_seconds=1, max_attempts=3)
        assert len(lost) == 3
        assert search_shards.claim_parts(hq, "other", (1, 2), 10, lease_seconds=1, max_attempts=3) == []
        assert run_worker(hq, once=True, shard=(0, 2)).searched == 3
        time.sleep(2.1)
        tally = run_worker(hq, once=True, shard=(1, 2))
        assert tally.searched == 3
        assert search_queue.depth(hq)["done"] == 3
        with hq.db.transaction():  # the dead worker's late answer is dropped
            assert search_shards.finish_part(hq, lost[0], {}) == (False, None)
        assert search_shards.fail_part(hq, lost[0], "late", max_attempts=3) == "lost"
    finally:
        hq.close()


def test_queue_ids_are_unique_per_enrollment(hq_home: Path) -> None:
    hq = HqStore.open(hq_home)
    try:
        same = str(uuid.uuid4())
        with hq.db.transaction():
            search_queue.enqueue(hq, [same, same], batch_id="b", device_key_id="d")
        assert search_queue.depth(hq)["queued"] == 1
    finally:
        hq.close()
