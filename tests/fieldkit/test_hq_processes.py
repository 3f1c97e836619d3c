"""Several headquarters processes on one PostgreSQL (issue 18): two API processes and two
duplicate-search workers, each its own ``python -m fieldkit`` process.

- Two laptops sync through both API processes (each laptop's syncs alternate between them); every
  record is held exactly once, nothing is left in an outbox, and the duplicate planted across the
  two laptops is found by one of the workers, once.
- A signed request accepted by one API process is refused as a replay by the other: nonces live in
  the database, not in a process.
- ``fieldkit hq serve --processes 2`` starts two API processes under one port and serves a sync;
  on SQLite it is refused with a clear message (exit 1).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from fieldkit.hq import search_queue
from fieldkit.hq.reviews import list_reviews
from fieldkit.hq.store import HqStore
from fieldkit.wire.request_auth import signed_headers
from storage.records import Case
from storage.store import Store
from tests.conftest import REPO, run_process
from tests.fieldkit.hq_helpers import detail_code, register, store_key
from tests.fieldkit.test_hq_search_queue import CARDS, _enroll, _sync
from tests.fieldkit.test_hq_search_queue import second_store as second_store
from tests.http_server import free_port


def _start(home: Path, *extra: str, log: str) -> subprocess.Popen[bytes]:
    with open(home.parent / log, "ab") as sink:
        return subprocess.Popen(
            [sys.executable, "-m", "fieldkit", "hq", "--hq-home", str(home), *extra],
            stdout=sink,
            stderr=sink,
            cwd=REPO,
            env=dict(os.environ),
        )


def _wait_healthy(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 90  # note: two busy cores make imports slow
    while time.monotonic() < deadline:
        assert process.poll() is None, "the server process exited"
        try:
            if requests.get(f"{url}/v1/health", timeout=1).status_code == 200:
                return
        except requests.RequestException:
            time.sleep(0.1)
    raise AssertionError("headquarters did not start")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture
def two_apis(hq_home: Path, hq_backend: str) -> Iterator[list[str]]:
    if hq_backend != "postgresql":
        pytest.skip("several HQ processes share one PostgreSQL (SQLite has one writer)")
    ports = [free_port(), free_port()]
    servers = [
        _start(hq_home, "serve", "--no-worker", "--port", str(port), log=f"api{n}.log")
        for n, port in enumerate(ports)
    ]
    try:
        urls = [f"http://127.0.0.1:{port}" for port in ports]
        for url, server in zip(urls, servers, strict=True):
            _wait_healthy(url, server)
        yield urls
    finally:
        for server in servers:
            _stop(server)


def _cases(store: Store, n: int) -> None:
    with store.transaction("op"):
        for _ in range(n):
            store.cases.open(Case(kind="capture_failure", person_uuid=None, opened_by="op", details={}))


def test_two_api_processes_and_two_workers_lose_and_double_nothing(
    store: Store,
    second_store: Store,
    hq_home: Path,
    two_apis: list[str],
) -> None:
    first, second = two_apis
    workers = [_start(hq_home, "worker", "--poll", "0.2", log=f"worker{n}.log") for n in range(2)]
    try:
        register(store, hq_home, "laptop A")
        register(second_store, hq_home, "laptop B")
        _enroll(store, CARDS[0], 1, 0, 2)
        _cases(store, 40)
        results = [_sync(store, hq_home, first)]
        outcome = _enroll(second_store, CARDS[1], 1, 5, 3)  # same left palm, another ID number
        _cases(second_store, 40)
        results.append(_sync(second_store, hq_home, second))
        _cases(store, 30)
        _cases(second_store, 30)
        results.append(_sync(store, hq_home, second))
        results.append(_sync(second_store, hq_home, first))
        assert all(r.problems == {} for r in results)
        assert store.outbox.pending_count() == 0 and second_store.outbox.pending_count() == 0
        sent = sum(r.sent for r in results)
        hq = HqStore.open(hq_home)
        try:
            deadline = time.monotonic() + 180
            while search_queue.depth(hq)["done"] < 2 and time.monotonic() < deadline:
                time.sleep(0.2)
            assert search_queue.depth(hq) == {"queued": 0, "running": 0, "done": 2, "failed": 0}
            duplicates = [r.record_uuid for r in list_reviews(hq) if r.kind == "duplicate"]
            assert duplicates == [str(outcome.enrollment.uuid)]
            held = hq.db.execute("SELECT record_uuid, count(*) FROM records GROUP BY record_uuid").fetchall()
            assert all(int(n) == 1 for _, n in held)
            assert len(held) == sent and sent > 140  # every record sent, once (140 cases and more)
            assert int(hq.db.scalar("SELECT count(*) FROM batches")) == 4
            workers_seen = hq.db.scalar("SELECT count(DISTINCT worker_id) FROM search_jobs")
            assert int(workers_seen) >= 1
        finally:
            hq.close()
    finally:
        for worker in workers:
            _stop(worker)
    for worker in workers:
        assert worker.returncode == 0


def test_a_request_seen_by_one_api_process_is_a_replay_at_the_other(
    store: Store, hq_home: Path, two_apis: list[str]
) -> None:
    register(store, hq_home)
    key, key_id = store_key(store)
    headers = signed_headers(key, key_id, "GET", "/v1/decisions?since=0", b"")
    first = requests.get(f"{two_apis[0]}/v1/decisions?since=0", headers=headers, timeout=10)
    again = requests.get(f"{two_apis[1]}/v1/decisions?since=0", headers=headers, timeout=10)
    assert first.status_code == 200
    assert again.status_code == 409 and detail_code(again) == "auth.replay"


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _api_children(pid: int) -> list[int]:
    """The API processes uvicorn spawned (not multiprocessing's resource tracker)."""
    return [
        child
        for child in _children(pid)
        if b"resource_tracker" not in Path(f"/proc/{child}/cmdline").read_bytes()
    ]


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="counts processes in /proc")
def test_serve_processes_2_starts_two_api_processes(store: Store, hq_home: Path, hq_backend: str) -> None:
    if hq_backend != "postgresql":
        refused = run_process("hq", "--hq-home", str(hq_home), "serve", "--processes", "2")
        assert refused.code == 1 and "needs a PostgreSQL database" in refused.err
        assert "Traceback" not in refused.err
        return
    port = free_port()
    server = _start(hq_home, "serve", "--processes", "2", "--port", str(port), log="serve2.log")
    try:
        url = f"http://127.0.0.1:{port}"
        _wait_healthy(url, server)
        deadline = time.monotonic() + 60
        while len(_api_children(server.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert len(_api_children(server.pid)) == 2
        register(store, hq_home)
        _cases(store, 20)
        for _ in range(3):  # several syncs, many connections: served by whichever process accepts
            assert _sync(store, hq_home, url).problems == {}
            _cases(store, 5)
        assert _sync(store, hq_home, url).problems == {}
        assert store.outbox.pending_count() == 0
    finally:
        _stop(server)
    assert server.returncode == 0, (hq_home.parent / "serve2.log").read_text(errors="replace")[-2000:]
