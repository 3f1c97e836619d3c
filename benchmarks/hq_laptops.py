"""Ten laptops syncing at once into one headquarters (issue 18): the end-of-day rush.

Each laptop is a real encrypted store with ``records`` field cases (a 2 kB note each), registered at
HQ, synced through the real sync client (declare, chunks, complete, acknowledgements) by its own
thread against the real FastAPI app under uvicorn in this process, or (``--processes N``,
PostgreSQL) against ``fieldkit hq serve --processes N`` started as its own process on the same
database. Checked afterwards: every record held exactly once. Used by ``bench_hq.py --laptops N``.
"""

from __future__ import annotations

import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests
import uvicorn

from fieldkit.device_key import device_public_key
from fieldkit.hq.keys import create_hq_key, load_hq_signing_key
from fieldkit.hq.server import create_app
from fieldkit.hq.store import HqStore
from fieldkit.sync.client import sync
from fieldkit.wire import keys as wire_keys
from storage.records import Case
from storage.store import Store

PASSPHRASE = "benchmark laptop passphrase"


def _passphrase(_new: bool) -> str:
    return "benchmark hq passphrase"  # a throwaway HQ


def _laptop(path: Path, records: int) -> Store:
    store = Store.create(path, PASSPHRASE)
    with store.transaction("bench"):
        for _ in range(records):
            store.cases.open(
                Case(
                    kind="capture_failure", person_uuid=None, opened_by="bench", details={"note": "x" * 2000}
                )
            )
    return store


@contextmanager
def _serve_thread(home: Path, db_url: str | None) -> Iterator[str]:
    """The API under uvicorn in a thread of this process."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    app = create_app(home, db_url=db_url, passphrase_prompt=_passphrase)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


def _sync_one(store: Store, url: str, hq_key: bytes, signing: bytes, errors: list[BaseException]) -> None:
    try:
        sync(store, url=url, hq_public_key=hq_key, hq_signing_key=signing, actor="bench", timeout=300)
    except BaseException as exc:  # note: reported after the run; the other laptops go on
        errors.append(exc)


@contextmanager
def _serve_processes(home: Path, db_url: str, processes: int) -> Iterator[str]:
    """``fieldkit hq serve --processes N --no-worker`` as its own process, on a free port."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    env = dict(os.environ, FIELDKIT_HQ_PASSPHRASE=_passphrase(False), FIELDKIT_HQ_DB=db_url)
    command = [sys.executable, "-m", "fieldkit", "hq", "--hq-home", str(home), "serve", "--no-worker"]
    server = subprocess.Popen(
        [*command, "--processes", str(processes), "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{url}/v1/health", timeout=1).status_code == 200:
                    break
            except requests.RequestException:
                time.sleep(0.2)
        time.sleep(2.0)  # note: let every API process finish starting, not only the first
        yield url
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=60)


def run_laptops(
    label: str, folder: Path, db_url: str | None, laptops: int, records: int, runs: int, processes: int = 1
) -> None:
    """Sync ``laptops`` fresh laptops at once, ``runs`` times; print the median wall time. With
    ``processes`` > 1 (PostgreSQL) HQ is ``fieldkit hq serve --processes N`` instead of a thread here."""
    home = folder / f"hq-{label}"
    hq = HqStore.open(home, create=True, db_url=db_url)
    hq.passphrase_prompt = _passphrase
    hq_key = create_hq_key(hq)
    signing = load_hq_signing_key(hq).public_key().public_bytes_raw()
    hq.close()
    times: list[float] = []
    for run in range(runs):
        stores = [_laptop(folder / f"{label}-run{run}-laptop{n}.db", records) for n in range(laptops)]
        hq = HqStore.open(home, db_url=db_url)
        for n, store in enumerate(stores):
            public = device_public_key(store, "bench")
            hq.register_device(wire_keys.key_id(public), public, f"laptop {n}")
        hq.close()
        errors: list[BaseException] = []
        with (
            _serve_processes(home, db_url, processes)
            if processes > 1 and db_url
            else _serve_thread(home, db_url) as url
        ):
            threads = [
                threading.Thread(target=_sync_one, args=(store, url, hq_key, signing, errors))
                for store in stores
            ]
            started = time.perf_counter()
            for worker in threads:
                worker.start()
            for worker in threads:
                worker.join()
            times.append(time.perf_counter() - started)
        left = sum(store.outbox.pending_count() for store in stores)
        for store in stores:
            store.close()
        hq = HqStore.open(home, db_url=db_url)
        held = int(hq.db.scalar("SELECT count(*) FROM records"))
        hq.close()
        print(
            f"[{label}] run {run + 1}: {laptops} laptops x {records:,} records at once: {times[-1]:.1f} s "
            f"({laptops * records / times[-1]:.0f} records/s); {held:,} held at HQ (expected "
            f"{laptops * records * (run + 1):,}), {left} left in outboxes, {len(errors)} errors "
            f"{[str(e)[:80] for e in errors][:3]}",
            flush=True,
        )
    served = f", HQ as {processes} API processes" if processes > 1 and db_url else ""
    print(
        f"[{label}] {laptops} laptops x {records:,} records concurrently{served}: median "
        f"{statistics.median(times):.1f} s ({runs} runs)",
        flush=True,
    )
