"""Ten laptops syncing at once into one headquarters (issue 18): the end-of-day rush.

Each laptop is a real encrypted store with ``records`` field cases (a 2 kB note each), registered at
HQ, synced through the real sync client (declare, chunks, complete, acknowledgements) by its own
thread against the real FastAPI app under uvicorn, or against ``--url`` (e.g. ``fieldkit hq serve
--processes 2`` started by hand on the same data folder). Checked afterwards: every record held
exactly once. Used by ``bench_hq.py --laptops N``.
"""

from __future__ import annotations

import socket
import statistics
import threading
import time
from pathlib import Path

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


def _serve(home: Path, db_url: str | None) -> tuple[uvicorn.Server, threading.Thread, str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    app = create_app(home, db_url=db_url, passphrase_prompt=_passphrase)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    return server, thread, f"http://127.0.0.1:{port}"


def _sync_one(store: Store, url: str, hq_key: bytes, signing: bytes, errors: list[BaseException]) -> None:
    try:
        sync(store, url=url, hq_public_key=hq_key, hq_signing_key=signing, actor="bench", timeout=300)
    except BaseException as exc:  # note: reported after the run; the other laptops go on
        errors.append(exc)


def run_laptops(label: str, folder: Path, db_url: str | None, laptops: int, records: int, runs: int) -> None:
    """Sync ``laptops`` fresh laptops at once, ``runs`` times; print the median wall time."""
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
        server, thread, url = _serve(home, db_url)
        errors: list[BaseException] = []

        threads = [
            threading.Thread(target=_sync_one, args=(store, url, hq_key, signing, errors)) for store in stores
        ]
        started = time.perf_counter()
        for worker in threads:
            worker.start()
        for worker in threads:
            worker.join()
        times.append(time.perf_counter() - started)
        server.should_exit = True
        thread.join(timeout=30)
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
    print(
        f"[{label}] {laptops} laptops x {records:,} records concurrently: median "
        f"{statistics.median(times):.1f} s ({runs} runs)",
        flush=True,
    )
