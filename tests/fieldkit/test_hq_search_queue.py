"""Duplicate search as queued work: an upload is answered before any search, workers take the jobs
from the database (never the same one twice), a crashed worker's job is taken again once its lease
runs out, and a job that always fails ends ``failed`` with its reason — on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from capture.idcard.synthetic import synthetic_cards
from fieldkit.hq import search_queue
from fieldkit.hq.reviews import list_reviews
from fieldkit.hq.search_worker import WorkerTally, run_worker
from fieldkit.hq.server import create_app
from fieldkit.hq.store import HqStore
from fieldkit.sync.client import sync
from fieldkit.wire.keys import PUBLIC_FILE, read_public_key_file
from fieldkit.workflows.enrollment import enroll
from matching.synthetic_palm import synthetic_hand
from storage.store import Store
from tests.conftest import PASSPHRASE, REPO
from tests.fieldkit.hq_helpers import hq_signing, register
from tests.fieldkit.test_http_sync import _serve

CARDS = list(synthetic_cards(3, seed=11))


@pytest.fixture
def second_store(template_store: Path, tmp_path: Path) -> Iterator[Store]:
    path = tmp_path / "laptop-b.db"
    shutil.copyfile(template_store, path)
    opened = Store.open(path, PASSPHRASE)
    yield opened
    opened.close()


def _enroll(store: Store, card, left_hand: int, first_sample: int, right_hand: int):  # type: ignore[no-untyped-def]
    return enroll(
        store,
        card=card,
        face_image=None,
        palm_images={
            "left": [synthetic_hand(left_hand, first_sample + i) for i in range(3)],
            "right": [synthetic_hand(right_hand, i) for i in range(3)],
        },
        actor="op",
        device="sim",
        place="丛台区",
        cycle=2026,
    )


def _sync(store: Store, hq_home: Path, url: str):  # type: ignore[no-untyped-def]
    return sync(
        store,
        url=url,
        hq_public_key=read_public_key_file(hq_home / PUBLIC_FILE),
        hq_signing_key=hq_signing(hq_home),
        actor="op",
    )


def _two_laptops_same_palm(store: Store, second_store: Store, hq_home: Path, url: str) -> str:
    """Laptop A enrolls a person; laptop B another ID number with the same left palm. Returns B's
    enrollment UUID (the one the search must flag)."""
    register(store, hq_home, "laptop A")
    register(second_store, hq_home, "laptop B")
    _enroll(store, CARDS[0], 1, 0, 2)
    first = _sync(store, hq_home, url)
    assert first.problems == {} and first.duplicate_search_pending == 1  # the laptop is told it waits
    outcome = _enroll(second_store, CARDS[1], 1, 5, 3)
    second = _sync(second_store, hq_home, url)
    assert second.problems == {} and second.duplicate_search_pending == 1
    return str(outcome.enrollment.uuid)


def _duplicates(hq: HqStore) -> list[str]:
    return [r.record_uuid for r in list_reviews(hq) if r.kind == "duplicate"]


@pytest.fixture
def hq_url(hq_home: Path) -> Iterator[str]:
    yield from _serve(create_app(hq_home))


def test_upload_answers_with_the_search_pending_and_the_worker_flags_the_duplicate(
    store: Store,
    second_store: Store,
    hq_home: Path,
    hq_url: str,
    cli,  # type: ignore[no-untyped-def]
) -> None:
    flagged = _two_laptops_same_palm(store, second_store, hq_home, hq_url)
    hq = HqStore.open(hq_home)
    try:
        answers = [json.loads(r[0]) for r in hq.db.execute("SELECT report FROM uploads").fetchall()]
        pending = [u for a in answers for u in a["duplicate_search_pending"]]
        assert flagged in pending and len(pending) == 2  # both enrollments, each waiting in the queue
        assert all(set(a["statuses"].values()) <= {"accepted", "needs_review"} for a in answers)
        assert search_queue.depth(hq)["queued"] == 2 and _duplicates(hq) == []
    finally:
        hq.close()
    assert "2 queued, 0 running, 0 failed" in cli("hq", "queue", "--hq-home", str(hq_home)).out
    done = cli("hq", "worker", "--once", "--hq-home", str(hq_home))
    assert done.code == 0 and "Searched 2 enrollment(s): 1 flagged" in done.out
    hq = HqStore.open(hq_home)
    try:
        assert _duplicates(hq) == [flagged]  # found once, by the later enrollment, as in the request
        assert search_queue.depth(hq) == {"queued": 0, "running": 0, "done": 2, "failed": 0}
    finally:
        hq.close()
    assert "0 queued, 0 running, 0 failed" in cli("hq", "report", "--hq-home", str(hq_home)).out


def test_the_served_worker_thread_searches_and_the_decision_reaches_the_laptop(
    store: Store, second_store: Store, hq_home: Path
) -> None:
    from fieldkit.hq.reviews import decide_review

    served = _serve(create_app(hq_home, search_worker=True))
    url = next(served)
    try:
        flagged = _two_laptops_same_palm(store, second_store, hq_home, url)
        hq = HqStore.open(hq_home)
        try:
            deadline = time.monotonic() + 60
            while search_queue.depth(hq)["done"] < 2 and time.monotonic() < deadline:
                time.sleep(0.1)
            assert _duplicates(hq) == [flagged]
            review = next(r for r in list_reviews(hq) if r.kind == "duplicate")
            decide_review(hq, review.id, approve=False, note="same palm", decided_by="li")
        finally:
            hq.close()
        assert _sync(second_store, hq_home, url).decisions.get("review_recorded") == 1
    finally:
        served.close()
    held = [c for c in second_store.cases.list(status=None) if c.kind == "hq_duplicate"]
    assert len(held) == 1 and held[0].status == "rejected"


def _queue_many(hq_home: Path, n: int) -> None:
    hq = HqStore.open(hq_home)
    try:
        with hq.db.transaction():
            search_queue.enqueue(
                hq, [str(uuid.uuid4()) for _ in range(n)], batch_id=str(uuid.uuid4()), device_key_id="dev"
            )
    finally:
        hq.close()


def test_two_workers_never_take_the_same_job(hq_home: Path) -> None:
    _queue_many(hq_home, 300)
    tallies: list[WorkerTally] = []
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def work(name: str) -> None:
        hq = HqStore.open(hq_home)  # note: each worker its own connection, as separate processes
        try:
            start.wait()
            tallies.append(run_worker(hq, once=True, worker_id=name))
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
    assert sum(t.searched for t in tallies) == 300  # each job done exactly once between the two
    hq = HqStore.open(hq_home)
    try:
        rows = hq.db.execute("SELECT status, attempts, worker_id FROM search_jobs").fetchall()
    finally:
        hq.close()
    assert {(str(s), int(a)) for s, a, _ in rows} == {("done", 1)}  # no job was ever claimed twice
    print({w: sum(1 for *_, x in rows if x == w) for w in ("w0", "w1")})


_DIE_HOLDING_A_JOB = """
import os, sys
from pathlib import Path
from fieldkit.hq.search_queue import claim
from fieldkit.hq.store import HqStore
job = claim(HqStore.open(Path(sys.argv[1])), "doomed", lease_seconds=1)
print(job.id, job.attempts, flush=True)
os.kill(os.getpid(), 9)
"""


def test_a_killed_workers_job_is_taken_again_after_its_lease_and_done_once(
    store: Store, second_store: Store, hq_home: Path, hq_url: str
) -> None:
    flagged = _two_laptops_same_palm(store, second_store, hq_home, hq_url)
    hq = HqStore.open(hq_home)
    try:
        first = str(hq.db.scalar("SELECT enrollment_uuid FROM search_jobs ORDER BY id LIMIT 1"))
        run_one_first = search_queue.claim(hq, "tidy", lease_seconds=60)
        assert run_one_first is not None and run_one_first.enrollment_uuid == first
        with hq.db.transaction():
            assert search_queue.finish(hq, run_one_first, flagged=False)
    finally:
        hq.close()
    # a worker process claims B's job and is killed (SIGKILL) before it searches
    died = subprocess.run(
        [sys.executable, "-c", _DIE_HOLDING_A_JOB, str(hq_home)],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=dict(os.environ),
        timeout=60,
    )
    assert died.returncode == -9, died.stderr
    job_id, attempts = (int(x) for x in died.stdout.split())
    hq = HqStore.open(hq_home)
    try:
        assert run_worker(hq, once=True).searched == 0  # its lease still runs: nobody takes it
        assert search_queue.depth(hq)["running"] == 1
        time.sleep(2.1)  # note: leases are whole seconds
        tally = run_worker(hq, once=True)
        assert (tally.searched, tally.flagged) == (1, 1)
        row = hq.db.execute("SELECT status, attempts FROM search_jobs WHERE id = ?", (job_id,)).fetchone()
        assert (str(row[0]), int(row[1])) == ("done", attempts + 1)
        assert _duplicates(hq) == [flagged]
        # the dead worker's claim no longer counts: had it woken up, its result would be dropped
        lost = search_queue.Job(job_id, flagged, attempts, "doomed")
        with hq.db.transaction():
            assert not search_queue.finish(hq, lost, flagged=True)
        assert search_queue.fail(hq, lost, "late") == "lost"
        assert _duplicates(hq) == [flagged]
    finally:
        hq.close()


def test_a_job_that_always_fails_ends_failed_with_its_reason(
    store: Store,
    second_store: Store,
    hq_home: Path,
    hq_url: str,
    cli,  # type: ignore[no-untyped-def]
) -> None:
    flagged = _two_laptops_same_palm(store, second_store, hq_home, hq_url)
    hq = HqStore.open(hq_home)
    try:  # B's palm templates are damaged in the database (disk fault, bad restore)
        hq.db.execute("UPDATE templates SET template = ? WHERE enrollment_uuid = ?", (b"damaged", flagged))
    finally:
        hq.close()
    done = cli("hq", "worker", "--once", "--hq-home", str(hq_home))
    assert done.code == 1
    assert f"failed: {flagged}: TemplateError" in done.out and "failed for good" in done.err
    hq = HqStore.open(hq_home)
    try:
        assert search_queue.depth(hq) == {"queued": 0, "running": 0, "done": 1, "failed": 1}
        [failed] = search_queue.failed_jobs(hq)
        assert failed.enrollment_uuid == flagged and failed.attempts == search_queue.MAX_ATTEMPTS
        assert failed.error.startswith("TemplateError")
    finally:
        hq.close()
    listing = cli("hq", "queue", "--hq-home", str(hq_home))
    assert listing.code == 0 and "1 failed" in listing.out and f"enrollment {flagged}" in listing.out
    assert "1 failed" in cli("hq", "report", "--hq-home", str(hq_home)).out
    again = cli("hq", "queue", "--retry-failed", "--hq-home", str(hq_home))
    assert "1 failed search(es) queued again" in again.out and "1 queued" in again.out


def test_the_serve_worker_reconnects_after_postgresql_drops_its_connection(
    hq_home: Path, hq_backend: str
) -> None:
    if hq_backend != "postgresql":
        pytest.skip("a dropped server connection is a PostgreSQL matter")
    import psycopg

    from fieldkit.hq.search_worker import WorkerThread

    url = os.environ["FIELDKIT_HQ_DB"]
    worker = WorkerThread(hq_home, url, poll_seconds=0.2)
    worker.start()
    try:
        _queue_many(hq_home, 5)
        hq = HqStore.open(hq_home)
        try:
            deadline = time.monotonic() + 30
            while search_queue.depth(hq)["done"] < 5 and time.monotonic() < deadline:
                time.sleep(0.1)
            assert search_queue.depth(hq)["done"] == 5
            with psycopg.connect(url, autocommit=True) as admin:  # the server drops the worker's session
                dropped = admin.execute(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid() "
                    "AND pid <> %s",
                    (int(hq.db.scalar("SELECT pg_backend_pid()")),),
                ).fetchone()
            assert dropped is not None and dropped[0] >= 1
            _queue_many(hq_home, 5)
            deadline = time.monotonic() + 30
            while search_queue.depth(hq)["done"] < 10 and time.monotonic() < deadline:
                time.sleep(0.1)
            assert search_queue.depth(hq) == {"queued": 0, "running": 0, "done": 10, "failed": 0}
        finally:
            hq.close()
    finally:
        worker.close()


def test_fieldkit_hq_worker_runs_as_its_own_process_until_interrupted(hq_home: Path) -> None:
    import signal

    process = subprocess.Popen(
        [sys.executable, "-m", "fieldkit", "hq", "--hq-home", str(hq_home), "worker", "--poll", "0.2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env=dict(os.environ),
    )
    try:
        _queue_many(hq_home, 20)
        hq = HqStore.open(hq_home)
        try:
            deadline = time.monotonic() + 60
            while search_queue.depth(hq)["done"] < 20 and time.monotonic() < deadline:
                time.sleep(0.1)
            assert search_queue.depth(hq)["done"] == 20
        finally:
            hq.close()
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, err
    assert "worker running" in out and "Worker stopped." in out and "Traceback" not in err
