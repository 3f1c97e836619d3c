"""Headquarters killed mid-request, uploads resumed, and ten laptops at once.

- Seeded runs in which the headquarters *process* is killed (SIGKILL) at a random moment of a sync —
  mid-chunk, mid-intake or mid-answer — and started again: HQ ends with exactly the records the laptop
  made (none lost, none doubled) and the outbox empties.
- An upload interrupted on the laptop side resumes from the offset HQ confirms, from the spooled
  batch, at the next sync (same batch id, nothing sent twice).
- Ten simulated laptops, each with 1,000 records, sync concurrently into one HQ; all reconciled.
"""

from __future__ import annotations

import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests

from fieldkit.errors import UserError
from fieldkit.hq.keys import PUBLIC_FILE, read_public_key_file
from fieldkit.hq.server import create_app
from fieldkit.hq.store import HqStore
from fieldkit.sync.client import sync
from storage.records import Case
from storage.store import Store
from tests.conftest import PASSPHRASE
from tests.fieldkit.hq_helpers import register
from tests.fieldkit.test_http_sync import _free_port, _serve

KILL_RUNS = 12


class HqProcess:
    """``fieldkit hq serve`` in its own process, which the test can kill outright."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.port = _free_port()
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.log = open(self.home / "serve.log", "ab")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "fieldkit",
                "hq",
                "--hq-home",
                str(self.home),
                "serve",
                "--port",
                str(self.port),
            ],
            stdout=subprocess.DEVNULL,
            stderr=self.log,
        )
        deadline = time.monotonic() + 60  # note: generous; two busy cores can make imports slow
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{self.url}/v1/health", timeout=1).status_code == 200:
                    return
            except requests.RequestException:
                time.sleep(0.05)
        log = (self.home / "serve.log").read_text(errors="replace")[-2000:]
        raise RuntimeError(f"headquarters did not start; its log ends with:\n{log}")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def kill(self) -> None:
        if self.process is not None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)
            self.process = None
            self.log.close()


def _make_cases(store: Store, n: int) -> set[str]:
    with store.transaction("op"):
        return {
            store.cases.open(
                Case(kind="capture_failure", person_uuid=None, opened_by="op", details={"note": "x" * 2000})
            ).uuid
            for _ in range(n)
        }


def _held(hq_home: Path) -> dict[str, int]:
    hq = HqStore.open(hq_home)
    try:
        rows = hq.db.execute("SELECT record_uuid, count(*) FROM records GROUP BY record_uuid").fetchall()
    finally:
        hq.close()
    return {str(uuid): int(n) for uuid, n in rows}


def test_hq_killed_mid_request_loses_and_doubles_nothing(store: Store, hq_home: Path, tmp_path: Path) -> None:
    key = read_public_key_file(hq_home / PUBLIC_FILE)
    register(store, hq_home)
    server = HqProcess(hq_home)
    server.start()
    made: set[str] = set()
    kills = 0
    try:
        for run in range(KILL_RUNS):
            rng = random.Random(run)
            made |= _make_cases(store, rng.randint(20, 60))
            delay = rng.uniform(0.02, 0.4)

            def killer(delay: float = delay) -> None:
                time.sleep(delay)
                server.kill()

            thread = threading.Thread(target=killer)
            thread.start()
            for _ in range(20):
                try:
                    sync(
                        store,
                        url=server.url,
                        hq_public_key=key,
                        actor="op",
                        attempts=2,
                        timeout=2,
                        sleep=lambda _: time.sleep(0.05),
                        spool=tmp_path / "spool",
                        chunk=8 * 1024,
                    )
                except UserError:
                    pass
                if not thread.is_alive() and server.process is None:
                    server.start()
                    kills += 1
                if store.outbox.pending_count() == 0 and not thread.is_alive():
                    break
            thread.join()
            if server.process is None:
                server.start()
                kills += 1
            sync(store, url=server.url, hq_public_key=key, actor="op", spool=tmp_path / "spool")
            assert store.outbox.pending_count() == 0, f"run {run}: outbox not empty"
    finally:
        server.kill()
    held = _held(hq_home)
    assert kills == KILL_RUNS
    assert all(n == 1 for n in held.values()), "a record was stored twice"
    assert made <= set(held), "a record was lost"


def test_interrupted_upload_resumes_from_the_spooled_batch(
    store: Store, hq_home: Path, tmp_path: Path
) -> None:
    key = read_public_key_file(hq_home / PUBLIC_FILE)
    register(store, hq_home)
    made = _make_cases(store, 100)
    spool = tmp_path / "spool"
    seen: list[int] = []

    def pull_the_plug(stage: str, done: int, total: int) -> None:
        seen.append(done)
        if len(seen) == 4:
            raise ConnectionAbortedError("laptop closed")

    serving = _serve(create_app(hq_home))
    url = next(serving)
    try:
        with pytest.raises(ConnectionAbortedError):
            sync(
                store,
                url=url,
                hq_public_key=key,
                actor="op",
                spool=spool,
                chunk=16 * 1024,
                progress=pull_the_plug,
            )
        assert (spool / "batch.fkbatch").exists() and store.outbox.pending_count() == len(made)
        hq = HqStore.open(hq_home)
        held_bytes = int(hq.db.scalar("SELECT received FROM uploads"))
        hq.close()
        assert held_bytes == 3 * 16 * 1024  # three chunks confirmed before the plug was pulled
        resumed: list[int] = []
        sync(
            store,
            url=url,
            hq_public_key=key,
            actor="op",
            spool=spool,
            chunk=16 * 1024,
            progress=lambda s, d, t: resumed.append(d),
        )
        assert resumed[0] == held_bytes  # continued where HQ stood, not from zero
    finally:
        serving.close()
    assert store.outbox.pending_count() == 0 and not (spool / "batch.fkbatch").exists()
    assert made <= set(_held(hq_home))
    hq = HqStore.open(hq_home)
    assert (
        hq.db.scalar("SELECT count(*) FROM uploads") == 1
        and hq.db.scalar("SELECT count(*) FROM batches") == 1
    )
    hq.close()


@pytest.mark.slow
def test_ten_laptops_sync_concurrently(template_store: Path, hq_home: Path, tmp_path: Path) -> None:
    key = read_public_key_file(hq_home / PUBLIC_FILE)
    laptops: list[Store] = []
    made: set[str] = set()
    for n in range(10):
        path = tmp_path / f"laptop{n}.db"
        shutil.copyfile(template_store, path)
        laptop = Store.open(path, PASSPHRASE)
        register(laptop, hq_home, f"laptop {n}")
        made |= _make_cases(laptop, 1000)
        laptops.append(laptop)
    errors: list[BaseException] = []
    serving = _serve(create_app(hq_home))
    url = next(serving)
    try:

        def run(laptop: Store) -> None:
            try:
                sync(laptop, url=url, hq_public_key=key, actor="op", timeout=120)
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=run, args=(laptop,)) for laptop in laptops]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
    finally:
        serving.close()
    assert errors == []
    assert all(laptop.outbox.pending_count() == 0 for laptop in laptops)
    held = _held(hq_home)
    assert made <= set(held) and all(n == 1 for n in held.values())
    print(f"\n10 laptops × 1,000 records: {elapsed:.1f} s, {len(made) / elapsed:.0f} records/s")
    for laptop in laptops:
        laptop.close()
